//! Ofsted's ILACS Annex A lists as councils fill them, read into the front-door records:
//! list 1 (contacts), list 3 (referrals), list 4 (assessments), list 5 (section 47 enquiries),
//! list 6 (children in need), list 7 (child protection plans) and, of list 8 (children looked
//! after), the missing episodes and return interviews, from a workbook with sheets
//! `List 1` … or a folder of CSV files named after them (`list1.csv`, `List 3.csv`). Headers are
//! matched on their letters and digits alone, in any case, with the variants councils use
//! (`docs/annex-a.md`); dates may be Excel serial numbers, ISO or day-first (`14/09/2020`: Annex
//! A is an English template); yes/no as `a) Yes`, `Yes`, `Y`. The other lists are named as not
//! read yet. All or nothing: every cell that cannot be read is reported with its sheet, row and
//! column, and nothing is returned.

use std::path::Path;

use chrono::NaiveDate;
use scrutiny_domain::cases::declared::Returns;
use scrutiny_domain::cases::{
    Assessment, AssessmentKind, CinEpisode, Contact, FrontDoor, LookedAfterChild, PlanReview,
    ProtectionPlan, Referral, Section47,
};

mod folder;

use crate::annex_a_mapping::{Mapping, plain};
use crate::error::{Code, ImportError, ImportErrors};
use crate::read::{RawTable, read_path};

/// One column a list needs: its name as Ofsted's template prints it, and the variants councils'
/// files carry (compared plain).
struct Wanted {
    name: &'static str,
    variants: &'static [&'static str],
    required: bool,
}

const CHILD: Wanted = Wanted {
    name: "Child Unique ID",
    variants: &[
        "Child ID",
        "Unique ID",
        "Child Unique Identifier",
        "LAchildID",
    ],
    required: true,
};

/// Which list a sheet or file is, by its name: `List 3`, `list3.csv`, `List_3 Referrals`.
fn list_number(name: &str) -> Option<u32> {
    let p = plain(name);
    let rest = p.strip_prefix("list")?;
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok()
}

/// A day as councils' Annex A files write it: ISO, day first, or an Excel serial number.
pub fn annex_date(text: &str) -> Option<NaiveDate> {
    if let Some(d) = iso_date(text) {
        return Some(d);
    }
    let t = text.trim();
    let t = t.split([' ', 'T']).next().unwrap_or(t);
    if let Some(d) = iso_date(t) {
        return Some(d);
    }
    for format in ["%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y"] {
        if let Ok(d) = NaiveDate::parse_from_str(t, format) {
            return Some(d);
        }
    }
    // Excel's serial day: 1 is 1 January 1900, counted from 30 December 1899 because Excel
    // believes 1900 was a leap year; from March 1900 on this is exact.
    let whole = t.strip_suffix(".0").unwrap_or(t);
    let n: i64 = whole.parse().ok()?;
    if !(61..=2_958_465).contains(&n) {
        return None;
    }
    NaiveDate::from_ymd_opt(1899, 12, 30)?.checked_add_signed(chrono::Duration::days(n))
}

/// `2020-09-14` read digit by digit: the common case, and chrono's general parser was a
/// large part of reading ten million rows.
fn iso_date(t: &str) -> Option<NaiveDate> {
    let b = t.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let number = |digits: &[u8]| {
        digits.iter().try_fold(0u32, |n, d| {
            d.is_ascii_digit().then(|| n * 10 + u32::from(d - b'0'))
        })
    };
    let (year, month, day) = (number(&b[..4])?, number(&b[5..7])?, number(&b[8..])?);
    // A return holds a few thousand distinct days in millions of cells: each is worked out
    // once per thread and kept, by its digits, in a small table.
    thread_local! {
        // Made in place (`const`): no first-use check or pointer to follow on each cell.
        static DAYS: std::cell::RefCell<[(u32, Option<NaiveDate>); 4096]> =
            const { std::cell::RefCell::new([(u32::MAX, None); 4096]) };
    }
    let key = year * 10_000 + month * 100 + day;
    let slot = ((key ^ (key >> 12)) & 4095) as usize;
    DAYS.with_borrow_mut(|days| {
        if days[slot].0 != key {
            let date = NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month, day);
            days[slot] = (key, date);
        }
        days[slot].1
    })
}

/// Yes or no as councils write it; blank is none.
fn yes_no(text: &str) -> Result<Option<bool>, ()> {
    // The template's own wordings first, without making a plain copy of each.
    match text {
        "a) Yes" | "Yes" => return Ok(Some(true)),
        "b) No" | "No" => return Ok(Some(false)),
        "" => return Ok(None),
        _ => {}
    }
    let p = plain(text);
    let p = p
        .strip_prefix('a')
        .filter(|r| *r == "yes")
        .or_else(|| p.strip_prefix('b').filter(|r| *r == "no"))
        .or_else(|| p.strip_prefix('c').filter(|r| *r == "unknown"))
        .unwrap_or(&p);
    match p {
        "" | "unknown" => Ok(None),
        "yes" | "y" | "true" | "1" => Ok(Some(true)),
        "no" | "n" | "false" | "0" => Ok(Some(false)),
        _ => Err(()),
    }
}

