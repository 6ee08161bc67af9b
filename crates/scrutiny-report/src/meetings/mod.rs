//! A meeting's papers: its minutes as a document (`minutes.rs`), a committee report written in
//! full by its officer (`paper.rs`), each agenda item's report found by kind, scope and period
//! (`items.rs`), and the agenda pack (`pack.rs`): the front sheet with each item's pages, then
//! every item's report.

pub mod items;
pub mod minutes;
pub mod pack;
pub mod paper;
pub mod uploaded;

use scrutiny_domain::Dataset;
use scrutiny_domain::meetings::Meeting;

use crate::ReportError;

/// The meeting with this code.
pub fn meeting<'a>(data: &'a Dataset, code: &str) -> Result<&'a Meeting, ReportError> {
    data.meetings
        .iter()
        .find(|m| m.code == code)
        .ok_or_else(|| ReportError::Unknown("meeting", code.to_string()))
}

/// The board's name as its papers print it; its code when it has none.
pub fn board_name(data: &Dataset, code: &str) -> String {
    data.boards
        .iter()
        .find(|b| b.code == code)
        .map_or_else(|| code.to_string(), |b| b.name.clone())
}

/// "Monday, 12 November 2018".
pub fn day_and_date(date: chrono::NaiveDate) -> String {
    format!(
        "{}, {}",
        date.format("%A"),
        scrutiny_domain::period::long_date(date)
    )
}
