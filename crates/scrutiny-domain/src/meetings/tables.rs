//! The tables of boards' meetings and report covers, each described once (see [`crate::table`]).

use crate::meetings::{
    AgendaItem, Attendance, Attendee, Cover, CoverSection, Declaration, Interest, Meeting,
    MemberRole, Membership, Minute, MinuteAction, ProgrammeItem, ReportKind,
};
use crate::table::ColumnType::*;
use crate::table::*;

crate::word_fields!(ReportKind: code);

const REPORT: &str = ReportKind::WORDS;
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

crate::word_fields!(MemberRole: code);

crate::tabular!(Membership {
    name: "memberships",
    help: "Who sits on each board, in what role and party, for what term",
    stored: "memberships",
    key: &["board", "person", "starts"],
    defines: false,
    order: "board, person, starts",
    columns: [
        board: [key_of("board", "boards", "the board's code")],
        person: [text("person", "as the agenda prints it, e.g. Councillor Mark Dennett")],
        starts: [req("starts", Date, "the first day of the term")],
        ends: [opt("ends", Date, "the last day of the term; blank while it runs")],
        role: [req("role", Word(code_of::<MemberRole>), MemberRole::WORDS)],
        party: [opt_text("party", "e.g. Labour; blank for a co-optee")],
    ],
});

crate::tabular!(Meeting {
    name: "meetings",
    help: "A board's meetings: date, time, venue and contact",
    stored: "meetings",
    key: &["code"],
    defines: true,
    order: "date, code",
    columns: [
        code: [text("code", "the meeting's reference, e.g. CYPF-2018-11-12")],
        board: [key_of("board", "boards", "the board's code")],
        date: [req("date", Date, "the day of the meeting")],
        start: [text("start", "the start as printed, e.g. 6.30 p.m. or 18:30")],
        venue: [text("venue", "e.g. Civic Suite - Town Hall, Runcorn")],
        contact: [opt_text("contact", "who to contact, e.g. Ann Jones on 0151 511 8276")],
        published: [opt(
            "published",
            Date,
            "the day the agenda was published; blank keeps its items from the public",
        )],
        minutes_published: [opt(
            "minutes_published",
            Date,
            "the day the minutes were published, once every minute is in; blank keeps them a draft for members and officers",
        )],
    ],
});

crate::tabular!(AgendaItem {
    name: "agenda_items",
    help: "A meeting's agenda: numbered items and lettered sub-items, Part I or Part II",
    stored: "agenda_items",
    key: &["meeting", "item"],
    defines: false,
    order: "meeting, item",
    columns: [
        meeting: [key_of("meeting", "meetings", "the meeting's code")],
        item: [text("item", "the item's number, e.g. 5, or a sub-item, 5a")],
        title: [text("title", "as the agenda prints it")],
        exempt_paragraph: [opt(
            "exempt_paragraph",
            Whole,
            "Part II: the paragraph (1 to 7) of Schedule 12A to the Local Government Act 1972; blank for Part I",
        )],
        owner: [opt_text("owner", "the officer whose report it is")],
        report_received: [opt(
            "report_received",
            Date,
            "the day the item's report reached democratic services; blank while awaited",
        )],
        report: [opt(
            "report",
            Word(code_of::<ReportKind>),
            "the report the pack prints for the item, one of: pbr, qmr, strategy, business_plan, action_plan, complaints, minutes, paper (a cover set for this meeting and item) or uploaded (a Word document uploaded for it); blank for none",
        )],
        report_scope: [opt_text(
            "report_scope",
            "what the report is for: a board, department, strategy or plan code; for minutes, the meeting's code",
        )],
        report_period: [opt_text(
            "report_period",
            "the report's period as a cover names it: 2012/13 Q1, a year 2017/18, a business plan's first year 2013, an action plan's date",
        )],
        note: [opt_text(
            "note",
            "words printed under the item on the agenda, e.g. the reminder to declare interests",
        )],
    ],
    check: |item: &AgendaItem| item
        .check()
        .map_err(|why| Problem::new("item", Fault::NotAllowed, why).into()),
});

