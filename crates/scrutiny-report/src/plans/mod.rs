//! Plans and strategies: the strategy progress report with its target review ([`strategy`]),
//! action plans ([`action_plan`]) and the directorate business plan ([`business_plan`]).

pub mod action_plan;
pub mod business_plan;
pub mod strategy;