/// A list's header read: where each wanted column is, or an error for each required one missing.
fn columns(
    table: &RawTable,
    wanted: &[&Wanted],
    mapping: &Mapping,
    errors: &mut Vec<ImportError>,
) -> Vec<Option<usize>> {
    wanted
        .iter()
        .map(|w| {
            let names: Vec<String> = std::iter::once(w.name)
                .chain(w.variants.iter().copied())
                .map(plain)
                .chain(mapping.headers_for(w.name).iter().cloned())
                .collect();
            let at = table.header.iter().position(|h| names.contains(&plain(h)));
            if at.is_none() && w.required {
                errors.push(ImportError {
                    code: Code::MissingColumn,
                    location: table.location(Some(1), Some(w.name)),
                    message: format!(
                        "this list needs a column headed '{}' (or one of: {}); the headers found are: {}",
                        w.name,
                        w.variants.join(", "),
                        table.header.join(", ")
                    ),
                });
            }
            at
        })
        .collect()
}

/// Reads the cells of one row that the caller asks for, recording each problem.
/// A row's cells, from a workbook's sheet or straight from a CSV file's record.
trait Cells {
    fn cell(&self, i: usize) -> Option<&str>;
    fn blank(&self) -> bool;
}

impl Cells for [String] {
    fn cell(&self, i: usize) -> Option<&str> {
        self.get(i).map(String::as_str)
    }
    fn blank(&self) -> bool {
        self.iter().all(|c| c.trim().is_empty())
    }
}

/// A plain CSV row's cells (`csv_pieces::Rows::each_plain_row`).
impl Cells for [&str] {
    fn cell(&self, i: usize) -> Option<&str> {
        self.get(i).copied()
    }
    fn blank(&self) -> bool {
        self.iter().all(|c| trimmed(c).is_empty())
    }
}

/// A CSV record, checked to be UTF-8 as a whole when read (`csv_stream::each_row`).
impl Cells for csv::StringRecord {
    fn cell(&self, i: usize) -> Option<&str> {
        self.get(i)
    }
    fn blank(&self) -> bool {
        self.iter().all(|c| trimmed(c).is_empty())
    }
}

/// A cell without the spaces around it; most cells have none, and are seen to have none by
/// their first and last bytes alone (`str::trim` looked at every character, a tenth of
/// reading a large return).
fn trimmed(cell: &str) -> &str {
    let plain = |b: Option<&u8>| b.is_some_and(|&b| b > b' ' && b < 0x80);
    let bytes = cell.as_bytes();
    if plain(bytes.first()) && plain(bytes.last()) {
        cell
    } else {
        cell.trim()
    }
}

struct RowReader<'a, C: Cells + ?Sized> {
    table: &'a RawTable,
    row: usize,
    cells: &'a C,
    mapping: &'a Mapping,
    errors: &'a mut Vec<ImportError>,
}

