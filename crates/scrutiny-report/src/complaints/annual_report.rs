//! The statutory annual report on complaints, comments and compliments about children's social
//! care, in the board report template: every table counted from the case records by
//! `scrutiny_domain::complaints::figures`, compared with up to four earlier years, small counts
//! suppressed by the declared rule, compliments' names reduced to initials. Personal data is not
//! in the records this builder is handed, so it cannot print any.
//!
//! One function per section; the sections are numbered as they are added.

use chrono::NaiveDate;
use scrutiny_domain::calendar::BankHolidays;
use scrutiny_domain::complaints::figures::{
    Rules, breakdown, change, counted, received, timeliness,
};
use scrutiny_domain::complaints::procedure::LocalStage;
use scrutiny_domain::complaints::records::{
    Complaint, ComplaintsData, Compliment, REPORT_SECTIONS, initials_only,
};
use scrutiny_domain::complaints::settings::{Interval, Settings, settings};
use scrutiny_domain::complaints::stages::{Step, started_in, times};
use scrutiny_domain::period::{FinancialYear, long_date, month_name};

use crate::complaints::tables::{
    STATUTORY, by_year_table, issues_table, per_open_case, per_team, printed, published, restated,
};
use crate::document::{Block, Document, Numbering};
use crate::performance::sections::para;
use scrutiny_domain::complaints::suppression::{Line, Shown, protect, protect_keeping};

/// What every section is counted from.
struct Report<'a> {
    data: &'a ComplaintsData,
    year: FinancialYear,
    /// The report's year and the earlier years compared with it that have cases.
    years: Vec<FinancialYear>,
    rules: &'a Rules,
    calendar: &'a BankHolidays,
    /// The council's settings, read once.
    settings: Settings,
    /// The route the report is about (`statutory`, or another the council reports separately)
    /// and how its cases are named: "statutory complaints", "Statutory complaints".
    route: &'a str,
    noun: String,
    title_noun: String,
    /// "statutory", as in "statutory complainants".
    adjective: String,
    /// The route's complaints received in the report's year.
    statutory: Vec<&'a Complaint>,
}

/// A section: its title and what it holds.
struct Section {
    title: String,
    blocks: Vec<Block>,
}

fn section(title: &str, blocks: Vec<Block>) -> Section {
    Section {
        title: title.to_string(),
        blocks,
    }
}

/// A table of one count per year: the first column names the row, the others are the years.
fn per_year_table(
    r: &Report,
    caption: &str,
    first: &str,
    rows: impl Iterator<Item = (String, Vec<String>)>,
) -> Block {
    let mut header = vec![first.to_string()];
    header.extend(r.years.iter().map(|y| y.to_string()));
    Block::Table {
        caption: caption.into(),
        header,
        rows: rows
            .map(|(label, cells)| std::iter::once(label).chain(cells).collect())
            .collect(),
        figures: Vec::new(),
    }
}

impl Report<'_> {
    /// A statutory breakdown of the year's cases received, by a list.
    fn received_by(
        &self,
        caption: &str,
        first: &str,
        list: &str,
        field: impl Fn(&Complaint) -> Option<&str>,
    ) -> Block {
        by_year_table(caption.into(), first, &self.years, self.rules, |y| {
            breakdown(self.data, list, &received(self.data, self.route, y), &field)
        })
    }

    /// The council's local stage, which is the statutory procedure's: another route has none.
    fn local(&self) -> Option<&LocalStage> {
        self.settings
            .local_stage
            .as_ref()
            .filter(|_| self.route == STATUTORY)
    }

    fn count(&self, n: usize) -> String {
        self.rules.count(n as u64)
    }
}

/// Whether a year is held only as figures an earlier report published: restated totals with no
/// case records behind them.
fn restated_only(data: &ComplaintsData, y: FinancialYear) -> bool {
    data.restatements
        .iter()
        .any(|re| re.year == y.0 && re.table.is_none() && re.restated.is_some())
        && !data
            .cases
            .iter()
            .any(|c| c.received.is_some_and(|d| d >= y.start() && d <= y.end()))
}

/// 1: how many cases of each kind, and the statutory complaints against the year before.
fn numbers(r: &Report) -> Section {
    let (data, year, rules) = (r.data, r.year, r.rules);
    let mut text = format!(
        "{} {} were made to the Council in {year}",
        r.count(r.statutory.len()),
        r.noun
    );
    // Each kind's count as it stands, and why it differs from what was published, if it does: a
    // restatement the council made of an earlier year, or records changed since the year's
    // report was published (its frozen edition).
    let as_stands = |kind: &str, y: FinancialYear| -> (u64, Option<String>) {
        let counted = received(data, kind, y).len() as u64;
        if let Some(re) = restated(data, kind, y).filter(|_| y != year) {
            let n = re.restated.unwrap_or(counted);
            let why = format!(
                "restated as {} (published as {}). {}",
                rules.count(n),
                re.published,
                re.note
            );
            return (n, Some(why));
        }
        match published(data, kind, y) {
            Some(ed) if u64::try_from(ed.count).ok() != Some(counted) => {
                let why = format!(
                    "{} now; {} as published on {}: complaints have been recorded or corrected since.",
                    rules.count(counted),
                    rules.count(u64::try_from(ed.count).unwrap_or(0)),
                    long_date(ed.published_on)
                );
                (counted, Some(why))
            }
            _ => (counted, None),
        }
    };
    // The previous year as it stands.
    let last_count = as_stands(r.route, year.previous()).0;
    let moved = change(r.statutory.len() as u64, last_count, rules);
    if !moved.is_empty() && rules.count(last_count) == last_count.to_string() {
        text.push_str(&format!(
            ", a {moved} from the previous year ({last_count})."
        ));
    } else {
        text.push('.');
    }
    // The years compared: those whose records are held, and those held only as the totals an
    // earlier report published (restated without records), marked so.
    let trend: Vec<FinancialYear> = rules
        .years(year)
        .into_iter()
        .filter(|y| r.years.contains(y) || restated_only(data, *y))
        .collect();
    // A restated figure is marked and explained under the table.
    let mut notes = Vec::new();
    let kinds = data.list("kind");
    let mut rows: Vec<(String, Vec<String>)> = kinds
        .iter()
        .map(|k| {
            let cells = trend.iter().map(|y| match as_stands(&k.code, *y) {
                (n, Some(why)) => {
                    notes.push(format!("{}, {y}: {why}", k.label));
                    format!("{} (restated)", rules.count(n))
                }
                (_, None) if !r.years.contains(y) => "not held".to_string(),
                (n, None) => rules.count(n),
            });
            (k.label.clone(), cells.collect())
        })
        .collect();
    // The total follows its parts as they stand, restated ones included, so it never contradicts
    // the figures above it.
    let complaints = trend.iter().map(|y| {
        let parts = ["statutory", "corporate"].map(|k| as_stands(k, *y));
        let n: u64 = parts.iter().map(|(n, _)| n).sum();
        if parts.iter().any(|(_, why)| why.is_some()) {
            format!("{} (restated)", rules.count(n))
        } else if r.years.contains(y) {
            rules.count(n)
        } else {
            "not held".into()
        }
    });
    rows.push((
        "Complaints in all (statutory and corporate)".into(),
        complaints.collect(),
    ));
    let mut header = vec!["Kind".to_string()];
    header.extend(trend.iter().map(|y| y.to_string()));
    let mut blocks = vec![
        para(&text),
        Block::Table {
            caption: "Cases received, by kind and year".into(),
            header,
            rows: rows
                .into_iter()
                .map(|(label, cells)| std::iter::once(label).chain(cells).collect())
                .collect(),
            figures: Vec::new(),
        },
    ];
    // The trend drawn, oldest year first; a count small enough to be hidden is not drawn either.
    let oldest_first: Vec<FinancialYear> = trend.iter().rev().copied().collect();
    let points = oldest_first
        .iter()
        .map(|y| {
            let (n, _) = as_stands(r.route, *y);
            let held = r.years.contains(y) || restated(data, r.route, *y).is_some();
            (held && rules.count(n) == n.to_string()).then(|| rust_decimal::Decimal::from(n))
        })
        .collect();
    blocks.extend(crate::chart::trend_chart(
        &format!("{} received, by year", r.title_noun),
        "Number",
        &oldest_first.iter().map(|y| y.to_string()).collect::<Vec<_>>(),
        vec![(r.title_noun.clone(), points)],
        "Restated figures are drawn as restated; a year not held, or a count too small to publish, is left out.",
    ));
    if trend.iter().any(|y| !r.years.contains(y)) {
        blocks.push(para(
            "\"Not held\": the Council holds only the totals an earlier report published for that year.",
        ));
    }
    blocks.extend(notes.iter().map(|n| para(n)));
    blocks.extend(per_open_case(data, &r.years, rules, r.route, &r.title_noun));
    blocks.extend(per_team(data, year, rules, r.route, &r.title_noun));
    blocks.extend(received_by(r, r.settings.received_by));
    blocks.extend(routes(r, &r.settings.routes));
    section("Numbers of complaints", blocks)
}

