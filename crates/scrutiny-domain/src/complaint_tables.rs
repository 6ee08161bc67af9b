//! The complaints service's tables, each described once (see [`crate::table`]), with how each
//! record becomes a row and back. Codes are checked against the council's lists, imported with
//! them or held already, so a typo in a channel or category is caught, not counted as a new one.

use crate::complaint_records::*;
use crate::complaint_settings::Setting;
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
        list: req(
            "list",
            Word(list),
            "kind, channel, profile, category, division, outcome, compliment_channel or compliment_source",
        ),
        code: text("code", "short key used in the other tables, e.g. email"),
        label: text("label", "words printed in reports, e.g. E-mail"),
        position: opt("position", Whole, "order in reports"),
    ],
});

const NOT_DECLARED: &str = "equality monitoring; blank = not declared";
const PERSONAL: &str = "personal data: seen only by the complaints role";

impl Tabular for Case {
    const TABLE: &'static Table = &Table {
        name: "cases",
        help: "one row per complaint, representation, customer care contact or enquiry",
        stored: "complaint_cases",
        columns: &[
            text("reference", "the case's unique reference"),
            text("kind", "a code from the kind list, e.g. statutory").refers(Refers::List("kind")),
            req("received", Date, "date received, e.g. 2017-06-05"),
            listed("channel", "channel", "how it was made (channel list)"),
            listed("profile", "profile", "who complained (profile list)"),
            opt(
                "advocacy",
                YesNo,
                "yes if an advocate supported the complainant",
            ),
            opt_text("advocate", "who advocated, e.g. NYAS"),
            listed("division", "division", "division concerned (division list)"),
            opt_text("team", "team concerned"),
            listed(
                "category_receipt",
                "category",
                "category when received (category list)",
            ),
            listed(
                "category_closure",
                "category",
                "category at closure, by root cause (category list)",
            ),
            opt(
                "local_resolved",
                Date,
                "date resolved at the council's local stage, if it has one",
            ),
            opt(
                "stage1_started",
                Date,
                "date Stage 1 started, if not on receipt (after a local stage)",
            ),
            opt(
                "stage1_extended",
                YesNo,
                "yes if Stage 1 was extended to 20 working days as complex",
            ),
            opt_text("stage1_extension_reason", "why Stage 1 was extended"),
            opt("stage1_responded", Date, "date of the Stage 1 response"),
            listed(
                "stage1_outcome",
                "outcome",
                "outcome list, e.g. partially_upheld",
            ),
            opt("stage2_requested", Date, "date Stage 2 was asked for"),
            opt_text("stage2_declined_reason", "why the council declined Stage 2"),
            opt("stage2_started", Date, "date the investigation started"),
            opt_text("investigator", "the Stage 2 investigating officer"),
            opt_text("independent_person", "the Stage 2 independent person"),
            opt(
                "stage2_extended",
                YesNo,
                "yes if Stage 2 was extended to 65 working days",
            ),
            opt_text("stage2_extension_reason", "why Stage 2 was extended"),
            opt("stage2_adjudicated", Date, "date of the adjudication"),
            opt_text("adjudicator", "the senior manager who adjudicated"),
            opt(
                "stage3_requested",
                Date,
                "date a review panel was asked for",
            ),
            opt("stage3_panel_held", Date, "date the panel sat"),
            opt_text("stage3_panel", "the panel's three members, separated by ;"),
            opt(
                "ombudsman_referred",
                Date,
                "date the Ombudsman became involved",
            ),
            opt(
                "ombudsman_decided",
                Date,
                "date of the Ombudsman's decision",
            ),
            listed(
                "ombudsman_outcome",
                "outcome",
                "the Ombudsman's finding (outcome list)",
            ),
            opt("withdrawn", Date, "date withdrawn"),
            opt_text("withdrawn_reason", "why (needed with withdrawn)"),
            opt("closed", Date, "date closed"),
            opt_text("gender", NOT_DECLARED),
            opt_text("ethnicity", NOT_DECLARED),
            opt_text("disability", NOT_DECLARED),
            opt_text("age_band", NOT_DECLARED),
            opt_text("complainant_name", PERSONAL).personal(),
            opt_text("child_name", PERSONAL).personal(),
        ],
        key: &["reference"],
        defines: true,
        order: "received, reference",
    };

    fn to_values(&self) -> Vec<Value> {
        let t = Value::opt_text;
        let d = Value::opt_date;
        vec![
            Value::text(&self.reference),
            Value::text(&self.kind),
            d(self.received),
            t(&self.channel),
            t(&self.profile),
            Value::Bool(self.advocacy),
            t(&self.advocate),
            t(&self.division),
            t(&self.team),
            t(&self.category_receipt),
            t(&self.category_closure),
            d(self.local_resolved),
            d(self.stage1_started),
            Value::Bool(self.stage1_extended),
            t(&self.stage1_extension_reason),
            d(self.stage1_responded),
            t(&self.stage1_outcome),
            d(self.stage2_requested),
            t(&self.stage2_declined_reason),
            d(self.stage2_started),
            t(&self.investigator),
            t(&self.independent_person),
            Value::Bool(self.stage2_extended),
            t(&self.stage2_extension_reason),
            d(self.stage2_adjudicated),
            t(&self.adjudicator),
            d(self.stage3_requested),
            d(self.stage3_panel_held),
            t(&self.stage3_panel),
            d(self.ombudsman_referred),
            d(self.ombudsman_decided),
            t(&self.ombudsman_outcome),
            d(self.withdrawn),
            t(&self.withdrawn_reason),
            d(self.closed),
            t(&self.equality.gender),
            t(&self.equality.ethnicity),
            t(&self.equality.disability),
            t(&self.equality.age_band),
            t(&self.personal.complainant_name),
            t(&self.personal.child_name),
        ]
    }

    fn from_values(r: &Cells<'_>) -> Result<Self, Problems> {
        let t = |c: &'static str| r.opt_text(c);
        let d = |c: &'static str| r.opt_date(c);
        Ok(Case {
            reference: r.text("reference")?,
            kind: r.text("kind")?,
            received: d("received")?,
            channel: t("channel")?,
            profile: t("profile")?,
            advocacy: r.flag("advocacy")?,
            advocate: t("advocate")?,
            division: t("division")?,
            team: t("team")?,
            category_receipt: t("category_receipt")?,
            category_closure: t("category_closure")?,
            local_resolved: d("local_resolved")?,
            stage1_started: d("stage1_started")?,
            stage1_extended: r.flag("stage1_extended")?,
            stage1_extension_reason: t("stage1_extension_reason")?,
            stage1_responded: d("stage1_responded")?,
            stage1_outcome: t("stage1_outcome")?,
            stage2_requested: d("stage2_requested")?,
            stage2_declined_reason: t("stage2_declined_reason")?,
            stage2_started: d("stage2_started")?,
            investigator: t("investigator")?,
            independent_person: t("independent_person")?,
            stage2_extended: r.flag("stage2_extended")?,
            stage2_extension_reason: t("stage2_extension_reason")?,
            stage2_adjudicated: d("stage2_adjudicated")?,
            adjudicator: t("adjudicator")?,
            stage3_requested: d("stage3_requested")?,
            stage3_panel_held: d("stage3_panel_held")?,
            stage3_panel: t("stage3_panel")?,
            ombudsman_referred: d("ombudsman_referred")?,
            ombudsman_decided: d("ombudsman_decided")?,
            ombudsman_outcome: t("ombudsman_outcome")?,
            withdrawn: d("withdrawn")?,
            withdrawn_reason: t("withdrawn_reason")?,
            closed: d("closed")?,
            equality: Equality {
                gender: t("gender")?,
                ethnicity: t("ethnicity")?,
                disability: t("disability")?,
                age_band: t("age_band")?,
            },
            personal: Personal {
                complainant_name: t("complainant_name")?,
                child_name: t("child_name")?,
            },
        })
    }

    fn check(&self) -> Result<(), Problems> {
        if self.withdrawn.is_some() && self.withdrawn_reason.is_none() {
            return Err(Problem::new(
                "withdrawn_reason",
                Fault::Missing,
                "a withdrawn case needs the reason it was withdrawn",
            )
            .into());
        }
        let problems: Vec<Problem> = crate::complaints::history_problems(self)
            .into_iter()
            .map(|(column, why)| Problem::new(column, Fault::Period, why))
            .collect();
        if problems.is_empty() {
            Ok(())
        } else {
            Err(Problems(problems))
        }
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
        reference: key_of("reference", "cases", "the case"),
        element: req("element", Whole, "1, 2, 3…"),
        summary: text("summary", "what this issue of the complaint is"),
        finding: listed("finding", "outcome", "outcome list, e.g. upheld"),
        recommendation: opt_text("recommendation", "what the investigator recommended"),
        category: listed(
            "category",
            "category",
            "the issue's own category (category list)",
        ),
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
        reference: text("reference", "unique reference"),
        received: req("received", Date, "date"),
        channel: listed("channel", "compliment_channel", "compliment_channel list"),
        source: listed("source", "compliment_source", "compliment_source list"),
        division: listed("division", "division", "division list"),
        team: opt_text("team", "team"),
        text: text(
            "text",
            "the words; names are reduced to initials in anything published",
        ),
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
        reference: key_of("reference", "cases", "the case"),
        action: text("action", "what will be done"),
        owner: opt_text("owner", "who"),
        due: opt("due", Date, "by when"),
        status: req(
            "status",
            Word(status),
            "not_started, in_progress or completed",
        ),
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
        key: text(
            "key",
            "local_stage, local_stage_days, retention_years, basis, suppress_below, percent_dp or earlier_years",
        ),
        value: text("value", "the setting's value, e.g. 5").blank_ok(),
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
                "whose yearly count is restated (kind list), e.g. statutory",
            )
            .refers(Refers::List("kind")),
            text("published", "the figure as first published, e.g. 48"),
            opt(
                "restated",
                Count,
                "the restated count, when the records are not held (blank: counted from the records)",
            ),
            text("note", "why it is restated, printed with the figure"),
        ],
        key: &["year", "kind"],
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
        ]
    }

    fn from_values(r: &Cells<'_>) -> Result<Self, Problems> {
        Ok(Restatement {
            year: r.year("year")?.0,
            kind: r.text("kind")?,
            published: r.text("published")?,
            restated: r.opt_int("restated")?.and_then(|n| u64::try_from(n).ok()),
            note: r.text("note")?,
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

crate::table_set!(ComplaintsData {
    lists: ListItem,
    cases: Case,
    elements: Element,
    compliments: Compliment,
    learning_actions: LearningAction,
    settings: Setting,
    restatements: Restatement,
    caseloads: Caseload,
    action_plan: PlanAction,
});

/// A setting's value must be one the setting takes.
fn check_setting(s: &Setting) -> Result<(), Problems> {
    crate::complaint_settings::check(&s.key, &s.value).map_err(|why| {
        let column = if why.contains("not a setting") {
            "key"
        } else {
            "value"
        };
        Problem::new(column, Fault::NotAllowed, why).into()
    })
}
