//! The statutory annual report on complaints, comments and compliments about children's social
//! care, in the board report template: every table counted from the case records by
//! `scrutiny_domain::complaint_figures`, compared with up to four earlier years, small counts
//! suppressed by the declared rule, compliments' names reduced to initials. Personal data is not
//! in the records this builder is handed, so it cannot print any.

use scrutiny_domain::calendar::BankHolidays;
use scrutiny_domain::complaint_figures::{Rules, breakdown, change, counted, received, timeliness};
use scrutiny_domain::complaint_records::{Case, ComplaintsData, Restatement, initials_only};
use scrutiny_domain::period::FinancialYear;

use crate::document::{Block, Document};
use crate::sections::{heading, para};

const STATUTORY: &str = "statutory";

/// A table with one row per list entry and, per year, the count and its share of the year's total.
fn by_year_table(
    caption: String,
    first: &str,
    years: &[FinancialYear],
    rules: &Rules,
    per_year: impl Fn(FinancialYear) -> Vec<(String, u64)>,
) -> Block {
    let columns: Vec<Vec<(String, u64)>> = years.iter().map(|y| per_year(*y)).collect();
    let mut header = vec![first.to_string()];
    for y in years {
        header.push(format!("{y}"));
        header.push(format!("{y} %"));
    }
    let labels: Vec<String> = columns
        .iter()
        .flat_map(|c| c.iter().map(|(l, _)| l.clone()))
        .fold(Vec::new(), |mut acc, l| {
            if !acc.contains(&l) {
                acc.push(l);
            }
            acc
        });
    let mut rows: Vec<Vec<String>> = labels
        .iter()
        .map(|label| {
            let mut row = vec![label.clone()];
            for c in &columns {
                let total: u64 = c.iter().map(|(_, n)| n).sum();
                let n = c.iter().find(|(l, _)| l == label).map_or(0, |(_, n)| *n);
                row.push(rules.count(n));
                row.push(rules.percent(n, total));
            }
            row
        })
        .collect();
    let mut total_row = vec!["Total".to_string()];
    for c in &columns {
        let total: u64 = c.iter().map(|(_, n)| n).sum();
        total_row.push(rules.count(total));
        total_row.push(if total > 0 {
            "100%".into()
        } else {
            String::new()
        });
    }
    rows.push(total_row);
    Block::Table {
        caption,
        header,
        rows,
    }
}

/// Statutory complaints as a share of the cases open at each year's end, for the years whose
/// caseload is recorded. To one decimal place, as the seeds print it (4.4%), whatever the
/// report's rounding rule: whole percentages would hide the year-on-year movement.
fn per_open_case(data: &ComplaintsData, years: &[FinancialYear], rules: &Rules) -> Vec<Block> {
    let rows: Vec<Vec<String>> = years
        .iter()
        .filter_map(|y| {
            let open = data.caseloads.iter().find(|c| c.year == y.0)?.open_cases;
            let n = received(data, STATUTORY, *y).len() as u64;
            let share = scrutiny_domain::format::percentage(
                rust_decimal::Decimal::from(n),
                rust_decimal::Decimal::from(open),
                1,
            )?;
            let small = rules.count(n) != n.to_string();
            Some(vec![
                y.to_string(),
                open.to_string(),
                rules.count(n),
                if small {
                    "*".into()
                } else {
                    format!("{share}%")
                },
            ])
        })
        .collect();
    if rows.is_empty() {
        return Vec::new();
    }
    vec![Block::Table {
        caption: "Statutory complaints per open case (cases open on 31 March)".into(),
        header: vec![
            "Year".into(),
            "Open cases".into(),
            "Statutory complaints".into(),
            "Share of open cases".into(),
        ],
        rows,
    }]
}

/// The council's restatement of a kind's count for a year, if any.
fn restated<'a>(
    data: &'a ComplaintsData,
    kind: &str,
    year: FinancialYear,
) -> Option<&'a Restatement> {
    data.restatements
        .iter()
        .find(|r| r.kind == kind && r.year == year.0)
}