/// Statutory complaints received in each quarter (or month) of each year compared, in the
/// financial year's order (April first).
fn received_by(r: &Report, interval: Option<Interval>) -> Option<Block> {
    let interval = interval?;
    // Each slot's label, and which slot a date falls in (counted from April).
    let labels: Vec<String> = match interval {
        Interval::Quarter => (1..=4).map(|q| format!("Quarter {q}")).collect(),
        Interval::Month => (0..12u32)
            .map(|i| month_name((i + 3) % 12 + 1).to_string())
            .collect(),
    };
    let slot = |d: NaiveDate| crate::complaints::periods::slot_of(d, interval).1 as usize - 1;
    let rows = labels.iter().enumerate().map(|(i, label)| {
        let cells = r
            .years
            .iter()
            .map(|y| {
                let n = received(r.data, r.route, *y)
                    .iter()
                    .filter(|c| c.received.is_some_and(|d| slot(d) == i))
                    .count();
                r.count(n)
            })
            .collect();
        (label.clone(), cells)
    });
    let what = match interval {
        Interval::Quarter => "quarter",
        Interval::Month => "month",
    };
    Some(per_year_table(
        r,
        &format!("{} received, by {what} and year", r.title_noun),
        match interval {
            Interval::Quarter => "Quarter",
            Interval::Month => "Month",
        },
        rows,
    ))
}

/// The breakdowns the council also asks for by quarter or month (`period_tables`), by
/// `received_by`'s interval (quarters when it is not set), across the years compared.
fn by_period(r: &Report) -> Option<Section> {
    let tables = &r.settings.period_tables;
    if tables.is_empty() {
        return None;
    }
    let interval = r.settings.received_by.unwrap_or(Interval::Quarter);
    let mut blocks = vec![para(
        "Each case is counted in the period of its event: when it was received, when each stage started, or, for outcomes, when Stage 1 was answered.",
    )];
    let frame = crate::complaints::periods::Frame {
        years: &r.years,
        interval,
        rules: r.rules,
        totals_published: r.settings.received_by.is_some(),
    };
    blocks.extend(crate::complaints::periods::period_tables(
        r.data,
        r.route,
        &frame,
        tables,
        r.local(),
        &r.title_noun,
    ));
    let title = match interval {
        Interval::Quarter => "Figures by quarter",
        Interval::Month => "Figures by month",
    };
    Some(section(title, blocks))
}

/// Where the council reports more than one route (statutory and corporate complaints), each
/// stage started in the year by route, with the total.
fn routes(r: &Report, routes: &[String]) -> Vec<Block> {
    if routes.len() < 2 {
        return Vec::new();
    }
    let kinds = r.data.list("kind");
    let label = |code: &str| {
        kinds
            .iter()
            .find(|k| k.code == code)
            .map_or_else(|| code.to_string(), |k| k.label.clone())
    };
    let mut header = vec!["Stage".to_string()];
    header.extend(routes.iter().map(|k| label(k)));
    header.push("Total".into());
    let rows = [Step::Stage1, Step::Stage2, Step::Stage3, Step::Ombudsman]
        .into_iter()
        .map(|step| {
            let mut values: Vec<u64> = routes
                .iter()
                .map(|kind| {
                    let cases: Vec<&Complaint> =
                        r.data.cases.iter().filter(|c| c.kind == *kind).collect();
                    started_in(&cases, step, r.year, None)
                })
                .collect();
            values.push(values.iter().sum());
            let line = Line {
                members: (0..routes.len()).collect(),
                total: routes.len(),
            };
            // The statutory count is printed in the stage table too: it cannot be hidden here.
            let fixed = routes.iter().position(|k| k == STATUTORY);
            let shown = protect_keeping(&values, &[line], r.rules.suppress_below, fixed.as_slice());
            let mut row = vec![step.label(None)];
            row.extend(
                values
                    .iter()
                    .zip(&shown)
                    .map(|(n, s)| printed(r.rules, *n, *s)),
            );
            row
        })
        .collect();
    vec![Block::Table {
        caption: format!(
            "Complaints at each stage by route, {} (each counted in the year the stage started)",
            r.year
        ),
        header,
        rows,
        figures: Vec::new(),
    }]
}

/// 2: who made the complaints, and how many had an advocate.
fn profile(r: &Report) -> Section {
    let advocated = r.statutory.iter().filter(|c| c.advocacy).count();
    section(
        "Profile of complainants",
        vec![
            r.received_by(
                &format!("{} by who made them", r.title_noun),
                "Complainant",
                "profile",
                |c| c.profile.as_deref(),
            ),
            para(&format!(
                "Complainants supported by an advocate in {}: {}.",
                r.year,
                r.count(advocated)
            )),
        ],
    )
}

/// 3: how the complaints were made.
fn channels(r: &Report) -> Section {
    section(
        "How complaints were made",
        vec![r.received_by(
            &format!("{} by how they were made", r.title_noun),
            "Method",
            "channel",
            |c| c.channel.as_deref(),
        )],
    )
}

