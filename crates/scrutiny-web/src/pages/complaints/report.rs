//! The annual complaints report, published or with every count shown.

use crate::error::{PathOf, QueryOf};
use axum::extract::State;
use axum::response::Response;
use scrutiny_domain::complaints::figures::Rules;
use scrutiny_domain::complaints::settings::settings;
use serde::Deserialize;

use crate::auth::User;
use crate::error::AppError;
use crate::render::Format;
use crate::roles::Action;
use crate::state::AppState;

#[derive(Deserialize)]
pub struct Unsuppressed {
    internal: Option<String>,
    /// A route the council reports separately (`corporate`); the statutory report when absent.
    route: Option<String>,
}

/// The annual report: published (small counts suppressed) for everyone signed in; with every
/// count shown, for the complaints role only.
pub async fn annual_report(
    State(state): State<AppState>,
    user: User,
    PathOf((year, ext)): PathOf<(i32, String)>,
    QueryOf(q): QueryOf<Unsuppressed>,
) -> Result<Response, AppError> {
    let internal = q.internal.is_some();
    user.require(if internal {
        Action::ReadUnsuppressedComplaints
    } else {
        Action::ReadComplaintsReport
    })?;
    let year = crate::error::report_year(year)?;
    let format = Format::parse(&ext)
        .ok_or_else(|| AppError::NotFound(format!("There is no '{ext}' format.")))?;
    let data = state.store.load_complaints().await?;
    let published = settings(&data.settings).rules;
    let rules = Rules {
        suppress_below: if internal {
            0
        } else {
            published.suppress_below
        },
        ..published
    };
    let produced = scrutiny_domain::period::long_date(state.clock.today());
    let route = q
        .route
        .as_deref()
        .unwrap_or(scrutiny_report::complaints::tables::STATUTORY);
    if let Some(why) = scrutiny_report::complaints::annual_report::route_problem(&data, route) {
        return Err(AppError::NotFound(why));
    }
    let mut doc = scrutiny_report::complaints::annual_report::annual_report_for(
        &data,
        year,
        &rules,
        &state.calendar,
        &produced,
        route,
    );
    scrutiny_report::complaints::annual_report::mark_if_unpublishable(&mut doc, &published, &rules);
    let framework = state.store.load().await?;
    doc.cover = scrutiny_report::frame::complaints_cover(&framework, year, &doc.title);
    crate::render::download(doc, format).await
}