impl<'a, C: Cells + ?Sized> RowReader<'a, C> {
    fn text(&self, at: Option<usize>) -> &'a str {
        let cells: &'a C = self.cells;
        trimmed(at.and_then(|i| cells.cell(i)).unwrap_or(""))
    }

    fn problem(&mut self, code: Code, column: &str, message: String) {
        self.errors.push(ImportError {
            code,
            location: self.table.location(Some(self.row), Some(column)),
            message,
        });
    }

    fn required(&mut self, at: Option<usize>, w: &Wanted) -> Option<&'a str> {
        let t = self.text(at);
        if t.is_empty() {
            if at.is_some() {
                self.problem(Code::MissingValue, w.name, format!("give the {}", w.name));
            }
            return None;
        }
        Some(t)
    }

    fn date(&mut self, at: Option<usize>, w: &Wanted) -> Option<NaiveDate> {
        let t = self.text(at);
        if t.is_empty() {
            if w.required && at.is_some() {
                self.problem(Code::MissingValue, w.name, format!("give the {}", w.name));
            }
            return None;
        }
        let d = annex_date(t);
        if d.is_none() {
            self.problem(
                Code::WrongPeriod,
                w.name,
                format!("'{t}' is not a date: write it as 14/09/2020 or 2020-09-14"),
            );
        }
        d
    }

    fn assessment_kind(&mut self, at: Option<usize>) -> AssessmentKind {
        let t = self.text(at);
        if t.is_empty() {
            return AssessmentKind::Single;
        }
        if let Some(kind) = self.mapping.kind(t) {
            return kind;
        }
        match plain(t).as_str() {
            "" | "single" | "singleassessment" | "continuousassessment" => AssessmentKind::Single,
            "initial" | "initialassessment" | "ia" => AssessmentKind::Initial,
            "core" | "coreassessment" | "ca" => AssessmentKind::Core,
            _ => {
                self.problem(
                    Code::NotAllowed,
                    ASSESSMENT_TYPE.name,
                    format!("'{t}' is not an assessment type: write Initial, Core or Single"),
                );
                AssessmentKind::Single
            }
        }
    }

    /// A label (a source or a reason) as the council's mapping prints it; the problem said
    /// when the mapping lists them and not this one.
    fn label(
        &mut self,
        at: Option<usize>,
        w: &Wanted,
        kind: &str,
        look: fn(&'a Mapping, &'a str) -> Result<&'a str, ()>,
    ) -> Option<&'a str>
    where
        C: 'a,
    {
        let t = self.text(at);
        if t.is_empty() {
            return None;
        }
        let mapping: &'a Mapping = self.mapping;
        match look(mapping, t) {
            Ok(label) => Some(label),
            Err(()) => {
                self.problem(
                    Code::NotAllowed,
                    w.name,
                    format!(
                        "'{t}' is not a {kind} in the council's mapping: add a row {kind},<label>,{t} to it, or correct the cell"
                    ),
                );
                None
            }
        }
    }

    /// Yes, no, or none (blank or unknown).
    fn answer(&mut self, at: Option<usize>, w: &Wanted) -> Option<bool> {
        let t = self.text(at);
        if let Some(answer) = self.mapping.answer(t) {
            return answer;
        }
        match yes_no(t) {
            Ok(v) => v,
            Err(()) => {
                self.problem(
                    Code::NotAllowed,
                    w.name,
                    format!("'{t}' is not yes or no: write a) Yes, b) No or c) Unknown"),
                );
                None
            }
        }
    }

    /// Says so, against the later column, when a day that must come after another is before it.
    fn in_order(
        &mut self,
        first: Option<NaiveDate>,
        then: Option<NaiveDate>,
        w: &Wanted,
        say: impl FnOnce(NaiveDate, NaiveDate) -> String,
    ) {
        if let (Some(first), Some(then)) = (first, then)
            && then < first
        {
            self.problem(Code::WrongPeriod, w.name, say(first, then));
        }
    }

    fn yes_no(&mut self, at: Option<usize>, w: &Wanted) -> bool {
        self.answer(at, w).unwrap_or(false)
    }

    /// A whole number of things (plans, episodes); none when blank.
    fn count(&mut self, at: Option<usize>, w: &Wanted, things: &str) -> Option<u32> {
        let t = self.text(at);
        match t.strip_suffix(".0").unwrap_or(t).parse::<u32>() {
            Ok(n) => Some(n),
            Err(_) if t.is_empty() => None,
            Err(_) => {
                self.problem(
                    Code::BadNumber,
                    w.name,
                    format!("'{t}' is not a whole number of {things}, e.g. 0 or 2"),
                );
                None
            }
        }
    }
}

const CONTACT_DATE: Wanted = Wanted {
    name: "Date of Contact",
    variants: &["Contact Date"],
    required: true,
};
const CONTACT_SOURCE: Wanted = Wanted {
    name: "Contact Source",
    variants: &["Source of Contact"],
    required: false,
};
const REFERRAL_DATE: Wanted = Wanted {
    name: "Date of referral",
    variants: &["Referral Date", "CINreferralDate"],
    required: true,
};
const REFERRAL_SOURCE: Wanted = Wanted {
    name: "Referral Source",
    variants: &["Source of Referral"],
    required: false,
};
/// Not in Ofsted's template: a council's own record of why (a need code or its own list), for
/// the analysis of referrals by reason.
const REFERRAL_REASON: Wanted = Wanted {
    name: "Referral Reason",
    variants: &[
        "Reason for Referral",
        "Primary Need Code",
        "PrimaryNeedCode",
    ],
    required: false,
};
const REFERRAL_NFA: Wanted = Wanted {
    name: "Referral NFA?",
    variants: &[
        "Referral NFA",
        "NFA",
        "ReferralNFA",
        "Referral No Further Action",
    ],
    required: false,
};
const ASSESSMENT_START: Wanted = Wanted {
    name: "Continuous Assessment Start Date",
    variants: &[
        "Assessment Start Date",
        "Assessment Actual Start Date",
        "AssessmentActualStartDate",
    ],
    required: true,
};
const ASSESSMENT_DONE: Wanted = Wanted {
    name: "Continuous Assessment Date of Authorisation",
    variants: &[
        "Assessment Date of Authorisation",
        "Date of Authorisation",
        "Assessment Authorisation Date",
        "AssessmentAuthorisationDate",
        "Assessment Completion Date",
    ],
    required: false,
};

/// Not in Ofsted's template (from 2013 every assessment is a single one): which assessment an
/// older list's row is, `Initial`, `Core` or `Single` (blank).
const ASSESSMENT_TYPE: Wanted = Wanted {
    name: "Assessment Type",
    variants: &["Type of Assessment", "Assessment Kind"],
    required: false,
};
const CIN_START: Wanted = Wanted {
    name: "CIN Start Date",
    variants: &["Child in Need Start Date", "CINreferralDate"],
    required: true,
};
const TEAM: Wanted = Wanted {
    name: "Allocated Team",
    variants: &["Team"],
    required: false,
};
const WORKER: Wanted = Wanted {
    name: "Allocated Worker",
    variants: &["Worker", "Social Worker"],
    required: false,
};
const CIN_CLOSED: Wanted = Wanted {
    name: "CIN Closure Date",
    variants: &["Child in Need Closure Date", "CINclosureDate"],
    required: false,
};

