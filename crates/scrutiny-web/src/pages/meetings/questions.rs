//! Public questions in the browser: anyone may send one to a meeting until 4.00 pm on the
//! working day before it (checked by `scrutiny_domain::meetings::questions`); democratic
//! services accept or reject each (citing a ground) and record the answer. The public sees an
//! accepted question's text and answer on the meeting's page, never who asked.

use std::collections::HashMap;

use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::http::header::SET_COOKIE;
use axum::response::{Html, IntoResponse, Redirect, Response};
use chrono::Duration;
use scrutiny_domain::meetings::Meeting;
use scrutiny_domain::meetings::meeting::{question_deadline, uk_offset_hours};
use scrutiny_domain::meetings::questions::{
    GROUNDS, Question, QuestionState, closes_at, submission_problems,
};
use scrutiny_domain::period::long_date;

use crate::auth::{self, MaybeUser, User};
use crate::error::{AppError, PathOf, urlencode};
use crate::pages::{FieldError, Page, PublicForm, entered, form_status};
use crate::roles::Action;
use crate::state::AppState;

/// The question form's double-submitted token (no session is needed to ask).
const FORM: PublicForm = PublicForm {
    cookie: "scrutiny_question",
    path: "/meetings",
    pace: "questions",
    expired: "The form had expired: open the question form again and resend your question",
};

#[derive(Template)]
#[template(path = "meetings/question.html")]
struct QuestionPage {
    page: Page,
    code: String,
    meeting: String,
    deadline: String,
    open: bool,
    token: String,
    errors: Vec<FieldError>,
    values: HashMap<String, String>,
    received: Option<i64>,
}

impl QuestionPage {
    fn value(&self, name: &str) -> &str {
        self.values.get(name).map_or("", String::as_str)
    }

    fn error_for(&self, id: &str) -> Option<&str> {
        self.errors
            .iter()
            .find(|e| e.id == id)
            .map(|e| e.message.as_str())
    }
}

/// The UK's time now, as the deadline is set.
fn uk_now(state: &AppState) -> chrono::NaiveDateTime {
    let now = state.clock.now().naive_utc();
    now + Duration::hours(i64::from(uk_offset_hours(now.date())))
}

/// Whether questions to the meeting on `date` are still taken now.
pub(super) fn asking_open(state: &AppState, date: chrono::NaiveDate) -> bool {
    question_deadline(&state.calendar, date).is_ok_and(|d| uk_now(state) <= closes_at(d))
}

struct Drawn<'a> {
    errors: Vec<FieldError>,
    values: HashMap<String, String>,
    received: Option<i64>,
    user: Option<&'a User>,
}

fn draw(state: &AppState, m: &Meeting, board: &str, d: Drawn) -> Result<Response, AppError> {
    let deadline = question_deadline(&state.calendar, m.date);
    let open = asking_open(state, m.date);
    let token = auth::random_token();
    let status = form_status(!d.errors.is_empty());
    let page = QuestionPage {
        page: Page::new("Ask a question at a meeting", d.user, "/meetings")
            .with_error(!d.errors.is_empty()),
        code: urlencode(&m.code),
        meeting: format!("{board}, {}", long_date(m.date)),
        deadline: deadline.map_or_else(|_| "the working day before".into(), long_date),
        open,
        token: token.clone(),
        errors: d.errors,
        values: d.values,
        received: d.received,
    };
    let cookie = FORM.cookie(state, &token);
    Ok((status, [(SET_COOKIE, cookie)], Html(page.render()?)).into_response())
}

fn board_name(data: &scrutiny_domain::Dataset, m: &Meeting) -> String {
    data.boards
        .iter()
        .find(|b| b.code == m.board)
        .map_or(m.board.clone(), |b| b.name.clone())
}

pub async fn form(
    State(state): State<AppState>,
    MaybeUser(user): MaybeUser,
    PathOf(code): PathOf<String>,
) -> Result<Response, AppError> {
    let data = state.data().await?;
    let m = super::meeting_of(&data, &code)?.clone();
    let drawn = Drawn {
        errors: Vec::new(),
        values: HashMap::new(),
        received: None,
        user: user.as_ref(),
    };
    draw(&state, &m, &board_name(&data, &m), drawn)
}

/// A question sent: checked by the standing order's rules, kept, and acknowledged with its
/// number; or the form again with every problem against its field.
pub async fn submit(
    State(state): State<AppState>,
    MaybeUser(user): MaybeUser,
    headers: HeaderMap,
    extensions: axum::http::Extensions,
    PathOf(code): PathOf<String>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let form: HashMap<String, String> = fields.into_iter().collect();
    FORM.check(&state, &headers, &extensions, &form)?;
    let data = state.data().await?;
    let m = super::meeting_of(&data, &code)?.clone();
    let deadline =
        question_deadline(&state.calendar, m.date).map_err(|e| AppError::Invalid(e.to_string()))?;
    let held = state.store.questions(&m.code).await?;
    let (asker, organisation, email, text) = (
        entered(&form, "asker"),
        entered(&form, "organisation"),
        entered(&form, "email"),
        entered(&form, "text"),
    );
    let organisation = (!organisation.is_empty()).then_some(organisation);
    let received = uk_now(&state);
    let problems = submission_problems(
        &held,
        &asker,
        organisation.as_deref(),
        &email,
        &text,
        received,
        deadline,
    );
    let board = board_name(&data, &m);
    if !problems.is_empty() {
        let drawn = Drawn {
            errors: problems
                .into_iter()
                .map(|(id, message)| FieldError {
                    id: id.into(),
                    message,
                })
                .collect(),
            values: form,
            received: None,
            user: user.as_ref(),
        };
        return draw(&state, &m, &board, drawn);
    }
    let question = Question {
        meeting: m.code.clone(),
        number: 0,
        asker,
        organisation,
        email,
        text,
        received,
        state: QuestionState::Received,
        ground: None,
        answer: None,
    };
    let number = state
        .store
        .add_question(&question, &state.clock.stamp())
        .await?;
    let drawn = Drawn {
        errors: Vec::new(),
        values: HashMap::new(),
        received: Some(number),
        user: user.as_ref(),
    };
    draw(&state, &m, &board, drawn)
}

/// Democratic services accept or reject a question, citing a ground, and record its answer.
pub async fn decide(
    State(state): State<AppState>,
    user: User,
    PathOf((code, number)): PathOf<(String, i64)>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    user.require(Action::EditMeetings)?;
    let form: HashMap<String, String> = fields.into_iter().collect();
    user.check_csrf(form.get("csrf").map(String::as_str))?;
    let decision = entered(&form, "decision");
    let (state_to, ground) = match decision.as_str() {
        "accept" => (QuestionState::Accepted, None),
        other => {
            let ground = other
                .strip_prefix("reject-")
                .and_then(|n| n.parse::<usize>().ok())
                .and_then(|n| GROUNDS.get(n))
                .ok_or_else(|| {
                    AppError::Invalid(
                        "Choose to accept the question or a ground for rejecting it".into(),
                    )
                })?;
            (QuestionState::Rejected, Some(*ground))
        }
    };
    let answer = entered(&form, "answer");
    let answer = (!answer.is_empty()).then_some(answer.as_str());
    let found = state
        .store
        .decide_question(
            &code,
            number,
            (state_to, ground, answer),
            &user.username,
            &state.clock.stamp(),
        )
        .await?;
    if !found {
        return Err(AppError::NotFound(format!(
            "There is no question {number} for '{code}'."
        )));
    }
    Ok(Redirect::to(&format!("/meetings/{}#questions", urlencode(&code))).into_response())
}
