//! Action plans: requirement → action → by whom → timescale → status and progress on the report
//! date (overdue computed from the due date), and what changed since the previous report.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use scrutiny_domain::performance::model::Dataset;
use scrutiny_domain::period::long_date;
use scrutiny_domain::plans::{Action, ShownStatus, changes_since, shown_status};

use crate::ReportError;
use crate::document::{ActionRow, Block, Document, Symbol};

pub fn status_symbol(s: ShownStatus) -> Symbol {
    let (glyph, description) = match s {
        ShownStatus::Completed => ("✔", "The action has been completed."),
        ShownStatus::InProgress => ("▶", "The action is under way and not past its due date."),
        ShownStatus::NotStarted => (
            "○",
            "The action has not started and is not past its due date.",
        ),
        ShownStatus::NotReported => ("–", "No progress has been reported on the action."),
        ShownStatus::Overdue => (
            "✖",
            "The action is not completed and its due date has passed.",
        ),
    };
    Symbol {
        state: s.code().to_string(),
        glyph: glyph.to_string(),
        label: s.label().to_string(),
        description: description.to_string(),
    }
}

/// The plan's actions and their updates, as reported on one date.
struct Plan<'a> {
    data: &'a Dataset,
    code: &'a str,
    actions: Vec<&'a Action>,
    /// The dates progress was reported on, in order.
    dates: Vec<NaiveDate>,
    report_date: NaiveDate,
}

impl Plan<'_> {
    /// Each action's row as at the report date, and how many actions show each status.
    fn rows(&self) -> (Vec<ActionRow>, BTreeMap<&'static str, usize>) {
        let mut counts = BTreeMap::new();
        let rows = self
            .actions
            .iter()
            .map(|a| {
                let u = self
                    .data
                    .action_updates
                    .iter()
                    .filter(|u| {
                        u.plan == self.code
                            && u.reference == a.reference
                            && u.as_at <= self.report_date
                    })
                    .max_by_key(|u| u.as_at);
                let shown = shown_status(u.map(|u| u.status), a.due, self.report_date);
                *counts.entry(shown.label()).or_insert(0usize) += 1;
                ActionRow {
                    reference: a.reference.clone(),
                    requirement: a.requirement.clone(),
                    action: a.action.clone(),
                    by_whom: a.by_whom.clone().unwrap_or_default(),
                    timescale: a.timescale.clone().unwrap_or_default(),
                    status: status_symbol(shown),
                    progress: u.and_then(|u| u.progress.clone()).unwrap_or_default(),
                }
            })
            .collect();
        (rows, counts)
    }

    /// "What changed since the last report": the actions whose status or progress moved.
    fn changes(&self) -> Vec<Block> {
        let mut blocks = vec![Block::Heading {
            level: 1,
            number: None,
            text: "What changed since the last report".into(),
        }];
        let previous = self
            .dates
            .iter()
            .rev()
            .find(|d| **d < self.report_date)
            .copied();
        let reported = self.dates.contains(&self.report_date);
        let Some(prev) = previous.filter(|_| reported) else {
            blocks.push(Block::Paragraph {
                text: "This is the first report on this plan, so there is nothing to compare with."
                    .into(),
                initials: None,
            });
            return blocks;
        };
        let changes = changes_since(
            &self
                .actions
                .iter()
                .map(|a| (*a).clone())
                .collect::<Vec<_>>(),
            &self.data.action_updates,
            Some(prev),
            self.report_date,
        );
        if changes.is_empty() {
            blocks.push(Block::Paragraph {
                text: format!(
                    "Nothing has changed since the report of {}.",
                    long_date(prev)
                ),
                initials: None,
            });
            return blocks;
        }
        let rows = changes
            .iter()
            .map(|c| {
                let a = self.actions.iter().find(|a| a.reference == c.reference);
                vec![
                    c.reference.clone(),
                    a.map(|a| a.action.clone()).unwrap_or_default(),
                    c.before
                        .map_or("Not in the last report".into(), |s| s.label().to_string()),
                    c.after.label().to_string(),
                    if c.progress_changed {
                        "Progress updated".into()
                    } else {
                        String::new()
                    },
                ]
            })
            .collect();
        blocks.push(Block::Table {
            caption: format!(
                "Changes between {} and {}",
                long_date(prev),
                long_date(self.report_date)
            ),
            header: ["Ref", "Action", "Status then", "Status now", "Progress"]
                .map(String::from)
                .to_vec(),
            rows,
            figures: Vec::new(),
        });
        blocks
    }
}

/// The plan as reported at `as_at` (default: its latest report date).
pub fn action_plan_report(
    data: &Dataset,
    plan: &str,
    as_at: Option<NaiveDate>,
    produced_on: &str,
) -> Result<Document, ReportError> {
    let p = data
        .action_plans
        .iter()
        .find(|p| p.code == plan)
        .ok_or_else(|| ReportError::Unknown("action plan", plan.to_string()))?;
    let mut actions: Vec<&Action> = data.actions.iter().filter(|a| a.plan == plan).collect();
    actions.sort_by_key(|a| a.position);
    let mut dates: Vec<NaiveDate> = data
        .action_updates
        .iter()
        .filter(|u| u.plan == plan)
        .map(|u| u.as_at)
        .collect();
    dates.sort_unstable();
    dates.dedup();
    let mut diagnostics = Vec::new();
    let report_date = match as_at.or_else(|| dates.last().copied()) {
        Some(d) => d,
        None => {
            diagnostics.push("No progress has been reported on this plan yet.".into());
            NaiveDate::MIN
        }
    };
    let reported = Plan {
        data,
        code: plan,
        actions,
        dates,
        report_date,
    };
    let (rows, counts) = reported.rows();

    let mut blocks = Vec::new();
    if let Some(source) = &p.source {
        blocks.push(Block::Paragraph {
            text: format!("This plan responds to: {source}."),
            initials: None,
        });
    }
    blocks.push(Block::Table {
        caption: "Actions by status".into(),
        header: counts
            .keys()
            .map(|k| k.to_string())
            .chain(["Total".to_string()])
            .collect(),
        rows: vec![
            counts
                .values()
                .map(|n| n.to_string())
                .chain([rows.len().to_string()])
                .collect(),
        ],
        figures: Vec::new(),
    });
    blocks.push(Block::actions(p.title.clone(), rows));
    blocks.extend(reported.changes());

    // An action plan's report is for a date: its cover names that date as its period.
    let cover = crate::frame::cover(
        data,
        scrutiny_domain::meetings::ReportKind::ActionPlan,
        plan,
        &report_date.to_string(),
        &p.board,
        &p.title,
    );
    Ok(crate::checks::checked(Document {
        title: p.title.clone(),
        subtitle: Some(if report_date == NaiveDate::MIN {
            "No progress reported yet".to_string()
        } else {
            format!("Progress as at {}", long_date(report_date))
        }),
        header_lines: Vec::new(),
        produced_on: produced_on.to_string(),
        slug: format!("action-plan-{}", plan.to_ascii_lowercase()),
        cover,
        summary: Vec::new(),
        blocks,
        diagnostics,
    }))
}
