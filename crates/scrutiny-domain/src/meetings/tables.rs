//! The tables of report covers, each described once (see [`crate::table`]).

use crate::meetings::{Cover, CoverSection, ReportKind};
use crate::table::ColumnType::*;
use crate::table::*;

crate::word_fields!(ReportKind: code);

const REPORT: &str = "pbr, qmr, strategy, business_plan, action_plan or complaints";
const SCOPE: &str = "what the report is for: the board, department, strategy or plan code";
const PERIOD: &str = "the period the report is for, as asked for: 2012/13 Q1, or a year 2013/14";

crate::tabular!(Cover {
    name: "report_covers",
    help: "The committee report fronting a published report: meeting, officer, purpose, recommendation",
    stored: "report_covers",
    key: &["report", "scope", "period"],
    defines: false,
    order: "report, scope, period",
    columns: [
        report: [req("report", Word(code_of::<ReportKind>), REPORT)],
        scope: [text("scope", SCOPE)],
        period: [text("period", PERIOD)],
        meeting_date: [req("meeting_date", Date, "the date of the board's meeting")],
        reporting_officer: [text(
            "reporting_officer",
            "e.g. Strategic Director, Policy and Resources",
        )],
        subject: [opt_text("subject", "the subject line; blank for the report's own title")],
        wards: [opt_text("wards", "e.g. Borough-wide")],
        portfolio: [opt_text("portfolio", "the executive portfolio, e.g. Children, Young People and Families")],
        purpose: [text("purpose", "1.0 Purpose of report: what the board is asked to consider")],
        recommendation: [text("recommendation", "2.0 Recommended: what the board is asked to decide")],
    ],
});

crate::tabular!(CoverSection {
    name: "report_cover_sections",
    help: "A cover's further numbered sections, in the council's own headings and order",
    stored: "report_cover_sections",
    key: &["report", "scope", "period", "position"],
    defines: false,
    order: "report, scope, period, position",
    columns: [
        report: [req("report", Word(code_of::<ReportKind>), REPORT)],
        scope: [text("scope", SCOPE)],
        period: [text("period", PERIOD)],
        position: [req("position", Whole, "order on the cover, after purpose and recommendation")],
        heading: [text("heading", "e.g. Supporting information, Policy implications")],
        text: [text("text", "the section's text; blank lines start new paragraphs")],
    ],
});