/// 4: what the complaints were about, at receipt and at closure, and where.
fn types(r: &Report) -> Section {
    let (data, rules) = (r.data, r.rules);
    let at_closure = by_year_table(
        format!(
            "{} by category (at closure, by root cause; at receipt while open)",
            r.title_noun
        ),
        "Category",
        &r.years,
        rules,
        |y| {
            breakdown(
                data,
                "category",
                &counted(data, r.route, y, rules.basis),
                |c| {
                    c.category_closure
                        .as_deref()
                        .or(c.category_receipt.as_deref())
                },
            )
        },
    );
    section(
        &format!("Types of {}", r.noun),
        vec![
            r.received_by(
                &format!("{} by category at receipt", r.title_noun),
                "Category",
                "category",
                |c| c.category_receipt.as_deref(),
            ),
            at_closure,
            r.received_by(
                &format!("{} by division", r.title_noun),
                "Division",
                "division",
                |c| c.division.as_deref(),
            ),
        ],
    )
}

/// 5: how Stage 1 complaints ended.
fn stage1_outcomes(r: &Report) -> Section {
    let (data, rules) = (r.data, r.rules);
    let outcomes = by_year_table("Stage 1 outcomes".into(), "Outcome", &r.years, rules, |y| {
        let cases: Vec<&Complaint> = counted(data, r.route, y, rules.basis)
            .into_iter()
            .filter(|c| c.stage1_outcome.is_some())
            .collect();
        breakdown(data, "outcome", &cases, |c| c.stage1_outcome.as_deref())
    });
    section(
        "Outcome of Stage 1 complaints",
        vec![basis_note(rules), outcomes],
    )
}

fn basis_note(rules: &Rules) -> Block {
    para(&format!(
        "Outcomes and timescales are counted over {}.",
        rules.basis.words()
    ))
}

/// 6: how quickly Stage 1 complaints were answered; a year the calendar cannot count is noted.
fn timescales(r: &Report, diagnostics: &mut Vec<String>) -> Section {
    let rules = r.rules;
    let mut rows = Vec::new();
    for y in &r.years {
        let cases = counted(r.data, r.route, *y, rules.basis);
        match timeliness(&cases, r.calendar) {
            Ok(t) => {
                // Within 20 and over 20 add up to the responses: hidden together.
                let values = [t.within_20, t.over_20, t.responded];
                let line = Line {
                    members: vec![0, 1],
                    total: 2,
                };
                let shown = protect(&values, &[line], rules.suppress_below);
                let share = |n: u64, s: Shown| match s {
                    Shown::Count => rules.percent(n, t.responded),
                    _ => "*".to_string(),
                };
                rows.push(vec![
                    y.to_string(),
                    printed(rules, t.responded, shown[2]),
                    rules.percent(t.within_10, t.responded),
                    share(t.within_20, shown[0]),
                    share(t.over_20, shown[1]),
                ]);
            }
            Err(e) => diagnostics.push(format!("{y}: timescales not computed: {e}")),
        }
    }
    // The sentence a reader looks for: this year's share within 10 days against last year's.
    let within_10 = |y: &FinancialYear| {
        rows.iter()
            .find(|row| row[0] == y.to_string())
            .map(|row| row[2].clone())
    };
    let sentence = match (within_10(&r.year), within_10(&r.year.previous())) {
        (Some(now), Some(before)) if now != "*" && before != "*" && !now.is_empty() => {
            Some(format!(
                "{now} of Stage 1 complaints were answered within 10 working days in {}, against {before} in {}.",
                r.year,
                r.year.previous()
            ))
        }
        (Some(now), _) if now != "*" && !now.is_empty() => Some(format!(
            "{now} of Stage 1 complaints were answered within 10 working days in {}.",
            r.year
        )),
        _ => None,
    };
    let table = Block::Table {
        caption: match r.local() {
            // Stage 1's days run from when the local stage passed the complaint on.
            Some(_) => "Stage 1 responses, working days from the start of Stage 1".into(),
            None => "Stage 1 responses, working days from receipt".into(),
        },
        header: [
            "Year",
            "Responses",
            "% within 10 days",
            "% within 20 days",
            "% over 20 days",
        ]
        .map(String::from)
        .to_vec(),
        rows,
        figures: Vec::new(),
    };
    section(
        "Timescales",
        sentence.iter().map(|t| para(t)).chain([
            table,
            para(
                "\"Within 20 days\" includes the responses within 10 days; \"over 20 days\" is the rest. Working days exclude weekends and the bank holidays of England and Wales; the day of receipt is day 0.",
            ),
        ]).collect(),
    )
}

/// Whether `date` falls in `year`.
fn in_year(date: Option<NaiveDate>, year: FinancialYear) -> bool {
    date.is_some_and(|d| d >= year.start() && d <= year.end())
}

/// 7: escalations counted in the year each happened, the stages started each year with the
/// escalation rates, how long each stage took, the issues complained of, and the Ombudsman's
/// decisions.
fn escalations(r: &Report, diagnostics: &mut Vec<String>) -> Section {
    let (data, year) = (r.data, r.year);
    let all: Vec<&Complaint> = data.cases.iter().filter(|c| c.kind == r.route).collect();
    let when = |date: fn(&Complaint) -> Option<NaiveDate>| {
        all.iter().filter(|c| in_year(date(c), year)).count()
    };
    let enquiries = received(data, "ombudsman_enquiry", year);
    let rows = [
        ("Stage 2 requested", r.count(when(|c| c.stage2_requested))),
        (
            "Stage 2 declined by the Council",
            r.count(when(|c| {
                c.stage2_requested
                    .filter(|_| c.stage2_declined_reason.is_some())
            })),
        ),
        (
            "Stage 2 investigations started",
            r.count(when(|c| c.stage2_started)),
        ),
        (
            "Stage 3 review panels requested",
            r.count(when(|c| c.stage3_requested)),
        ),
        (
            "Ombudsman enquiries",
            r.count(when(|c| c.ombudsman_referred) + enquiries.len()),
        ),
        ("Withdrawn", r.count(when(|c| c.withdrawn))),
    ];
    let mut blocks = vec![Block::Table {
        caption: format!("Escalations of {} made in {year}", r.noun),
        header: vec!["Escalation".into(), "Number".into()],
        rows: rows
            .into_iter()
            .map(|(what, n)| vec![what.to_string(), n])
            .collect(),
        figures: Vec::new(),
    }];
    blocks.push(para(
        "Each step is counted in the year it happened, whenever the complaint was first received, so a \
         year's figures do not change as later escalations are recorded.",
    ));
    blocks.extend(stage_tables(r, &all, diagnostics));
    blocks.extend(stage2_detail(r, &all));
    blocks.extend(later_stage_detail(r, &all, Step::Stage3));
    blocks.extend(later_stage_detail(r, &all, Step::Ombudsman));
    blocks.extend(issues_table(data, &r.statutory, r.rules, &r.noun));
    let decided: Vec<&Complaint> = all
        .iter()
        .copied()
        .chain(data.cases.iter().filter(|c| c.kind == "ombudsman_enquiry"))
        .filter(|c| in_year(c.ombudsman_decided, year))
        .collect();
    if !decided.is_empty() {
        let rows = data
            .list("outcome")
            .into_iter()
            .map(|o| {
                let n = decided
                    .iter()
                    .filter(|c| c.ombudsman_outcome.as_deref() == Some(o.code.as_str()))
                    .count();
                vec![o.label.clone(), r.count(n)]
            })
            .collect();
        blocks.push(Block::Table {
            caption: format!("The Ombudsman's decisions made in {year}"),
            header: vec!["Finding".into(), "Number".into()],
            rows,
            figures: Vec::new(),
        });
    }
    section("Stage 2, Stage 3 and the Ombudsman", blocks)
}

