use chrono::NaiveDate;

use super::*;
use crate::figure::Figure;
use crate::performance::model::TargetEntry;
use crate::period::FinancialYear;
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
    let approved = decide(&proposed, Decision::Approved, "Board", d("2012-11-27")).expect("decide");
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
