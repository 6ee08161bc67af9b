//! E-mail alerts of a board's agendas and minutes, for anyone: ask with an address, confirm
//! from the e-mail that arrives (nothing else is sent until then), stop from any alert. The
//! sweep (`send_due`) mails what is due, each alert once, run every minute by the server and by
//! `scrutiny meetings alerts`.

use std::collections::HashMap;

use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::http::header::SET_COOKIE;
use axum::response::{Html, IntoResponse, Response};
use scrutiny_domain::meetings::alerts::{AlertKind, address_problem, due_alerts};
use scrutiny_store::Subscribed;

use crate::auth::{self, MaybeUser};
use crate::error::{AppError, QueryOf, urlencode};
use crate::pages::{FieldError, Page, PublicForm, entered, form_status};
use crate::state::AppState;

/// The form's double-submitted token (no session is needed to ask).
const FORM: PublicForm = PublicForm {
    cookie: "scrutiny_alerts",
    path: "/meetings/alerts",
    pace: "alerts",
    expired: "The form had expired: open the alerts form again and resend it",
};

/// What the page shows.
#[derive(PartialEq, Eq)]
enum Step {
    /// Alerts are switched off at this council.
    Off,
    Ask,
    /// The confirming e-mail has gone (or, for an address already receiving alerts, an e-mail
    /// saying so: the page does not tell).
    Sent,
    /// A link's button, to confirm or to stop.
    Confirm,
    Confirmed,
    Stop,
    Stopped,
    /// A link whose token is not held (used, stopped, or mistyped).
    Unknown,
}

#[derive(Template)]
#[template(path = "meetings/alerts.html")]
struct AlertsPage {
    page: Page,
    step: Step,
    boards: Vec<(String, String)>,
    board: String,
    email: String,
    token: String,
    errors: Vec<FieldError>,
}

impl AlertsPage {
    fn error_for(&self, id: &str) -> Option<&str> {
        self.errors
            .iter()
            .find(|e| e.id == id)
            .map(|e| e.message.as_str())
    }
}

/// The boards that hold meetings, by name.
async fn boards(state: &AppState) -> Result<Vec<(String, String)>, AppError> {
    let data = state.data().await?;
    let mut boards: Vec<(String, String)> = data
        .boards
        .iter()
        .filter(|b| data.meetings.iter().any(|m| m.board == b.code))
        .map(|b| (b.code.clone(), b.name.clone()))
        .collect();
    boards.sort_by(|a, b| a.1.cmp(&b.1));
    Ok(boards)
}

fn draw(state: &AppState, page: AlertsPage) -> Result<Response, AppError> {
    let status = form_status(!page.errors.is_empty());
    let cookie = FORM.cookie(state, &page.token);
    Ok((status, [(SET_COOKIE, cookie)], Html(page.render()?)).into_response())
}

fn page(user: Option<&crate::auth::User>, step: Step, errors: bool) -> AlertsPage {
    AlertsPage {
        page: Page::new("Email alerts of agendas and minutes", user, "/meetings")
            .with_error(errors),
        step,
        boards: Vec::new(),
        board: String::new(),
        email: String::new(),
        token: auth::random_token(),
        errors: Vec::new(),
    }
}

pub async fn form(
    State(state): State<AppState>,
    MaybeUser(user): MaybeUser,
) -> Result<Response, AppError> {
    let step = match state.mailer {
        Some(_) => Step::Ask,
        None => Step::Off,
    };
    let mut p = page(user.as_ref(), step, false);
    p.boards = boards(&state).await?;
    draw(&state, p)
}

