//! The complaints service's tables, each described once (see [`crate::table`]), with how each
//! record becomes a row and back. Codes are checked against the council's lists, imported with
//! them or held already, so a typo in a channel or category is caught, not counted as a new one.

use crate::complaints::records::*;
use crate::complaints::settings::Setting;
use crate::error::DomainError;
use crate::table::ColumnType::*;
use crate::table::*;

fn list(s: &str) -> Result<&'static str, DomainError> {
    LISTS.iter().copied().find(|l| *l == s).ok_or_else(|| {
        DomainError::NotOneOf(
            s.into(),
            "kind, channel, profile, category, division, outcome, compliment_channel, compliment_source",
        )
    })
}

fn status(s: &str) -> Result<&'static str, DomainError> {
    ["not_started", "in_progress", "completed"]
        .into_iter()
        .find(|l| *l == s)
        .ok_or_else(|| DomainError::NotOneOf(s.into(), "not_started, in_progress, completed"))
}

crate::tabular!(ListItem {
    name: "lists",
    help: "the council's own words for each code: channels, categories, divisions, outcomes…",
    stored: "complaint_lists",
    key: &["list", "code"],
    defines: true,
    order: "list, position, code",
    columns: [
        list: [req(
            "list",
            Word(list),
            "kind, channel, profile, category, division, outcome, compliment_channel or compliment_source",
        )],
        code: [text("code", "short key used in the other tables, e.g. email")],
        label: [text("label", "words printed in reports, e.g. E-mail")],
        position: [opt("position", Whole, "order in reports")],
    ],
});

const NOT_DECLARED: &str = "equality monitoring; blank = not declared";
const PERSONAL: &str = "personal data: seen only by the complaints role";

crate::tabular!(Complaint {
    name: "cases",
    help: "one row per complaint, representation, customer care contact or enquiry",
    stored: "complaint_cases",
    key: &["reference"],
    defines: true,
    order: "received, reference",
    columns: [
        reference: [text("reference", "the case's unique reference")],
        kind: [text("kind", "a code from the kind list, e.g. statutory").refers(Refers::List("kind"))],
        received: [req("received", Date, "date received, e.g. 2017-06-05")],
        channel: [listed("channel", "channel", "how it was made (channel list)")],
        profile: [listed("profile", "profile", "who complained (profile list)")],
        advocacy: [opt(
            "advocacy",
            YesNo,
            "yes if an advocate supported the complainant",
        )],
        advocate: [opt_text("advocate", "who advocated, e.g. NYAS")],
        division: [listed("division", "division", "division concerned (division list)")],
        team: [opt_text("team", "team concerned")],
        category_receipt: [listed(
            "category_receipt",
            "category",
            "category when received (category list)",
        )],
        category_closure: [listed(
            "category_closure",
            "category",
            "category at closure, by root cause (category list)",
        )],
        local_resolved: [opt(
            "local_resolved",
            Date,
            "date resolved at the council's local stage, if it has one",
        )],
        stage1_started: [opt(
            "stage1_started",
            Date,
            "date Stage 1 started, if not on receipt (after a local stage)",
        )],
        stage1_extended: [opt(
            "stage1_extended",
            YesNo,
            "yes if Stage 1 was extended to 20 working days as complex",
        )],
        stage1_extension_reason: [opt_text("stage1_extension_reason", "why Stage 1 was extended")],
        stage1_responded: [opt("stage1_responded", Date, "date of the Stage 1 response")],
        stage1_outcome: [listed(
            "stage1_outcome",
            "outcome",
            "outcome list, e.g. partially_upheld",
        )],
        stage2_requested: [opt("stage2_requested", Date, "date Stage 2 was asked for")],
        stage2_declined_reason: [opt_text("stage2_declined_reason", "why the council declined Stage 2")],
        stage2_started: [opt("stage2_started", Date, "date the investigation started")],
        investigator: [opt_text("investigator", "the Stage 2 investigating officer")],
        independent_person: [opt_text("independent_person", "the Stage 2 independent person")],
        stage2_extended: [opt(
            "stage2_extended",
            YesNo,
            "yes if Stage 2 was extended to 65 working days",
        )],
        stage2_extension_reason: [opt_text("stage2_extension_reason", "why Stage 2 was extended")],
        stage2_adjudicated: [opt("stage2_adjudicated", Date, "date of the adjudication")],
        adjudicator: [opt_text("adjudicator", "the senior manager who adjudicated")],
        stage3_requested: [opt(
            "stage3_requested",
            Date,
            "date a review panel was asked for",
        )],
        stage3_panel_held: [opt("stage3_panel_held", Date, "date the panel sat")],
        stage3_panel: [opt_text("stage3_panel", "the panel's three members, separated by ;")],
        ombudsman_referred: [opt(
            "ombudsman_referred",
            Date,
            "date the Ombudsman became involved",
        )],
        ombudsman_decided: [opt(
            "ombudsman_decided",
            Date,
            "date of the Ombudsman's decision",
        )],
        ombudsman_outcome: [listed(
            "ombudsman_outcome",
            "outcome",
            "the Ombudsman's finding (outcome list)",
        )],
        withdrawn: [opt("withdrawn", Date, "date withdrawn")],
        withdrawn_reason: [opt_text("withdrawn_reason", "why (needed with withdrawn)")],
        closed: [opt("closed", Date, "date closed")],
        equality: [
            opt_text("gender", NOT_DECLARED),
            opt_text("ethnicity", NOT_DECLARED),
            opt_text("disability", NOT_DECLARED),
            opt_text("age_band", NOT_DECLARED),
        ],
        personal: [
            opt_text("complainant_name", PERSONAL).personal(),
            opt_text("child_name", PERSONAL).personal(),
        ],
    ],
    check: check_case,
});

