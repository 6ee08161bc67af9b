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