/// Each Stage 2 investigation finished in the year, numbered rather than named: when it ran, how
/// long it took against its limit, its issues by finding and the recommendations made. Counts of
/// issues, not of people, and months, not days, so no family can be recognised.
fn stage2_detail(r: &Report, all: &[&Complaint]) -> Vec<Block> {
    let mut done: Vec<&&Complaint> = all
        .iter()
        .filter(|c| in_year(c.stage2_adjudicated, r.year) && c.stage2_started.is_some())
        .collect();
    if done.is_empty() {
        return Vec::new();
    }
    done.sort_by_key(|c| c.stage2_started);
    let month = |d: NaiveDate| d.format("%B %Y").to_string();
    let outcomes = r.data.list("outcome");
    let mut header = vec![
        "Investigation".to_string(),
        "Started".to_string(),
        "Adjudicated".to_string(),
        "Working days".to_string(),
        "Time limit".to_string(),
        "Issues".to_string(),
    ];
    header.extend(outcomes.iter().map(|o| o.label.clone()));
    header.push("Recommendations".into());
    let rows = done
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let (Some(from), Some(to)) = (c.stage2_started, c.stage2_adjudicated) else {
                return Vec::new();
            };
            let days = r
                .calendar
                .working_days_between(from, to)
                .map_or_else(|_| String::new(), |d| d.to_string());
            let limit = Step::Stage2.limit(c, None).unwrap_or_default();
            let issues: Vec<_> = r
                .data
                .elements
                .iter()
                .filter(|e| e.reference == c.reference)
                .collect();
            let mut row = vec![
                format!("{}", i + 1),
                month(from),
                month(to),
                days,
                limit.to_string(),
                issues.len().to_string(),
            ];
            row.extend(outcomes.iter().map(|o| {
                issues
                    .iter()
                    .filter(|e| e.finding.as_deref() == Some(o.code.as_str()))
                    .count()
                    .to_string()
            }));
            row.push(
                issues
                    .iter()
                    .filter(|e| e.recommendation.is_some())
                    .count()
                    .to_string(),
            );
            row
        })
        .collect();
    vec![Block::Table {
        caption: format!("Stage 2 investigations adjudicated in {}", r.year),
        header,
        rows,
        figures: Vec::new(),
    }]
}

/// Each Stage 3 review panel held, and each Ombudsman decision made, in the year, numbered rather
/// than named as Stage 2's are: when the stage was asked for and ended (months, not days), the
/// working days against its limit, and the Ombudsman's finding.
fn later_stage_detail(r: &Report, all: &[&Complaint], step: Step) -> Option<Block> {
    let mut done: Vec<&Complaint> = all
        .iter()
        .copied()
        .filter(|c| in_year(step.finished(c), r.year))
        .collect();
    if step == Step::Ombudsman {
        // Enquiries the Ombudsman made without a complaint of the route's behind them.
        done.extend(
            r.data
                .cases
                .iter()
                .filter(|c| c.kind == "ombudsman_enquiry" && in_year(c.ombudsman_decided, r.year)),
        );
    }
    if done.is_empty() {
        return None;
    }
    let start = |c: &Complaint| step.started(c, None).or(c.received);
    done.sort_by_key(|c| start(c));
    let month = |d: Option<NaiveDate>| d.map(|d| d.format("%B %Y").to_string()).unwrap_or_default();
    let (what, asked, ended, caption) = match step {
        Step::Ombudsman => (
            "Decision",
            "Referred",
            "Decided",
            format!("The Ombudsman's decisions made in {}, one by one", r.year),
        ),
        _ => (
            "Panel",
            "Requested",
            "Held",
            format!("Stage 3 review panels held in {}", r.year),
        ),
    };
    let mut header = [what, asked, ended, "Working days"]
        .map(String::from)
        .to_vec();
    header.extend(match step {
        Step::Ombudsman => vec!["Finding".to_string()],
        _ => vec!["Time limit".into(), "Within the limit".into()],
    });
    let rows = done
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let days = match (start(c), step.finished(c)) {
                (Some(from), Some(to)) => r.calendar.working_days_between(from, to).ok(),
                _ => None,
            };
            let mut row = vec![
                (i + 1).to_string(),
                month(start(c)),
                month(step.finished(c)),
                days.map(|d| d.to_string()).unwrap_or_default(),
            ];
            match (step, step.limit(c, None)) {
                (Step::Ombudsman, _) | (_, None) => row.push(
                    c.ombudsman_outcome
                        .as_deref()
                        .map(|o| r.data.label("outcome", o).to_string())
                        .unwrap_or_else(|| "Not recorded".into()),
                ),
                (_, Some(limit)) => {
                    row.push(limit.to_string());
                    row.push(match days {
                        Some(d) if d <= i64::from(limit) => "Yes".into(),
                        Some(_) => "No".into(),
                        None => String::new(),
                    });
                }
            }
            row
        })
        .collect();
    Some(Block::Table {
        caption,
        header,
        rows,
        figures: Vec::new(),
    })
}

/// Each stage started in each year, with the escalation rates between stages started in the
/// same year; and how long each stage finished in the report's year took.
fn stage_tables(r: &Report, all: &[&Complaint], diagnostics: &mut Vec<String>) -> Vec<Block> {
    let local = r.local();
    let steps = Step::counted(local);
    let caption = format!(
        "{} at each stage, by the year the stage started",
        r.title_noun
    );
    // A stage's count as it stands: restated, where the council restated it, so that the rates
    // below follow the restated figure.
    let started = |step: Step, y: FinancialYear| {
        crate::complaints::restated_cells::restated_value(r.data, &caption, &step.label(local), y)
            .unwrap_or_else(|| started_in(all, step, y, local))
    };
    let mut rows: Vec<(String, Vec<String>)> = steps
        .iter()
        .map(|s| {
            let cells = r
                .years
                .iter()
                .map(|y| r.rules.count(started(*s, *y)))
                .collect();
            (s.label(local), cells)
        })
        .collect();
    let rate = |from: Step, to: Step| -> Vec<String> {
        r.years
            .iter()
            .map(|y| r.rules.percent(started(to, *y), started(from, *y)))
            .collect()
    };
    if local.is_some() {
        rows.push((
            format!("Taken on to Stage 1, % of {}", Step::Local.label(local)),
            rate(Step::Local, Step::Stage1),
        ));
    }
    rows.push((
        "Escalation rate: Stage 2 started, % of Stage 1 started".into(),
        rate(Step::Stage1, Step::Stage2),
    ));
    let mut blocks = vec![per_year_table(r, &caption, "Stage", rows.into_iter())];
    let mut timed = Vec::new();
    for step in &steps {
        match times(all, *step, r.year, local, r.calendar) {
            Ok(t) => {
                let few = t.finished > 0 && t.finished < r.rules.suppress_below;
                let days = |d: Option<rust_decimal::Decimal>| match (few, d) {
                    (true, _) => "*".to_string(),
                    (false, Some(d)) => d.normalize().to_string(),
                    (false, None) => String::new(),
                };
                let limited = step.limit(&Complaint::default(), local).is_some();
                timed.push(vec![
                    step.label(local),
                    r.rules.count(t.finished),
                    match (limited, few) {
                        (false, _) => "no limit".into(),
                        // A share of a hidden count would tell what it hides ("0%": all late).
                        (true, true) => "*".into(),
                        (true, false) => r.rules.percent(t.in_time, t.finished),
                    },
                    days(t.mean),
                    days(t.median),
                ]);
            }
            Err(e) => diagnostics.push(format!(
                "{}: stage times not computed: {e}",
                step.label(local)
            )),
        }
    }
    blocks.push(Block::Table {
        caption: format!("Time taken by the stages finished in {}", r.year),
        header: [
            "Stage",
            "Finished",
            "% within the time limit",
            "Average working days",
            "Median working days",
        ]
        .map(String::from)
        .to_vec(),
        rows: timed,
        // "no limit" and "*" stand among the figures.
        figures: vec![1, 2, 3, 4],
    });
    let local_limit = local
        .map(|l| format!("{} {} working days; ", l.label, l.days))
        .unwrap_or_default();
    blocks.push(para(&format!(
        "Time taken is counted in working days from the day a stage started to its answer. Time limits: {local_limit}Stage 1 10 working days (20 where extended); Stage 2 25 working days \
         (65 where extended); Stage 3, a review panel within 30 working days of the request. The Ombudsman \
         sets no limit the Council is measured by. Averages over fewer than {} stages are not shown (*).",
        r.rules.suppress_below.max(1)
    )));
    blocks
}

