//! Board reports: builds report documents from a council's data and renders them.
//!
//! [`pbr::priority_based_report`] and [`qmr::quarterly_monitoring_report`] build a
//! [`document::Document`]; [`html::render_html`] and [`tables`] render it. The PDF renderer lives in
//! `scrutiny-pdf` and reads the document's JSON form. Builders never fail on gaps in the data: a
//! missing figure prints as blank and is listed in the document's diagnostics.

pub mod action_plan;
pub mod business_plan;
mod chart;
mod complaint_tables;
pub mod complaints;
mod context;
pub mod document;
pub mod html;
pub mod pbr;
pub mod qmr;
mod sections;
pub mod strategy;
mod symbols;
pub mod tables;
pub mod view;

use thiserror::Error;

#[derive(Debug, Error, PartialEq, Eq)]
pub enum ReportError {
    #[error("there is no board '{0}'")]
    UnknownBoard(String),
    #[error("there is no department '{0}'")]
    UnknownDepartment(String),
    #[error("there is no {0} '{1}'")]
    Unknown(&'static str, String),
}
