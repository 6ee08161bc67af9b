//! The report an agenda item prints, found by its kind, scope and period: the one place that
//! turns an item into a document, for the pack and for the item's own download.

use scrutiny_domain::Dataset;
use scrutiny_domain::calendar::BankHolidays;
use scrutiny_domain::complaints::figures::Rules;
use scrutiny_domain::complaints::records::ComplaintsData;
use scrutiny_domain::meetings::ReportKind;
use scrutiny_domain::meetings::meeting::{AgendaItem, ItemReport};
use scrutiny_domain::meetings::uploaded::UploadedReport;
use scrutiny_domain::period::{FinancialYear, Period};

use crate::document::Document;

/// What item reports are made from. The complaints records live apart from the framework's
/// and are read only when an agenda asks for the annual report.
pub struct Sources<'a> {
    pub data: &'a Dataset,
    /// The complaints records, the published rules (small counts suppressed) and the bank
    /// holidays the procedure counts with.
    pub complaints: Option<(&'a ComplaintsData, &'a Rules, &'a BankHolidays)>,
    /// The reports uploaded as Word documents for the meeting's items, read into their text.
    pub uploads: &'a [UploadedReport],
    /// Items whose report may not be printed for this reader (a monitoring report of a quarter
    /// not yet published): shown as to follow.
    pub withheld: &'a (dyn Fn(&AgendaItem) -> bool + Sync),
    pub produced_on: &'a str,
}

/// The item's report, or why it cannot be made, in words for democratic services.
pub fn item_document(src: &Sources, item: &AgendaItem) -> Option<Result<Document, String>> {
    let r = item.report()?;
    if (src.withheld)(item) {
        return None;
    }
    Some(document(src, item, &r).map_err(|why| {
        format!(
            "Item {}: the {} report {}: {why}",
            item.reference(),
            r.kind.code(),
            named(&r)
        )
    }))
}

fn named(r: &ItemReport) -> String {
    match (r.scope.as_str(), r.period.as_str()) {
        ("", "") => String::new(),
        (s, "") => format!("for {s}"),
        (s, p) => format!("for {s}, {p}"),
    }
}

fn period(text: &str) -> Result<Period, String> {
    Period::parse(text).map_err(|_| format!("'{text}' is not a quarter like 2012/13 Q1"))
}

fn year(text: &str) -> Result<FinancialYear, String> {
    FinancialYear::parse(text).map_err(|_| format!("'{text}' is not a year like 2017/18"))
}

fn document(src: &Sources, item: &AgendaItem, r: &ItemReport) -> Result<Document, String> {
    use crate::performance::{pbr, qmr};
    use crate::plans::{action_plan, business_plan, strategy};
    let (data, on) = (src.data, src.produced_on);
    let text = |e: crate::ReportError| e.to_string();
    match r.kind {
        ReportKind::Pbr => pbr::priority_based_report(data, &r.scope, period(&r.period)?, on),
        ReportKind::Qmr => {
            qmr::quarterly_monitoring_report(data, &r.scope, period(&r.period)?, on)
        }
        ReportKind::Strategy => {
            strategy::strategy_progress_report(data, &r.scope, period(&r.period)?, on)
        }
        ReportKind::BusinessPlan => {
            // The plan is named by its first year: 2013, or 2013/14.
            let first = r.first_year().ok_or_else(|| {
                format!("'{}' is not a year like 2013 or 2013/14", r.period)
            })?;
            business_plan::business_plan_report(data, &r.scope, first, on)
        }
        ReportKind::ActionPlan => {
            action_plan::action_plan_report(data, &r.scope, r.as_at()?, on)
        }
        ReportKind::Complaints => {
            let y = year(&r.period)?;
            let (records, rules, calendar) = src
                .complaints
                .ok_or("the complaints records could not be read")?;
            let mut doc = crate::complaints::annual_report::annual_report(
                records, y, rules, calendar, on,
            );
            doc.cover = crate::frame::complaints_cover(data, y, &doc.title);
            return Ok(doc);
        }
        ReportKind::CaseAnalysis => {
            return Err(
                "a case analysis is made from case records by `scrutiny cases report`; attach it as a paper"
                    .into(),
            );
        }
        ReportKind::Minutes => super::minutes::minutes_document(data, &r.scope, on),
        ReportKind::Paper => {
            super::paper::paper_document(data, &r.scope, &r.period, &item.title, on)
        }
        ReportKind::Uploaded => {
            let up = src
                .uploads
                .iter()
                .find(|u| u.meeting == item.meeting && u.item == item.item)
                .ok_or("no Word document has been uploaded for it")?;
            return Ok(super::uploaded::uploaded_document(up, &item.title, on));
        }
    }
    .map_err(text)
}