/// A case's reference is part of its page's address and its exports' file names: letters,
/// digits, spaces, and `-`, `_`, `.`, at most 40 of them.
pub fn reference_problem(reference: &str) -> Option<String> {
    let fits = |c: char| c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | ' ');
    if reference.chars().count() > 40 {
        return Some(format!(
            "the reference '{}…' is longer than 40 characters",
            reference.chars().take(20).collect::<String>()
        ));
    }
    reference.chars().find(|c| !fits(*c)).map(|bad| {
        format!(
            "the reference {reference:?} has {bad:?} in it: use letters, digits, spaces, '-', '_' and '.'"
        )
    })
}

/// A withdrawn case needs its reason, and its history its steps in order.
fn check_case(case: &Complaint) -> Result<(), Problems> {
    if let Some(why) = reference_problem(&case.reference) {
        return Err(Problem::new("reference", Fault::NotAllowed, why).into());
    }
    if case.withdrawn.is_some() && case.withdrawn_reason.is_none() {
        return Err(Problem::new(
            "withdrawn_reason",
            Fault::Missing,
            "a withdrawn case needs the reason it was withdrawn",
        )
        .into());
    }
    let problems: Vec<Problem> = crate::complaints::procedure::history_problems(case)
        .into_iter()
        .map(|(column, why)| Problem::new(column, Fault::Period, why))
        .collect();
    if problems.is_empty() {
        Ok(())
    } else {
        Err(Problems(problems))
    }
}

/// Equality monitoring in its four columns.
impl Fields for Equality {
    const WIDTH: usize = 4;
    fn push_values(&self, out: &mut Vec<Value>) {
        for v in [
            &self.gender,
            &self.ethnicity,
            &self.disability,
            &self.age_band,
        ] {
            out.push(v.to_value());
        }
    }
    fn from_cells(r: &Cells<'_>, at: usize) -> Result<Self, Problem> {
        Ok(Equality {
            gender: r.field(at)?,
            ethnicity: r.field(at + 1)?,
            disability: r.field(at + 2)?,
            age_band: r.field(at + 3)?,
        })
    }
}