const S47_START: Wanted = Wanted {
    name: "Strategy discussion initiating Section 47 Enquiry Start Date",
    variants: &[
        "Section 47 Enquiry Start Date",
        "S47 Start Date",
        "S47ActualStartDate",
    ],
    required: true,
};
const ICPC_UNNEEDED: Wanted = Wanted {
    name: "Was an Initial Child Protection Conference deemed unnecessary?",
    variants: &["ICPC not required", "ICPCnotRequired"],
    required: false,
};
const ICPC_DATE: Wanted = Wanted {
    name: "Date of Initial Child Protection Conference",
    variants: &["ICPC Date", "DateOfInitialCPC"],
    required: false,
};
const PLAN_START: Wanted = Wanted {
    name: "Child Protection Plan Start Date",
    variants: &["CP Plan Start Date", "CPPstartDate"],
    required: true,
};
const PLAN_END: Wanted = Wanted {
    name: "Child Protection Plan End Date",
    variants: &["CP Plan End Date", "CPPendDate"],
    required: false,
};
const LATEST_REVIEW: Wanted = Wanted {
    name: "Date of latest review conference",
    variants: &[
        "Latest Review Conference Date",
        "Date of Last Review Conference",
        "CPPreviewDate",
    ],
    required: false,
};
const PREVIOUS_PLANS: Wanted = Wanted {
    name: "Number of Previous Child Protection Plans",
    variants: &["Previous Child Protection Plans", "NumberOfPreviousCPP"],
    required: false,
};

const LOOKED_AFTER_START: Wanted = Wanted {
    name: "Date Started to be Looked After",
    variants: &[
        "Date Started Looked After",
        "CLA Start Date",
        "Date Started Care",
    ],
    required: false,
};
const LOOKED_AFTER_END: Wanted = Wanted {
    name: "Date Ceased to be Looked After",
    variants: &[
        "Date Ceased Looked After",
        "CLA End Date",
        "Date Ceased Care",
    ],
    required: false,
};
const MISSING_EPISODES: Wanted = Wanted {
    name: "Number of Episodes the Child has been 'Missing' from their Placement in the last 12 months",
    variants: &[
        "Number of Missing Episodes",
        "Missing Episodes in the last 12 months",
        "Number of times missing",
    ],
    required: false,
};
const INTERVIEW_OFFERED: Wanted = Wanted {
    name: "Was the child offered a Return Interview after their last missing episode (Y/N)?",
    variants: &[
        "Was the child offered a Return Interview after their last missing episode",
        "Return Interview Offered",
        "Offered Return Interview",
    ],
    required: false,
};
const INTERVIEW_ACCEPTED: Wanted = Wanted {
    name: "Did the child accept a Return Interview after their last missing episode (Y/N)?",
    variants: &[
        "Did the child accept a Return Interview after their last missing episode",
        "Did the child accept the offer of a Return Interview",
        "Return Interview Accepted",
        "Accepted Return Interview",
    ],
    required: false,
};

/// The columns list `number` needs, found in its header; none (with the errors said) when a
/// required one is missing, or the list is not read yet (named in `not_read`).
fn list_columns(
    table: &RawTable,
    number: u32,
    mapping: &Mapping,
    out: &mut FrontDoor,
    errors: &mut Vec<ImportError>,
) -> Option<Vec<Option<usize>>> {
    let wanted: Vec<&Wanted> = match number {
        1 => vec![&CHILD, &CONTACT_DATE, &CONTACT_SOURCE],
        3 => vec![
            &CHILD,
            &REFERRAL_DATE,
            &REFERRAL_SOURCE,
            &REFERRAL_NFA,
            &REFERRAL_REASON,
        ],
        4 => vec![
            &CHILD,
            &ASSESSMENT_START,
            &ASSESSMENT_DONE,
            &ASSESSMENT_TYPE,
        ],
        5 => vec![&CHILD, &S47_START, &ICPC_UNNEEDED, &ICPC_DATE],
        6 => vec![&CHILD, &CIN_START, &CIN_CLOSED, &TEAM, &WORKER],
        7 => vec![
            &CHILD,
            &PLAN_START,
            &PLAN_END,
            &PREVIOUS_PLANS,
            &LATEST_REVIEW,
        ],
        8 => vec![
            &CHILD,
            &LOOKED_AFTER_START,
            &LOOKED_AFTER_END,
            &MISSING_EPISODES,
            &INTERVIEW_OFFERED,
            &INTERVIEW_ACCEPTED,
        ],
        _ => {
            out.not_read
                .push(table.sheet.clone().unwrap_or_else(|| table.name.clone()));
            return None;
        }
    };
    let before = errors.len();
    let at = columns(table, &wanted, mapping, errors);
    // List 8 is read for its missing episodes and return interviews only: a council's list 8
    // without them (an older template) is named as not read, never a reason to refuse the
    // rest of the return.
    if number == 8 && (at[3].is_none() || at[4].is_none()) {
        out.not_read.push(format!(
            "{} (no columns '{}' and '{}')",
            table.sheet.clone().unwrap_or_else(|| table.name.clone()),
            MISSING_EPISODES.name,
            INTERVIEW_OFFERED.name
        ));
        return None;
    }
    (errors.len() == before).then_some(at)
}

