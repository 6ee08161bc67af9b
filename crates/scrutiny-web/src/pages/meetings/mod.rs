//! Boards' meetings for everyone, signed in or not: the meetings of each board, each meeting's
//! agenda front sheet (membership, time and place, the items, the dates counted back from it),
//! and an iCalendar feed. A Part II item's title is shown only to those who may read exempt
//! items ([`Action::ReadExemptItems`]); the public sees its number and the paragraph of
//! Schedule 12A that makes it exempt.

pub mod alerts;
pub mod oparl;
pub mod pack;
pub mod programme;
pub mod questions;
pub mod word;

use askama::Template;
use axum::extract::State;
use axum::http::header;
use axum::response::{Html, IntoResponse, Response};
use scrutiny_domain::Dataset;
use scrutiny_domain::meetings::board::members_on;
use scrutiny_domain::meetings::meeting::{
    agenda, awaited, dispatch_by, exempt_reason, question_deadline,
};
use scrutiny_domain::meetings::minutes::{numbering_problems, open_actions};
use scrutiny_domain::meetings::questions::{GROUNDS, QuestionState};
use scrutiny_domain::meetings::{Attendance, Meeting};
use scrutiny_domain::period::long_date;

use crate::auth::{MaybeUser, User};
use crate::error::{AppError, PathOf, urlencode};
use crate::pages::Page;
use crate::roles::Action;
use crate::state::AppState;

pub struct Row {
    pub href: String,
    pub board: String,
    pub date: String,
    pub start: String,
    pub venue: String,
}

#[derive(Template)]
#[template(path = "meetings/list.html")]
struct ListPage {
    page: Page,
    rows: Vec<Row>,
}

/// The meeting with this code, or the page that says there is none.
fn meeting_of<'a>(data: &'a Dataset, code: &str) -> Result<&'a Meeting, AppError> {
    data.meetings
        .iter()
        .find(|m| m.code == code)
        .ok_or_else(|| AppError::NotFound(format!("There is no meeting '{code}'.")))
}

/// Whether an item's report may be shown to someone who may not read unpublished reports: a
/// report Scrutiny makes from a board's quarter (PBR, QMR, strategy, business plan, action
/// plan) only once that quarter is published, as on the reports pages; minutes, papers,
/// uploads and the complaints report (published by being put on the agenda) always. A report
/// whose quarter cannot be told is not shown.
pub(crate) fn report_public(
    data: &Dataset,
    quarters: &[scrutiny_store::QuarterRow],
    item: &scrutiny_domain::meetings::AgendaItem,
    today: chrono::NaiveDate,
) -> bool {
    use crate::pages::reports::catalogue::{
        action_plan_quarter, business_plan_quarter, published_on,
    };
    use scrutiny_domain::meetings::ReportKind;
    use scrutiny_domain::period::Period;
    let Some(r) = item.report() else {
        return true;
    };
    let quarter = |text: &str| Period::parse(text).ok();
    let board_of = |kind: ReportKind| {
        crate::pages::reports::download::board_of(data, kind.code(), &r.scope)
            .ok()
            .map(str::to_string)
    };
    let (board, period): (Option<String>, Option<Period>) = match r.kind {
        ReportKind::Pbr | ReportKind::Qmr | ReportKind::Strategy => {
            (board_of(r.kind), quarter(&r.period))
        }
        ReportKind::BusinessPlan => (
            Some(r.scope.clone()),
            r.first_year().map(business_plan_quarter),
        ),
        ReportKind::ActionPlan => (
            data.action_plans
                .iter()
                .find(|p| p.code == r.scope)
                .map(|p| p.board.clone()),
            r.as_at().ok().flatten().map(action_plan_quarter),
        ),
        _ => return true,
    };
    match (board, period) {
        (Some(b), Some(p)) => published_on(quarters, &b, p, today).is_some(),
        _ => false,
    }
}

fn board_name(data: &Dataset, code: &str) -> String {
    data.boards
        .iter()
        .find(|b| b.code == code)
        .map(|b| b.name.clone())
        .unwrap_or_else(|| code.to_string())
}

