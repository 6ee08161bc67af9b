//! Importing complaints records: the council's lists, cases, Stage 2 elements, compliments and
//! learning actions, from CSV files or a workbook, with the same checks and messages as the
//! performance tables, all or nothing. Codes are checked against the lists (imported with them
//! or already held), so a typo in a channel or category is caught, not counted as a new one.

use std::collections::HashSet;
use std::path::Path;

use scrutiny_domain::complaint_records::{
    Case, Caseload, ComplaintsData, Compliment, Element, Equality, LISTS, LearningAction, ListItem,
    Personal, PlanAction, Restatement,
};
use scrutiny_domain::complaint_settings::Setting;

use crate::error::{Code, ImportError, ImportErrors};
use crate::read::{RawTable, read_path};
use crate::row::{Columns, Row};
use crate::schema::{Table, opt, req};

/// In the order they are read: lists first, so the others can be checked against them.
pub const COMPLAINT_TABLES: &[Table] = &[
    Table {
        name: "lists",
        help: "the council's own words for each code: channels, categories, divisions, outcomes…",
        columns: &[
            req(
                "list",
                "kind, channel, profile, category, division, outcome, compliment_channel or compliment_source",
            ),
            req("code", "short key used in the other tables, e.g. email"),
            req("label", "words printed in reports, e.g. E-mail"),
            opt("position", "order in reports"),
        ],
    },
    Table {
        name: "cases",
        help: "one row per complaint, representation, customer care contact or enquiry",
        columns: &[
            req("reference", "the case's unique reference"),
            req("kind", "a code from the kind list, e.g. statutory"),
            req("received", "date received, e.g. 2017-06-05"),
            opt("channel", "how it was made (channel list)"),
            opt("profile", "who complained (profile list)"),
            opt("advocacy", "yes if an advocate supported the complainant"),
            opt("advocate", "who advocated, e.g. NYAS"),
            opt("division", "division concerned (division list)"),
            opt("team", "team concerned"),
            opt("category_receipt", "category when received (category list)"),
            opt(
                "category_closure",
                "category at closure, by root cause (category list)",
            ),
            opt(
                "local_resolved",
                "date resolved at the council's local stage, if it has one",
            ),
            opt(
                "stage1_started",
                "date Stage 1 started, if not on receipt (after a local stage)",
            ),
            opt(
                "stage1_extended",
                "yes if Stage 1 was extended to 20 working days as complex",
            ),
            opt("stage1_extension_reason", "why Stage 1 was extended"),
            opt("stage1_responded", "date of the Stage 1 response"),
            opt("stage1_outcome", "outcome list, e.g. partially_upheld"),
            opt("stage2_requested", "date Stage 2 was asked for"),
            opt("stage2_declined_reason", "why the council declined Stage 2"),
            opt("stage2_started", "date the investigation started"),
            opt("investigator", "the Stage 2 investigating officer"),
            opt("independent_person", "the Stage 2 independent person"),
            opt(
                "stage2_extended",
                "yes if Stage 2 was extended to 65 working days",
            ),
            opt("stage2_extension_reason", "why Stage 2 was extended"),
            opt("stage2_adjudicated", "date of the adjudication"),
            opt("adjudicator", "the senior manager who adjudicated"),
            opt("stage3_requested", "date a review panel was asked for"),
            opt("stage3_panel_held", "date the panel sat"),
            opt("stage3_panel", "the panel's three members, separated by ;"),
            opt("ombudsman_referred", "date the Ombudsman became involved"),
            opt("ombudsman_decided", "date of the Ombudsman's decision"),
            opt(
                "ombudsman_outcome",
                "the Ombudsman's finding (outcome list)",
            ),
            opt("withdrawn", "date withdrawn"),
            opt("withdrawn_reason", "why (needed with withdrawn)"),
            opt("closed", "date closed"),
            opt("gender", "equality monitoring; blank = not declared"),
            opt("ethnicity", "equality monitoring; blank = not declared"),
            opt("disability", "equality monitoring; blank = not declared"),
            opt("age_band", "equality monitoring; blank = not declared"),
            opt(
                "complainant_name",
                "personal data: seen only by the complaints role",
            ),
            opt(
                "child_name",
                "personal data: seen only by the complaints role",
            ),
        ],
    },
    Table {
        name: "elements",
        help: "the issues of a complaint (its elements at Stage 2), each with its category and finding",
        columns: &[
            req("reference", "the case"),
            req("element", "1, 2, 3…"),
            req("summary", "what this issue of the complaint is"),
            opt("finding", "outcome list, e.g. upheld"),
            opt("recommendation", "what the investigator recommended"),
            opt("category", "the issue's own category (category list)"),
        ],
    },
    Table {
        name: "compliments",
        help: "compliments and positive feedback",
        columns: &[
            req("reference", "unique reference"),
            req("received", "date"),
            opt("channel", "compliment_channel list"),
            opt("source", "compliment_source list"),
            opt("division", "division list"),
            opt("team", "team"),
            req(
                "text",
                "the words; names are reduced to initials in anything published",
            ),
        ],
    },
    Table {
        name: "learning_actions",
        help: "what is being done because of a complaint",
        columns: &[
            req("reference", "the case"),
            req("action", "what will be done"),
            opt("owner", "who"),
            opt("due", "by when"),
            req("status", "not_started, in_progress or completed"),
        ],
    },
    Table {
        name: "settings",
        help: "the council's settings for its procedure and report, one per row",
        columns: &[
            req(
                "key",
                "local_stage, local_stage_days, retention_years, basis, suppress_below, percent_dp or earlier_years",
            ),
            req("value", "the setting's value, e.g. 5"),
        ],
    },
    Table {
        name: "restatements",
        help: "a figure an earlier annual report published, restated, with the reason",
        columns: &[
            req("year", "the financial year restated, e.g. 2016/17"),
            req(
                "kind",
                "whose yearly count is restated (kind list), e.g. statutory",
            ),
            req("published", "the figure as first published, e.g. 48"),
            opt(
                "restated",
                "the restated count, when the records are not held (blank: counted from the records)",
            ),
            req("note", "why it is restated, printed with the figure"),
        ],
    },
    Table {
        name: "caseloads",
        help: "children's social care cases open at the end of each year, for complaints per open case",
        columns: &[
            req("year", "the financial year, e.g. 2017/18"),
            req("open_cases", "cases open on 31 March, e.g. 1284"),
        ],
    },
    Table {
        name: "action_plan",
        help: "the plan for the year after the report's, printed at the end of the report",
        columns: &[
            req("year", "the financial year the action is for, e.g. 2018/19"),
            req("action", "what will be done"),
            opt("owner", "who"),
            opt("due", "by when"),
        ],
    },
];