fn read_list(
    table: &RawTable,
    number: u32,
    mapping: &Mapping,
    out: &mut FrontDoor,
    errors: &mut Vec<ImportError>,
) {
    let Some(at) = list_columns(table, number, mapping, out, errors) else {
        return;
    };
    for (row, cells) in &table.rows {
        let line = Line {
            table,
            number,
            at: &at,
            row: *row,
            mapping,
        };
        read_row(&line, cells.as_slice(), out, errors);
    }
}

/// Where a row is and how its list is read.
struct Line<'a> {
    table: &'a RawTable,
    number: u32,
    at: &'a [Option<usize>],
    row: usize,
    mapping: &'a Mapping,
}

/// One row of list `number` into its record, each problem said.
fn read_row<C: Cells + ?Sized>(
    line: &Line,
    cells: &C,
    out: &mut FrontDoor,
    errors: &mut Vec<ImportError>,
) {
    {
        if cells.blank() {
            return;
        }
        let (number, at) = (line.number, line.at);
        let mut r = RowReader {
            table: line.table,
            row: line.row,
            cells,
            mapping: line.mapping,
            errors,
        };
        let child = r.required(at[0], &CHILD).map(|id| out.child(id));
        match number {
            1 => {
                let date = r.date(at[1], &CONTACT_DATE);
                let source = r
                    .label(at[2], &CONTACT_SOURCE, "source", Mapping::source)
                    .map(|s| out.wording(s));
                if let (Some(child), Some(date)) = (child, date) {
                    out.contacts.push(Contact {
                        child,
                        date,
                        source,
                    });
                }
            }
            3 => {
                let date = r.date(at[1], &REFERRAL_DATE);
                let source = r
                    .label(at[2], &REFERRAL_SOURCE, "source", Mapping::source)
                    .map(|s| out.wording(s));
                let nfa = r.yes_no(at[3], &REFERRAL_NFA);
                let reason = r
                    .label(at[4], &REFERRAL_REASON, "reason", Mapping::reason)
                    .map(|s| out.wording(s));
                if let (Some(child), Some(date)) = (child, date) {
                    out.referrals.push(Referral {
                        child,
                        date,
                        source,
                        reason,
                        nfa,
                    });
                }
            }
            6 => {
                let start = r.date(at[1], &CIN_START);
                let closed = r.date(at[2], &CIN_CLOSED);
                r.in_order(start, closed, &CIN_CLOSED, |first, then| {
                    format!("closed on {then}, before the episode started on {first}")
                });
                let mut label = |at: Option<usize>| {
                    Some(r.text(at))
                        .filter(|s| !s.is_empty())
                        .map(|s| out.wording(s))
                };
                let (team, worker) = (label(at[3]), label(at[4]));
                if let (Some(child), Some(start)) = (child, start) {
                    out.episodes.push(CinEpisode {
                        child,
                        start,
                        closed,
                        team,
                        worker,
                    });
                }
            }
            5 => {
                let start = r.date(at[1], &S47_START);
                let unneeded = r.yes_no(at[2], &ICPC_UNNEEDED);
                let conference = r.date(at[3], &ICPC_DATE);
                r.in_order(start, conference, &ICPC_DATE, |first, then| {
                    format!("the conference on {then} is before the enquiry started on {first}")
                });
                if let (Some(child), Some(start)) = (child, start) {
                    out.enquiries.push(Section47 {
                        child,
                        start,
                        conference,
                        no_conference_needed: unneeded,
                    });
                }
            }
            7 => {
                let start = r.date(at[1], &PLAN_START);
                let end = r.date(at[2], &PLAN_END);
                let previous_plans = r.count(at[3], &PREVIOUS_PLANS, "plans");
                let review = r.date(at[4], &LATEST_REVIEW);
                r.in_order(start, review, &LATEST_REVIEW, |first, then| {
                    format!("the review conference on {then} is before the plan started on {first}")
                });
                r.in_order(start, end, &PLAN_END, |first, then| {
                    format!("the plan ends on {then}, before it started on {first}")
                });
                if let (Some(child), Some(start)) = (child, start) {
                    out.plans.push(ProtectionPlan {
                        child,
                        start,
                        end,
                        previous_plans,
                    });
                    if let Some(date) = review {
                        out.plan_reviews.push(PlanReview {
                            child,
                            plan_start: start,
                            date,
                            latest_only: true,
                        });
                    }
                }
            }
            8 => {
                let started = r.date(at[1], &LOOKED_AFTER_START);
                let ceased = r.date(at[2], &LOOKED_AFTER_END);
                r.in_order(started, ceased, &LOOKED_AFTER_END, |first, then| {
                    format!("ceased to be looked after on {then}, before starting on {first}")
                });
                let missing_episodes = r.count(at[3], &MISSING_EPISODES, "episodes");
                let offered = r.answer(at[4], &INTERVIEW_OFFERED);
                let accepted = r.answer(at[5], &INTERVIEW_ACCEPTED);
                if offered != Some(true) && accepted == Some(true) {
                    r.problem(
                        Code::NotAllowed,
                        INTERVIEW_ACCEPTED.name,
                        "says the child accepted a return interview that the offer column does not say was offered: correct one of the two".into(),
                    );
                }
                if let Some(child) = child {
                    out.looked_after.push(LookedAfterChild {
                        child,
                        started,
                        ceased,
                        missing_episodes,
                        interview_offered: offered,
                        interview_accepted: accepted,
                    });
                }
            }
            _ => {
                let start = r.date(at[1], &ASSESSMENT_START);
                let authorised = r.date(at[2], &ASSESSMENT_DONE);
                let kind = r.assessment_kind(at[3]);
                r.in_order(start, authorised, &ASSESSMENT_DONE, |first, then| {
                    format!("authorised on {then}, before it started on {first}")
                });
                if let (Some(child), Some(start)) = (child, start) {
                    out.assessments.push(Assessment {
                        child,
                        kind,
                        start,
                        authorised,
                    });
                }
            }
        }
    }
}

