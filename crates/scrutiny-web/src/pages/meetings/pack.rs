//! A meeting's agenda pack as one PDF: the public pack (Part I) from the day the agenda is
//! published; the members' pack, with Part II, only for those who may read exempt items. And
//! each item's report on its own, on the same terms.

use axum::extract::State;
use axum::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::response::{IntoResponse, Response};
use scrutiny_domain::Dataset;
use scrutiny_domain::calendar::BankHolidays;
use scrutiny_domain::complaints::figures::Rules;
use scrutiny_domain::complaints::records::ComplaintsData;
use scrutiny_domain::complaints::settings::settings;
use scrutiny_domain::meetings::{AgendaItem, ReportKind};
use scrutiny_domain::period::long_date;
use scrutiny_report::meetings::items::Sources;
use scrutiny_report::meetings::pack::{Audience, Pack, agenda_pack};
use scrutiny_store::Store;

use crate::auth::{MaybeUser, User};
use crate::error::{AppError, PathOf};
use crate::roles::Action;
use crate::state::AppState;

/// The complaints records and their published rules (small counts suppressed), read only when
/// one of meeting `code`'s items asks for the annual report.
async fn complaints_for(
    store: &Store,
    data: &Dataset,
    code: &str,
) -> Result<Option<(ComplaintsData, Rules)>, AppError> {
    let wanted = data
        .agenda_items
        .iter()
        .any(|i| i.meeting == code && i.report == Some(ReportKind::Complaints));
    if !wanted {
        return Ok(None);
    }
    let held = store.load_complaints().await?;
    let rules = settings(&held.settings).rules;
    Ok(Some((held, rules)))
}

/// The pack of meeting `code`; `withheld` says which items' reports this reader may not have
/// yet (printed as to follow).
pub async fn build(
    store: &Store,
    data: &Dataset,
    calendar: &BankHolidays,
    code: &str,
    audience: Audience,
    produced_on: &str,
    withheld: &(dyn Fn(&AgendaItem) -> bool + Sync),
) -> Result<Pack, AppError> {
    let held = complaints_for(store, data, code).await?;
    let uploads = super::word::uploads_for(store, code, None).await?;
    let src = Sources {
        data,
        complaints: held.as_ref().map(|(h, r)| (h, r, calendar)),
        uploads: &uploads,
        withheld,
        produced_on,
    };
    agenda_pack(&src, code, audience)
        .map_err(|e| AppError::NotFound(crate::error::capitalise(&e.to_string())))
}

/// One item's report as a PDF: a Part I item's for anyone once the agenda is published (before
/// then for those preparing or sitting at the meeting); a Part II item's only for those who may
/// read exempt items.
pub async fn item(
    State(state): State<AppState>,
    MaybeUser(user): MaybeUser,
    PathOf((code, item)): PathOf<(String, String)>,
) -> Result<Response, AppError> {
    let data = state.data().await?;
    let missing = || {
        AppError::NotFound(format!(
            "Meeting '{code}' has no item '{item}' with a report."
        ))
    };
    let meeting = data
        .meetings
        .iter()
        .find(|m| m.code == code)
        .ok_or_else(missing)?;
    let found = data
        .agenda_items
        .iter()
        .find(|i| i.meeting == code && (i.item == item || i.reference() == item))
        .filter(|i| i.report.is_some())
        .ok_or_else(missing)?;
    let may = |a| user.as_ref().is_some_and(|u| u.may(a));
    let shown = if found.is_exempt() {
        may(Action::ReadExemptItems)
    } else {
        meeting.agenda_public(state.clock.today())
            || may(Action::ReadExemptItems)
            || may(Action::EditMeetings)
    };
    // A monitoring report waits for its quarter's publication, as on the reports pages.
    let quarters = state.store.quarters().await?;
    let today = state.clock.today();
    if !shown
        || (!may(Action::ReadUnpublishedReports)
            && !super::report_public(&data, &quarters, found, today))
    {
        // Said the same way whether the item is exempt or not yet published: nothing leaks.
        return Err(missing());
    }
    let produced = long_date(meeting.published.unwrap_or_else(|| state.clock.today()));
    let held = complaints_for(&state.store, &data, &code).await?;
    let uploads = super::word::uploads_for(&state.store, &code, Some(&found.item)).await?;
    let src = Sources {
        data: &data,
        complaints: held.as_ref().map(|(h, r)| (h, r, state.calendar.as_ref())),
        uploads: &uploads,
        withheld: &|_| false,
        produced_on: &produced,
    };
    let doc = scrutiny_report::meetings::items::item_document(&src, found)
        .ok_or_else(missing)?
        .map_err(AppError::NotFound)?;
    crate::render::download(doc, crate::render::Format::Pdf).await
}

async fn respond(
    state: &AppState,
    code: &str,
    audience: Audience,
    user: Option<&User>,
) -> Result<Response, AppError> {
    let data = state.data().await?;
    let meeting = super::meeting_of(&data, code)?;
    let produced = long_date(meeting.published.unwrap_or_else(|| state.clock.today()));
    // Monitoring reports of quarters not yet published wait, for those who may not read them.
    let quarters = state.store.quarters().await?;
    let today = state.clock.today();
    let early = user.is_some_and(|u| u.may(Action::ReadUnpublishedReports));
    let withheld = |i: &AgendaItem| !early && !super::report_public(&data, &quarters, i, today);
    let pack = build(
        &state.store,
        &data,
        &state.calendar,
        code,
        audience,
        &produced,
        &withheld,
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
    respond(&state, &code, Audience::Public, user.as_ref()).await
}

/// The members' pack, with Part II: never for the public.
pub async fn members(
    State(state): State<AppState>,
    user: User,
    PathOf(code): PathOf<String>,
) -> Result<Response, AppError> {
    user.require(Action::ReadExemptItems)?;
    respond(&state, &code, Audience::Members, Some(&user)).await
}