fn table_spec(name: &str) -> Option<&'static Table> {
    COMPLAINT_TABLES.iter().find(|t| t.name == name)
}

/// Reads a folder, file or workbook of complaints tables. `held` is what storage already has,
/// so a new file of cases may use lists imported earlier.
pub fn read_complaints(path: &Path, held: &ComplaintsData) -> Result<ComplaintsData, ImportErrors> {
    let raw = read_path(path).map_err(ImportErrors)?;
    let mut errors = Vec::new();
    for t in &raw {
        if table_spec(&t.name).is_none() {
            let names: Vec<&str> = COMPLAINT_TABLES.iter().map(|t| t.name).collect();
            errors.push(ImportError {
                code: Code::UnknownTable,
                location: t.location(None, None),
                message: format!(
                    "'{}' is not a complaints table; name each file or sheet after one of: {}",
                    t.name,
                    names.join(", ")
                ),
            });
        }
    }
    let mut out = ComplaintsData::default();
    let tables = |name: &'static str| raw.iter().filter(move |t| t.name == name);
    for t in tables("lists") {
        each_row(t, &mut errors, |row| {
            let list = row.req_string("list")?;
            if !LISTS.contains(&list.as_str()) {
                row.error(
                    Code::NotAllowed,
                    "list",
                    format!("'{list}' is not a list; use one of: {}", LISTS.join(", ")),
                );
                return None;
            }
            let item = ListItem {
                code: row.req_string("code")?,
                label: row.req_string("label")?,
                position: row.position("position", false)?,
                list,
            };
            if out
                .lists
                .iter()
                .any(|i| i.list == item.list && i.code == item.code)
            {
                row.error(
                    Code::DuplicateRow,
                    "code",
                    format!("'{}' is in the {} list twice", item.code, item.list),
                );
                return None;
            }
            out.lists.push(item);
            Some(())
        });
    }
    let codes = |list: &str| -> HashSet<String> {
        out.lists
            .iter()
            .chain(&held.lists)
            .filter(|i| i.list == list)
            .map(|i| i.code.clone())
            .collect()
    };
    let known: Vec<(&str, HashSet<String>)> = LISTS.iter().map(|l| (*l, codes(l))).collect();
    let in_list = |row: &mut Row, column: &str, list: &str| -> Option<Option<String>> {
        let Some(v) = row.opt(column) else {
            return Some(None);
        };
        let set = &known.iter().find(|(l, _)| *l == list)?.1;
        if set.contains(v) {
            Some(Some(v.to_string()))
        } else {
            let mut all: Vec<&str> = set.iter().map(String::as_str).collect();
            all.sort_unstable();
            row.error(
                Code::UnknownReference,
                column,
                format!(
                    "'{v}' is not in the {list} list; use one of: {} (or add it to lists)",
                    all.join(", ")
                ),
            );
            None
        }
    };
    let date = |row: &mut Row, column: &str| {
        row.opt_parse(
            column,
            Code::WrongPeriod,
            scrutiny_domain::period::parse_date,
        )
    };
    // A case held already may be imported again (it is updated, audited); twice in one file is a
    // mistake.
    let mut refs: HashSet<String> = HashSet::new();
    for t in tables("cases") {
        each_row(t, &mut errors, |row| {
            let reference = row.req_string("reference");
            let kind = row.req("kind").map(str::to_string);
            let kind_ok = kind.as_ref().and_then(|k| {
                let set = &known.iter().find(|(l, _)| *l == "kind")?.1;
                set.contains(k).then_some(())
            });
            if kind.is_some() && kind_ok.is_none() {
                row.error(
                    Code::UnknownReference,
                    "kind",
                    format!(
                        "'{}' is not in the kind list",
                        kind.clone().unwrap_or_default()
                    ),
                );
            }
            let received = row.date("received");
            let channel = in_list(row, "channel", "channel");
            let profile = in_list(row, "profile", "profile");
            let advocacy = row.yes_no("advocacy");
            let division = in_list(row, "division", "division");
            let category_receipt = in_list(row, "category_receipt", "category");
            let category_closure = in_list(row, "category_closure", "category");
            let local_resolved = date(row, "local_resolved");
            let stage1_started = date(row, "stage1_started");
            let stage1_extended = row.yes_no("stage1_extended");
            let stage2_extended = row.yes_no("stage2_extended");
            let stage1_responded = date(row, "stage1_responded");
            let stage1_outcome = in_list(row, "stage1_outcome", "outcome");
            let stage2_requested = date(row, "stage2_requested");
            let stage2_started = date(row, "stage2_started");
            let stage2_adjudicated = date(row, "stage2_adjudicated");
            let stage3_requested = date(row, "stage3_requested");
            let stage3_panel_held = date(row, "stage3_panel_held");
            let ombudsman_referred = date(row, "ombudsman_referred");
            let ombudsman_decided = date(row, "ombudsman_decided");
            let ombudsman_outcome = in_list(row, "ombudsman_outcome", "outcome");
            let withdrawn = date(row, "withdrawn");
            let closed = date(row, "closed");
            let c = Case {
                received: Some(received?),
                channel: channel?,
                profile: profile?,
                advocacy: advocacy?,
                advocate: row.opt_string("advocate"),
                division: division?,
                team: row.opt_string("team"),
                category_receipt: category_receipt?,
                category_closure: category_closure?,
                local_resolved: local_resolved?,
                stage1_started: stage1_started?,
                stage1_extended: stage1_extended?,
                stage1_extension_reason: row.opt_string("stage1_extension_reason"),
                stage1_responded: stage1_responded?,
                stage1_outcome: stage1_outcome?,
                stage2_requested: stage2_requested?,
                stage2_declined_reason: row.opt_string("stage2_declined_reason"),
                stage2_started: stage2_started?,
                investigator: row.opt_string("investigator"),
                independent_person: row.opt_string("independent_person"),
                stage2_extended: stage2_extended?,
                stage2_extension_reason: row.opt_string("stage2_extension_reason"),
                stage2_adjudicated: stage2_adjudicated?,
                adjudicator: row.opt_string("adjudicator"),
                stage3_requested: stage3_requested?,
                stage3_panel_held: stage3_panel_held?,
                stage3_panel: row.opt_string("stage3_panel"),
                ombudsman_referred: ombudsman_referred?,
                ombudsman_decided: ombudsman_decided?,
                ombudsman_outcome: ombudsman_outcome?,
                withdrawn: withdrawn?,
                withdrawn_reason: row.opt_string("withdrawn_reason"),
                closed: closed?,
                equality: Equality {
                    gender: row.opt_string("gender"),
                    ethnicity: row.opt_string("ethnicity"),
                    disability: row.opt_string("disability"),
                    age_band: row.opt_string("age_band"),
                },
                personal: Personal {
                    complainant_name: row.opt_string("complainant_name"),
                    child_name: row.opt_string("child_name"),
                },
                reference: reference?,
                kind: kind?,
            };
            kind_ok?;
            if c.withdrawn.is_some() && c.withdrawn_reason.is_none() {
                row.error(
                    Code::MissingValue,
                    "withdrawn_reason",
                    "a withdrawn case needs the reason it was withdrawn".into(),
                );
                return None;
            }
            let problems = scrutiny_domain::complaints::history_problems(&c);
            for (column, why) in &problems {
                row.error(Code::WrongPeriod, column, why.clone());
            }
            if !problems.is_empty() {
                return None;
            }
            if !refs.insert(c.reference.clone()) {
                row.error(
                    Code::DuplicateRow,
                    "reference",
                    format!("case '{}' appears twice", c.reference),
                );
                return None;
            }
            out.cases.push(c);
            Some(())
        });
    }
    let held_refs: HashSet<&str> = held.cases.iter().map(|c| c.reference.as_str()).collect();
    let case_exists = |row: &mut Row, refs: &HashSet<String>| -> Option<String> {
        let r = row.req_string("reference")?;
        if refs.contains(&r) || held_refs.contains(r.as_str()) {
            Some(r)
        } else {
            row.error(
                Code::UnknownReference,
                "reference",
                format!("there is no case '{r}': add it to cases first"),
            );
            None
        }
    };
    for t in tables("elements") {
        each_row(t, &mut errors, |row| {
            let reference = case_exists(row, &refs);
            let e = Element {
                element: row.position("element", true)?,
                summary: row.req_string("summary")?,
                finding: in_list(row, "finding", "outcome")?,
                recommendation: row.opt_string("recommendation"),
                category: in_list(row, "category", "category")?,
                reference: reference?,
            };
            out.elements.push(e);
            Some(())
        });
    }
    let mut compliment_refs: HashSet<String> = HashSet::new();
    for t in tables("compliments") {
        each_row(t, &mut errors, |row| {
            let c = Compliment {
                reference: row.req_string("reference")?,
                received: row.date("received")?,
                channel: in_list(row, "channel", "compliment_channel")?,
                source: in_list(row, "source", "compliment_source")?,
                division: in_list(row, "division", "division")?,
                team: row.opt_string("team"),
                text: row.req_string("text")?,
            };
            if !compliment_refs.insert(c.reference.clone()) {
                row.error(
                    Code::DuplicateRow,
                    "reference",
                    format!("compliment '{}' appears twice", c.reference),
                );
                return None;
            }
            out.compliments.push(c);
            Some(())
        });
    }
    for t in tables("learning_actions") {
        each_row(t, &mut errors, |row| {
            let reference = case_exists(row, &refs);
            let status = row.req_string("status")?;
            if !["not_started", "in_progress", "completed"].contains(&status.as_str()) {
                row.error(
                    Code::NotAllowed,
                    "status",
                    format!("'{status}' is not one of: not_started, in_progress, completed"),
                );
                return None;
            }
            out.learning_actions.push(LearningAction {
                action: row.req_string("action")?,
                owner: row.opt_string("owner"),
                due: date(row, "due")?,
                status,
                reference: reference?,
            });
            Some(())
        });
    }
    for t in tables("settings") {
        each_row(t, &mut errors, |row| {
            let key = row.req_string("key")?;
            let value = row.opt_string("value").unwrap_or_default();
            if let Err(why) = scrutiny_domain::complaint_settings::check(&key, &value) {
                let column = if why.contains("not a setting") {
                    "key"
                } else {
                    "value"
                };
                row.error(Code::NotAllowed, column, why);
                return None;
            }
            out.settings.push(Setting { key, value });
            Some(())
        });
    }
    let kinds = &known
        .iter()
        .find(|(l, _)| *l == "kind")
        .map(|(_, s)| s.clone())
        .unwrap_or_default();
    for t in tables("restatements") {
        each_row(t, &mut errors, |row| {
            let year = fin_year(row, "year");
            let kind = row.req_string("kind")?;
            if !kinds.contains(&kind) {
                row.error(
                    Code::UnknownReference,
                    "kind",
                    format!("'{kind}' is not in the kind list"),
                );
                return None;
            }
            let restated = match row.opt("restated") {
                None => None,
                Some(v) => match v.parse::<u64>() {
                    Ok(n) => Some(n),
                    Err(_) => {
                        row.error(
                            Code::BadNumber,
                            "restated",
                            format!("'{v}' is not a whole number of cases"),
                        );
                        return None;
                    }
                },
            };
            out.restatements.push(Restatement {
                year: year?,
                kind,
                published: row.req_string("published")?,
                restated,
                note: row.req_string("note")?,
            });
            Some(())
        });
    }
    for t in tables("caseloads") {
        each_row(t, &mut errors, |row| {
            let year = fin_year(row, "year");
            let v = row.req("open_cases")?.to_string();
            let Ok(open_cases) = v.parse::<u64>() else {
                row.error(
                    Code::BadNumber,
                    "open_cases",
                    format!("'{v}' is not a whole number of cases"),
                );
                return None;
            };
            out.caseloads.push(Caseload {
                year: year?,
                open_cases,
            });
            Some(())
        });
    }
    for t in tables("action_plan") {
        each_row(t, &mut errors, |row| {
            let year = fin_year(row, "year");
            out.action_plan.push(PlanAction {
                action: row.req_string("action")?,
                owner: row.opt_string("owner"),
                due: date(row, "due")?,
                year: year?,
            });
            Some(())
        });
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(ImportErrors(errors))
    }
}

/// A financial year written 2016/17 (or 2016-17), as its first calendar year.
fn fin_year(row: &mut Row, column: &str) -> Option<i32> {
    let v = row.req(column)?.to_string();
    match scrutiny_domain::period::FinancialYear::parse(&v) {
        Ok(y) => Some(y.0),
        Err(_) => {
            row.error(
                Code::WrongPeriod,
                column,
                format!("'{v}' is not a financial year; write it like 2016/17"),
            );
            None
        }
    }
}

/// Checks a table's header, then reads each row with `read`, gathering every row's problems.
fn each_row(
    t: &RawTable,
    errors: &mut Vec<ImportError>,
    mut read: impl FnMut(&mut Row) -> Option<()>,
) {
    let Some(spec) = table_spec(&t.name) else {
        return;
    };
    let Some(columns) = Columns::check(t, spec, errors) else {
        return;
    };
    for (line, cells) in &t.rows {
        let mut row = Row::new(t, *line, cells, &columns);
        let _ = read(&mut row);
        errors.append(&mut row.errors);
    }
}