/// 8: contacts handled outside the statutory procedure.
fn other_contacts(r: &Report) -> Option<Section> {
    // The council's other kinds of contact, in its own order and words: not its complaint
    // routes, and not Ombudsman enquiries (counted with the escalations).
    let routes = &r.settings.routes;
    let kinds: Vec<_> = r
        .data
        .list("kind")
        .into_iter()
        .filter(|k| k.code != STATUTORY && k.code != r.route && k.code != "ombudsman_enquiry")
        .filter(|k| routes.len() < 2 || !routes.contains(&k.code))
        .collect();
    if kinds.is_empty() {
        return None;
    }
    let rows = kinds.iter().map(|k| {
        let cells = r.years.iter();
        let cells = cells.map(|y| r.count(received(r.data, &k.code, *y).len()));
        (k.label.clone(), cells.collect())
    });
    let rows: Vec<_> = rows.collect();
    Some(section(
        "Customer care, representations and MP enquiries",
        vec![per_year_table(
            r,
            "Contacts outside the statutory procedure",
            "Kind of contact",
            rows.into_iter(),
        )],
    ))
}

/// The compliments received in a year.
fn compliments_in(data: &ComplaintsData, y: FinancialYear) -> Vec<&Compliment> {
    data.compliments
        .iter()
        .filter(|c| c.received >= y.start() && c.received <= y.end())
        .collect()
}

/// 9: compliments by year and division, and a few of the year's, names reduced to initials.
fn compliments(r: &Report) -> Section {
    let data = r.data;
    if r.years.iter().all(|y| compliments_in(data, *y).is_empty()) {
        return section(
            "Compliments",
            vec![para(
                "No compliments were recorded in the years this report covers.",
            )],
        );
    }
    let by_year = r
        .years
        .iter()
        .map(|y| r.count(compliments_in(data, *y).len()));
    let mut blocks = vec![
        per_year_table(
            r,
            "Compliments by year",
            "Measure",
            std::iter::once(("Compliments".to_string(), by_year.collect())),
        ),
        by_year_table(
            "Compliments by division".into(),
            "Division",
            &r.years,
            r.rules,
            |y| compliments_by_division(data, &compliments_in(data, y)),
        ),
    ];
    let quotes = compliments_in(data, r.year).into_iter().take(6).map(|c| {
        let source = c
            .source
            .as_deref()
            .map(|s| data.label("compliment_source", s))
            .unwrap_or("");
        para(&format!("\"{}\" ({source})", initials_only(&c.text)))
    });
    blocks.extend(quotes);
    section("Compliments", blocks)
}

/// Compliments per division in the list's order, those with no division last.
fn compliments_by_division(data: &ComplaintsData, list: &[&Compliment]) -> Vec<(String, u64)> {
    let mut rows: Vec<(String, u64)> = data
        .list("division")
        .into_iter()
        .map(|d| {
            let n = list
                .iter()
                .filter(|c| c.division.as_deref() == Some(d.code.as_str()))
                .count();
            (d.label.clone(), n as u64)
        })
        .filter(|(_, n)| *n > 0)
        .collect();
    let blank = list.iter().filter(|c| c.division.is_none()).count() as u64;
    if blank > 0 {
        rows.push(("Not recorded".into(), blank));
    }
    rows
}

/// 10: the year's statutory complainants by each equality characteristic.
fn equality(r: &Report) -> Section {
    let mut rows = Vec::new();
    type Recorded = fn(&Complaint) -> &Option<String>;
    let characteristics: [(&str, Recorded); 4] = [
        ("Gender", |c| &c.equality.gender),
        ("Ethnicity", |c| &c.equality.ethnicity),
        ("Disability", |c| &c.equality.disability),
        ("Age band", |c| &c.equality.age_band),
    ];
    for (label, field) in characteristics {
        let mut counts: Vec<(String, u64)> = Vec::new();
        for c in &r.statutory {
            let v = field(c).clone().unwrap_or_else(|| "Not declared".into());
            match counts.iter_mut().find(|(k, _)| *k == v) {
                Some(e) => e.1 += 1,
                None => counts.push((v, 1)),
            }
        }
        counts.sort();
        // The counts add up to the complaints received, which the report prints.
        let mut values: Vec<u64> = counts.iter().map(|(_, n)| *n).collect();
        values.push(r.statutory.len() as u64);
        let line = Line {
            members: (0..counts.len()).collect(),
            total: counts.len(),
        };
        let shown = protect(&values, &[line], r.rules.suppress_below);
        for (i, (value, n)) in counts.into_iter().enumerate() {
            rows.push(vec![
                label.to_string(),
                value,
                printed(r.rules, n, shown[i]),
            ]);
        }
    }
    let table = Block::Table {
        caption: format!(
            "Equality monitoring of {} complainants, {}",
            r.adjective, r.year
        ),
        header: vec![
            "Characteristic".into(),
            "Recorded as".into(),
            "Number".into(),
        ],
        rows,
        figures: Vec::new(),
    };
    section("Equality monitoring", vec![table])
}

/// 11: what was learnt from the year's complaints.
fn learning(r: &Report) -> Section {
    let (data, year) = (r.data, r.year);
    let actions: Vec<Vec<String>> = data
        .learning_actions
        .iter()
        .filter(|a| {
            data.cases.iter().any(|c| {
                c.reference == a.reference
                    && c.received
                        .is_some_and(|d| d >= year.start() && d <= year.end())
            })
        })
        .map(|a| {
            vec![
                a.action.clone(),
                a.owner.clone().unwrap_or_default(),
                a.due.map(long_date).unwrap_or_default(),
                a.status.replace('_', " "),
            ]
        })
        .collect();
    let block = if actions.is_empty() {
        para("No learning actions were recorded for complaints received this year.")
    } else {
        Block::Table {
            caption: "Learning actions from complaints".into(),
            header: vec![
                "Action".into(),
                "Owner".into(),
                "Due".into(),
                "Status".into(),
            ],
            rows: actions,
            figures: Vec::new(),
        }
    };
    section("Learning and service improvement", vec![block])
}

