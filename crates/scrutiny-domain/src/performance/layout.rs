//! How a board's quarterly reports are laid out, as the council declares it: the report's title,
//! the wording of its period line, which sections appear, and their headings. The seeds' own
//! layout (Halton's Priority Based Report and Quarterly Monitoring Report) is the default, so a
//! board that declares nothing prints as the seeds do. Also what each indicator's figure covers
//! (quarter, year to date, rolling year, snapshot), printed beside it.

use serde::{Deserialize, Serialize};

use crate::error::DomainError;
use crate::meetings::ReportKind;

/// One named part of a quarterly report that a council may retitle or leave out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Part {
    /// The report's title (cannot be left out).
    Title,
    /// The line under the title saying which period the report covers.
    PeriodLine,
    /// The "Directorate" line at the head of a department's report.
    Directorate,
    Introduction,
    KeyDevelopments,
    EmergingIssues,
    Risks,
    Equality,
    Milestones,
    /// The board report's overview of each priority's milestones and indicators.
    Overview,
    ServiceReview,
    KeyIndicators,
    OtherIndicators,
    DataQuality,
    Finance,
    SymbolKey,
    Charts,
    /// The department report's list of its appendices.
    AppendixList,
}

impl Part {
    pub const ALL: [Part; 18] = [
        Part::Title,
        Part::PeriodLine,
        Part::Directorate,
        Part::Introduction,
        Part::KeyDevelopments,
        Part::EmergingIssues,
        Part::Risks,
        Part::Equality,
        Part::Milestones,
        Part::Overview,
        Part::ServiceReview,
        Part::KeyIndicators,
        Part::OtherIndicators,
        Part::DataQuality,
        Part::Finance,
        Part::SymbolKey,
        Part::Charts,
        Part::AppendixList,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Part::Title => "title",
            Part::PeriodLine => "period_line",
            Part::Directorate => "directorate",
            Part::Introduction => "introduction",
            Part::KeyDevelopments => "key_developments",
            Part::EmergingIssues => "emerging_issues",
            Part::Risks => "risks",
            Part::Equality => "equality",
            Part::Milestones => "milestones",
            Part::Overview => "overview",
            Part::ServiceReview => "service_review",
            Part::KeyIndicators => "key_indicators",
            Part::OtherIndicators => "other_indicators",
            Part::DataQuality => "data_quality",
            Part::Finance => "finance",
            Part::SymbolKey => "symbol_key",
            Part::Charts => "charts",
            Part::AppendixList => "appendix_list",
        }
    }

    pub fn parse(text: &str) -> Result<Part, DomainError> {
        let t = text.trim().to_ascii_lowercase().replace([' ', '-'], "_");
        Part::ALL
            .into_iter()
            .find(|p| p.code() == t)
            .ok_or_else(|| DomainError::NotOneOf(text.into(), PARTS))
    }

    /// The seeds' heading for this part in `report`, or `None` where that report has no such part.
    pub fn default_heading(self, report: ReportKind) -> Option<&'static str> {
        let qmr = report == ReportKind::Qmr;
        let pbr = report == ReportKind::Pbr;
        if !(qmr || pbr) {
            return None;
        }
        Some(match self {
            Part::Title if qmr => "Quarterly Monitoring Report",
            // The board's name comes first in the PBR's title (see `Layout::title`).
            Part::Title => "Priority Based Report",
            Part::PeriodLine => return None,
            Part::Directorate if qmr => "Directorate",
            Part::Introduction => "Introduction",
            Part::KeyDevelopments => "Key Developments",
            Part::EmergingIssues => "Emerging Issues",
            Part::Risks if qmr => "Risk Control Measures",
            Part::Risks => "Risk Control Measures",
            Part::Equality if qmr => "Progress against High Priority Equality Actions",
            Part::Equality => "High Priority Equality Actions",
            Part::Milestones if qmr => "Progress against Objectives / Milestones",
            Part::Milestones => "Key Milestones",
            Part::Overview if pbr => "Performance Overview",
            Part::ServiceReview if qmr => "Service Review",
            Part::KeyIndicators if qmr => "Progress against Key Performance Indicators",
            Part::KeyIndicators => "Key Performance Indicators",
            Part::OtherIndicators if qmr => "Progress against Other Performance Indicators",
            Part::DataQuality if qmr => "Data Quality",
            Part::Finance if qmr => "Financial Statement",
            Part::Finance => "Financial Statement",
            Part::SymbolKey if qmr => "Explanation of traffic light symbols",
            Part::SymbolKey => "Appendix – Explanation for use of symbols",
            Part::Charts if qmr => "Key indicator charts",
            Part::Charts => "Appendix – Key indicator charts",
            Part::AppendixList if qmr => "Appendices",
            _ => return None,
        })
    }
}

const PARTS: &str = "title, period_line, directorate, introduction, key_developments, emerging_issues, risks, \
     equality, milestones, overview, service_review, key_indicators, other_indicators, data_quality, finance, symbol_key, \
     charts, appendix_list";

