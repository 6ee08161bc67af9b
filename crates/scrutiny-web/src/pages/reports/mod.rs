//! Board reports in the browser: the list of every published document (`catalogue`), and each
//! as HTML, PDF, Word or Excel (`download`). A quarter's reports are public once the performance
//! officer publishes it; before that only officers read them.

pub mod catalogue;
pub(crate) mod download;

use askama::Template;
use axum::extract::State;
use axum::response::Html;

use self::catalogue::{Group, Listed, catalogue};
use super::Page;
use crate::auth::{MaybeUser, User};
use crate::error::AppError;
use crate::roles::Action;
use crate::state::AppState;

pub use download::{action_plan, business_plan, download};

/// One kind of document and its rows, under its own heading.
pub struct Section {
    pub heading: &'static str,
    pub id: &'static str,
    pub reports: Vec<Listed>,
}

#[derive(Template)]
#[template(path = "reports.html")]
struct ReportsPage {
    page: Page,
    heading: &'static str,
    intro: &'static str,
    sections: Vec<Section>,
}

/// The catalogue grouped: unpublished quarters' documents only when `everything`, and the
/// complaints report only for someone signed in who may read it (its route asks who they are).
async fn sections(
    state: &AppState,
    user: Option<&User>,
    everything: bool,
) -> Result<Vec<Section>, AppError> {
    let data = state.data().await?;
    let quarters = state.store.quarters().await?;
    let complaints = match user {
        Some(u) if u.may(Action::ReadComplaintsReport) => {
            Some(state.store.load_complaints().await?)
        }
        _ => None,
    };
    let mut all = catalogue(
        &data,
        &quarters,
        complaints.as_ref(),
        everything,
        state.clock.today(),
    );
    Ok(Group::ALL
        .into_iter()
        .map(|g| Section {
            heading: g.heading(),
            id: g.id(),
            reports: all.extract_if(.., |r| r.group == g).collect(),
        })
        .filter(|s| !s.reports.is_empty())
        .collect())
}

pub async fn list(State(state): State<AppState>, user: User) -> Result<Html<String>, AppError> {
    let everything = user.may(Action::ReadUnpublishedReports);
    let page = ReportsPage {
        page: Page::new("Reports", Some(&user), "/reports"),
        heading: "Reports",
        intro: if everything {
            "Every report the service produces. Reports for quarters not yet published show the \
             figures approved so far and are dated today."
        } else {
            "These are the reports published for the board."
        },
        sections: sections(&state, Some(&user), everything).await?,
    };
    Ok(Html(page.render()?))
}

pub async fn published(
    State(state): State<AppState>,
    MaybeUser(user): MaybeUser,
) -> Result<Html<String>, AppError> {
    let page = ReportsPage {
        page: Page::new("Published reports", user.as_ref(), "/published"),
        heading: "Published reports",
        intro: "Reports to the board on the performance of children's services, as published.",
        sections: sections(&state, user.as_ref(), false).await?,
    };
    Ok(Html(page.render()?))
}