/// A request for alerts: checked, kept unconfirmed, and a confirming e-mail sent.
pub async fn ask(
    State(state): State<AppState>,
    MaybeUser(user): MaybeUser,
    headers: HeaderMap,
    extensions: axum::http::Extensions,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let form: HashMap<String, String> = fields.into_iter().collect();
    FORM.check(&state, &headers, &extensions, &form)?;
    let Some(mailer) = state.mailer.clone() else {
        return Err(AppError::Invalid(
            "Email alerts are not switched on at this council".into(),
        ));
    };
    let (email, board) = (entered(&form, "email"), entered(&form, "board"));
    let boards = boards(&state).await?;
    let mut errors = Vec::new();
    if let Some(why) = address_problem(&email) {
        errors.push(FieldError {
            id: "email".into(),
            message: why.into(),
        });
    }
    let Some((_, board_name)) = boards.iter().find(|(c, _)| *c == board).cloned() else {
        errors.push(FieldError {
            id: "board".into(),
            message: "Select the board whose meetings you want to hear about".into(),
        });
        let mut p = page(user.as_ref(), Step::Ask, true);
        (p.boards, p.email, p.errors) = (boards, email, errors);
        return draw(&state, p);
    };
    if !errors.is_empty() {
        let mut p = page(user.as_ref(), Step::Ask, true);
        (p.boards, p.email, p.board, p.errors) = (boards, email, board, errors);
        return draw(&state, p);
    }
    let email = email.trim().to_string();
    let fresh = auth::random_token();
    // The page says the same whatever the address's standing, so it tells no one who is
    // subscribed; the e-mail tells the address's owner.
    let (subject, body) = match state
        .store
        .subscribe(&email, &board, &fresh, &state.clock.stamp())
        .await?
    {
        Subscribed::New(token) | Subscribed::Waiting(token) => {
            let link = format!(
                "{}/meetings/alerts/confirm?token={}",
                mailer.public_url,
                urlencode(&token)
            );
            (
                format!("Confirm email alerts from the {board_name}"),
                format!(
                    "Someone, we hope you, asked for an email whenever the {board_name} \
                     publishes an agenda or minutes.\n\nTo start them, open this link and \
                     press Confirm:\n{link}\n\nIf you did not ask, ignore this email: \
                     nothing more will be sent.\n"
                ),
            )
        }
        Subscribed::Already => (
            format!("You already receive email alerts from the {board_name}"),
            format!(
                "Someone asked for email alerts from the {board_name} for this address, which \
                 already receives them. Nothing has changed. Every alert has a link to stop \
                 them.\n"
            ),
        ),
    };
    mailer
        .send(&email, &subject, body)
        .await
        .map_err(AppError::Internal)?;
    let step = Step::Sent;
    let mut p = page(user.as_ref(), step, false);
    p.board = board_name;
    p.email = email;
    draw(&state, p)
}

#[derive(serde::Deserialize)]
pub struct Link {
    token: Option<String>,
}

/// The button a link opens: links are fetched by mail scanners, so only the button acts.
async fn button(
    state: &AppState,
    user: Option<&crate::auth::User>,
    token: Option<String>,
    step: Step,
) -> Result<Response, AppError> {
    let mut p = page(user, step, false);
    p.token = token.unwrap_or_default();
    draw(state, p)
}

pub async fn confirm_page(
    State(state): State<AppState>,
    MaybeUser(user): MaybeUser,
    QueryOf(link): QueryOf<Link>,
) -> Result<Response, AppError> {
    button(&state, user.as_ref(), link.token, Step::Confirm).await
}

pub async fn stop_page(
    State(state): State<AppState>,
    MaybeUser(user): MaybeUser,
    QueryOf(link): QueryOf<Link>,
) -> Result<Response, AppError> {
    button(&state, user.as_ref(), link.token, Step::Stop).await
}

/// Confirms or stops the alerts the token stands for. The token itself is the secret: no
/// other site can know it, so the form needs no cookie.
async fn act(
    state: &AppState,
    user: Option<&crate::auth::User>,
    form: &HashMap<String, String>,
    stop: bool,
) -> Result<Response, AppError> {
    let token = entered(form, "token");
    let at = state.clock.stamp();
    let board = match (token.is_empty(), stop) {
        (true, _) => None,
        (false, false) => state.store.confirm_alerts(&token, &at).await?,
        (false, true) => state.store.stop_alerts(&token, &at).await?,
    };
    let step = match (board.is_some(), stop) {
        (false, _) => Step::Unknown,
        (true, false) => Step::Confirmed,
        (true, true) => Step::Stopped,
    };
    let mut p = page(user, step, false);
    let data = state.data().await?;
    p.board = board
        .map(|b| super::board_name(&data, &b))
        .unwrap_or_default();
    draw(state, p)
}

