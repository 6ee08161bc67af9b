//! Strategies and their measures, commentary kept apart by kind, and target reviews: proposed
//! revisions, the one door for deciding them, and the target in force.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::error::DomainError;
use crate::figure::Figure;
use crate::performance::model::TargetEntry;
use crate::period::{FinancialYear, Period};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Strategy {
    pub code: String,
    pub title: String,
    pub board: String,
    pub from_year: FinancialYear,
    pub to_year: FinancialYear,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StrategyMeasure {
    pub strategy: String,
    pub reference: String,
    pub indicator: String,
    pub descriptor: String,
    pub position: i64,
}

/// Commentary on a measure is kept apart by what it is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CommentaryKind {
    /// About the figures themselves: source, validation, definitions.
    Data,
    /// What the figures say about performance.
    Performance,
    /// What is being done to improve.
    KeyActivities,
}

impl CommentaryKind {
    pub fn parse(text: &str) -> Result<Self, DomainError> {
        Ok(match text.trim().to_ascii_lowercase().as_str() {
            "data" => CommentaryKind::Data,
            "performance" => CommentaryKind::Performance,
            "key_activities" | "key activities" => CommentaryKind::KeyActivities,
            _ => {
                return Err(DomainError::NotOneOf(
                    text.into(),
                    "data, performance, key_activities",
                ));
            }
        })
    }

    pub fn code(self) -> &'static str {
        match self {
            CommentaryKind::Data => "data",
            CommentaryKind::Performance => "performance",
            CommentaryKind::KeyActivities => "key_activities",
        }
    }

    pub fn heading(self) -> &'static str {
        match self {
            CommentaryKind::Data => "Data commentary",
            CommentaryKind::Performance => "Performance commentary",
            CommentaryKind::KeyActivities => {
                "Summary of key activities taken or planned to improve performance"
            }
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeasureCommentary {
    pub strategy: String,
    pub reference: String,
    pub period: Period,
    pub kind: CommentaryKind,
    pub text: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    Proposed,
    Approved,
    Rejected,
}

impl Decision {
    pub fn parse(text: &str) -> Result<Self, DomainError> {
        Ok(match text.trim().to_ascii_lowercase().as_str() {
            "proposed" => Decision::Proposed,
            "approved" => Decision::Approved,
            "rejected" => Decision::Rejected,
            _ => {
                return Err(DomainError::NotOneOf(
                    text.into(),
                    "proposed, approved, rejected",
                ));
            }
        })
    }

    pub fn code(self) -> &'static str {
        match self {
            Decision::Proposed => "proposed",
            Decision::Approved => "approved",
            Decision::Rejected => "rejected",
        }
    }
}

/// One proposal to change one year's target, kept for ever with its decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TargetRevision {
    pub indicator: String,
    pub year: FinancialYear,
    pub review: String,
    pub previous: Figure,
    pub proposed: Figure,
    pub rationale: Option<String>,
    pub proposed_by: Option<String>,
    pub proposed_on: Option<NaiveDate>,
    pub decision: Decision,
    pub decided_by: Option<String>,
    pub decided_on: Option<NaiveDate>,
}

/// Why a revision cannot be decided, or changed by an import.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RevisionRefused {
    #[error("a decision must be approved or rejected")]
    NotADecision,
    #[error("say who decided (the board or person)")]
    NoDecider,
    /// A decision is history: it is never overwritten.
    #[error(
        "the revision of {indicator}'s {year} target was already {decision}; record a new proposal instead"
    )]
    AlreadyDecided {
        indicator: String,
        year: FinancialYear,
        decision: &'static str,
    },
}

impl TargetRevision {
    fn already_decided(&self) -> RevisionRefused {
        RevisionRefused::AlreadyDecided {
            indicator: self.indicator.clone(),
            year: self.year,
            decision: self.decision.code(),
        }
    }
}

/// The one door for deciding a proposed revision, whoever asks (a command, a page or an import):
/// approves or rejects it, saying who decided and when, and returns the revision as decided. The
/// proposal itself never changes, and a revision already decided cannot be decided again.
pub fn decide(
    revision: &TargetRevision,
    decision: Decision,
    by: &str,
    on: NaiveDate,
) -> Result<TargetRevision, RevisionRefused> {
    if decision == Decision::Proposed {
        return Err(RevisionRefused::NotADecision);
    }
    if by.trim().is_empty() {
        return Err(RevisionRefused::NoDecider);
    }
    if revision.decision != Decision::Proposed {
        return Err(revision.already_decided());
    }
    Ok(TargetRevision {
        decision,
        decided_by: Some(by.trim().to_string()),
        decided_on: Some(on),
        ..revision.clone()
    })
}

/// Whether an import may put `incoming` where `held` is stored (the same indicator, year and
/// review). A proposal still open may be corrected or decided, as the minutes record; a decided
/// revision is history, so an import may repeat it but not change it.
pub fn may_replace(
    held: &TargetRevision,
    incoming: &TargetRevision,
) -> Result<(), RevisionRefused> {
    if held.decision == Decision::Proposed || held == incoming {
        Ok(())
    } else {
        Err(held.already_decided())
    }
}

/// A year's target as it stands: the one in force, what it was first set at, and any proposal
/// not yet decided.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TargetInForce {
    pub current: Figure,
    /// The first target set for the year, when revisions have changed it.
    pub original: Option<Figure>,
    /// A proposed revision awaiting decision.
    pub pending: Option<Figure>,
}

/// The target in force for one indicator and year: the entered target, changed by each approved
/// revision in turn (revisions are taken in the order given, which is the order they were made).
pub fn target_in_force<'a>(
    entry: Option<&'a TargetEntry>,
    revisions: impl IntoIterator<Item = &'a TargetRevision>,
) -> Option<TargetInForce> {
    let mut current = entry.map(|e| e.target.clone());
    let mut original = entry.and_then(|e| e.original.clone());
    let mut pending = None;
    for r in revisions {
        match r.decision {
            Decision::Approved => {
                if original.is_none() {
                    original = Some(r.previous.clone());
                }
                current = Some(r.proposed.clone());
                pending = None;
            }
            Decision::Proposed => {
                if current.is_none() {
                    current = Some(r.previous.clone());
                }
                // A proposal to the figure already in force changes nothing, so nothing is pending.
                pending = (current.as_ref() != Some(&r.proposed)).then(|| r.proposed.clone());
            }
            Decision::Rejected => {}
        }
    }
    Some(TargetInForce {
        current: current?,
        original,
        pending,
    })
}
