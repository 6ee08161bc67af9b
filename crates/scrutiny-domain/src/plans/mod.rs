//! Strategies, target reviews and action plans: the records, and the rules that read them
//! (the target in force, action status and overdue, what changed between two reports).

pub mod tables;

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

/// A risk rating in a business plan's risk assessment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RiskLevel {
    Low,
    Medium,
    High,
}

impl RiskLevel {
    pub fn parse(text: &str) -> Result<Self, DomainError> {
        Ok(match text.trim().to_ascii_lowercase().as_str() {
            "low" => RiskLevel::Low,
            "medium" => RiskLevel::Medium,
            "high" => RiskLevel::High,
            _ => return Err(DomainError::NotOneOf(text.into(), "High, Medium, Low")),
        })
    }

    pub fn label(self) -> &'static str {
        match self {
            RiskLevel::Low => "Low",
            RiskLevel::Medium => "Medium",
            RiskLevel::High => "High",
        }
    }
}

/// How an objective sits in a business plan: its framing and its risk assessment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ObjectivePlan {
    pub objective: String,
    /// The plan's first year.
    pub year: FinancialYear,
    pub corporate_priority: Option<String>,
    pub area_of_focus: Option<String>,
    pub risk_initial: Option<RiskLevel>,
    pub risk_residual: Option<RiskLevel>,
    pub responsible_officer: Option<String>,
    pub linked_indicators: Option<String>,
}

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::period::parse_date;

    fn f(s: &str) -> Figure {
        Figure::parse_target(s).expect("figure")
    }

    fn d(s: &str) -> NaiveDate {
        parse_date(s).expect("date")
    }

    fn revision(prev: &str, new: &str, decision: Decision) -> TargetRevision {
        TargetRevision {
            indicator: "NI080".into(),
            year: FinancialYear(2012),
            review: "SCS light touch review 2012".into(),
            previous: f(prev),
            proposed: f(new),
            rationale: None,
            proposed_by: None,
            proposed_on: None,
            decision,
            decided_by: None,
            decided_on: None,
        }
    }

    fn entry(t: &str) -> TargetEntry {
        TargetEntry {
            indicator: "NI080".into(),
            year: FinancialYear(2012),
            quarter: None,
            target: f(t),
            original: None,
        }
    }

    #[test]
    fn approved_revision_replaces_the_target_and_keeps_the_original() {
        // Seed 001, Appendix 2, CYP 4 2012/13: "54.0 (45)".
        let e = entry("45");
        let r = [revision("45", "54.0", Decision::Approved)];
        let t = target_in_force(Some(&e), &r).expect("target");
        assert_eq!(
            (t.current, t.original, t.pending),
            (f("54.0"), Some(f("45")), None)
        );
    }

    #[test]
    fn a_proposal_does_not_change_the_target_until_approved() {
        let e = entry("30.0");
        let r = [revision("30.0", "TBC", Decision::Proposed)];
        let t = target_in_force(Some(&e), &r).expect("target");
        assert_eq!((t.current, t.pending), (f("30.0"), Some(f("TBC"))));
        let rejected = [revision("30.0", "TBC", Decision::Rejected)];
        assert_eq!(
            target_in_force(Some(&e), &rejected).expect("t").current,
            f("30.0")
        );
    }

    #[test]
    fn a_proposal_to_the_target_already_in_force_is_not_pending() {
        // CYP 8 2012/13: the Q1 report already printed 15; the review proposes 30.0 -> 15.0.
        let e = entry("15.0");
        let r = [revision("30.0", "15.0", Decision::Proposed)];
        assert_eq!(target_in_force(Some(&e), &r).expect("t").pending, None);
    }

    #[test]
    fn second_revision_keeps_the_first_original() {
        let e = entry("25.0");
        let r = [
            revision("25.0", "24.0", Decision::Approved),
            revision("24.0", "23.0", Decision::Approved),
        ];
        let t = target_in_force(Some(&e), &r).expect("target");
        assert_eq!((t.current, t.original), (f("23.0"), Some(f("25.0"))));
    }

    #[test]
    fn a_proposal_is_decided_once_and_never_changed() {
        let proposed = revision("45", "54.0", Decision::Proposed);
        let on = d("2012-11-27");
        let approved = decide(&proposed, Decision::Approved, " Executive Board ", on)
            .expect("a proposal may be decided");
        assert_eq!(approved.decision, Decision::Approved);
        assert_eq!(approved.decided_by.as_deref(), Some("Executive Board"));
        assert_eq!(approved.decided_on, Some(on));
        assert_eq!(
            (&approved.previous, &approved.proposed, &approved.review),
            (&proposed.previous, &proposed.proposed, &proposed.review),
            "the proposal itself is untouched"
        );
        let again =
            decide(&approved, Decision::Rejected, "Executive Board", on).expect_err("decided once");
        assert_eq!(
            again.to_string(),
            "the revision of NI080's 2012/13 target was already approved; record a new proposal instead"
        );
        assert_eq!(
            decide(&proposed, Decision::Proposed, "Board", on),
            Err(RevisionRefused::NotADecision)
        );
        assert_eq!(
            decide(&proposed, Decision::Rejected, "  ", on),
            Err(RevisionRefused::NoDecider)
        );
    }

    #[test]
    fn an_import_may_repeat_a_decision_but_not_change_it() {
        let proposed = revision("45", "54.0", Decision::Proposed);
        let approved =
            decide(&proposed, Decision::Approved, "Board", d("2012-11-27")).expect("decide");
        // An open proposal may be corrected or decided by an import of the minutes.
        assert_eq!(may_replace(&proposed, &approved), Ok(()));
        assert_eq!(
            may_replace(&proposed, &revision("45", "50.0", Decision::Proposed)),
            Ok(())
        );
        // A decided one may only be imported again as it is.
        assert_eq!(may_replace(&approved, &approved), Ok(()));
        let rejected = TargetRevision {
            decision: Decision::Rejected,
            ..approved.clone()
        };
        assert!(matches!(
            may_replace(&approved, &rejected),
            Err(RevisionRefused::AlreadyDecided { .. })
        ));
        assert!(may_replace(&approved, &proposed).is_err(), "no undoing");
        let other_figure = TargetRevision {
            proposed: f("60.0"),
            ..approved.clone()
        };
        assert!(may_replace(&approved, &other_figure).is_err());
    }

    #[test]
    fn overdue_is_computed_from_the_due_date() {
        let due = Some(d("2012-07-31"));
        assert_eq!(
            shown_status(Some(ActionStatus::InProgress), due, d("2012-12-01")),
            ShownStatus::Overdue
        );
        assert_eq!(
            shown_status(Some(ActionStatus::InProgress), due, d("2012-07-31")),
            ShownStatus::InProgress
        );
        assert_eq!(
            shown_status(Some(ActionStatus::Completed), due, d("2013-01-01")),
            ShownStatus::Completed
        );
        assert_eq!(
            shown_status(None, due, d("2013-01-01")),
            ShownStatus::NotReported
        );
        assert_eq!(
            shown_status(Some(ActionStatus::NotStarted), due, d("2013-01-01")),
            ShownStatus::Overdue
        );
    }

    #[test]
    fn changes_since_the_last_report() {
        let action = |r: &str, due: Option<&str>| Action {
            plan: "P".into(),
            reference: r.into(),
            requirement: "R".into(),
            action: "A".into(),
            by_whom: None,
            timescale: None,
            due: due.map(d),
            links: vec![],
            position: 0,
        };
        let upd = |r: &str, date: &str, s: ActionStatus, p: &str| ActionUpdate {
            plan: "P".into(),
            reference: r.into(),
            as_at: d(date),
            status: s,
            progress: Some(p.into()),
        };
        let actions = [
            action("A1", None),
            action("A2", Some("2013-01-31")),
            action("A3", None),
        ];
        let updates = [
            upd("A1", "2012-12-01", ActionStatus::InProgress, "Started"),
            upd("A1", "2013-03-01", ActionStatus::Completed, "Done"),
            upd("A2", "2012-12-01", ActionStatus::InProgress, "Under way"),
            upd("A2", "2013-03-01", ActionStatus::InProgress, "Under way"),
            upd("A3", "2012-12-01", ActionStatus::InProgress, "Same"),
            upd("A3", "2013-03-01", ActionStatus::InProgress, "Same"),
        ];
        let c = changes_since(&actions, &updates, Some(d("2012-12-01")), d("2013-03-01"));
        let summary: Vec<(&str, Option<ShownStatus>, ShownStatus)> = c
            .iter()
            .map(|c| (c.reference.as_str(), c.before, c.after))
            .collect();
        assert_eq!(
            summary,
            [
                ("A1", Some(ShownStatus::InProgress), ShownStatus::Completed),
                // Nothing reported changed, but the due date passed: now overdue.
                ("A2", Some(ShownStatus::InProgress), ShownStatus::Overdue),
            ]
        );
    }
}
