//! An item's committee report uploaded as a Word document by democratic services: checked by
//! reading it (a file that is not a .docx, or an old .doc, is refused with what to do), kept as
//! uploaded, and made the item's report, which the pack and the item's own download then print.

use askama::Template;
use axum::extract::{Multipart, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use scrutiny_domain::meetings::AgendaItem;
use scrutiny_domain::meetings::uploaded::UploadedReport;
use scrutiny_store::Store;

use crate::auth::User;
use crate::error::{AppError, PathOf, urlencode};
use crate::pages::{FieldError, Page, form_status};
use crate::roles::Action;
use crate::state::AppState;

#[derive(Template)]
#[template(path = "meetings/word.html")]
struct WordPage {
    page: Page,
    meeting: String,
    code: String,
    item: String,
    reference: String,
    title: String,
    /// The file uploaded before, if any.
    current: Option<String>,
    errors: Vec<FieldError>,
}

/// The reports uploaded for meeting `code`'s items (or only for `item`), read into their text
/// off the request threads. A file that can no longer be read is left out (its item then says
/// no document has been uploaded).
pub async fn uploads_for(
    store: &Store,
    code: &str,
    item: Option<&str>,
) -> Result<Vec<UploadedReport>, AppError> {
    let held: Vec<_> = store
        .item_uploads(code)
        .await?
        .into_iter()
        .filter(|u| item.is_none_or(|i| u.item == i))
        .collect();
    if held.is_empty() {
        return Ok(Vec::new());
    }
    let code = code.to_string();
    tokio::task::spawn_blocking(move || {
        held.into_iter()
            .filter_map(|u| {
                let (parts, pictures) = scrutiny_import::word::read_word(&u.content).ok()?;
                Some(UploadedReport {
                    meeting: code.clone(),
                    item: u.item,
                    file_name: u.file_name,
                    parts,
                    pictures,
                })
            })
            .collect()
    })
    .await
    .map_err(|e| AppError::Internal(e.to_string()))
}

async fn item_of(
    state: &AppState,
    code: &str,
    item: &str,
) -> Result<(String, AgendaItem), AppError> {
    let data = state.data().await?;
    let m = super::meeting_of(&data, code)?;
    let found = data
        .agenda_items
        .iter()
        .find(|i| i.meeting == code && i.item == item)
        .cloned()
        .ok_or_else(|| AppError::NotFound(format!("Meeting '{code}' has no item '{item}'.")))?;
    let meeting = format!(
        "{}, {}",
        super::board_name(&data, &m.board),
        scrutiny_domain::period::long_date(m.date)
    );
    Ok((meeting, found))
}

async fn draw(
    state: &AppState,
    user: &User,
    code: &str,
    item: &str,
    errors: Vec<FieldError>,
) -> Result<Response, AppError> {
    let (meeting, found) = item_of(state, code, item).await?;
    let current = state
        .store
        .item_uploads(code)
        .await?
        .into_iter()
        .find(|u| u.item == item)
        .map(|u| u.file_name);
    let status = form_status(!errors.is_empty());
    let page = WordPage {
        page: Page::new("Upload a report", Some(user), "/meetings").with_error(!errors.is_empty()),
        meeting,
        code: urlencode(code),
        item: urlencode(item),
        reference: found.reference(),
        title: found.title,
        current,
        errors,
    };
    Ok((status, Html(page.render()?)).into_response())
}

pub async fn form(
    State(state): State<AppState>,
    user: User,
    PathOf((code, item)): PathOf<(String, String)>,
) -> Result<Response, AppError> {
    user.require(Action::EditMeetings)?;
    draw(&state, &user, &code, &item, Vec::new()).await
}

pub async fn receive(
    State(state): State<AppState>,
    user: User,
    PathOf((code, item)): PathOf<(String, String)>,
    multipart: Multipart,
) -> Result<Response, AppError> {
    user.require(Action::EditMeetings)?;
    let received = crate::pages::upload::receive_files(multipart).await?;
    user.check_csrf(received.csrf.as_deref())?;
    item_of(&state, &code, &item).await?;
    let problem = |message: &str| {
        vec![FieldError {
            id: "files".into(),
            message: message.into(),
        }]
    };
    let [name] = received.names.as_slice() else {
        let why = problem("Choose the report's Word document (.docx), one file");
        return draw(&state, &user, &code, &item, why).await;
    };
    let bytes = std::fs::read(received.dir.path().join(name))
        .map_err(|e| AppError::Internal(e.to_string()))?;
    let check = bytes.clone();
    let read = tokio::task::spawn_blocking(move || scrutiny_import::word::read_word(&check))
        .await
        .map_err(|e| AppError::Internal(e.to_string()))?;
    if let Err(why) = read {
        let why = problem(&format!("{name}: {why}"));
        return draw(&state, &user, &code, &item, why).await;
    }
    match state
        .store
        .put_item_upload(
            &code,
            &item,
            name,
            &bytes,
            &user.username,
            &state.clock.stamp(),
        )
        .await
    {
        Ok(()) => Ok(Redirect::to(&format!("/meetings/{}", urlencode(&code))).into_response()),
        Err(scrutiny_store::StoreError::Refused(why)) => {
            draw(
                &state,
                &user,
                &code,
                &item,
                problem(&crate::error::capitalise(&why)),
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}
