//! Action plans: requirement, action, by whom, timescale, status; overdue computed, and what
//! changed between two reports.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::error::DomainError;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionPlan {
    pub code: String,
    pub title: String,
    pub board: String,
    pub source: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Action {
    pub plan: String,
    pub reference: String,
    pub requirement: String,
    pub action: String,
    pub by_whom: Option<String>,
    pub timescale: Option<String>,
    pub due: Option<NaiveDate>,
    /// Indicator or milestone codes the action serves.
    pub links: Vec<String>,
    pub position: i64,
}

/// What a person reports about an action.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActionStatus {
    NotStarted,
    InProgress,
    Completed,
}

impl ActionStatus {
    pub fn parse(text: &str) -> Result<Self, DomainError> {
        Ok(
            match text.trim().to_ascii_lowercase().replace(' ', "_").as_str() {
                "not_started" => ActionStatus::NotStarted,
                "in_progress" => ActionStatus::InProgress,
                "completed" | "complete" => ActionStatus::Completed,
                _ => {
                    return Err(DomainError::NotOneOf(
                        text.into(),
                        "not_started, in_progress, completed",
                    ));
                }
            },
        )
    }

    pub fn code(self) -> &'static str {
        match self {
            ActionStatus::NotStarted => "not_started",
            ActionStatus::InProgress => "in_progress",
            ActionStatus::Completed => "completed",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionUpdate {
    pub plan: String,
    pub reference: String,
    pub as_at: NaiveDate,
    pub status: ActionStatus,
    pub progress: Option<String>,
}

/// The status printed for an action on a date: overdue is computed, never entered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ShownStatus {
    /// Nothing has been reported on the action yet: not "not started", and not overdue either,
    /// because nobody has said.
    NotReported,
    NotStarted,
    InProgress,
    Completed,
    Overdue,
}

impl ShownStatus {
    pub fn code(self) -> &'static str {
        match self {
            ShownStatus::NotReported => "not_reported",
            ShownStatus::NotStarted => "not_started",
            ShownStatus::InProgress => "in_progress",
            ShownStatus::Completed => "completed",
            ShownStatus::Overdue => "overdue",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            ShownStatus::NotReported => "No progress reported",
            ShownStatus::NotStarted => "Not started",
            ShownStatus::InProgress => "In progress",
            ShownStatus::Completed => "Completed",
            ShownStatus::Overdue => "Overdue",
        }
    }
}

/// An action is overdue when it is reported as not completed and its due date is before `as_at`.
/// With nothing reported, it is shown as such.
pub fn shown_status(
    status: Option<ActionStatus>,
    due: Option<NaiveDate>,
    as_at: NaiveDate,
) -> ShownStatus {
    let Some(status) = status else {
        return ShownStatus::NotReported;
    };
    if status == ActionStatus::Completed {
        return ShownStatus::Completed;
    }
    if due.is_some_and(|d| d < as_at) {
        return ShownStatus::Overdue;
    }
    match status {
        ActionStatus::NotStarted => ShownStatus::NotStarted,
        _ => ShownStatus::InProgress,
    }
}

/// One action's change between two reports.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionChange {
    pub reference: String,
    pub before: Option<ShownStatus>,
    pub after: ShownStatus,
    pub progress_changed: bool,
}

/// What changed between the report at `before` and the one at `after`: every action whose shown
/// status or progress words differ, including actions new since the last report.
pub fn changes_since(
    actions: &[Action],
    updates: &[ActionUpdate],
    before: Option<NaiveDate>,
    after: NaiveDate,
) -> Vec<ActionChange> {
    let at = |a: &Action, date: NaiveDate| {
        updates
            .iter()
            .find(|u| u.plan == a.plan && u.reference == a.reference && u.as_at == date)
    };
    actions
        .iter()
        .filter_map(|a| {
            let now = at(a, after);
            let then = before.and_then(|b| at(a, b));
            let after_status = shown_status(now.map(|u| u.status), a.due, after);
            let before_status = before.map(|b| shown_status(then.map(|u| u.status), a.due, b));
            let progress_changed =
                now.and_then(|u| u.progress.as_ref()) != then.and_then(|u| u.progress.as_ref());
            (before_status != Some(after_status) || progress_changed).then(|| ActionChange {
                reference: a.reference.clone(),
                before: before_status,
                after: after_status,
                progress_changed,
            })
        })
        .collect()
}