/// How far a CSV list has been read, for a progress bar: the file, its bytes read and in all,
/// and its rows read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Progress {
    pub file: String,
    pub read: u64,
    pub size: u64,
    pub rows: u64,
}

/// Told of each list's progress now and then, from the thread reading it.
pub type OnProgress<'a> = &'a (dyn Fn(&Progress) + Sync);

/// Rows between two progress reports: often enough for a bar, rare enough to cost nothing.
const PROGRESS_EVERY: u64 = 1 << 18;

/// Reads front-door records from a CIN census file (`.xml`) or an Annex A return (a workbook or
/// a folder of CSV files).
pub fn read_front_door(path: &Path) -> Result<FrontDoor, ImportErrors> {
    read_front_door_with(path, &Mapping::default(), &|_| {})
}

/// As [`read_front_door`], with the council's own wordings (`mapping`), telling `progress`
/// how far each CSV list has been read.
pub fn read_front_door_with(
    path: &Path,
    mapping: &Mapping,
    progress: OnProgress,
) -> Result<FrontDoor, ImportErrors> {
    if path
        .extension()
        .is_some_and(|x| x.eq_ignore_ascii_case("xml"))
    {
        crate::cin::read_cin_census(path)
    } else {
        read_annex_a_with(path, mapping, progress)
    }
}

/// Reads the returns at `path` for the measures: a folder holding a 903 episodes table is read
/// as a 903 return alone; anything else as the front door's (Annex A or CIN census), with
/// `ssda903`'s folder beside it when given. All or nothing, every problem named.
pub fn read_returns(
    path: &Path,
    ssda903: Option<&Path>,
    mapping: &Mapping,
    progress: OnProgress,
) -> Result<Returns, ImportErrors> {
    let (front_given, care_path) = if crate::ssda903::is_ssda903_folder(path) {
        (false, Some(path))
    } else {
        (true, ssda903)
    };
    let front = if front_given {
        read_front_door_with(path, mapping, progress)?
    } else {
        FrontDoor::default()
    };
    let care = care_path.map(crate::ssda903::read_ssda903).transpose()?;
    Ok(Returns {
        front,
        front_given,
        care,
    })
}

/// Reads an Annex A return's front-door lists from a workbook or a folder of CSV files.
pub fn read_annex_a(path: &Path) -> Result<FrontDoor, ImportErrors> {
    read_annex_a_with(path, &Mapping::default(), &|_| {})
}