/// The issues of the year's statutory complaints, by category and finding: a complaint about
/// several things counts once per issue. Counts only, so no words from a case are published.
fn issues_table(data: &ComplaintsData, statutory: &[&Case], rules: &Rules) -> Vec<Block> {
    let issues: Vec<_> = data
        .elements
        .iter()
        .filter(|e| statutory.iter().any(|c| c.reference == e.reference))
        .collect();
    if issues.is_empty() {
        return Vec::new();
    }
    let outcomes = data.list("outcome");
    let mut header = vec!["Category of issue".to_string()];
    header.extend(outcomes.iter().map(|o| o.label.clone()));
    header.extend(["No finding yet".to_string(), "Issues".to_string()]);
    let mut categories: Vec<(Option<String>, String)> = data
        .list("category")
        .into_iter()
        .map(|c| (Some(c.code.clone()), c.label.clone()))
        .collect();
    categories.push((None, "Not recorded".into()));
    let rows = categories
        .iter()
        .filter_map(|(code, label)| {
            let mine: Vec<_> = issues.iter().filter(|e| e.category == *code).collect();
            if mine.is_empty() {
                return None;
            }
            let mut row = vec![label.clone()];
            row.extend(outcomes.iter().map(|o| {
                rules.count(
                    mine.iter()
                        .filter(|e| e.finding.as_deref() == Some(o.code.as_str()))
                        .count() as u64,
                )
            }));
            row.push(rules.count(mine.iter().filter(|e| e.finding.is_none()).count() as u64));
            row.push(rules.count(mine.len() as u64));
            Some(row)
        })
        .collect();
    vec![Block::Table {
        caption: "Issues of statutory complaints, by category and finding".into(),
        header,
        rows,
    }]
}

