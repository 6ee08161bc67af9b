//! Compliments: the latest received, and recording one.

use std::collections::HashMap;

use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::response::{Html, IntoResponse, Redirect, Response};
use scrutiny_domain::complaints::records::ComplaintsData;
use scrutiny_domain::period::parse_date;

use super::{choices, field_error};
use crate::auth::User;
use crate::error::AppError;
use crate::pages::{Field, FieldError, Page, entered, form_status};
use crate::roles::Action;
use crate::state::AppState;

#[derive(Template)]
#[template(path = "complaints/compliments.html")]
struct ComplimentsPage {
    page: Page,
    /// (reference, received, division, source, words) of the latest compliments.
    rows: Vec<(String, String, String, String, String)>,
    total: usize,
    fields: Vec<Field>,
    errors: Vec<FieldError>,
}

/// The latest compliments shown on their page.
const COMPLIMENTS_SHOWN: usize = 50;

async fn draw_compliments(
    state: &AppState,
    user: &User,
    entered: &HashMap<String, String>,
    errors: Vec<FieldError>,
) -> Result<Response, AppError> {
    let data = state.store.load_complaints().await?;
    let label = |list: &str, v: &Option<String>| {
        v.as_deref()
            .map(|c| data.label(list, c).to_string())
            .unwrap_or_default()
    };
    let rows = data
        .compliments
        .iter()
        .rev()
        .take(COMPLIMENTS_SHOWN)
        .map(|c| {
            (
                c.reference.clone(),
                c.received.to_string(),
                label("division", &c.division),
                label("compliment_source", &c.source),
                c.text.clone(),
            )
        })
        .collect();
    let spec: [(&str, &str, Option<&str>); 7] = [
        (
            "reference",
            "Reference (leave blank to number it for you)",
            None,
        ),
        ("received", "Date received", None),
        ("channel", "How it was given", Some("compliment_channel")),
        ("source", "Who gave it", Some("compliment_source")),
        ("division", "Division", Some("division")),
        ("team", "Team (optional)", None),
        ("text", "The words of the compliment", None),
    ];
    let fields = spec
        .iter()
        .map(|(name, label, list)| {
            let mut f = Field::text(*name, *name, *label);
            f.choices = list.and_then(|l| choices(&data, l));
            if *name == "received" {
                f.hint = Some("For example, 2018-03-14".into());
            }
            if *name == "text" {
                f.long = true;
                f.hint = Some(
                    "Names are reduced to initials in anything published; check the words before the report goes out"
                        .into(),
                );
            }
            f.filled(entered, &errors)
        })
        .collect();
    let status = form_status(!errors.is_empty());
    let page = ComplimentsPage {
        page: Page::new("Compliments", Some(user), "/complaints").with_error(!errors.is_empty()),
        rows,
        total: data.compliments.len(),
        fields,
        errors,
    };
    Ok((status, Html(page.render()?)).into_response())
}

pub async fn compliments(State(state): State<AppState>, user: User) -> Result<Response, AppError> {
    user.require(Action::WorkComplaints)?;
    draw_compliments(&state, &user, &HashMap::new(), Vec::new()).await
}

/// Records a compliment: the date and the words are needed; the rest is optional.
pub async fn record_compliment(
    State(state): State<AppState>,
    user: User,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    user.require(Action::WorkComplaints)?;
    let form: HashMap<String, String> = fields.into_iter().collect();
    user.check_csrf(form.get("csrf").map(String::as_str))?;
    let get = |k: &str| entered(&form, k);
    let data = state.store.load_complaints().await?;
    let mut errors = Vec::new();
    // A day this service reports on, and not one still to come.
    let today = state.clock.today();
    let received = match parse_date(&get("received")) {
        Err(_) => Err(field_error(
            "received",
            "Enter the date it was received, like 2018-03-14",
        )),
        Ok(d) if d > today => Err(field_error(
            "received",
            format!("The date it was received cannot be after today ({today})"),
        )),
        Ok(d) => crate::periods::date(&d.to_string())
            .map_err(|e| field_error("received", crate::error::capitalise(&e.to_string()))),
    }
    .map_err(|e| errors.push(e));
    // A choice not in the council's list is said, not dropped without a word.
    for (field, list, what) in [
        ("channel", "compliment_channel", "how it arrived"),
        ("source", "compliment_source", "who it came from"),
        ("division", "division", "the division"),
    ] {
        let v = get(field);
        if !v.is_empty() && !data.list(list).iter().any(|i| i.code == v) {
            errors.push(field_error(
                field,
                format!("Choose {what} from the list on the page"),
            ));
        }
    }
    let text = get("text");
    if text.is_empty() {
        errors.push(field_error("text", "Enter the words of the compliment"));
    }
    let mut reference = get("reference");
    // The same pattern as a case's: a reference goes into addresses and file names.
    if let Some(why) = scrutiny_domain::complaints::tables::reference_problem(&reference) {
        errors.push(field_error("reference", crate::error::capitalise(&why)));
    }
    if data.compliments.iter().any(|c| c.reference == reference) {
        errors.push(field_error(
            "reference",
            format!("There is already a compliment '{reference}'; choose another reference or leave it blank"),
        ));
    }
    let (Ok(received), true) = (received, errors.is_empty()) else {
        return draw_compliments(&state, &user, &form, errors).await;
    };
    if reference.is_empty() {
        let year = scrutiny_domain::period::FinancialYear::containing(received);
        let taken = |r: &str| data.compliments.iter().any(|c| c.reference == r);
        let mut n = data.compliments.len() + 1;
        reference = format!("K-{}-{n:04}", year.0);
        while taken(&reference) {
            n += 1;
            reference = format!("K-{}-{n:04}", year.0);
        }
    }
    let in_list = |list: &str, v: String| {
        Some(v).filter(|v| !v.is_empty() && data.list(list).iter().any(|i| i.code == *v))
    };
    let entry = ComplaintsData {
        compliments: vec![scrutiny_domain::complaints::records::Compliment {
            reference: reference.clone(),
            received,
            channel: in_list("compliment_channel", get("channel")),
            source: in_list("compliment_source", get("source")),
            division: in_list("division", get("division")),
            team: Some(get("team")).filter(|t| !t.is_empty()),
            text,
        }],
        ..Default::default()
    };
    let now = state.clock.stamp();
    state
        .store
        .record_complaints(
            &entry,
            &user.username,
            &now,
            &format!("compliment {reference}"),
        )
        .await?;
    Ok(Redirect::to("/complaints/compliments").into_response())
}
