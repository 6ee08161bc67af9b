//! Each board's forward work programme, for anyone: the reports it has asked for, the meeting
//! each is planned for and where it stands (`scrutiny_domain::meetings::programme`).

use askama::Template;
use axum::extract::State;
use axum::response::Html;
use scrutiny_domain::meetings::programme::{Standing, programme, standing};

use crate::auth::MaybeUser;
use crate::error::{AppError, urlencode};
use crate::pages::Page;
use crate::state::AppState;

pub struct Row {
    pub subject: String,
    pub requested: String,
    pub owner: String,
    pub standing: String,
    /// The planned meeting's page, when there is one.
    pub meeting: Option<String>,
    /// Whether it needs a meeting chosen (missed, or never given one).
    pub needs_meeting: bool,
}

pub struct BoardProgramme {
    pub name: String,
    pub rows: Vec<Row>,
}

#[derive(Template)]
#[template(path = "meetings/programme.html")]
struct ProgrammePage {
    page: Page,
    boards: Vec<BoardProgramme>,
}

pub async fn show(
    State(state): State<AppState>,
    MaybeUser(user): MaybeUser,
) -> Result<Html<String>, AppError> {
    let data = state.data().await?;
    let today = state.clock.today();
    // Only published agendas say what is on them: an unpublished meeting's report is planned.
    let listed: Vec<scrutiny_domain::meetings::AgendaItem> = data
        .agenda_items
        .iter()
        .filter(|i| {
            data.meetings
                .iter()
                .any(|m| m.code == i.meeting && m.agenda_public(today))
        })
        .cloned()
        .collect();
    let mut boards: Vec<&scrutiny_domain::performance::model::Board> = data
        .boards
        .iter()
        .filter(|b| data.work_programme.iter().any(|i| i.board == b.code))
        .collect();
    boards.sort_by(|a, b| a.name.cmp(&b.name));
    let boards = boards
        .into_iter()
        .map(|b| BoardProgramme {
            name: b.name.clone(),
            rows: programme(&data.work_programme, &data.meetings, &b.code)
                .into_iter()
                .map(|i| {
                    let at = standing(i, &data.meetings, &listed, today);
                    let meeting = match at {
                        Standing::Unscheduled => None,
                        Standing::Planned(m) | Standing::OnAgenda(m) | Standing::Missed(m) => {
                            Some(format!("/meetings/{}", urlencode(&m.code)))
                        }
                    };
                    Row {
                        subject: i.subject.clone(),
                        requested: i.requested.clone().unwrap_or_default(),
                        owner: i.owner.clone().unwrap_or_default(),
                        standing: at.words(today),
                        meeting,
                        needs_meeting: matches!(at, Standing::Unscheduled | Standing::Missed(_)),
                    }
                })
                .collect(),
        })
        .collect();
    let page = ProgrammePage {
        page: Page::new("Work programme", user.as_ref(), "/meetings"),
        boards,
    };
    Ok(Html(page.render()?))
}
