//! Recording a new case, checked by the importer's own rules.

use std::collections::HashMap;

use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::response::{Html, IntoResponse, Redirect, Response};

use super::choices;
use crate::auth::User;
use crate::error::AppError;
use crate::pages::{Field, FieldError, Page, form_status};
use crate::roles::Action;
use crate::state::AppState;

/// The fields of the "record a case" form, in order: (name, label, list it chooses from).
const NEW_CASE_FIELDS: [(&str, &str, Option<&str>); 15] = [
    ("reference", "Reference", None),
    ("kind", "Kind", Some("kind")),
    ("received", "Date received", None),
    ("channel", "How it was made", Some("channel")),
    ("profile", "Who made it", Some("profile")),
    ("advocate", "Advocate, if any", None),
    ("division", "Division concerned", Some("division")),
    ("team", "Team concerned", None),
    ("category_receipt", "Category", Some("category")),
    ("complainant_name", "Complainant's name", None),
    ("child_name", "Child's name", None),
    ("gender", "Gender (optional)", None),
    ("ethnicity", "Ethnicity (optional)", None),
    ("disability", "Disability (optional)", None),
    ("age_band", "Age band (optional)", None),
];

#[derive(Template)]
#[template(path = "complaints/new.html")]
struct NewCasePage {
    page: Page,
    fields: Vec<Field>,
    errors: Vec<FieldError>,
}

async fn draw_new(
    state: &AppState,
    user: &User,
    entered: &HashMap<String, String>,
    errors: Vec<FieldError>,
) -> Result<Response, AppError> {
    let data = state.store.load_complaints().await?;
    let fields = NEW_CASE_FIELDS
        .iter()
        .map(|(name, label, list)| {
            let mut f = Field::text(*name, *name, *label);
            if *name == "received" {
                f.hint = Some("For example, 2018-03-14".into());
            }
            f.choices = list.and_then(|l| choices(&data, l));
            f.filled(entered, &errors)
        })
        .collect();
    let status = form_status(!errors.is_empty());
    let page = NewCasePage {
        page: Page::new("Record a case", Some(user), "/complaints").with_error(!errors.is_empty()),
        fields,
        errors,
    };
    Ok((status, Html(page.render()?)).into_response())
}

pub async fn new_case(State(state): State<AppState>, user: User) -> Result<Response, AppError> {
    user.require(Action::WorkComplaints)?;
    draw_new(&state, &user, &HashMap::new(), Vec::new()).await
}

/// Records a case. The form is checked by the importer's own rules (one row of `cases`), so a
/// case typed in and a case imported meet the same checks and messages.
pub async fn record_case(
    State(state): State<AppState>,
    user: User,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    user.require(Action::WorkComplaints)?;
    let mut form: HashMap<String, String> = fields.into_iter().collect();
    user.check_csrf(form.get("csrf").map(String::as_str))?;
    form.remove("csrf");
    let names: Vec<&str> = NEW_CASE_FIELDS.iter().map(|(n, _, _)| *n).collect();
    let dir = crate::scratch::folder().map_err(|e| AppError::Internal(e.to_string()))?;
    let write = || -> Result<(), String> {
        let mut w = csv::Writer::from_writer(Vec::new());
        w.write_record(&names).map_err(|e| e.to_string())?;
        w.write_record(names.iter().map(|n| form.get(*n).map_or("", |v| v.trim())))
            .map_err(|e| e.to_string())?;
        let bytes = w.into_inner().map_err(|e| e.to_string())?;
        crate::scratch::write(&dir.path().join("cases.csv"), &bytes).map_err(|e| e.to_string())
    };
    write().map_err(AppError::Internal)?;
    let held = state.store.load_complaints().await?;
    let mut case = match scrutiny_import::complaints::read_complaints(
        dir.path(),
        &held,
        state.clock.today(),
    ) {
        Ok(d) if d.cases.len() == 1 => d
            .cases
            .into_iter()
            .next()
            .ok_or_else(|| AppError::Internal("no case".into()))?,
        // Nothing typed: said against the first field, not a server error.
        Ok(_) => {
            let errors = vec![FieldError {
                id: "reference".into(),
                message: "Enter the case's reference, what kind of case it is and the date it was received".into(),
            }];
            return draw_new(&state, &user, &form, errors).await;
        }
        Err(errors) => {
            let errors = errors
                .0
                .iter()
                .map(|e| FieldError {
                    id: e
                        .location
                        .column
                        .clone()
                        .unwrap_or_else(|| "reference".into()),
                    message: crate::error::capitalise(&e.message),
                })
                .collect();
            return draw_new(&state, &user, &form, errors).await;
        }
    };
    case.advocacy = case.advocate.is_some();
    let now = state.clock.stamp();
    match state
        .store
        .add_case(&case, &user.username, &now)
        .await
        .map_err(AppError::from)
    {
        Ok(()) => Ok(Redirect::to(&format!(
            "/complaints/cases/{}",
            crate::error::urlencode(&case.reference)
        ))
        .into_response()),
        Err(AppError::Invalid(m)) => {
            let e = FieldError {
                id: "reference".into(),
                message: crate::error::capitalise(&m),
            };
            draw_new(&state, &user, &form, vec![e]).await
        }
        Err(e) => Err(e),
    }
}