/// Personal data in its two columns.
impl Fields for Personal {
    const WIDTH: usize = 2;
    fn push_values(&self, out: &mut Vec<Value>) {
        out.push(self.complainant_name.to_value());
        out.push(self.child_name.to_value());
    }
    fn from_cells(r: &Cells<'_>, at: usize) -> Result<Self, Problem> {
        Ok(Personal {
            complainant_name: r.field(at)?,
            child_name: r.field(at + 1)?,
        })
    }
}

crate::tabular!(Element {
    name: "elements",
    help: "the issues of a complaint (its elements at Stage 2), each with its category and finding",
    stored: "complaint_elements",
    key: &["reference", "element"],
    defines: false,
    order: "reference, element",
    columns: [
        reference: [key_of("reference", "cases", "the case")],
        element: [req("element", Whole, "1, 2, 3…")],
        summary: [text("summary", "what this issue of the complaint is")],
        finding: [listed("finding", "outcome", "outcome list, e.g. upheld")],
        recommendation: [opt_text("recommendation", "what the investigator recommended")],
        category: [listed(
            "category",
            "category",
            "the issue's own category (category list)",
        )],
    ],
});

crate::tabular!(Compliment {
    name: "compliments",
    help: "compliments and positive feedback",
    stored: "compliments",
    key: &["reference"],
    defines: false,
    order: "received, reference",
    columns: [
        reference: [text("reference", "unique reference")],
        received: [req("received", Date, "date")],
        channel: [listed("channel", "compliment_channel", "compliment_channel list")],
        source: [listed("source", "compliment_source", "compliment_source list")],
        division: [listed("division", "division", "division list")],
        team: [opt_text("team", "team")],
        text: [text(
            "text",
            "the words; names are reduced to initials in anything published",
        )],
    ],
});

crate::tabular!(LearningAction {
    name: "learning_actions",
    help: "what is being done because of a complaint",
    stored: "learning_actions",
    key: &["reference", "action"],
    defines: false,
    order: "reference, action",
    columns: [
        reference: [key_of("reference", "cases", "the case")],
        action: [text("action", "what will be done")],
        owner: [opt_text("owner", "who")],
        due: [opt("due", Date, "by when")],
        status: [req(
            "status",
            Word(status),
            "not_started, in_progress or completed",
        )],
    ],
});

crate::tabular!(Setting {
    name: "settings",
    help: "the council's settings for its procedure and report, one per row",
    stored: "complaint_settings",
    key: &["key"],
    defines: false,
    order: "key",
    columns: [
        key: [text(
            "key",
            "council, report_title, routes, received_by, period_tables, local_stage, local_stage_days, retention_years, basis, suppress_below, percent_dp, rounding or earlier_years",
        )],
        value: [text("value", "the setting's value, e.g. 5").blank_ok()],
    ],
    check: check_setting,
});

