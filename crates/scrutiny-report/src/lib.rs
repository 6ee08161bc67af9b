//! Board reports: builds report documents from a council's data and renders them.
//!
//! [`performance::pbr::priority_based_report`] and [`performance::qmr::quarterly_monitoring_report`] build a
//! [`document::Document`]; [`html::render_html`] and [`tables`] render it. The PDF renderer lives in
//! `scrutiny-pdf` and reads the document's JSON form. Builders never fail on gaps in the data: a
//! missing figure prints as blank and is listed in the document's diagnostics.

pub mod cases;
mod chart;
pub mod checks;
pub mod complaints;
pub mod document;
pub mod frame;
pub mod html;
pub mod meetings;
pub mod performance;
pub mod plans;
pub mod prose;
pub mod symbols;
pub mod tables;

use thiserror::Error;

/// A code as a word safe for an HTML id or a file name: letters and digits in lower case, all else
/// a hyphen ("SCS CYP09" → "scs-cyp09"). One rule, so a page's anchors and a report's files agree.
pub fn slug(code: &str) -> String {
    code.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect()
}

#[derive(Debug, Error, PartialEq, Eq)]
pub enum ReportError {
    #[error("there is no board '{0}'")]
    UnknownBoard(String),
    #[error("there is no department '{0}'")]
    UnknownDepartment(String),
    #[error("there is no {0} '{1}'")]
    Unknown(&'static str, String),
}
