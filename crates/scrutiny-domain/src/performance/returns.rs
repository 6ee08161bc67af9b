//! The quarterly return: the states a department's return and a board's quarter pass through,
//! and who may move them. Storage and the web app ask these functions; none of them decides alone.

use serde::{Deserialize, Serialize};
use thiserror::Error;

/// A department's return for one quarter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReturnState {
    /// Not started: nothing saved yet.
    NotStarted,
    Draft,
    Submitted,
    /// Sent back by the performance officer for changes, with a note saying what to change.
    Returned,
    Approved,
}

/// What someone does to a return.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReturnAction {
    SaveDraft,
    Submit,
    Approve,
    /// Back to the department for changes (needs a note).
    SendBack,
}

/// A board's quarter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QuarterState {
    /// Returns are being made.
    Open,
    /// No more changes by departments; the performance officer finishes approving.
    Locked,
    /// The board's report is public.
    Published,
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ReturnError {
    #[error("this return has been {0}; it cannot be {1} now")]
    NotNow(&'static str, &'static str),
    #[error("the quarter is {0}: returns can no longer be changed")]
    QuarterClosed(&'static str),
    #[error("sending a return back needs a note saying what to change")]
    NoteNeeded,
    #[error("'{0}' is not a return state")]
    BadState(String),
}

impl ReturnState {
    pub fn code(self) -> &'static str {
        match self {
            ReturnState::NotStarted => "not_started",
            ReturnState::Draft => "draft",
            ReturnState::Submitted => "submitted",
            ReturnState::Returned => "returned",
            ReturnState::Approved => "approved",
        }
    }

    /// Words for a person, as shown in a status tag.
    pub fn label(self) -> &'static str {
        match self {
            ReturnState::NotStarted => "Not started",
            ReturnState::Draft => "In progress",
            ReturnState::Submitted => "Submitted",
            ReturnState::Returned => "Returned for changes",
            ReturnState::Approved => "Approved",
        }
    }

    fn past(self) -> &'static str {
        match self {
            ReturnState::NotStarted => "not started",
            ReturnState::Draft => "saved as a draft",
            ReturnState::Submitted => "submitted",
            ReturnState::Returned => "returned for changes",
            ReturnState::Approved => "approved",
        }
    }

    pub fn parse(text: &str) -> Result<Self, ReturnError> {
        [
            ReturnState::NotStarted,
            ReturnState::Draft,
            ReturnState::Submitted,
            ReturnState::Returned,
            ReturnState::Approved,
        ]
        .into_iter()
        .find(|s| s.code() == text)
        .ok_or_else(|| ReturnError::BadState(text.to_string()))
    }

    /// Whether the department may still change what it entered.
    pub fn editable(self) -> bool {
        matches!(
            self,
            ReturnState::NotStarted | ReturnState::Draft | ReturnState::Returned
        )
    }
}

impl ReturnAction {
    fn verb(self) -> &'static str {
        match self {
            ReturnAction::SaveDraft => "changed",
            ReturnAction::Submit => "submitted",
            ReturnAction::Approve => "approved",
            ReturnAction::SendBack => "sent back",
        }
    }
}

impl QuarterState {
    pub fn code(self) -> &'static str {
        match self {
            QuarterState::Open => "open",
            QuarterState::Locked => "locked",
            QuarterState::Published => "published",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        [
            QuarterState::Open,
            QuarterState::Locked,
            QuarterState::Published,
        ]
        .into_iter()
        .find(|s| s.code() == text)
    }
}

/// The state a return moves to, or why it cannot. `quarter` is the board's quarter state;
/// `note` is what the person wrote to go with the action.
pub fn next_return_state(
    current: ReturnState,
    action: ReturnAction,
    quarter: QuarterState,
    note: Option<&str>,
) -> Result<ReturnState, ReturnError> {
    use ReturnAction::*;
    use ReturnState::*;
    // Departments work only while the quarter is open; the performance officer may still
    // approve or send back once it is locked, so late returns can be finished off.
    match (action, quarter) {
        (SaveDraft | Submit, QuarterState::Open) => {}
        (Approve | SendBack, QuarterState::Open | QuarterState::Locked) => {}
        (_, q) => return Err(ReturnError::QuarterClosed(q.code())),
    }
    let next = match (current, action) {
        (NotStarted | Draft | Returned, SaveDraft) => Draft,
        (NotStarted | Draft | Returned, Submit) => Submitted,
        (Submitted, Approve) => Approved,
        (Submitted | Approved, SendBack) => {
            if note.is_none_or(|n| n.trim().is_empty()) {
                return Err(ReturnError::NoteNeeded);
            }
            Returned
        }
        (state, action) => return Err(ReturnError::NotNow(state.past(), action.verb())),
    };
    Ok(next)
}

/// The state a quarter moves to when the performance officer asks for `to`.
pub fn next_quarter_state(current: QuarterState, to: QuarterState) -> Result<QuarterState, String> {
    use QuarterState::*;
    match (current, to) {
        (Open, Locked) | (Locked, Open) | (Locked, Published) | (Published, Locked) => Ok(to),
        (a, b) if a == b => Err(format!("the quarter is already {}", a.code())),
        (a, b) => Err(format!(
            "a quarter that is {} cannot be made {} directly; lock it first",
            a.code(),
            b.code()
        )),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use ReturnAction::*;
    use ReturnState::*;

    #[test]
    fn a_return_goes_draft_submitted_approved() {
        let q = QuarterState::Open;
        let s = next_return_state(NotStarted, SaveDraft, q, None).unwrap();
        assert_eq!(s, Draft);
        let s = next_return_state(s, Submit, q, None).unwrap();
        assert_eq!(s, Submitted);
        assert_eq!(next_return_state(s, Approve, q, None).unwrap(), Approved);
    }

    #[test]
    fn a_submitted_return_cannot_be_edited_until_sent_back() {
        let q = QuarterState::Open;
        let err = next_return_state(Submitted, SaveDraft, q, None).unwrap_err();
        assert_eq!(
            err.to_string(),
            "this return has been submitted; it cannot be changed now"
        );
        assert_eq!(
            next_return_state(Submitted, SendBack, q, None).unwrap_err(),
            ReturnError::NoteNeeded
        );
        let s = next_return_state(Submitted, SendBack, q, Some("Q2 value missing")).unwrap();
        assert_eq!(s, Returned);
        assert_eq!(next_return_state(s, SaveDraft, q, None).unwrap(), Draft);
    }

    #[test]
    fn nothing_is_approved_that_was_not_submitted() {
        for s in [NotStarted, Draft, Returned, Approved] {
            assert!(next_return_state(s, Approve, QuarterState::Open, None).is_err());
        }
    }

    #[test]
    fn a_locked_quarter_takes_no_more_department_changes() {
        let err = next_return_state(Draft, Submit, QuarterState::Locked, None).unwrap_err();
        assert_eq!(err, ReturnError::QuarterClosed("locked"));
        assert_eq!(
            next_return_state(Submitted, Approve, QuarterState::Locked, None).unwrap(),
            Approved
        );
        assert!(next_return_state(Submitted, Approve, QuarterState::Published, None).is_err());
    }

    #[test]
    fn a_quarter_is_locked_before_it_is_published() {
        use QuarterState::*;
        assert!(next_quarter_state(Open, Published).is_err());
        assert_eq!(next_quarter_state(Open, Locked), Ok(Locked));
        assert_eq!(next_quarter_state(Locked, Published), Ok(Published));
        assert!(next_quarter_state(Locked, Locked).is_err());
    }
}
