//! Complaints casework: the worklist of open cases with their working-day deadlines, a case's
//! page (personal details shown only on request, and every showing audited), recording a new
//! case, its steps, issues and learning actions, compliments, a subject access export, and the
//! annual report. Only the complaints role reaches casework; everyone signed in may read the
//! published report.

mod case;
mod compliments;
pub mod config;
mod new_case;
mod record;
mod report;
pub mod steps;
mod worklist;

use axum::response::{IntoResponse, Redirect, Response};
use scrutiny_domain::complaints::records::{Complaint, ComplaintsData};

use super::FieldError;
use crate::error::AppError;

pub use case::{act, case, export};
pub use compliments::{compliments, record_compliment};
pub use new_case::{new_case, record_case};
pub use record::{StepRefused, record_event};
pub use report::annual_report;
pub use worklist::worklist;

fn case_of(data: &ComplaintsData, reference: &str) -> Result<Complaint, AppError> {
    data.cases
        .iter()
        .find(|c| c.reference == reference)
        .cloned()
        .ok_or_else(|| AppError::NotFound(format!("There is no case '{reference}'.")))
}

fn choices(data: &ComplaintsData, list: &str) -> Option<Vec<(String, String)>> {
    Some(
        data.list(list)
            .into_iter()
            .map(|i| (i.code.clone(), i.label.clone()))
            .collect(),
    )
}

fn back_to(reference: &str) -> Response {
    Redirect::to(&format!(
        "/complaints/cases/{}",
        crate::error::urlencode(reference)
    ))
    .into_response()
}

fn field_error(id: &str, message: impl Into<String>) -> FieldError {
    FieldError {
        id: id.into(),
        message: message.into(),
    }
}