/// Every meeting, newest first.
pub async fn list(
    State(state): State<AppState>,
    MaybeUser(user): MaybeUser,
) -> Result<Html<String>, AppError> {
    let data = state.data().await?;
    let mut meetings: Vec<&Meeting> = data.meetings.iter().collect();
    meetings.sort_by(|a, b| b.date.cmp(&a.date).then(a.code.cmp(&b.code)));
    let page = ListPage {
        page: Page::new("Meetings", user.as_ref(), "/meetings"),
        rows: meetings
            .into_iter()
            .map(|m| Row {
                href: format!("/meetings/{}", urlencode(&m.code)),
                board: board_name(&data, &m.board),
                date: long_date(m.date),
                start: m.start.clone(),
                venue: m.venue.clone(),
            })
            .collect(),
    };
    Ok(Html(page.render()?))
}

pub struct Member {
    pub person: String,
    pub role: &'static str,
    pub party: String,
}

pub struct Item {
    /// The item's report on its own, where it has one and the reader may see it.
    pub report: Option<String>,
    /// For democratic services: where to upload the item's report as a Word document.
    pub upload: Option<String>,
    pub reference: String,
    /// The title, or for the public the exempt item's reason.
    pub title: String,
    pub owner: String,
}

/// One line of the minutes' front: "Present: …".
pub struct AttendanceLine {
    pub heading: &'static str,
    pub people: String,
}

pub struct MinuteView {
    /// The declarations of interest made on the item, printed before its minute.
    pub declared: Option<String>,
    pub number: String,
    pub heading: String,
    pub paragraphs: Vec<String>,
    pub resolved: Option<String>,
    /// Each action: what, and who.
    pub actions: Vec<(String, String)>,
}

/// A public question as the meeting's page shows it: to the public, an accepted one's text and
/// answer; to democratic services, every one with who asked and the decision form.
pub struct QuestionView {
    pub number: i64,
    pub text: String,
    pub answer: String,
    pub state: &'static str,
    /// Who asked, for democratic services only (empty otherwise).
    pub asker: String,
    pub ground: String,
}

pub struct ActionView {
    pub minute: String,
    pub action: String,
    pub owner: String,
    pub due: String,
}

