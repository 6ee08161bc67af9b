//! A meeting's agenda pack as one PDF: the public pack (Part I) from the day the agenda is
//! published; the members' pack, with Part II, only for those who may read exempt items.

use axum::extract::State;
use axum::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::response::{IntoResponse, Response};
use scrutiny_domain::Dataset;
use scrutiny_domain::calendar::BankHolidays;
use scrutiny_domain::complaints::settings::settings;
use scrutiny_domain::meetings::ReportKind;
use scrutiny_domain::period::long_date;
use scrutiny_report::meetings::items::Sources;
use scrutiny_report::meetings::pack::{Audience, Pack, agenda_pack};
use scrutiny_store::Store;

use crate::auth::{MaybeUser, User};
use crate::error::{AppError, PathOf};
use crate::roles::Action;
use crate::state::AppState;

/// The pack of meeting `code`: the complaints records are read only when an item asks for
/// the annual report, with the council's published rules (small counts suppressed).
pub async fn build(
    store: &Store,
    data: &Dataset,
    calendar: &BankHolidays,
    code: &str,
    audience: Audience,
    produced_on: &str,
) -> Result<Pack, AppError> {
    let wants_complaints = data
        .agenda_items
        .iter()
        .any(|i| i.meeting == code && i.report == Some(ReportKind::Complaints));
    let held = match wants_complaints {
        true => Some(store.load_complaints().await?),
        false => None,
    };
    let rules = held.as_ref().map(|h| settings(&h.settings).rules);
    let src = Sources {
        data,
        complaints: held
            .as_ref()
            .zip(rules.as_ref())
            .map(|(h, r)| (h, r, calendar)),
        produced_on,
    };
    agenda_pack(&src, code, audience)
        .map_err(|e| AppError::NotFound(crate::error::capitalise(&e.to_string())))
}

async fn respond(state: &AppState, code: &str, audience: Audience) -> Result<Response, AppError> {
    let data = state.data().await?;
    let meeting = data
        .meetings
        .iter()
        .find(|m| m.code == code)
        .ok_or_else(|| AppError::NotFound(format!("There is no meeting '{code}'.")))?;
    let produced = long_date(meeting.published.unwrap_or_else(|| state.clock.today()));
    let pack = build(
        &state.store,
        &data,
        &state.calendar,
        code,
        audience,
        &produced,
    )
    .await?;
    let slug = pack.slug.clone();
    let bytes = tokio::task::spawn_blocking(move || crate::render::render_pack(&pack))
        .await
        .map_err(|e| AppError::Internal(e.to_string()))?
        .map_err(AppError::Internal)?;
    Ok((
        [
            (CONTENT_TYPE, "application/pdf".to_string()),
            (
                CONTENT_DISPOSITION,
                format!("attachment; filename=\"{slug}.pdf\""),
            ),
        ],
        bytes,
    )
        .into_response())
}

/// The public pack: Part I, for anyone once the agenda is published; before then for those
/// who prepare or sit at the meeting.
pub async fn public(
    State(state): State<AppState>,
    MaybeUser(user): MaybeUser,
    PathOf(code): PathOf<String>,
) -> Result<Response, AppError> {
    let data = state.data().await?;
    let published = data
        .meetings
        .iter()
        .find(|m| m.code == code)
        .is_some_and(|m| m.agenda_public(state.clock.today()));
    let early = user
        .as_ref()
        .is_some_and(|u| u.may(Action::ReadExemptItems) || u.may(Action::EditMeetings));
    if !published && !early {
        return Err(AppError::NotFound(format!(
            "The agenda of meeting '{code}' has not been published."
        )));
    }
    respond(&state, &code, Audience::Public).await
}

/// The members' pack, with Part II: never for the public.
pub async fn members(
    State(state): State<AppState>,
    user: User,
    PathOf(code): PathOf<String>,
) -> Result<Response, AppError> {
    user.require(Action::ReadExemptItems)?;
    respond(&state, &code, Audience::Members).await
}
