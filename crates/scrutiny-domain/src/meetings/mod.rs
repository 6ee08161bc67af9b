//! Boards' meetings. So far: the committee report that fronts a paper in the meeting's pack (its
//! cover: the board, the meeting, the reporting officer, purpose, recommendation and the
//! council's numbered sections), set by the council for each report it publishes.

pub mod cover;
pub mod tables;

pub use cover::{Cover, CoverSection, ReportKind};