impl Tabular for Restatement {
    const TABLE: &'static Table = &Table {
        name: "restatements",
        help: "a figure an earlier annual report published, restated, with the reason",
        stored: "complaint_restatements",
        columns: &[
            req(
                "year",
                ReportYear,
                "the financial year restated, e.g. 2016/17",
            ),
            text(
                "kind",
                "whose yearly count is restated (kind list), e.g. statutory; blank for a cell of another table",
            )
            .blank_ok()
            .refers(Refers::List("kind")),
            text("published", "the figure as first published, e.g. 48"),
            opt(
                "restated",
                Count,
                "the restated count, when the records are not held (blank: counted from the records)",
            ),
            text("note", "why it is restated, printed with the figure"),
            opt_text(
                "table",
                "for any other cell: its table's caption as printed, e.g. Stage 1 outcomes",
            )
            .stored("table_caption"),
            opt_text(
                "row",
                "for any other cell: its row's first cell as printed, e.g. Upheld or Total",
            )
            .stored("row_label"),
        ],
        key: &["year", "kind", "table", "row"],
        defines: false,
        order: "year, kind",
    };

    fn to_values(&self) -> Vec<Value> {
        vec![
            Value::Year(crate::FinancialYear(self.year)),
            Value::text(&self.kind),
            Value::text(&self.published),
            self.restated
                .and_then(|n| i64::try_from(n).ok())
                .map_or(Value::Null, Value::Int),
            Value::text(&self.note),
            // Stored as empty text, not null: they are part of the stored key.
            Value::text(self.table.as_deref().unwrap_or_default()),
            Value::text(self.row.as_deref().unwrap_or_default()),
        ]
    }

    fn from_values(r: &Cells<'_>) -> Result<Self, Problems> {
        let given = |column| -> Result<Option<String>, Problem> {
            Ok(r.opt_text(column)?.filter(|s| !s.trim().is_empty()))
        };
        let (kind, table, row) = (given("kind")?, given("table")?, given("row")?);
        let problem = |column, why: &str| Problem::new(column, Fault::Missing, why);
        match (&kind, &table, &row) {
            (None, None, _) => Err(problem(
                "kind",
                "give the kind whose yearly count is restated, e.g. statutory, or the table and row of the restated cell",
            ))?,
            (Some(_), Some(_), _) => Err(Problem::new(
                "table",
                Fault::NotAllowed,
                "give either the kind whose yearly count is restated or the table of the restated cell, not both",
            ))?,
            (None, Some(_), None) => Err(problem(
                "row",
                "a restated cell needs its row's first cell as printed, e.g. Upheld or Total",
            ))?,
            _ => {}
        }
        Ok(Restatement {
            year: r.year("year")?.0,
            kind: kind.unwrap_or_default(),
            published: r.text("published")?,
            restated: r.opt_int("restated")?.and_then(|n| u64::try_from(n).ok()),
            note: r.text("note")?,
            table,
            row,
        })
    }
}

impl Tabular for Caseload {
    const TABLE: &'static Table = &Table {
        name: "caseloads",
        help: "children's social care cases open at the end of each year, for complaints per open case",
        stored: "complaint_caseloads",
        columns: &[
            req("year", ReportYear, "the financial year, e.g. 2017/18"),
            req("open_cases", Count, "cases open on 31 March, e.g. 1284"),
        ],
        key: &["year"],
        defines: false,
        order: "year",
    };

    fn to_values(&self) -> Vec<Value> {
        vec![
            Value::Year(crate::FinancialYear(self.year)),
            i64::try_from(self.open_cases).map_or(Value::Null, Value::Int),
        ]
    }

    fn from_values(r: &Cells<'_>) -> Result<Self, Problems> {
        Ok(Caseload {
            year: r.year("year")?.0,
            open_cases: u64::try_from(r.int("open_cases")?).unwrap_or(0),
        })
    }
}

impl Tabular for PlanAction {
    const TABLE: &'static Table = &Table {
        name: "action_plan",
        help: "the plan for the year after the report's, printed at the end of the report",
        stored: "complaint_action_plan",
        columns: &[
            req(
                "year",
                ReportYear,
                "the financial year the action is for, e.g. 2018/19",
            ),
            text("action", "what will be done"),
            opt_text("owner", "who"),
            opt("due", Date, "by when"),
        ],
        key: &["year", "action"],
        defines: false,
        order: "year, due, action",
    };

    fn to_values(&self) -> Vec<Value> {
        vec![
            Value::Year(crate::FinancialYear(self.year)),
            Value::text(&self.action),
            Value::opt_text(&self.owner),
            Value::opt_date(self.due),
        ]
    }

    fn from_values(r: &Cells<'_>) -> Result<Self, Problems> {
        Ok(PlanAction {
            year: r.year("year")?.0,
            action: r.text("action")?,
            owner: r.opt_text("owner")?,
            due: r.opt_date("due")?,
        })
    }
}

crate::word_fields!(CodeAnswer: code);