/// 12: the action plan for the year after.
fn action_plan(r: &Report) -> Section {
    let next = FinancialYear(r.year.0 + 1);
    let title = format!("Action plan for {next}");
    let plan: Vec<Vec<String>> = r
        .data
        .action_plan
        .iter()
        .filter(|a| a.year == next.0)
        .map(|a| {
            vec![
                a.action.clone(),
                a.owner.clone().unwrap_or_default(),
                a.due.map(long_date).unwrap_or_default(),
            ]
        })
        .collect();
    let block = if plan.is_empty() {
        para(&format!("No action plan for {next} has been recorded."))
    } else {
        Block::Table {
            caption: title.clone(),
            header: vec!["Action".into(), "Owner".into(), "Due".into()],
            rows: plan,
            figures: Vec::new(),
        }
    };
    section(&title, vec![block])
}

/// The self-assessment against the Ombudsman's Complaint Handling Code, with last year's answer
/// beside this year's and the board's response; `None` where the year has none.
fn handling_code(r: &Report) -> Option<Section> {
    let this: Vec<_> = r
        .data
        .handling_code
        .iter()
        .filter(|a| a.year == r.year)
        .collect();
    if this.is_empty() {
        return None;
    }
    let last_year = r.year.previous();
    let last = |reference: &str| {
        r.data
            .handling_code
            .iter()
            .find(|a| a.year == last_year && a.reference == reference)
            .map(|a| a.answer.words().to_string())
    };
    let compared = this.iter().any(|a| last(&a.reference).is_some());
    let mut header = vec![
        "Ref".to_string(),
        "Requirement".to_string(),
        r.year.to_string(),
    ];
    if compared {
        header.push(last_year.to_string());
    }
    header.extend(["Evidence".to_string(), "Action".to_string()]);
    let rows = this
        .iter()
        .map(|a| {
            let mut row = vec![
                a.reference.clone(),
                a.requirement.clone(),
                a.answer.words().to_string(),
            ];
            if compared {
                row.push(last(&a.reference).unwrap_or_else(|| "not assessed".into()));
            }
            row.push(a.evidence.clone().unwrap_or_default());
            row.push(a.action.clone().unwrap_or_default());
            row
        })
        .collect();
    let met = this
        .iter()
        .filter(|a| a.answer == scrutiny_domain::complaints::records::CodeAnswer::Met)
        .count();
    let mut blocks = vec![
        para(&format!(
            "The Council has assessed its complaint handling against the Local Government and Social Care \
             Ombudsman's Complaint Handling Code: it meets {met} of the {} requirements assessed in full.",
            this.len()
        )),
        Block::Table {
            caption: format!(
                "Self-assessment against the Complaint Handling Code, {}",
                r.year
            ),
            header,
            rows,
            figures: Vec::new(),
        },
    ];
    if let Some(response) = r
        .data
        .handling_code_responses
        .iter()
        .find(|c| c.year == r.year)
    {
        blocks.push(Block::Heading {
            level: 3,
            number: None,
            text: "The board's response".into(),
        });
        blocks.push(para(&response.response));
    }
    Some(section("Complaint Handling Code self-assessment", blocks))
}

/// What the complaints manager wrote for the section headed `title`, in order, a paragraph for
/// each blank-line break.
fn written_for(data: &ComplaintsData, year: FinancialYear, title: &str) -> Vec<Block> {
    let Some((key, _)) = REPORT_SECTIONS.iter().find(|(_, t)| title.starts_with(t)) else {
        return Vec::new();
    };
    let mut written: Vec<_> = data
        .narrative
        .iter()
        .filter(|n| n.year == year && n.section == *key)
        .collect();
    written.sort_by_key(|n| n.position);
    written
        .iter()
        .flat_map(|n| crate::performance::sections::paragraphs(&n.text))
        .map(|p| para(&p))
        .collect()
}

/// A route's name in the singular ("Statutory complaint"): the council's label for the kind, or
/// failing one, the code in words.
fn route_label(data: &ComplaintsData, route: &str) -> String {
    if let Some(k) = data.list("kind").into_iter().find(|k| k.code == route) {
        return k.label.clone();
    }
    let words = route.replace('_', " ");
    let mut chars = words.chars();
    let words: String = chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default();
    if words.to_lowercase().ends_with("complaint") {
        words
    } else {
        format!("{words} complaint")
    }
}

/// The notes closing the report: the counting basis and, if any, the suppression rule.
fn closing_notes(rules: &Rules) -> Vec<Block> {
    let mut blocks = vec![
        basis_note(rules),
        para(&rules.rounding.words(rules.percent_dp)),
    ];
    if rules.suppress_below > 0 {
        blocks.push(para(&format!(
            "Counts from 1 to {} are shown as \"fewer than {}\" (and their percentages as *) so that no child or family can be identified. Where a total would let such a count be worked out, a further count in the same table is hidden too, shown as *.",
            rules.suppress_below - 1,
            rules.suppress_below
        )));
    } else {
        blocks.push(para(
            "Every count is shown, however small: none is suppressed.",
        ));
    }
    blocks
}

/// Marks a copy printed with a lower threshold than the council publishes at (`used` against
/// `published`) as not for publication, in its subtitle and file names, the same way from the
/// command line and the web. A council whose own threshold is 0 publishes every count: its report
/// is not marked.
pub fn mark_if_unpublishable(doc: &mut Document, published: &Rules, used: &Rules) {
    if used.suppress_below < published.suppress_below {
        doc.slug.push_str("-unsuppressed");
        doc.subtitle = doc
            .subtitle
            .take()
            .map(|s| format!("{s} (not for publication: small counts shown)"));
    }
}

pub fn annual_report(
    data: &ComplaintsData,
    year: FinancialYear,
    rules: &Rules,
    calendar: &BankHolidays,
    produced_on: &str,
) -> Document {
    annual_report_for(data, year, rules, calendar, produced_on, STATUTORY)
}

/// Why a route cannot be reported on, if it cannot: it must be a kind of case the council holds
/// or lists.
pub fn route_problem(data: &ComplaintsData, route: &str) -> Option<String> {
    let held = data.cases.iter().any(|c| c.kind == route)
        || data.list("kind").iter().any(|k| k.code == route);
    (!held).then(|| {
        format!("'{route}' is not a kind of case held: give one of the kind list's codes, e.g. corporate")
    })
}

/// The routes the council reports on apart from the statutory one, with their names: for links
/// to their separate reports.
pub fn separate_routes(data: &ComplaintsData) -> Vec<(String, String)> {
    settings(&data.settings)
        .routes
        .into_iter()
        .filter(|r| r != STATUTORY && route_problem(data, r).is_none())
        .map(|r| {
            let label = format!("{}s", route_label(data, &r));
            (r, label)
        })
        .collect()
}