fn read_annex_a_with(
    path: &Path,
    mapping: &Mapping,
    progress: OnProgress,
) -> Result<FrontDoor, ImportErrors> {
    let mut out = FrontDoor::default();
    let mut errors = Vec::new();
    // A folder of CSV files is streamed, row by row: memory holds the records, never the files
    // (ten million rows are common at a regional or national scale).
    let streamed = if path.is_dir() {
        folder::stream_folder(
            path,
            &mut out,
            &mut errors,
            mapping,
            progress,
            crate::csv_pieces::PIECE,
        )
    } else {
        Vec::new()
    };
    let was_streamed = !streamed.is_empty();
    let tables = if was_streamed {
        streamed
    } else {
        read_path(path).map_err(ImportErrors)?
    };
    for table in &tables {
        let name = table.sheet.as_deref().unwrap_or(&table.name);
        match list_number(name) {
            // A streamed list has been read already.
            Some(_) if was_streamed => {}
            Some(n) => read_list(table, n, mapping, &mut out, &mut errors),
            None => errors.push(ImportError {
                code: Code::UnknownTable,
                location: table.location(None, None),
                message: format!(
                    "'{name}' is not an Annex A list: name each sheet or file List 1, List 3, List 4 …"
                ),
            }),
        }
    }
    if !tables.iter().any(|t| {
        list_number(t.sheet.as_deref().unwrap_or(&t.name))
            .is_some_and(|n| (1..=8).contains(&n) && n != 2)
    }) && errors.is_empty()
    {
        errors.push(ImportError {
            code: Code::UnknownTable,
            location: crate::error::Location {
                file: path.display().to_string(),
                ..Default::default()
            },
            message: "no List 1, 3, 4, 5, 6, 7 or 8 was found: the measures need at least one"
                .into(),
        });
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(ImportErrors(errors))
    }
}