pub fn annual_report(
    data: &ComplaintsData,
    year: FinancialYear,
    rules: &Rules,
    calendar: &BankHolidays,
    produced_on: &str,
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
    let mut diagnostics = Vec::new();
    let mut blocks = Vec::new();
    let statutory = received(data, STATUTORY, year);
    let last_year = received(data, STATUTORY, year.previous());
    let kinds: Vec<(String, String)> = data
        .list("kind")
        .into_iter()
        .map(|k| (k.code.clone(), k.label.clone()))
        .collect();

    blocks.push(heading(1, "1", "Numbers of complaints"));
    let mut text = format!(
        "{} statutory complaints were made to the Council in {year}",
        rules.count(statutory.len() as u64)
    );
    // The previous year as restated, if it was.
    let last_count = restated(data, STATUTORY, year.previous())
        .and_then(|r| r.restated)
        .unwrap_or(last_year.len() as u64);
    let moved = change(statutory.len() as u64, last_count, rules);
    if !moved.is_empty() && rules.count(last_count) == last_count.to_string() {
        text.push_str(&format!(
            ", a {moved} from the previous year ({last_count})."
        ));
    } else {
        text.push('.');
    }
    blocks.push(para(&text));
    let mut header = vec!["Kind".to_string()];
    header.extend(years.iter().map(|y| y.to_string()));
    // A restated figure is marked and explained under the table.
    let mut notes = Vec::new();
    let mut rows: Vec<Vec<String>> = kinds
        .iter()
        .map(|(code, label)| {
            let mut row = vec![label.clone()];
            row.extend(years.iter().map(|y| {
                let counted = received(data, code, *y).len() as u64;
                match restated(data, code, *y) {
                    Some(r) if *y != year => {
                        notes.push(format!(
                            "{label}, {y}: restated as {} (published as {}). {}",
                            rules.count(r.restated.unwrap_or(counted)),
                            r.published,
                            r.note
                        ));
                        format!("{} (restated)", rules.count(r.restated.unwrap_or(counted)))
                    }
                    _ => rules.count(counted),
                }
            }));
            row
        })
        .collect();
    let complaint_kinds = ["statutory", "corporate"];
    let mut total = vec!["Complaints in all (statutory and corporate)".to_string()];
    total.extend(years.iter().map(|y| {
        let n: usize = complaint_kinds
            .iter()
            .map(|k| received(data, k, *y).len())
            .sum();
        rules.count(n as u64)
    }));
    rows.push(total);
    blocks.push(Block::Table {
        caption: "Cases received, by kind and year".into(),
        header,
        rows,
    });
    for n in notes {
        blocks.push(para(&n));
    }
    blocks.extend(per_open_case(data, &years, rules));

    blocks.push(heading(1, "2", "Profile of complainants"));
    blocks.push(by_year_table(
        "Statutory complaints by who made them".into(),
        "Complainant",
        &years,
        rules,
        |y| {
            breakdown(data, "profile", &received(data, STATUTORY, y), |c| {
                c.profile.as_deref()
            })
        },
    ));
    let advocated = statutory.iter().filter(|c| c.advocacy).count() as u64;
    blocks.push(para(&format!(
        "Complainants supported by an advocate in {year}: {}.",
        rules.count(advocated)
    )));

    blocks.push(heading(1, "3", "How complaints were made"));
    blocks.push(by_year_table(
        "Statutory complaints by how they were made".into(),
        "Method",
        &years,
        rules,
        |y| {
            breakdown(data, "channel", &received(data, STATUTORY, y), |c| {
                c.channel.as_deref()
            })
        },
    ));

    blocks.push(heading(1, "4", "Types of statutory complaints"));
    blocks.push(by_year_table(
        "Statutory complaints by category at receipt".into(),
        "Category",
        &years,
        rules,
        |y| {
            breakdown(data, "category", &received(data, STATUTORY, y), |c| {
                c.category_receipt.as_deref()
            })
        },
    ));
    blocks.push(by_year_table(
        "Statutory complaints by category (at closure, by root cause; at receipt while open)"
            .into(),
        "Category",
        &years,
        rules,
        |y| {
            breakdown(
                data,
                "category",
                &counted(data, STATUTORY, y, rules.basis),
                |c| {
                    c.category_closure
                        .as_deref()
                        .or(c.category_receipt.as_deref())
                },
            )
        },
    ));
    blocks.push(by_year_table(
        "Statutory complaints by division".into(),
        "Division",
        &years,
        rules,
        |y| {
            breakdown(data, "division", &received(data, STATUTORY, y), |c| {
                c.division.as_deref()
            })
        },
    ));

    blocks.push(heading(1, "5", "Outcome of Stage 1 complaints"));
    blocks.push(para(&format!(
        "Outcomes and timescales are counted over {}.",
        rules.basis.words()
    )));
    blocks.push(by_year_table(
        "Stage 1 outcomes".into(),
        "Outcome",
        &years,
        rules,
        |y| {
            let cases: Vec<&Case> = counted(data, STATUTORY, y, rules.basis)
                .into_iter()
                .filter(|c| c.stage1_outcome.is_some())
                .collect();
            breakdown(data, "outcome", &cases, |c| c.stage1_outcome.as_deref())
        },
    ));

    blocks.push(heading(1, "6", "Timescales"));
    let mut rows = Vec::new();
    for y in &years {
        let cases = counted(data, STATUTORY, *y, rules.basis);
        match timeliness(&cases, calendar) {
            Ok(t) => rows.push(vec![
                y.to_string(),
                rules.count(t.responded),
                rules.percent(t.within_10, t.responded),
                rules.percent(t.within_20, t.responded),
                rules.percent(t.over_20, t.responded),
            ]),
            Err(e) => diagnostics.push(format!("{y}: timescales not computed: {e}")),
        }
    }
    blocks.push(Block::Table {
        caption: "Stage 1 responses, working days from receipt".into(),
        header: vec![
            "Year".into(),
            "Responses".into(),
            "% within 10 days".into(),
            "% within 20 days".into(),
            "% over 20 days".into(),
        ],
        rows,
    });
    blocks.push(para(
        "\"Within 20 days\" includes the responses within 10 days; \"over 20 days\" is the rest. Working days exclude weekends and the bank holidays of England and Wales; the day of receipt is day 0.",
    ));

    blocks.push(heading(1, "7", "Stage 2, Stage 3 and the Ombudsman"));
    let asked: Vec<&&Case> = statutory
        .iter()
        .filter(|c| c.stage2_requested.is_some())
        .collect();
    let declined = asked
        .iter()
        .filter(|c| c.stage2_declined_reason.is_some())
        .count() as u64;
    let started = statutory
        .iter()
        .filter(|c| c.stage2_started.is_some())
        .count() as u64;
    let panels = statutory
        .iter()
        .filter(|c| c.stage3_requested.is_some())
        .count() as u64;
    let ombudsman = statutory
        .iter()
        .filter(|c| c.ombudsman_referred.is_some())
        .count() as u64
        + received(data, "ombudsman_enquiry", year).len() as u64;
    let withdrawn = statutory.iter().filter(|c| c.withdrawn.is_some()).count() as u64;
    blocks.push(Block::Table {
        caption: format!("Escalations of statutory complaints received in {year}"),
        header: vec!["Escalation".into(), "Number".into()],
        rows: vec![
            vec!["Stage 2 requested".into(), rules.count(asked.len() as u64)],
            vec![
                "Stage 2 declined by the Council".into(),
                rules.count(declined),
            ],
            vec![
                "Stage 2 investigations started".into(),
                rules.count(started),
            ],
            vec![
                "Stage 3 review panels requested".into(),
                rules.count(panels),
            ],
            vec!["Ombudsman enquiries".into(), rules.count(ombudsman)],
            vec!["Withdrawn".into(), rules.count(withdrawn)],
        ],
    });
    blocks.extend(issues_table(data, &statutory, rules));
    let decided: Vec<&Case> = statutory
        .iter()
        .copied()
        .chain(received(data, "ombudsman_enquiry", year))
        .filter(|c| c.ombudsman_decided.is_some())
        .collect();
    if !decided.is_empty() {
        let rows = data
            .list("outcome")
            .into_iter()
            .map(|o| {
                let n = decided
                    .iter()
                    .filter(|c| c.ombudsman_outcome.as_deref() == Some(o.code.as_str()))
                    .count() as u64;
                vec![o.label.clone(), rules.count(n)]
            })
            .collect();
        blocks.push(Block::Table {
            caption: format!("The Ombudsman's decisions on complaints received in {year}"),
            header: vec!["Finding".into(), "Number".into()],
            rows,
        });
    }

    blocks.push(heading(
        1,
        "8",
        "Customer care, representations and MP enquiries",
    ));
    let mut header = vec!["Kind of contact".to_string()];
    header.extend(years.iter().map(|y| y.to_string()));
    let rows = ["representation", "customer_care", "corporate", "mp_enquiry"]
        .iter()
        .map(|k| {
            let mut row = vec![data.label("kind", k).to_string()];
            row.extend(
                years
                    .iter()
                    .map(|y| rules.count(received(data, k, *y).len() as u64)),
            );
            row
        })
        .collect();
    blocks.push(Block::Table {
        caption: "Contacts outside the statutory procedure".into(),
        header,
        rows,
    });

    blocks.push(heading(1, "9", "Compliments"));
    let compliments_in = |y: FinancialYear| {
        data.compliments
            .iter()
            .filter(|c| c.received >= y.start() && c.received <= y.end())
            .collect::<Vec<_>>()
    };
    let mut header = vec!["Measure".to_string()];
    header.extend(years.iter().map(|y| y.to_string()));
    let mut row = vec!["Compliments".to_string()];
    row.extend(
        years
            .iter()
            .map(|y| rules.count(compliments_in(*y).len() as u64)),
    );
    blocks.push(Block::Table {
        caption: "Compliments by year".into(),
        header,
        rows: vec![row],
    });
    blocks.push(by_year_table(
        "Compliments by division".into(),
        "Division",
        &years,
        rules,
        |y| {
            let list = compliments_in(y);
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
        },
    ));
    let quotes: Vec<String> = compliments_in(year)
        .iter()
        .take(6)
        .map(|c| {
            let source = c
                .source
                .as_deref()
                .map(|s| data.label("compliment_source", s))
                .unwrap_or("");
            format!("\"{}\" ({source})", initials_only(&c.text))
        })
        .collect();
    for q in quotes {
        blocks.push(para(&q));
    }

    blocks.push(heading(1, "10", "Equality monitoring"));
    let mut rows = Vec::new();
    for (label, field) in [
        ("Gender", 0),
        ("Ethnicity", 1),
        ("Disability", 2),
        ("Age band", 3),
    ] {
        let mut counts: Vec<(String, u64)> = Vec::new();
        for c in &statutory {
            let v = match field {
                0 => &c.equality.gender,
                1 => &c.equality.ethnicity,
                2 => &c.equality.disability,
                _ => &c.equality.age_band,
            };
            let v = v.clone().unwrap_or_else(|| "Not declared".into());
            match counts.iter_mut().find(|(k, _)| *k == v) {
                Some(e) => e.1 += 1,
                None => counts.push((v, 1)),
            }
        }
        counts.sort();
        for (value, n) in counts {
            rows.push(vec![label.to_string(), value, rules.count(n)]);
        }
    }
    blocks.push(Block::Table {
        caption: format!("Equality monitoring of statutory complainants, {year}"),
        header: vec![
            "Characteristic".into(),
            "Recorded as".into(),
            "Number".into(),
        ],
        rows,
    });

    blocks.push(heading(1, "11", "Learning and service improvement"));
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
                a.due.map(|d| d.to_string()).unwrap_or_default(),
                a.status.replace('_', " "),
            ]
        })
        .collect();
    if actions.is_empty() {
        blocks.push(para(
            "No learning actions were recorded for complaints received this year.",
        ));
    } else {
        blocks.push(Block::Table {
            caption: "Learning actions from complaints".into(),
            header: vec![
                "Action".into(),
                "Owner".into(),
                "Due".into(),
                "Status".into(),
            ],
            rows: actions,
        });
    }
    let next = FinancialYear(year.0 + 1);
    blocks.push(heading(1, "12", &format!("Action plan for {next}")));
    let plan: Vec<Vec<String>> = data
        .action_plan
        .iter()
        .filter(|a| a.year == next.0)
        .map(|a| {
            vec![
                a.action.clone(),
                a.owner.clone().unwrap_or_default(),
                a.due.map(|d| d.to_string()).unwrap_or_default(),
            ]
        })
        .collect();
    if plan.is_empty() {
        blocks.push(para(&format!(
            "No action plan for {next} has been recorded."
        )));
    } else {
        blocks.push(Block::Table {
            caption: format!("Action plan for {next}"),
            header: vec!["Action".into(), "Owner".into(), "Due".into()],
            rows: plan,
        });
    }
    blocks.push(para(&format!(
        "Outcomes and timescales are counted over {}.",
        rules.basis.words()
    )));
    if rules.suppress_below > 0 {
        blocks.push(para(&format!(
            "Counts from 1 to {} are shown as \"fewer than {}\" (and their percentages as *) so that no child or family can be identified.",
            rules.suppress_below - 1,
            rules.suppress_below
        )));
    }
    Document {
        title:
            "Annual Report: Comments, Complaints and Compliments relating to Children's Social Care"
                .into(),
        subtitle: Some(format!("1 April {} to 31 March {}", year.0, year.0 + 1)),
        header_lines: Vec::new(),
        produced_on: produced_on.to_string(),
        slug: format!(
            "complaints-annual-report-{}",
            year.to_string().replace('/', "-")
        ),
        blocks,
        diagnostics,
    }
}
