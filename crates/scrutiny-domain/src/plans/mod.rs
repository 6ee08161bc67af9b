//! Plans and strategies: strategies with their target reviews ([`strategy`]), action plans
//! ([`action_plan`]) and business plans' objectives and risks ([`business_plan`]), and how their
//! tables are imported and stored ([`tables`]).

pub mod action_plan;
pub mod business_plan;
pub mod strategy;
pub mod tables;

pub use action_plan::*;
pub use business_plan::*;
pub use strategy::*;

#[cfg(test)]
mod tests;
