//! The complaints service's configuration as it stands: the council's settings (with the
//! defaults in force where none is given) and its lists, for the complaints manager to check.
//! They are changed by uploading `settings` or `lists` tables, with the importer's checks.

use askama::Template;
use axum::extract::State;
use axum::response::Html;
use scrutiny_domain::complaints::records::LISTS;
use scrutiny_domain::complaints::settings::{SETTINGS, settings};

use crate::auth::User;
use crate::error::AppError;
use crate::pages::Page;
use crate::roles::Action;
use crate::state::AppState;

#[derive(Template)]
#[template(path = "complaints/config.html")]
struct ConfigPage {
    page: Page,
    /// (key, value in force, whether the council set it, meaning)
    settings: Vec<(&'static str, String, bool, &'static str)>,
    /// (list, [(code, label)])
    lists: Vec<(&'static str, Vec<(String, String)>)>,
}

pub async fn show(State(state): State<AppState>, user: User) -> Result<Html<String>, AppError> {
    user.require(Action::WorkComplaints)?;
    let data = state.store.load_complaints().await?;
    let s = settings(&data.settings);
    let in_force = |key: &str| -> String {
        match key {
            "local_stage" => s
                .local_stage
                .as_ref()
                .map_or("none".into(), |l| l.label.clone()),
            "local_stage_days" => s
                .local_stage
                .as_ref()
                .map_or("–".into(), |l| l.days.to_string()),
            "retention_years" => s
                .retention_years
                .map_or("not set: give a date to anonymise".into(), |y| {
                    y.to_string()
                }),
            "basis" => s.rules.basis.words().to_string(),
            "suppress_below" => s.rules.suppress_below.to_string(),
            "percent_dp" => s.rules.percent_dp.to_string(),
            "earlier_years" => s.rules.earlier_years.to_string(),
            _ => String::new(),
        }
    };
    let page = ConfigPage {
        page: Page::new("Complaints settings", Some(&user), "/complaints"),
        settings: SETTINGS
            .iter()
            .map(|(key, meaning)| {
                (
                    *key,
                    in_force(key),
                    data.settings.iter().any(|x| x.key == *key),
                    *meaning,
                )
            })
            .collect(),
        lists: LISTS
            .iter()
            .map(|l| {
                (
                    *l,
                    data.list(l)
                        .into_iter()
                        .map(|i| (i.code.clone(), i.label.clone()))
                        .collect(),
                )
            })
            .collect(),
    };
    Ok(Html(page.render()?))
}
