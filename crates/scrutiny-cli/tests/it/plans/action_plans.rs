//! The adoption action plan (seed 001): every action as printed, statuses on the report date,
//! overdue computed, and what changed since the last report.

use scrutiny_domain::period::parse_date;
use scrutiny_domain::plans::{ActionStatus, ActionUpdate};
use scrutiny_report::document::{Block, Document};
use scrutiny_report::plans::action_plan::action_plan_report;

use crate::harness::{TestDb, golden};

fn actions(doc: &Document) -> Vec<scrutiny_report::document::ActionRow> {
    doc.blocks
        .iter()
        .find_map(|b| match b {
            Block::Actions { rows, .. } => Some(rows.clone()),
            _ => None,
        })
        .expect("actions table")
}

#[tokio::test]
async fn adoption_plan_prints_every_action_as_the_seed() {
    let (_db, data) = TestDb::with_samples().await;
    let doc = action_plan_report(&data, "ADOPTION-2012", None, "today").expect("report");
    assert_eq!(
        doc.subtitle.as_deref(),
        Some("Progress as at 3 January 2013")
    );
    let rows = actions(&doc);
    let want = golden("action-plans-2012/adoption_actions.tsv");
    assert_eq!(rows.len(), want.len());
    for (got, w) in rows.iter().zip(&want) {
        assert_eq!(got.requirement, w["requirement"]);
        assert_eq!(got.action, w["action"]);
        assert_eq!(got.by_whom, w["by_whom"]);
        assert_eq!(got.timescale, w["timescales"]);
        assert_eq!(got.progress, w["progress"], "{}", got.reference);
        if w["progress"] == "Completed" {
            assert_eq!(got.status.state, "completed", "{}", got.reference);
        }
    }
}

#[tokio::test]
async fn overdue_and_changes_since_the_last_report() {
    let (_db, mut data) = TestDb::with_samples().await;
    // A later report: A11 (due July 2013) still in progress in September 2013, A16 completed.
    let later = parse_date("2013-09-30").expect("date");
    let update = |r: &str, s: ActionStatus, p: &str| ActionUpdate {
        plan: "ADOPTION-2012".into(),
        reference: r.into(),
        as_at: later,
        status: s,
        progress: Some(p.into()),
    };
    let mut carried: Vec<ActionUpdate> = data
        .action_updates
        .iter()
        .filter(|u| u.plan == "ADOPTION-2012" && !["A11", "A16"].contains(&u.reference.as_str()))
        .map(|u| ActionUpdate {
            as_at: later,
            ..u.clone()
        })
        .collect();
    carried.push(update(
        "A11",
        ActionStatus::InProgress,
        "Recruitment continues",
    ));
    carried.push(update(
        "A16",
        ActionStatus::Completed,
        "Process implemented",
    ));
    data.action_updates.extend(carried);

    let a11 = data
        .actions
        .iter()
        .find(|a| a.reference == "A11")
        .expect("A11");
    assert_eq!(
        a11.due,
        parse_date("2013-07-31").ok(),
        "A11's timescale is July 2013"
    );

    let doc = action_plan_report(&data, "ADOPTION-2012", Some(later), "today").expect("report");
    let rows = actions(&doc);
    let status = |r: &str| {
        rows.iter()
            .find(|x| x.reference == r)
            .map(|x| x.status.state.clone())
            .expect(r)
    };
    assert_eq!(status("A11"), "overdue");
    assert_eq!(status("A16"), "completed");
    let changes = doc
        .blocks
        .iter()
        .find_map(|b| match b {
            Block::Table { caption, rows, .. } if caption.starts_with("Changes between") => {
                Some(rows.clone())
            }
            _ => None,
        })
        .expect("what changed");
    let changed: Vec<&str> = changes.iter().map(|r| r[0].as_str()).collect();
    assert!(
        changed.contains(&"A11") && changed.contains(&"A16"),
        "{changed:?}"
    );
    let a16 = changes.iter().find(|r| r[0] == "A16").expect("A16");
    assert_eq!(
        (a16[2].as_str(), a16[3].as_str()),
        ("Not started", "Completed")
    );
}

#[tokio::test]
async fn a_plan_with_no_reports_says_so_rather_than_calling_actions_overdue() {
    let (_db, data) = TestDb::with_samples().await;
    let doc = action_plan_report(&data, "PEER-CHALLENGE-2012", None, "today").expect("report");
    let rows = actions(&doc);
    assert!(!rows.is_empty(), "the plan's actions are printed");
    assert!(rows.iter().all(|a| a.status.state == "not_reported"));
}
