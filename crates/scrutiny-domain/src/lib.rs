//! Scrutiny's domain: the rules of quarterly performance monitoring, in pure code.
//!
//! Nothing here reads the clock, a file, the network or a database: every date and every figure is
//! passed in, so each rule can be tested on its own. Find a rule by its name:
//! periods in [`period`], values and special states in [`figure`], progress (RAG) in [`rag`],
//! direction of travel in [`direction`], summary counts and "by exception" in [`summary`],
//! revenue budget statements in [`finance`], number formatting and rounding in [`format`],
//! strategies, target reviews and action plans in [`plans`], working days and bank holidays in
//! [`calendar`], the quarterly return's states in [`returns`], the complaints procedure in
//! [`complaints`], its records in [`complaint_records`], the council's settings for it in
//! [`complaint_settings`] and the annual report's figures in [`complaint_figures`]. Each imported
//! table is described once in [`table`] (the tables in [`performance_tables`], [`plan_tables`] and
//! [`complaint_tables`]).

pub mod calendar;
pub mod complaint_figures;
pub mod complaint_records;
pub mod complaint_settings;
pub mod complaint_tables;
pub mod complaints;
pub mod direction;
pub mod error;
pub mod figure;
pub mod finance;
pub mod format;
pub mod model;
pub mod performance_tables;
pub mod period;
pub mod plan_tables;
pub mod plans;
pub mod rag;
pub mod returns;
pub mod summary;
pub mod table;

pub use direction::{Direction, direction_of_travel};
pub use error::DomainError;
pub use figure::{Figure, SpecialState, Unit};
pub use model::Dataset;
pub use period::{AcademicYear, FinancialYear, Period, Quarter};
pub use rag::{BandUnit, Judgement, Override, Polarity, Progress, Rag, RagMethod, RagRule};
pub use summary::RagCounts;