crate::word_fields!(Attendance: code);

crate::tabular!(Attendee {
    name: "attendance",
    help: "Who was at a meeting, sent apologies or was away on council business",
    stored: "attendance",
    key: &["meeting", "person"],
    defines: false,
    order: "meeting, attendance, position",
    columns: [
        meeting: [key_of("meeting", "meetings", "the meeting's code")],
        person: [text("person", "as the minutes print it, e.g. Councillor Dennett (Chair)")],
        attendance: [req("attendance", Word(code_of::<Attendance>), Attendance::WORDS)],
        position: [req("position", Whole, "order within the line, the chair first")],
    ],
});

crate::tabular!(Minute {
    name: "minutes",
    help: "A meeting's minutes, numbered through the municipal year, with what was resolved",
    stored: "minutes",
    key: &["meeting", "number"],
    defines: false,
    order: "meeting, number",
    columns: [
        meeting: [key_of("meeting", "meetings", "the meeting's code")],
        number: [text("number", "e.g. CYP12: the board's prefix and the number in the municipal year")],
        heading: [text("heading", "e.g. Executive Board minutes")],
        text: [text("text", "the minute; blank lines start new paragraphs")],
        resolved: [opt_text("resolved", "what was RESOLVED, e.g. That the minutes are noted.")],
    ],
    check: |m: &Minute| match m.split() {
        Some(_) => Ok(()),
        None => Err(Problem::new(
            "number",
            Fault::NotAllowed,
            format!("'{}' is not a minute number: write the prefix and the number, e.g. CYP12", m.number),
        )
        .into()),
    },
});

crate::tabular!(MinuteAction {
    name: "minute_actions",
    help: "Actions the minutes give officers, carried onto later agendas until done",
    stored: "minute_actions",
    key: &["meeting", "minute", "position"],
    defines: false,
    order: "meeting, minute, position",
    columns: [
        meeting: [key_of("meeting", "meetings", "the meeting's code")],
        minute: [text("minute", "the minute's number, e.g. CYP17")],
        position: [req("position", Whole, "1 for the minute's first action, 2 …")],
        action: [text("action", "what is to be done")],
        owner: [text("owner", "the officer, as the minutes' Action column names them")],
        due: [opt("due", Date, "when it is due")],
        done: [opt("done", Date, "the day it was done; blank while open")],
    ],
});

crate::tabular!(ProgrammeItem {
    name: "work_programme",
    help: "The reports a board has asked for, each planned for a meeting: its forward work programme",
    stored: "work_programme",
    key: &["board", "subject"],
    defines: false,
    order: "board, subject",
    columns: [
        board: [key_of("board", "boards", "the board's code")],
        subject: [text("subject", "what the report is to be about, as the agenda will title it")],
        requested: [opt_text("requested", "where it was asked for: a minute's number, e.g. EXB23, or words")],
        meeting: [opt_key_of("meeting", "meetings", "the meeting it is planned for; blank until one is chosen")],
        owner: [opt_text("owner", "the officer who is to bring it")],
    ],
});

crate::word_fields!(Interest: code);

crate::tabular!(Declaration {
    name: "declarations",
    help: "Interests members declared at a meeting, each against the minute of the item it concerns",
    stored: "declarations",
    key: &["meeting", "minute", "person"],
    defines: false,
    order: "meeting, minute, person",
    columns: [
        meeting: [key_of("meeting", "meetings", "the meeting's code")],
        minute: [text("minute", "the minute of the item of business, e.g. CYP16")],
        person: [text("person", "as the minutes print it, e.g. Councillor Nelson")],
        interest: [req("interest", Word(code_of::<Interest>), Interest::WORDS)],
        reason: [opt_text("reason", "why, e.g. Chair of Governors at The Grange Schools")],
    ],
});