/// Writes front-door records as an Annex A return, one CSV file per list with Ofsted's headers
/// (`List 1.csv`, `List 3.csv`, `List 4.csv`), so that made-up records are read back by the
/// same reader as a council's.
pub fn write_annex_a(dir: &Path, records: &FrontDoor) -> Result<(), String> {
    let file = |name: &str| dir.join(format!("{name}.csv"));
    let write = |name: &str, header: &[&str], rows: Vec<Vec<String>>| -> Result<(), String> {
        let mut w = csv::Writer::from_path(file(name)).map_err(|e| format!("{name}: {e}"))?;
        w.write_record(header).map_err(|e| format!("{name}: {e}"))?;
        for row in rows {
            w.write_record(&row).map_err(|e| format!("{name}: {e}"))?;
        }
        w.flush().map_err(|e| format!("{name}: {e}"))
    };
    let yes_no = |b: bool| if b { "a) Yes" } else { "b) No" }.to_string();
    write(
        "List 1",
        &[CHILD.name, CONTACT_DATE.name, CONTACT_SOURCE.name],
        records
            .contacts
            .iter()
            .map(|c| {
                vec![
                    records.child_name(c.child).to_string(),
                    c.date.to_string(),
                    c.source
                        .map(|s| records.wording_text(s).to_string())
                        .unwrap_or_default(),
                ]
            })
            .collect(),
    )?;
    write(
        "List 3",
        &[
            CHILD.name,
            REFERRAL_DATE.name,
            REFERRAL_SOURCE.name,
            REFERRAL_NFA.name,
        ],
        records
            .referrals
            .iter()
            .map(|r| {
                vec![
                    records.child_name(r.child).to_string(),
                    r.date.to_string(),
                    r.source
                        .map(|s| records.wording_text(s).to_string())
                        .unwrap_or_default(),
                    yes_no(r.nfa),
                ]
            })
            .collect(),
    )?;
    write(
        "List 4",
        &[CHILD.name, ASSESSMENT_START.name, ASSESSMENT_DONE.name],
        records
            .assessments
            .iter()
            .map(|a| {
                vec![
                    records.child_name(a.child).to_string(),
                    a.start.to_string(),
                    a.authorised.map(|d| d.to_string()).unwrap_or_default(),
                ]
            })
            .collect(),
    )
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn dates_as_councils_write_them() {
        let d = |s| annex_date(s).map(|d| d.to_string());
        assert_eq!(d("44090").as_deref(), Some("2020-09-16"));
        assert_eq!(d("44090.0").as_deref(), Some("2020-09-16"));
        assert_eq!(d("14/09/2020").as_deref(), Some("2020-09-14"));
        assert_eq!(d("03/04/2012").as_deref(), Some("2012-04-03"));
        assert_eq!(d("2020-09-14 00:00:00").as_deref(), Some("2020-09-14"));
        assert_eq!(d("nope"), None);
        assert_eq!(d("12"), None);
    }

    proptest::proptest! {
        /// Every ISO day read digit by digit, and kept, as chrono reads it, however many
        /// (impossible) days come between.
        #[test]
        fn iso_days_read_as_chrono_reads_them(
            days in proptest::collection::vec((1990u32..2040, 0u32..20, 0u32..40), 1..200)
        ) {
            for (y, m, d) in days.iter().chain(days.iter().rev()) {
                let text = format!("{y:04}-{m:02}-{d:02}");
                let chrono = NaiveDate::parse_from_str(&text, "%Y-%m-%d").ok();
                proptest::prop_assert_eq!(annex_date(&text), chrono, "{}", text);
            }
        }
    }

    #[test]
    fn labels_with_and_without_their_letters() {
        for yes in ["a) Yes", "Yes", "Y", "yes "] {
            assert_eq!(yes_no(yes), Ok(Some(true)), "{yes}");
        }
        for no in ["b) No", "No", "N"] {
            assert_eq!(yes_no(no), Ok(Some(false)), "{no}");
        }
        assert_eq!(yes_no("c) Unknown"), Ok(None));
        assert_eq!(yes_no(""), Ok(None));
        assert!(yes_no("maybe").is_err());
    }

    /// List 8's missing episodes and return interviews, with the template's own headers or
    /// shorter ones, answers as councils write them; a blank answer is none, a bad count or an
    /// interview accepted but not offered is named with its row.
    #[test]
    fn list_8_gives_each_looked_after_childs_missing_episodes_and_interview() {
        let dir = tempfile::tempdir().unwrap();
        let list = |text: &str| std::fs::write(dir.path().join("List 8.csv"), text).unwrap();
        list(
            "Child Unique ID,Date Started to be Looked After,Date Ceased to be Looked After,\
             Number of Episodes the Child has been 'Missing' from their Placement in the last 12 months,\
             Number of Episodes the Child has been 'Absent' from their Placement in the last 12 months,\
             Was the child offered a Return Interview after their last missing episode (Y/N)?,\
             Did the child accept a Return Interview after their last missing episode (Y/N)?\n\
             C1,2022-05-01,,2,1,a) Yes,b) No\n\
             C2,44090,2024-01-31,0,,,\n\
             C3,,,1.0,,Y,c) Unknown\n",
        );
        let read = read_annex_a(dir.path()).unwrap();
        let got: Vec<_> = read
            .looked_after
            .iter()
            .map(|l| {
                (
                    read.child_name(l.child),
                    l.started.map(|d| d.to_string()),
                    l.ceased.map(|d| d.to_string()),
                    l.missing_episodes,
                    l.interview_offered,
                    l.interview_accepted,
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                (
                    "C1",
                    Some("2022-05-01".into()),
                    None,
                    Some(2),
                    Some(true),
                    Some(false)
                ),
                (
                    "C2",
                    Some("2020-09-16".into()),
                    Some("2024-01-31".into()),
                    Some(0),
                    None,
                    None
                ),
                ("C3", None, None, Some(1), Some(true), None),
            ]
        );
        list(
            "Child ID,Number of Missing Episodes,Return Interview Offered,Return Interview Accepted\n\
             C1,two,a) Yes,a) Yes\n\
             C2,1,b) No,a) Yes\n",
        );
        let errors = read_annex_a(dir.path()).unwrap_err().to_string();
        assert!(
            errors.contains("'two' is not a whole number of episodes"),
            "{errors}"
        );
        assert!(
            errors.contains("accepted a return interview that the offer column does not say"),
            "{errors}"
        );
        // A list 8 without the columns (an older template) is named as not read; the rest of
        // the return is read.
        list("Child Unique ID,Return Interview Offered\nC1,a) Yes\n");
        std::fs::write(
            dir.path().join("List 1.csv"),
            "Child Unique ID,Date of Contact\nC1,2024-01-02\n",
        )
        .unwrap();
        let read = read_annex_a(dir.path()).unwrap();
        assert_eq!(read.contacts.len(), 1);
        assert!(read.looked_after.is_empty());
        assert!(
            read.not_read[0].contains("'Missing' from their Placement"),
            "{:?}",
            read.not_read
        );
    }

    #[test]
    fn lists_are_named_loosely() {
        assert_eq!(list_number("List 3"), Some(3));
        assert_eq!(list_number("list1"), Some(1));
        assert_eq!(list_number("List_10 Adoption"), Some(10));
        assert_eq!(list_number("Referrals"), None);
    }

    #[test]
    fn a_folder_of_lists_is_read_and_every_bad_cell_named() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("List 3.csv"),
            "Child Unique ID,Gender,Date of referral,Referral Source,Referral NFA?\n\
             C1,b) Female,44090,a) 1A: Individual,b) No\n\
             C2,Female,14/09/2020,,a) Yes\n",
        )
        .unwrap();
        std::fs::write(
            dir.path().join("List 4.csv"),
            "Child Unique ID,Continuous Assessment Start Date,Continuous Assessment Date of Authorisation\n\
             C1,2020-09-16,2020-10-01\n",
        )
        .unwrap();
        std::fs::write(dir.path().join("List 9.csv"), "Child Unique ID\nC1\n").unwrap();
        let read = read_annex_a(dir.path()).unwrap();
        assert_eq!(read.referrals.len(), 2);
        assert!(read.referrals[1].nfa);
        assert_eq!(
            read.assessments[0].authorised.unwrap().to_string(),
            "2020-10-01"
        );
        assert_eq!(read.not_read.len(), 1);
        std::fs::write(
            dir.path().join("List 1.csv"),
            "Child Unique ID,Date of Contact\nC1,nope\n,2020-09-01\n",
        )
        .unwrap();
        let errors = read_annex_a(dir.path()).unwrap_err().to_string();
        assert!(errors.contains("'nope' is not a date"), "{errors}");
        assert!(
            errors.contains("row 3") || errors.contains(":3"),
            "{errors}"
        );
        assert!(errors.contains("give the Child Unique ID"), "{errors}");
    }
}