crate::tabular!(CodeAssessment {
    name: "handling_code",
    help: "the council's self-assessment against each requirement of the Ombudsman's Complaint Handling Code",
    stored: "complaint_handling_code",
    key: &["year", "ref"],
    defines: false,
    order: "year, reference",
    columns: [
        year: [req("year", ReportYear, "the financial year assessed, e.g. 2017/18")],
        reference: [text("ref", "the code's paragraph, e.g. 1.2").stored("reference")],
        requirement: [text("requirement", "what the code requires, in short")],
        answer: [req("answer", Word(code_of::<CodeAnswer>), "met, partly_met or not_met")],
        evidence: [opt_text("evidence", "how the council shows it")],
        action: [opt_text("action", "what it will do where it falls short")],
    ],
});

crate::tabular!(Edition {
    name: "editions",
    help: "each kind's count for a year as the council published it, frozen when its report was published",
    stored: "complaint_editions",
    key: &["year", "kind"],
    defines: false,
    order: "year, kind",
    columns: [
        year: [req("year", ReportYear, "the financial year published, e.g. 2017/18")],
        kind: [text("kind", "the kind of case (kind list), e.g. statutory").refers(Refers::List("kind"))],
        count: [req("count", Count, "the count as published, e.g. 48")],
        published_on: [req("published_on", Date, "the day the report was published")],
    ],
});

crate::tabular!(Narrative {
    name: "narrative",
    help: "what the complaints manager writes for a section of a year's annual report",
    stored: "complaint_narrative",
    key: &["year", "section", "position"],
    defines: false,
    order: "year, section, position",
    columns: [
        year: [req("year", ReportYear, "the report's financial year, e.g. 2024/25")],
        section: [text(
            "section",
            "numbers, profile, channels, types, outcomes, timescales, escalations, contacts, compliments, \
             equality, learning, action_plan or handling_code",
        )],
        position: [req("position", Whole, "order within the section: 1, 2, …")],
        text: [text("text", "the words; a blank line starts a new paragraph")],
    ],
    check: |n: &Narrative| {
        if REPORT_SECTIONS.iter().any(|(key, _)| *key == n.section) {
            return Ok(());
        }
        let keys: Vec<&str> = REPORT_SECTIONS.iter().map(|(k, _)| *k).collect();
        Err(Problem::new(
            "section",
            Fault::NotAllowed,
            format!("'{}' is not a section of the report; use one of: {}", n.section, keys.join(", ")),
        )
        .into())
    },
});

crate::tabular!(TeamCaseload {
    name: "team_caseloads",
    help: "each team's open cases at the year's end and referrals in the year, for complaints per 100 open cases",
    stored: "complaint_team_caseloads",
    key: &["year", "team"],
    defines: false,
    order: "year, team",
    columns: [
        year: [req("year", ReportYear, "the financial year, e.g. 2024/25")],
        team: [text("team", "the team, as the cases' team column names it")],
        open_cases: [req("open_cases", Count, "cases open on 31 March, e.g. 84")],
        referrals: [opt("referrals", Count, "referrals taken in the year, e.g. 310")],
    ],
});

crate::tabular!(CodeResponse {
    name: "handling_code_responses",
    help: "the board's response to a year's self-assessment against the Complaint Handling Code",
    stored: "complaint_handling_code_responses",
    key: &["year"],
    defines: false,
    order: "year",
    columns: [
        year: [req("year", ReportYear, "the financial year, e.g. 2017/18")],
        response: [text("response", "the board's response, printed with the self-assessment")],
    ],
});

crate::table_set!(ComplaintsData {
    lists: ListItem,
    cases: Complaint,
    elements: Element,
    compliments: Compliment,
    learning_actions: LearningAction,
    settings: Setting,
    restatements: Restatement,
    caseloads: Caseload,
    action_plan: PlanAction,
    editions: Edition,
    narrative: Narrative,
    team_caseloads: TeamCaseload,
    handling_code: CodeAssessment,
    handling_code_responses: CodeResponse,
});

/// A setting's value must be one the setting takes.
fn check_setting(s: &Setting) -> Result<(), Problems> {
    crate::complaints::settings::check(&s.key, &s.value).map_err(|why| {
        let column = if why.contains("not a setting") {
            "key"
        } else {
            "value"
        };
        Problem::new(column, Fault::NotAllowed, why).into()
    })
}