/// One declared change to a board's report: a part retitled or left out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LayoutRow {
    pub board: String,
    pub report: ReportKind,
    pub part: Part,
    /// The heading (or, for `title`, the title; for `period_line`, the wording with `{quarter}`,
    /// `{year}`, `{start}` and `{end}` filled in); blank keeps the default.
    pub heading: Option<String>,
    /// Left out of the report.
    pub hide: bool,
}

/// Why a layout row cannot apply: a part the report does not have, or a title left out.
pub fn check_row(row: &LayoutRow) -> Result<(), String> {
    if row.part == Part::PeriodLine || row.part == Part::Title {
        if row.part == Part::Title && row.hide {
            return Err(
                "a report's title cannot be left out; give it another wording instead".into(),
            );
        }
        if matches!(row.report, ReportKind::Pbr | ReportKind::Qmr) {
            return Ok(());
        }
    }
    if row.part.default_heading(row.report).is_none() {
        return Err(format!(
            "the {} report has no part \u{201c}{}\u{201d}; its parts are: {}",
            row.report.code(),
            row.part.code(),
            parts_of(row.report).join(", ")
        ));
    }
    Ok(())
}

/// The parts `report` has, by code.
pub fn parts_of(report: ReportKind) -> Vec<&'static str> {
    Part::ALL
        .into_iter()
        .filter(|p| *p == Part::PeriodLine || p.default_heading(report).is_some())
        .map(Part::code)
        .collect()
}

/// One board's layout of one report: the seeds' layout with the council's changes applied.
#[derive(Debug, Clone)]
pub struct Layout {
    report: ReportKind,
    rows: Vec<LayoutRow>,
}

impl Layout {
    /// The layout `board` declares for `report` among `rows` (the `report_layouts` table).
    pub fn of(rows: &[LayoutRow], board: &str, report: ReportKind) -> Layout {
        Layout {
            report,
            rows: rows
                .iter()
                .filter(|r| r.board == board && r.report == report)
                .cloned()
                .collect(),
        }
    }

    fn row(&self, part: Part) -> Option<&LayoutRow> {
        self.rows.iter().find(|r| r.part == part)
    }

    /// Whether `part` appears.
    pub fn shows(&self, part: Part) -> bool {
        part == Part::Title || !self.row(part).is_some_and(|r| r.hide)
    }

    /// The heading `part` prints under, or `None` where it is left out.
    pub fn heading(&self, part: Part) -> Option<String> {
        if !self.shows(part) {
            return None;
        }
        self.row(part)
            .and_then(|r| r.heading.clone())
            .or_else(|| part.default_heading(self.report).map(str::to_string))
    }

    /// The report's title; `board_name` leads the seeds' PBR title ("… Board Priority Based Report").
    pub fn title(&self, board_name: &str) -> String {
        match self.row(Part::Title).and_then(|r| r.heading.clone()) {
            Some(title) => title,
            None if self.report == ReportKind::Pbr => format!("{board_name} Priority Based Report"),
            None => Part::Title
                .default_heading(self.report)
                .unwrap_or_default()
                .to_string(),
        }
    }

    /// The period line in the council's wording, or `default` where it declares none; `None`
    /// where it is left out.
    pub fn period_line(&self, words: &PeriodWords, default: String) -> Option<String> {
        if !self.shows(Part::PeriodLine) {
            return None;
        }
        Some(
            match self
                .row(Part::PeriodLine)
                .and_then(|r| r.heading.as_deref())
            {
                Some(template) => words.fill(template),
                None => default,
            },
        )
    }
}

/// What a period line's placeholders stand for.
pub struct PeriodWords {
    pub quarter: String,
    pub year: String,
    pub start: String,
    pub end: String,
}

impl PeriodWords {
    fn fill(&self, template: &str) -> String {
        template
            .replace("{quarter}", &self.quarter)
            .replace("{year}", &self.year)
            .replace("{start}", &self.start)
            .replace("{end}", &self.end)
    }
}

/// Numbers a report's sections in order, skipping those left out, so that hiding a section
/// renumbers the rest as a council would by hand ("1.0", "2.0", …).
#[derive(Debug, Default)]
pub struct Numbering {
    next: u32,
}

impl Numbering {
    /// The next section number, as "N.0", and the bare number for its items ("N").
    pub fn next_section(&mut self) -> (String, String) {
        self.next += 1;
        (format!("{}.0", self.next), self.next.to_string())
    }
}

/// What an indicator's figure for a quarter covers, printed beside it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum PeriodBasis {
    /// The quarter alone.
    Quarter,
    /// From the start of the financial year to the quarter's end.
    YearToDate,
    /// The twelve months to the quarter's end.
    RollingYear,
    /// A count on the quarter's last day (children in care, on a plan).
    Snapshot,
}

impl PeriodBasis {
    pub const ALL: [PeriodBasis; 4] = [
        PeriodBasis::Quarter,
        PeriodBasis::YearToDate,
        PeriodBasis::RollingYear,
        PeriodBasis::Snapshot,
    ];