#[derive(Template)]
#[template(path = "meetings/meeting.html")]
struct MeetingPage {
    page: Page,
    board: String,
    date: String,
    start: String,
    venue: String,
    contact: Option<String>,
    members: Vec<Member>,
    public_items: Vec<Item>,
    exempt_items: Vec<Item>,
    /// Whether the exempt items' titles are shown.
    sees_exempt: bool,
    dispatch: String,
    questions: String,
    next: Option<(String, String)>,
    attendance: Vec<AttendanceLine>,
    minutes: Vec<MinuteView>,
    /// Actions of earlier meetings still open: carried onto this agenda.
    carried: Vec<ActionView>,
    /// For democratic services: where the minute numbers do not run on.
    numbering: Vec<String>,
    /// For democratic services: the reports still awaited, as (item, officer).
    chase: Vec<(String, String)>,
    /// Whether the publication day has passed with reports still awaited.
    late: bool,
    /// The meeting's code for addresses.
    code: String,
    /// Whether the agenda has been published (the public sees the items only then).
    published: bool,
    /// Whether questions are still taken.
    asking_open: bool,
    public_questions: Vec<QuestionView>,
    keeps_meetings: bool,
    grounds: Vec<(usize, &'static str)>,
    /// The agenda packs this reader may download: (address, words).
    packs: Vec<(String, &'static str)>,
    /// Clear working days before the meeting its papers are published.
    clear_days: u32,
    /// Whether the minutes shown are a draft not yet published (members and officers only).
    minutes_draft: bool,
    /// For democratic services: what can be published now from this page.
    can_publish_agenda: bool,
    can_publish_minutes: bool,
    /// For democratic services: the work programme's reports planned for this meeting, with
    /// whether each is on the agenda yet.
    planned: Vec<(String, String, bool)>,
}

/// One meeting's agenda front sheet.
pub async fn show(
    State(state): State<AppState>,
    MaybeUser(user): MaybeUser,
    PathOf(code): PathOf<String>,
) -> Result<Html<String>, AppError> {
    let data = state.data().await?;
    let meeting = meeting_of(&data, &code)?;
    let sees_exempt = user
        .as_ref()
        .is_some_and(|u: &User| u.may(Action::ReadExemptItems));
    let keeps_meetings = user.as_ref().is_some_and(|u| u.may(Action::EditMeetings));
    // Until published, only those who prepare or sit at the meeting see its agenda.
    let agenda_shown = meeting.agenda_public(state.clock.today()) || sees_exempt || keeps_meetings;
    let items = if agenda_shown {
        agenda(&data.agenda_items, &meeting.code)
    } else {
        Vec::new()
    };
    let shown = |i: &&scrutiny_domain::meetings::AgendaItem| Item {
        report: (i.report.is_some() && (sees_exempt || !i.is_exempt())).then(|| {
            format!(
                "/meetings/{}/items/{}",
                urlencode(&meeting.code),
                urlencode(&i.item)
            )
        }),
        upload: (keeps_meetings
            && matches!(
                i.report,
                None | Some(scrutiny_domain::meetings::ReportKind::Uploaded)
            ))
        .then(|| {
            format!(
                "/meetings/{}/items/{}/word",
                urlencode(&meeting.code),
                urlencode(&i.item)
            )
        }),
        reference: i.reference(),
        title: match i.exempt_paragraph {
            Some(p) if !sees_exempt => format!(
                "Exempt item: paragraph {p} of Schedule 12A to the Local Government Act 1972 ({})",
                exempt_reason(p)
            ),
            Some(p) => format!("{} (exempt: paragraph {p} of Schedule 12A)", i.title),
            None => i.title.clone(),
        },
        owner: if sees_exempt || !i.is_exempt() {
            i.owner.clone().unwrap_or_default()
        } else {
            String::new()
        },
    };
    let dated = |d: Result<chrono::NaiveDate, _>| {
        d.map(long_date)
            .unwrap_or_else(|_| "beyond the bank holidays held".to_string())
    };
    let next = data
        .meetings
        .iter()
        .filter(|m| m.board == meeting.board && m.date > meeting.date)
        .min_by_key(|m| m.date)
        .map(|m| {
            (
                format!("/meetings/{}", urlencode(&m.code)),
                long_date(m.date),
            )
        });
    let held = state.store.questions(&meeting.code).await?;
    let questions = held
        .into_iter()
        .filter(|q| keeps_meetings || q.state == QuestionState::Accepted)
        .map(|q| QuestionView {
            number: q.number,
            text: q.text,
            answer: q.answer.unwrap_or_default(),
            state: q.state.code(),
            asker: if keeps_meetings {
                match &q.organisation {
                    Some(o) => format!("{} ({o}), {}", q.asker, q.email),
                    None => format!("{}, {}", q.asker, q.email),
                }
            } else {
                String::new()
            },
            ground: q.ground.unwrap_or_default(),
        })
        .collect();
    let asking_open = questions::asking_open(&state, meeting.date);
    let clear_days = data
        .boards
        .iter()
        .find(|b| b.code == meeting.board)
        .map_or(scrutiny_domain::meetings::meeting::CLEAR_DAYS, |b| {
            b.clear_days()
        });
    let page = MeetingPage {
        code: urlencode(&meeting.code),
        published: meeting.agenda_public(state.clock.today()),
        asking_open,
        public_questions: questions,
        keeps_meetings,
        grounds: GROUNDS.iter().copied().enumerate().collect(),
        clear_days,
        planned: if keeps_meetings {
            data.work_programme
                .iter()
                .filter(|i| i.meeting.as_deref() == Some(meeting.code.as_str()))
                .map(|i| {
                    let at = scrutiny_domain::meetings::programme::standing(
                        i,
                        &data.meetings,
                        &data.agenda_items,
                        state.clock.today(),
                    );
                    (
                        i.subject.clone(),
                        i.owner.clone().unwrap_or_default(),
                        matches!(
                            at,
                            scrutiny_domain::meetings::programme::Standing::OnAgenda(_)
                        ),
                    )
                })
                .collect()
        } else {
            Vec::new()
        },
        packs: {
            let code = urlencode(&meeting.code);
            let mut packs = Vec::new();
            if !items.is_empty() {
                packs.push((format!("/meetings/{code}/pack"), "Agenda pack (PDF)"));
            }
            if sees_exempt && items.iter().any(|i| i.is_exempt()) {
                packs.push((
                    format!("/meetings/{code}/members-pack"),
                    "Members' pack with Part II (PDF, not for publication)",
                ));
            }
            packs
        },
        page: Page::new(
            format!(
                "{} – {}",
                board_name(&data, &meeting.board),
                long_date(meeting.date)
            ),
            user.as_ref(),
            "/meetings",
        ),
        board: board_name(&data, &meeting.board),
        date: long_date(meeting.date),
        start: meeting.start.clone(),
        venue: meeting.venue.clone(),
        contact: meeting.contact.clone(),
        members: members_on(&data.memberships, &meeting.board, meeting.date)
            .into_iter()
            .map(|m| Member {
                person: m.person.clone(),
                role: m.role.shown(),
                party: m.party.clone().unwrap_or_default(),
            })
            .collect(),
        public_items: items.iter().filter(|i| !i.is_exempt()).map(shown).collect(),
        exempt_items: items.iter().filter(|i| i.is_exempt()).map(shown).collect(),
        sees_exempt,
        attendance: attendance(&data, &meeting.code),
        // Draft minutes are for members and officers; the public sees them once published.
        minutes: if meeting.minutes_public(state.clock.today()) || sees_exempt || keeps_meetings {
            minutes(&data, &meeting.code)
        } else {
            Vec::new()
        },
        minutes_draft: !meeting.minutes_public(state.clock.today()),
        can_publish_agenda: keeps_meetings && meeting.published.is_none() && !items.is_empty(),
        can_publish_minutes: keeps_meetings
            && meeting.minutes_published.is_none()
            && data.minutes.iter().any(|n| n.meeting == meeting.code),
        carried: open_actions(
            &data.minute_actions,
            &data.meetings,
            &meeting.board,
            meeting.date,
        )
        .into_iter()
        .map(|a| ActionView {
            minute: a.minute.clone(),
            action: a.action.clone(),
            owner: a.owner.clone(),
            due: a.due.map(long_date).unwrap_or_default(),
        })
        .collect(),
        chase: if keeps_meetings {
            awaited(&data.agenda_items, &meeting.code)
                .into_iter()
                .map(|i| (i.reference(), i.owner.clone().unwrap_or_default()))
                .collect()
        } else {
            Vec::new()
        },
        late: keeps_meetings
            && dispatch_by(&state.calendar, meeting.date, clear_days)
                .is_ok_and(|d| state.clock.today() > d)
            && !awaited(&data.agenda_items, &meeting.code).is_empty(),
        numbering: if keeps_meetings {
            let boards: Vec<&Meeting> = data
                .meetings
                .iter()
                .filter(|m| m.board == meeting.board)
                .collect();
            numbering_problems(&boards, &data.minutes)
        } else {
            Vec::new()
        },
        dispatch: dated(dispatch_by(&state.calendar, meeting.date, clear_days)),
        questions: dated(question_deadline(&state.calendar, meeting.date)),
        next,
    };
    Ok(Html(page.render()?))
}

/// The minutes' front lines, each with its people in order; a line with nobody says "None", as
/// the minutes do for absence on council business.
fn attendance(data: &Dataset, meeting: &str) -> Vec<AttendanceLine> {
    let mut here: Vec<_> = data
        .attendance
        .iter()
        .filter(|a| a.meeting == meeting)
        .collect();
    if here.is_empty() {
        return Vec::new();
    }
    here.sort_by_key(|a| (a.attendance, a.position));
    Attendance::ALL
        .into_iter()
        .filter(|kind| {
            *kind != Attendance::InAttendance || here.iter().any(|a| a.attendance == *kind)
        })
        .map(|kind| {
            let people: Vec<&str> = here
                .iter()
                .filter(|a| a.attendance == kind)
                .map(|a| a.person.as_str())
                .collect();
            AttendanceLine {
                heading: kind.heading(),
                people: if people.is_empty() {
                    "None".into()
                } else {
                    people.join(", ")
                },
            }
        })
        .collect()
}

/// A meeting's minutes in number order, each with its actions.
fn minutes(data: &Dataset, meeting: &str) -> Vec<MinuteView> {
    let mut here: Vec<_> = data
        .minutes
        .iter()
        .filter(|m| m.meeting == meeting)
        .collect();
    here.sort_by_key(|m| m.split().map(|(_, n)| n));
    here.into_iter()
        .map(|m| {
            let mut actions: Vec<_> = data
                .minute_actions
                .iter()
                .filter(|a| a.meeting == meeting && a.minute == m.number)
                .collect();
            actions.sort_by_key(|a| a.position);
            MinuteView {
                declared: scrutiny_domain::meetings::declarations::declaration_note(
                    &data.declarations,
                    meeting,
                    &m.number,
                ),
                number: m.number.clone(),
                heading: m.heading.clone(),
                paragraphs: m
                    .text
                    .split("\n\n")
                    .map(str::trim)
                    .filter(|p| !p.is_empty())
                    .map(str::to_string)
                    .collect(),
                resolved: m.resolved.clone(),
                actions: actions
                    .into_iter()
                    .map(|a| (a.action.clone(), a.owner.clone()))
                    .collect(),
            }
        })
        .collect()
}

/// Every meeting as an iCalendar feed (`/meetings.ics`), for councillors' and the public's
/// calendars.
pub async fn ical(State(state): State<AppState>) -> Result<Response, AppError> {
    use icalendar::{Calendar, Component, Event, EventLike};
    let data = state.data().await?;
    let mut calendar = Calendar::new();
    calendar.name("Board meetings");
    for m in &data.meetings {
        let mut event = Event::new();
        event
            .uid(&format!("{}@scrutiny", m.code))
            .timestamp(state.clock.now())
            .summary(&board_name(&data, &m.board))
            .location(&m.venue)
            .description(&format!("Agenda: /meetings/{}", urlencode(&m.code)));
        // The time as printed, read where it can be; otherwise the day alone.
        match m
            .start_time()
            .and_then(|(h, min)| m.date.and_hms_opt(h, min, 0))
        {
            Some(at) => event.starts(at),
            None => event.all_day(m.date),
        };
        calendar.push(event.done());
    }
    Ok((
        [(header::CONTENT_TYPE, "text/calendar; charset=utf-8")],
        calendar.done().to_string(),
    )
        .into_response())
}

/// Democratic services publish a meeting's agenda or its minutes today, from its page: the
/// public sees them from then, and the alerts follow.
pub async fn publish(
    State(state): State<AppState>,
    user: User,
    PathOf(code): PathOf<String>,
    axum::Form(fields): axum::Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    use scrutiny_store::Publishing;
    user.require(Action::EditMeetings)?;
    let form: std::collections::HashMap<String, String> = fields.into_iter().collect();
    user.check_csrf(form.get("csrf").map(String::as_str))?;
    let what = match form.get("what").map(String::as_str) {
        Some("agenda") => Publishing::Agenda,
        Some("minutes") => Publishing::Minutes,
        _ => {
            return Err(AppError::Invalid(
                "Choose the agenda or the minutes to publish".into(),
            ));
        }
    };
    let data = state.data().await?;
    meeting_of(&data, &code)?;
    state
        .store
        .publish_meeting(
            &code,
            what,
            state.clock.today(),
            &user.username,
            &state.clock.stamp(),
        )
        .await?;
    Ok(axum::response::Redirect::to(&format!("/meetings/{}", urlencode(&code))).into_response())
}
