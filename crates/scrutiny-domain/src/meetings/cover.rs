//! A report's cover: what the paper is for, to whom it goes and what the board is asked to do,
//! as the seeds' committee reports print it ("REPORT TO", "DATE", "REPORTING OFFICER",
//! "SUBJECT", "WARDS", then 1.0 Purpose of report, 2.0 Recommended, 3.0 Supporting information…).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::error::DomainError;

/// The reports a cover can front.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReportKind {
    Pbr,
    Qmr,
    Strategy,
    BusinessPlan,
    ActionPlan,
    Complaints,
    /// The contact, referral and assessment analysis computed from case records.
    CaseAnalysis,
    /// A meeting's minutes (the scope is the meeting's code): the next agenda's first item.
    Minutes,
    /// A committee report written in full by its officer: its cover is the whole report, set
    /// for the meeting (scope: the meeting's code) and the item (period: the item, `5a`).
    Paper,
    /// A committee report written in Word and uploaded for the item.
    Uploaded,
}

impl ReportKind {
    pub const ALL: [ReportKind; 10] = [
        ReportKind::Pbr,
        ReportKind::Qmr,
        ReportKind::Strategy,
        ReportKind::BusinessPlan,
        ReportKind::ActionPlan,
        ReportKind::Complaints,
        ReportKind::CaseAnalysis,
        ReportKind::Minutes,
        ReportKind::Paper,
        ReportKind::Uploaded,
    ];
    pub const WORDS: &'static str = "pbr, qmr, strategy, business_plan, action_plan, complaints, case_analysis, minutes, paper or uploaded";

    pub fn code(self) -> &'static str {
        match self {
            ReportKind::Pbr => "pbr",
            ReportKind::Qmr => "qmr",
            ReportKind::Strategy => "strategy",
            ReportKind::BusinessPlan => "business_plan",
            ReportKind::ActionPlan => "action_plan",
            ReportKind::Complaints => "complaints",
            ReportKind::CaseAnalysis => "case_analysis",
            ReportKind::Minutes => "minutes",
            ReportKind::Paper => "paper",
            ReportKind::Uploaded => "uploaded",
        }
    }

    pub fn parse(text: &str) -> Result<Self, DomainError> {
        let t = text.trim().to_ascii_lowercase().replace([' ', '-'], "_");
        ReportKind::ALL
            .into_iter()
            .find(|k| k.code() == t)
            .ok_or_else(|| DomainError::NotOneOf(text.into(), Self::WORDS))
    }
}

/// The cover of one report for one meeting. `scope` is what the report is for (the board,
/// department, strategy or plan code) and `period` the period as the report is asked for
/// ("2012/13 Q1", "2013/14", "2011/12"), so one report's cover is found by what identifies it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cover {
    pub report: ReportKind,
    pub scope: String,
    pub period: String,
    pub meeting_date: NaiveDate,
    pub reporting_officer: String,
    /// The subject line; the report's own title when blank.
    pub subject: Option<String>,
    pub wards: Option<String>,
    pub portfolio: Option<String>,
    pub purpose: String,
    pub recommendation: String,
}

/// One of the cover's further numbered sections (supporting information, implications, risk
/// analysis, equality issues, background papers), in the council's own headings and order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CoverSection {
    pub report: ReportKind,
    pub scope: String,
    pub period: String,
    pub position: i64,
    pub heading: String,
    pub text: String,
}

impl Cover {
    /// Whether this cover fronts the report asked for.
    pub fn fronts(&self, report: ReportKind, scope: &str, period: &str) -> bool {
        self.report == report
            && self.scope.eq_ignore_ascii_case(scope.trim())
            && self.period.trim() == period.trim()
    }
}

impl CoverSection {
    /// Whether this section belongs to `cover`.
    pub fn belongs_to(&self, cover: &Cover) -> bool {
        self.report == cover.report
            && self.scope.eq_ignore_ascii_case(&cover.scope)
            && self.period.trim() == cover.period.trim()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn report_kinds_read_as_officers_write_them() {
        for kind in ReportKind::ALL {
            assert_eq!(ReportKind::parse(kind.code()), Ok(kind));
        }
        assert_eq!(
            ReportKind::parse("Business plan"),
            Ok(ReportKind::BusinessPlan)
        );
        assert!(ReportKind::parse("agenda").is_err());
    }
}
