//! The statutory annual report on complaints, comments and compliments ([`annual_report`]), over
//! its shared tables.

pub mod annual_report;
pub mod periods;
pub mod restated_cells;
pub mod tables;

pub use annual_report::*;