/// The annual report of one route a council reports separately (`corporate`, say): the same
/// sections, counted over that kind of case. A local stage applies to the statutory route only.
pub fn annual_report_for(
    data: &ComplaintsData,
    year: FinancialYear,
    rules: &Rules,
    calendar: &BankHolidays,
    produced_on: &str,
    route: &str,
) -> Document {
    let years: Vec<FinancialYear> = rules
        .years(year)
        .into_iter()
        .filter(|y| {
            *y == year
                || data
                    .cases
                    .iter()
                    .any(|c| c.received.is_some_and(|d| d >= y.start() && d <= y.end()))
        })
        .collect();
    let r = Report {
        data,
        year,
        years,
        rules,
        calendar,
        statutory: received(data, route, year),
        settings: settings(&data.settings),
        route,
        noun: format!("{}s", route_label(data, route).to_lowercase()),
        title_noun: format!("{}s", route_label(data, route)),
        adjective: route_label(data, route)
            .to_lowercase()
            .strip_suffix(" complaint")
            .map_or_else(|| "the".to_string(), str::to_string),
    };
    let mut diagnostics = Vec::new();
    let sections = [
        numbers(&r),
        profile(&r),
        channels(&r),
        types(&r),
        stage1_outcomes(&r),
        timescales(&r, &mut diagnostics),
        escalations(&r, &mut diagnostics),
    ];
    let sections = sections
        .into_iter()
        .chain(other_contacts(&r))
        .chain([compliments(&r), equality(&r), learning(&r), action_plan(&r)])
        .chain(by_period(&r))
        .chain(handling_code(&r));
    let mut numbering = Numbering::default();
    let mut blocks = Vec::new();
    for s in sections {
        blocks.push(numbering.section(&s.title));
        blocks.extend(written_for(data, year, &s.title));
        blocks.extend(s.blocks);
    }
    let mut blocks = crate::complaints::restated_cells::restate_cells(
        blocks,
        data,
        &rules.years(year),
        rules,
        &mut diagnostics,
    );
    blocks.extend(closing_notes(rules));
    let settings = &r.settings;
    crate::checks::checked(Document {
        title: settings.report_title.clone().unwrap_or_else(|| {
            "Annual Report: Comments, Complaints and Compliments relating to Children's Social Care"
                .into()
        }),
        subtitle: Some(match route {
            STATUTORY => format!("1 April {} to 31 March {}", year.0, year.0 + 1),
            _ => format!(
                "{}, 1 April {} to 31 March {}",
                route_label(data, route),
                year.0,
                year.0 + 1
            ),
        }),
        header_lines: settings
            .council
            .iter()
            .map(|c| ("Council".to_string(), c.clone()))
            .collect(),
        produced_on: produced_on.to_string(),
        slug: match route {
            STATUTORY => format!(
                "complaints-annual-report-{}",
                year.to_string().replace('/', "-")
            ),
            _ => format!(
                "complaints-annual-report-{}-{}",
                year.to_string().replace('/', "-"),
                crate::slug(route)
            ),
        },
        cover: None,
        summary: Vec::new(),
        blocks,
        diagnostics,
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        scrutiny_domain::period::parse_date(s).unwrap()
    }

    fn table<'a>(doc: &'a Document, starts: &str) -> &'a Vec<Vec<String>> {
        doc.blocks
            .iter()
            .find_map(|b| match b {
                Block::Table { caption, rows, .. } if caption.starts_with(starts) => Some(rows),
                _ => None,
            })
            .unwrap()
    }

    #[test]
    fn counts_by_quarter_and_by_route_where_the_council_asks() {
        use scrutiny_domain::complaints::records::ListItem;
        use scrutiny_domain::complaints::settings::Setting;
        let mut data = ComplaintsData::default();
        for (key, value) in [
            ("routes", "statutory, corporate"),
            ("received_by", "quarter"),
        ] {
            data.settings.push(Setting {
                key: key.into(),
                value: value.into(),
            });
        }
        data.lists.push(ListItem {
            list: "kind".into(),
            code: "corporate".into(),
            label: "Corporate complaint".into(),
            position: 2,
        });
        for (n, (kind, received)) in [
            ("statutory", "2017-04-10"),
            ("statutory", "2017-07-10"),
            ("statutory", "2018-01-10"),
            ("corporate", "2017-05-10"),
        ]
        .into_iter()
        .enumerate()
        {
            data.cases.push(Complaint {
                reference: format!("C{n}"),
                kind: kind.into(),
                received: Some(d(received)),
                ..Default::default()
            });
        }
        let rules = Rules {
            suppress_below: 0,
            ..Rules::default()
        };
        let cal = BankHolidays::england_and_wales().unwrap();
        let doc = annual_report(&data, FinancialYear(2017), &rules, &cal, "today");
        let quarters = table(&doc, "Statutory complaints received, by quarter");
        let q: Vec<&str> = quarters.iter().map(|r| r[1].as_str()).collect();
        assert_eq!(q, ["1", "1", "0", "1"]);
        let routes = table(&doc, "Complaints at each stage by route");
        assert_eq!(routes[0], ["Stage 1 (local resolution)", "3", "1", "4"]);
    }

    #[test]
    fn restated_figures_carry_into_the_total_and_a_year_held_as_totals_is_marked() {
        use scrutiny_domain::complaints::records::{ListItem, Restatement};
        let mut data = ComplaintsData::default();
        for (position, code, label) in [
            (1, "statutory", "Statutory complaint"),
            (2, "corporate", "Corporate complaint"),
        ] {
            data.lists.push(ListItem {
                list: "kind".into(),
                code: code.into(),
                label: label.into(),
                position,
            });
        }
        for (n, received) in ["2017-05-02", "2017-06-01", "2016-05-03", "2016-06-01"]
            .into_iter()
            .enumerate()
        {
            data.cases.push(Complaint {
                reference: format!("C{n}"),
                kind: STATUTORY.into(),
                received: Some(d(received)),
                ..Default::default()
            });
        }
        // 2016/17 restated from 2 to 3; 2015/16 held only as its published totals.
        for (year, kind, published, restated) in [
            (2016, "statutory", "2", Some(3)),
            (2015, "statutory", "7", Some(7)),
            (2015, "corporate", "4", Some(4)),
        ] {
            data.restatements.push(Restatement {
                year,
                kind: kind.into(),
                published: published.into(),
                restated,
                note: "A complaint logged late.".into(),
                ..Default::default()
            });
        }
        let rules = Rules {
            suppress_below: 0,
            earlier_years: 2,
            ..Rules::default()
        };
        let cal = BankHolidays::england_and_wales().unwrap();
        let doc = annual_report(&data, FinancialYear(2017), &rules, &cal, "today");
        let rows = table(&doc, "Cases received, by kind and year");
        assert_eq!(
            rows[0],
            ["Statutory complaint", "2", "3 (restated)", "7 (restated)"]
        );
        assert_eq!(rows[1], ["Corporate complaint", "0", "0", "4 (restated)"]);
        assert_eq!(
            rows[2],
            [
                "Complaints in all (statutory and corporate)",
                "2",
                "3 (restated)",
                "11 (restated)"
            ]
        );
        // The sentence's change is from the restated figure.
        let text = serde_json::to_string(&doc).unwrap();
        assert!(
            text.contains("a 33% decrease from the previous year (3)"),
            "{text}"
        );
    }

    #[test]
    fn each_stage_2_investigation_is_detailed_without_naming_anyone() {
        use scrutiny_domain::complaints::records::{Element, ListItem};
        let mut data = ComplaintsData::default();
        for (position, code, label) in [(1, "upheld", "Upheld"), (2, "not_upheld", "Not upheld")] {
            data.lists.push(ListItem {
                list: "outcome".into(),
                code: code.into(),
                label: label.into(),
                position,
            });
        }
        data.cases.push(Complaint {
            reference: "SECRET-REF".into(),
            kind: STATUTORY.into(),
            received: Some(d("2017-03-01")),
            stage1_responded: Some(d("2017-03-10")),
            stage2_requested: Some(d("2017-04-20")),
            stage2_started: Some(d("2017-05-02")),
            stage2_adjudicated: Some(d("2017-06-01")),
            ..Default::default()
        });
        for (n, finding, recommendation) in [
            (1, "upheld", Some("Apologise")),
            (2, "not_upheld", None),
            (3, "upheld", Some("Train staff")),
        ] {
            data.elements.push(Element {
                reference: "SECRET-REF".into(),
                element: n,
                summary: "An issue".into(),
                finding: Some(finding.into()),
                recommendation: recommendation.map(str::to_string),
                category: None,
            });
        }
        let cal = BankHolidays::england_and_wales().unwrap();
        let doc = annual_report(&data, FinancialYear(2017), &Rules::default(), &cal, "today");
        let rows = table(&doc, "Stage 2 investigations adjudicated in 2017/18");
        assert_eq!(
            rows[0],
            ["1", "May 2017", "June 2017", "21", "25", "3", "2", "1", "2"]
        );
        assert!(!serde_json::to_string(&doc).unwrap().contains("SECRET-REF"));
    }

    #[test]
    fn a_route_reported_separately_counts_its_own_cases_in_its_own_words() {
        use scrutiny_domain::complaints::records::ListItem;
        let mut data = ComplaintsData::default();
        for (position, code, label) in [
            (1, "statutory", "Statutory complaint"),
            (2, "corporate", "Corporate complaint"),
        ] {
            data.lists.push(ListItem {
                list: "kind".into(),
                code: code.into(),
                label: label.into(),
                position,
            });
        }
        for (n, kind) in ["statutory", "corporate", "corporate"]
            .into_iter()
            .enumerate()
        {
            data.cases.push(Complaint {
                reference: format!("C{n}"),
                kind: kind.into(),
                received: Some(d("2017-06-01")),
                ..Default::default()
            });
        }
        let rules = Rules {
            suppress_below: 0,
            ..Rules::default()
        };
        let cal = BankHolidays::england_and_wales().unwrap();
        let doc = annual_report_for(
            &data,
            FinancialYear(2017),
            &rules,
            &cal,
            "today",
            "corporate",
        );
        assert_eq!(doc.slug, "complaints-annual-report-2017-18-corporate");
        let text = serde_json::to_string(&doc).unwrap();
        assert!(
            text.contains("2 corporate complaints were made to the Council in 2017/18"),
            "{text}"
        );
        assert!(text.contains("Corporate complaints by who made them"));
        assert!(!text.contains("Statutory complaints by"));
    }

    #[test]
    fn the_council_names_itself_and_titles_its_report() {
        use scrutiny_domain::complaints::settings::Setting;
        let mut data = ComplaintsData::default();
        for (key, value) in [
            ("council", "Glanmor County Borough Council"),
            ("report_title", "Complaints and compliments: annual report"),
        ] {
            data.settings.push(Setting {
                key: key.into(),
                value: value.into(),
            });
        }
        let cal = BankHolidays::england_and_wales().unwrap();
        let doc = annual_report(&data, FinancialYear(2017), &Rules::default(), &cal, "today");
        assert_eq!(doc.title, "Complaints and compliments: annual report");
        assert_eq!(
            doc.header_lines,
            [(
                "Council".to_string(),
                "Glanmor County Borough Council".to_string()
            )]
        );
    }

    #[test]
    fn the_handling_code_self_assessment_is_printed_against_last_years() {
        use scrutiny_domain::complaints::records::{CodeAnswer, CodeAssessment, CodeResponse};
        let mut data = ComplaintsData::default();
        for (year, reference, answer) in [
            (2017, "1.2", CodeAnswer::Met),
            (2017, "5.1", CodeAnswer::PartlyMet),
            (2016, "5.1", CodeAnswer::NotMet),
        ] {
            data.handling_code.push(CodeAssessment {
                year: FinancialYear(year),
                reference: reference.into(),
                requirement: "A requirement".into(),
                answer,
                evidence: Some("Policy on the website".into()),
                action: None,
            });
        }
        data.handling_code_responses.push(CodeResponse {
            year: FinancialYear(2017),
            response: "The board welcomes the progress.".into(),
        });
        let cal = BankHolidays::england_and_wales().unwrap();
        let doc = annual_report(&data, FinancialYear(2017), &Rules::default(), &cal, "today");
        let rows = table(&doc, "Self-assessment against the Complaint Handling Code");
        assert_eq!(rows[0][2..4], ["Met", "not assessed"]);
        assert_eq!(rows[1][2..4], ["Partly met", "Not met"]);
        let text = serde_json::to_string(&doc).unwrap();
        assert!(text.contains("The board welcomes the progress."));
        assert!(text.contains("it meets 1 of the 2 requirements"));
        // A year with no self-assessment has no such section.
        let earlier = annual_report(&data, FinancialYear(2015), &Rules::default(), &cal, "today");
        assert!(
            !serde_json::to_string(&earlier)
                .unwrap()
                .contains("Handling Code")
        );
    }

    /// A year's report does not change when a later escalation of one of its complaints is
    /// recorded: the Stage 2 counts in the year it started.
    #[test]
    fn a_published_years_stage_counts_hold_when_a_later_escalation_arrives() {
        let mut data = ComplaintsData::default();
        for n in 0..6 {
            data.cases.push(Complaint {
                reference: format!("C{n}"),
                kind: STATUTORY.into(),
                received: Some(d("2017-02-01")),
                stage1_responded: Some(d("2017-02-10")),
                ..Default::default()
            });
        }
        let rules = Rules {
            suppress_below: 0,
            ..Rules::default()
        };
        let cal = BankHolidays::england_and_wales().unwrap();
        let report = |data: &ComplaintsData, year| {
            annual_report(data, FinancialYear(year), &rules, &cal, "today")
        };
        let before = report(&data, 2016);
        let stages = |doc: &Document| table(doc, "Statutory complaints at each stage").clone();
        let stage2 = |doc: &Document| stages(doc)[1].clone();
        assert_eq!(stage2(&before)[1], "0");
        // In May 2017 (2017/18) one of them goes to Stage 2.
        data.cases[0].stage2_requested = Some(d("2017-04-28"));
        data.cases[0].stage2_started = Some(d("2017-05-02"));
        data.cases[0].stage2_adjudicated = Some(d("2017-06-01"));
        let after = report(&data, 2016);
        assert_eq!(stages(&after), stages(&before), "2016/17 is unchanged");
        let next = report(&data, 2017);
        assert_eq!(stage2(&next)[1], "1", "counted in 2017/18");
        assert_eq!(
            stages(&next).last().unwrap()[2],
            "0%",
            "no Stage 2 started in 2016/17"
        );
        // Its time: 2 May to 1 June 2017 is 21 working days (29 May a bank holiday), within 25.
        let times = table(&next, "Time taken by the stages finished in 2017/18");
        assert_eq!(times[1][1..], ["1", "100%", "21", "21"]);
    }
}