pub async fn confirm(
    State(state): State<AppState>,
    MaybeUser(user): MaybeUser,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    act(&state, user.as_ref(), &fields.into_iter().collect(), false).await
}

pub async fn stop(
    State(state): State<AppState>,
    MaybeUser(user): MaybeUser,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    act(&state, user.as_ref(), &fields.into_iter().collect(), true).await
}

/// Sends every alert due now, each once, to the confirmed subscribers of its board; returns
/// how many e-mails went. An alert none of whose e-mails could be sent is tried again half an
/// hour later.
pub async fn send_due(state: &AppState) -> Result<usize, AppError> {
    let Some(mailer) = state.mailer.clone() else {
        return Ok(0);
    };
    // Requests never confirmed are forgotten after a week.
    let week_ago = crate::clock::stamp(state.clock.now() - chrono::Duration::days(7));
    state
        .store
        .forget_unconfirmed(&week_ago, &state.clock.stamp())
        .await?;
    let data = state.data().await?;
    // A failed alert is tried again half an hour later, until its news is old.
    let retry_before = crate::clock::stamp(state.clock.now() - chrono::Duration::minutes(30));
    let sent = state.store.alerts_sent(&retry_before).await?;
    let mut delivered = 0;
    for alert in due_alerts(&data.meetings, &data.minutes, &sent, state.clock.today()) {
        let m = alert.meeting;
        let at = state.clock.stamp();
        let subscribers = state.store.alert_subscribers(&m.board).await?;
        if !state
            .store
            .record_alert(&m.code, alert.kind, subscribers.len(), &at, &retry_before)
            .await?
        {
            continue;
        }
        let board = super::board_name(&data, &m.board);
        let day = scrutiny_report::meetings::day_and_date(m.date);
        let page = format!("{}/meetings/{}", mailer.public_url, urlencode(&m.code));
        let (subject, what) = match alert.kind {
            AlertKind::Agenda => (
                format!("Agenda published: {board}, {day}"),
                format!(
                    "The agenda for the meeting of the {board} on {day} at {}, {}, is published.\n\n\
                     The agenda: {page}\nThe agenda and reports as one PDF: {page}/pack\n",
                    m.start, m.venue
                ),
            ),
            AlertKind::Minutes => (
                format!("Minutes published: {board}, {day}"),
                format!(
                    "The minutes of the meeting of the {board} on {day} are published.\n\n\
                     The minutes: {page}\n"
                ),
            ),
        };
        let mut failed = false;
        let mut went = 0;
        for (email, token) in &subscribers {
            let stop = format!(
                "{}/meetings/alerts/stop?token={}",
                mailer.public_url,
                urlencode(token)
            );
            let body = format!("{what}\nTo stop these emails: {stop}\n");
            match mailer.send(email, &subject, body).await {
                Ok(()) => went += 1,
                Err(_) => failed = true,
            }
        }
        if went == 0 && failed {
            // The relay's words may name an address: the log gets the count only.
            eprintln!(
                "meeting alerts: none of {} e-mail(s) for {} could be sent",
                subscribers.len(),
                m.code
            );
            state
                .store
                .alert_failed(&m.code, alert.kind, subscribers.len(), &state.clock.stamp())
                .await?;
        }
        delivered += went;
    }
    Ok(delivered)
}

/// Runs the sweep every minute for as long as the server runs; a failed sweep is logged and
/// tried again at the next.
pub fn sweep_every_minute(state: AppState) {
    if state.mailer.is_none() {
        return;
    }
    tokio::spawn(async move {
        let mut every = tokio::time::interval(std::time::Duration::from_secs(60));
        loop {
            every.tick().await;
            if let Err(e) = send_due(&state).await {
                eprintln!("meeting alerts: {e}");
            }
        }
    });
}