    pub fn code(self) -> &'static str {
        match self {
            PeriodBasis::Quarter => "quarter",
            PeriodBasis::YearToDate => "year_to_date",
            PeriodBasis::RollingYear => "rolling_year",
            PeriodBasis::Snapshot => "snapshot",
        }
    }

    pub fn parse(text: &str) -> Result<PeriodBasis, DomainError> {
        let t = text.trim().to_ascii_lowercase().replace([' ', '-'], "_");
        let t = match t.as_str() {
            "ytd" => "year_to_date",
            "rolling_12_months" => "rolling_year",
            other => other,
        };
        PeriodBasis::ALL
            .into_iter()
            .find(|b| b.code() == t)
            .ok_or_else(|| {
                DomainError::NotOneOf(text.into(), "quarter, year_to_date, rolling_year, snapshot")
            })
    }

    /// The words printed beside a figure for the period ending `end` (a date as the report
    /// prints dates): "year to date", "at 30 June 2012".
    pub fn words(self, end: &str) -> String {
        match self {
            PeriodBasis::Quarter => "quarter only".into(),
            PeriodBasis::YearToDate => "year to date".into(),
            PeriodBasis::RollingYear => "rolling 12 months".into(),
            PeriodBasis::Snapshot => format!("at {end}"),
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn row(part: Part, heading: Option<&str>, hide: bool) -> LayoutRow {
        LayoutRow {
            board: "B".into(),
            report: ReportKind::Qmr,
            part,
            heading: heading.map(str::to_string),
            hide,
        }
    }

    #[test]
    fn a_board_that_declares_nothing_gets_the_seeds_headings() {
        let layout = Layout::of(&[], "B", ReportKind::Qmr);
        assert_eq!(layout.title("Board"), "Quarterly Monitoring Report");
        assert_eq!(
            layout.heading(Part::KeyDevelopments).as_deref(),
            Some("Key Developments")
        );
        assert!(layout.shows(Part::Risks));
        let pbr = Layout::of(&[], "B", ReportKind::Pbr);
        assert_eq!(pbr.title("CYPF Board"), "CYPF Board Priority Based Report");
    }

    #[test]
    fn a_declared_heading_replaces_the_default_and_hidden_parts_have_none() {
        let rows = [
            row(Part::Title, Some("Quarterly Performance Report"), false),
            row(Part::Risks, None, true),
            row(Part::KeyIndicators, Some("Performance measures"), false),
        ];
        let layout = Layout::of(&rows, "B", ReportKind::Qmr);
        assert_eq!(layout.title("x"), "Quarterly Performance Report");
        assert_eq!(layout.heading(Part::Risks), None);
        assert_eq!(
            layout.heading(Part::KeyIndicators).as_deref(),
            Some("Performance measures")
        );
        // Another board's rows do not apply.
        assert!(Layout::of(&rows, "OTHER", ReportKind::Qmr).shows(Part::Risks));
    }

    #[test]
    fn the_period_line_fills_its_placeholders() {
        let rows = [row(
            Part::PeriodLine,
            Some("Year to date: {start} to {end} ({year} Q{quarter})"),
            false,
        )];
        let words = PeriodWords {
            quarter: "2".into(),
            year: "2024/25".into(),
            start: "1 April 2024".into(),
            end: "30 September 2024".into(),
        };
        let layout = Layout::of(&rows, "B", ReportKind::Qmr);
        assert_eq!(
            layout.period_line(&words, "default".into()).as_deref(),
            Some("Year to date: 1 April 2024 to 30 September 2024 (2024/25 Q2)")
        );
        let hidden = [row(Part::PeriodLine, None, true)];
        assert_eq!(
            Layout::of(&hidden, "B", ReportKind::Qmr).period_line(&words, "d".into()),
            None
        );
    }

    #[test]
    fn rows_are_checked_against_the_reports_parts() {
        assert!(check_row(&row(Part::ServiceReview, None, true)).is_ok());
        let mut pbr = row(Part::ServiceReview, None, true);
        pbr.report = ReportKind::Pbr;
        let why = check_row(&pbr).unwrap_err();
        assert!(
            why.contains("no part \u{201c}service_review\u{201d}"),
            "{why}"
        );
        assert!(why.contains("key_developments"), "{why}");
        assert!(check_row(&row(Part::Title, None, true)).is_err());
        let mut strategy = row(Part::Risks, None, false);
        strategy.report = ReportKind::Strategy;
        assert!(check_row(&strategy).is_err());
    }

    #[test]
    fn numbering_skips_nothing_it_is_not_asked_for() {
        let mut n = Numbering::default();
        assert_eq!(n.next_section(), ("1.0".into(), "1".into()));
        assert_eq!(n.next_section(), ("2.0".into(), "2".into()));
    }

    #[test]
    fn period_bases_read_their_common_spellings() {
        assert_eq!(PeriodBasis::parse("YTD").unwrap(), PeriodBasis::YearToDate);
        assert_eq!(
            PeriodBasis::parse("Rolling year").unwrap(),
            PeriodBasis::RollingYear
        );
        assert_eq!(
            PeriodBasis::Snapshot.words("30 June 2024"),
            "at 30 June 2024"
        );
        assert!(PeriodBasis::parse("monthly").is_err());
    }
}
