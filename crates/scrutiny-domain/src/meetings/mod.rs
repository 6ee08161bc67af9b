//! Boards' meetings: the forward work programme of reports asked for (`programme.rs`), e-mail alerts of agendas and minutes (`alerts.rs`), the board's membership (`board.rs`), its meetings and their agendas with
//! the dates counted back from a meeting (`meeting.rs`), what a meeting records — attendance,
//! minutes numbered through the municipal year, actions (`minutes.rs`) — and the committee report that fronts a
//! paper in the meeting's pack (`cover.rs`: the board, the meeting, the reporting officer,
//! purpose, recommendation and the council's numbered sections).

pub mod alerts;
pub mod board;
pub mod cover;
pub mod declarations;
pub mod meeting;
pub mod minutes;
pub mod programme;
pub mod questions;
pub mod tables;
pub mod uploaded;

pub use board::{MemberRole, Membership};
pub use cover::{Cover, CoverSection, ReportKind};
pub use declarations::{Declaration, Interest};
pub use meeting::{AgendaItem, Meeting};
pub use minutes::{Attendance, Attendee, Minute, MinuteAction};
pub use programme::ProgrammeItem;

/// Made-up meetings for the area's tests.
#[cfg(test)]
#[allow(clippy::unwrap_used)]
pub(crate) mod fixtures {
    use chrono::NaiveDate;

    use super::Meeting;

    pub fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    /// A board CYPF meeting on `date`, published on `published`.
    pub fn meeting_published(code: &str, date: &str, published: Option<&str>) -> Meeting {
        Meeting {
            code: code.into(),
            board: "CYPF".into(),
            date: d(date),
            start: "18:30".into(),
            venue: "Civic Suite".into(),
            contact: None,
            published: published.map(d),
            minutes_published: None,
        }
    }

    /// A board CYPF meeting on `date`, its agenda not published.
    pub fn meeting(code: &str, date: &str) -> Meeting {
        meeting_published(code, date, None)
    }
}
