//! Scrutiny's domain: the rules of a council's children's services scrutiny, in pure code.
//!
//! Nothing here reads the clock, a file, the network or a database: every date and every figure is
//! passed in, so each rule can be tested on its own. Shared core at the top: periods in
//! [`period`], values and special states in [`figure`], number formatting and rounding in
//! [`format`], working days and bank holidays in [`calendar`], how each imported table is
//! described in [`table`]. Then one folder per area: [`performance`] (the framework, progress,
//! direction of travel, summary counts, budgets, quarterly returns), [`plans`] (strategies, target
//! reviews, action plans, business plans) and [`complaints`] (the procedure, its records,
//! settings and annual figures). Case records and meetings start their own folders.

pub mod calendar;
pub mod cases;
pub mod complaints;
pub mod error;
pub mod figure;
pub mod format;
pub mod meetings;
pub mod performance;
pub mod period;
pub mod plans;
pub mod table;

pub use error::DomainError;
pub use figure::{Figure, SpecialState, Unit};
pub use performance::direction::{Direction, direction_of_travel, direction_on_basis};
pub use performance::model::Dataset;
pub use performance::rag::{
    BandUnit, Judgement, Override, Polarity, Progress, Rag, RagMethod, RagRule,
};
pub use performance::summary::RagCounts;
pub use period::{AcademicYear, FinancialYear, Period, Quarter};
