//! The meetings as an OParl 1.1-shaped JSON API (`/oparl/v1/…`), the open standard councils'
//! meeting systems publish for anyone to read: the System, the council as its one Body, each
//! board as an Organization, its members as Persons with their Memberships, and the Meetings
//! with their AgendaItems embedded, and each published Part I item's report as a Paper whose
//! main File is the report's PDF and whose Consultation is the item. Lists are paged
//! (`?page=`). Public, like the meeting pages: a Part II item is named by its exempt paragraph,
//! never its title, and has no Paper.

use axum::Json;
use axum::extract::State;
use axum::http::HeaderMap;
use serde::Deserialize;
use serde_json::{Value, json};

use scrutiny_domain::Dataset;
use scrutiny_domain::meetings::meeting::{agenda, exempt_reason, uk_offset_hours};
use scrutiny_domain::meetings::{AgendaItem, Meeting, Membership};

use crate::error::{ApiError, ApiPath, ApiQuery, AppError, urlencode};
use crate::state::AppState;

const VERSION: &str = "https://schema.oparl.org/1.1/";
/// Objects per page of a list.
const PER_PAGE: usize = 100;

fn kind(name: &str) -> String {
    format!("{VERSION}{name}")
}

/// The API's root address, from the request (the council's own host name, as it was asked).
fn root(state: &AppState, headers: &HeaderMap) -> String {
    let host = headers
        .get(axum::http::header::HOST)
        .and_then(|h| h.to_str().ok())
        .filter(|h| {
            h.chars()
                .all(|c| c.is_ascii_alphanumeric() || ".-:[]".contains(c))
        })
        .unwrap_or("localhost");
    let scheme = if state.config.secure_cookies {
        "https"
    } else {
        "http"
    };
    format!("{scheme}://{host}/oparl/v1")
}

/// A person's identifier: the name as letters and digits, lower case, words joined by hyphens.
fn person_id(name: &str) -> String {
    name.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join("-")
}

#[derive(Deserialize)]
pub struct Paging {
    page: Option<usize>,
}

/// One page of a list, with OParl's `pagination` and `links`.
fn paged(url: &str, items: Vec<Value>, paging: &Paging) -> Value {
    let total = items.len();
    let pages = total.div_ceil(PER_PAGE).max(1);
    let page = paging.page.unwrap_or(1).clamp(1, pages);
    let data: Vec<Value> = items
        .into_iter()
        .skip((page - 1) * PER_PAGE)
        .take(PER_PAGE)
        .collect();
    let link = |p: usize| format!("{url}?page={p}");
    let mut links = json!({ "first": link(1), "last": link(pages) });
    if page > 1 {
        links["prev"] = json!(link(page - 1));
    }
    if page < pages {
        links["next"] = json!(link(page + 1));
    }
    json!({
        "data": data,
        "pagination": {
            "totalElements": total,
            "elementsPerPage": PER_PAGE,
            "currentPage": page,
            "totalPages": pages,
        },
        "links": links,
    })
}

fn council(data: &Dataset) -> String {
    data.boards
        .iter()
        .find_map(|b| b.council.clone())
        .unwrap_or_else(|| "The council".into())
}

fn body(root: &str, data: &Dataset) -> Value {
    let b = format!("{root}/body/council");
    json!({
        "id": b,
        "type": kind("Body"),
        "system": format!("{root}/system"),
        "name": council(data),
        "organization": format!("{b}/organizations"),
        "person": format!("{b}/people"),
        "meeting": format!("{b}/meetings"),
        "paper": format!("{b}/papers"),
        "membership": format!("{b}/memberships"),
        "agendaItem": format!("{b}/agenda-items"),
        "consultation": format!("{b}/consultations"),
        "file": format!("{b}/files"),
        "legislativeTerm": [],
        "web": "/meetings",
    })
}

fn membership(root: &str, m: &Membership) -> Value {
    json!({
        "id": format!("{root}/membership/{}/{}/{}", urlencode(&m.board), person_id(&m.person), m.starts),
        "type": kind("Membership"),
        "person": format!("{root}/person/{}", person_id(&m.person)),
        "organization": format!("{root}/organization/{}", urlencode(&m.board)),
        "role": if m.role.shown().is_empty() { "Member" } else { m.role.shown() },
        "votingRight": !matches!(m.role, scrutiny_domain::meetings::MemberRole::CoOptee),
        "startDate": m.starts,
        "endDate": m.ends,
        "onBehalfOf": m.party,
    })
}

fn organization(root: &str, data: &Dataset, code: &str) -> Value {
    let name = data
        .boards
        .iter()
        .find(|b| b.code == code)
        .map_or(code.to_string(), |b| b.name.clone());
    json!({
        "id": format!("{root}/organization/{}", urlencode(code)),
        "type": kind("Organization"),
        "body": format!("{root}/body/council"),
        "name": name,
        "organizationType": "Gremium",
        "classification": "Board",
        "membership": data.memberships.iter().filter(|m| m.board == code).map(|m| membership(root, m)["id"].clone()).collect::<Vec<_>>(),
        "meeting": data.meetings.iter().filter(|m| m.board == code).map(|m| format!("{root}/meeting/{}", urlencode(&m.code))).collect::<Vec<_>>(),
    })
}

/// What the API may show on a day: agendas published by then, and reports of quarters
/// published by then.
struct At {
    today: chrono::NaiveDate,
    quarters: Vec<scrutiny_store::QuarterRow>,
}

impl At {
    async fn now(state: &AppState) -> Result<At, AppError> {
        Ok(At {
            today: state.clock.today(),
            quarters: state.store.quarters().await?,
        })
    }
}

fn meeting(root: &str, data: &Dataset, m: &Meeting, at: &At) -> Value {
    let today = at.today;
    let id = format!("{root}/meeting/{}", urlencode(&m.code));
    let (h, min) = m.start_time().unwrap_or((0, 0));
    let start = format!(
        "{}T{h:02}:{min:02}:00+{:02}:00",
        m.date,
        uk_offset_hours(m.date)
    );
    // The items are public once the agenda is published.
    let listed = if m.agenda_public(today) {
        agenda(&data.agenda_items, &m.code)
    } else {
        Vec::new()
    };
    let items: Vec<Value> = listed
        .into_iter()
        .enumerate()
        .map(|(order, i)| {
            let name = match i.exempt_paragraph {
                Some(p) => format!(
                    "Exempt item: paragraph {p} of Schedule 12A to the Local Government Act 1972 ({})",
                    exempt_reason(p)
                ),
                None => i.title.clone(),
            };
            let mut item = json!({
                "id": format!("{root}/agenda-item/{}/{}", urlencode(&m.code), urlencode(&i.item)),
                "type": kind("AgendaItem"),
                "meeting": id,
                "number": i.reference(),
                "order": order + 1,
                "name": name,
                "public": !i.is_exempt(),
            });
            if has_paper(data, at, i) {
                item["consultation"] = json!(item_id(root, "consultation", i));
            }
            item
        })
        .collect();
    let participants: Vec<String> = data
        .attendance
        .iter()
        .filter(|a| {
            a.meeting == m.code && a.attendance == scrutiny_domain::meetings::Attendance::Present
        })
        .map(|a| format!("{root}/person/{}", person_id(&a.person)))
        .collect();
    json!({
        "id": id,
        "type": kind("Meeting"),
        "name": format!("{} – {}", data.boards.iter().find(|b| b.code == m.board).map_or(m.board.as_str(), |b| b.name.as_str()), scrutiny_domain::period::long_date(m.date)),
        "meetingState": if data.minutes.iter().any(|x| x.meeting == m.code) { "held" } else { "scheduled" },
        "cancelled": false,
        "start": start,
        "location": { "id": format!("{id}/location"), "type": kind("Location"), "description": m.venue },
        "organization": [format!("{root}/organization/{}", urlencode(&m.board))],
        "participant": participants,
        "agendaItem": items,
        "web": format!("/meetings/{}", urlencode(&m.code)),
    })
}

/// Whether an item's report is published as a Paper: a Part I item with a report, a monitoring
/// report only once its quarter is published.
fn has_paper(data: &Dataset, at: &At, i: &AgendaItem) -> bool {
    i.report.is_some() && !i.is_exempt() && super::report_public(data, &at.quarters, i, at.today)
}

/// The address of one of an item's objects: `{root}/paper/CYPF-2018-11-12/5a`.
fn item_id(root: &str, what: &str, i: &AgendaItem) -> String {
    format!(
        "{root}/{what}/{}/{}",
        urlencode(&i.meeting),
        urlencode(&i.item)
    )
}

/// Each published Part I item's report as a Paper, its File and its Consultation embedded, as
/// OParl 1.1 lists them; meetings in date order, items in agenda order.
fn papers(root: &str, data: &Dataset, at: &At) -> Vec<Value> {
    let today = at.today;
    let site = root.trim_end_matches("/oparl/v1");
    let mut meetings: Vec<&Meeting> = data
        .meetings
        .iter()
        .filter(|m| m.agenda_public(today))
        .collect();
    meetings.sort_by_key(|m| m.date);
    let mut out = Vec::new();
    for m in meetings {
        for i in agenda(&data.agenda_items, &m.code)
            .into_iter()
            .filter(|i| has_paper(data, at, i))
        {
            let date = m.published.unwrap_or(m.date);
            let paper = item_id(root, "paper", i);
            let download = format!(
                "{site}/meetings/{}/items/{}",
                urlencode(&m.code),
                urlencode(&i.item)
            );
            let file = json!({
                "id": item_id(root, "file", i),
                "type": kind("File"),
                "name": i.title,
                "fileName": format!("{}-item-{}.pdf", scrutiny_report::slug(&m.code), scrutiny_report::slug(&i.item)),
                "mimeType": "application/pdf",
                "date": date,
                "accessUrl": download,
                "downloadUrl": download,
                "paper": [paper],
                "agendaItem": [item_id(root, "agenda-item", i)],
            });
            let consultation = json!({
                "id": item_id(root, "consultation", i),
                "type": kind("Consultation"),
                "paper": paper,
                "agendaItem": item_id(root, "agenda-item", i),
                "meeting": format!("{root}/meeting/{}", urlencode(&m.code)),
                "organization": [format!("{root}/organization/{}", urlencode(&m.board))],
                "authoritative": false,
                "role": "For the board's consideration",
            });
            out.push(json!({
                "id": paper,
                "type": kind("Paper"),
                "body": format!("{root}/body/council"),
                "name": i.title,
                "reference": format!("{} item {}", m.code, i.reference()),
                "date": date,
                "paperType": "Report",
                "mainFile": file,
                "consultation": [consultation],
                "web": format!("/meetings/{}", urlencode(&m.code)),
            }));
        }
    }
    out
}

/// The papers' embedded objects of one kind (`mainFile`, `consultation`).
fn embedded(papers: &[Value], field: &str) -> Vec<Value> {
    papers
        .iter()
        .flat_map(|p| match &p[field] {
            Value::Array(a) => a.clone(),
            other => vec![other.clone()],
        })
        .collect()
}

fn people(root: &str, data: &Dataset) -> Vec<Value> {
    let mut names: Vec<&str> = data.memberships.iter().map(|m| m.person.as_str()).collect();
    names.sort_unstable();
    names.dedup();
    names
        .into_iter()
        .map(|name| {
            json!({
                "id": format!("{root}/person/{}", person_id(name)),
                "type": kind("Person"),
                "body": format!("{root}/body/council"),
                "name": name,
                "membership": data.memberships.iter().filter(|m| m.person == name).map(|m| membership(root, m)).collect::<Vec<_>>(),
            })
        })
        .collect()
}

/// `/oparl/v1/system`: where to start.
pub async fn system(State(state): State<AppState>, headers: HeaderMap) -> Json<Value> {
    let root = root(&state, &headers);
    Json(json!({
        "id": format!("{root}/system"),
        "type": kind("System"),
        "oparlVersion": VERSION,
        "name": "Scrutiny",
        "body": format!("{root}/bodies"),
        "website": "/meetings",
    }))
}

/// The lists and objects under `/oparl/v1/`, by name.
pub async fn list(
    State(state): State<AppState>,
    headers: HeaderMap,
    ApiPath(what): ApiPath<String>,
    ApiQuery(paging): ApiQuery<Paging>,
) -> Result<Json<Value>, ApiError> {
    let data = state.data().await?;
    let root = root(&state, &headers);
    let url = format!("{root}/{what}");
    let items: Vec<Value> = match what.as_str() {
        "bodies" => vec![body(&root, &data)],
        _ => return Err(AppError::NotFound(format!("there is no OParl list '{what}'")).into()),
    };
    Ok(Json(paged(&url, items, &paging)))
}

/// A body's lists: `/oparl/v1/body/council/{list}`.
pub async fn body_list(
    State(state): State<AppState>,
    headers: HeaderMap,
    ApiPath((body_id, what)): ApiPath<(String, String)>,
    ApiQuery(paging): ApiQuery<Paging>,
) -> Result<Json<Value>, ApiError> {
    if body_id != "council" {
        return Err(AppError::NotFound(format!("there is no body '{body_id}'")).into());
    }
    let data = state.data().await?;
    let root = root(&state, &headers);
    let at = At::now(&state).await?;
    let url = format!("{root}/body/council/{what}");
    let mut boards: Vec<&str> = data.boards.iter().map(|b| b.code.as_str()).collect();
    boards.sort_unstable();
    let items: Vec<Value> = match what.as_str() {
        "organizations" => boards
            .iter()
            .map(|b| organization(&root, &data, b))
            .collect(),
        "people" => people(&root, &data),
        "memberships" => data
            .memberships
            .iter()
            .map(|m| membership(&root, m))
            .collect(),
        "meetings" => {
            let mut all: Vec<&Meeting> = data.meetings.iter().collect();
            all.sort_by_key(|m| m.date);
            all.into_iter()
                .map(|m| meeting(&root, &data, m, &at))
                .collect()
        }
        "agenda-items" => data
            .meetings
            .iter()
            .flat_map(|m| {
                meeting(&root, &data, m, &at)["agendaItem"]
                    .as_array()
                    .cloned()
                    .unwrap_or_default()
            })
            .collect(),
        "papers" => papers(&root, &data, &at),
        "files" => embedded(&papers(&root, &data, &at), "mainFile"),
        "consultations" => embedded(&papers(&root, &data, &at), "consultation"),
        _ => return Err(AppError::NotFound(format!("there is no OParl list '{what}'")).into()),
    };
    Ok(Json(paged(&url, items, &paging)))
}

/// One object: `/oparl/v1/{kind}/{id}` (body, organization, person, meeting).
pub async fn object(
    State(state): State<AppState>,
    headers: HeaderMap,
    ApiPath((what, id)): ApiPath<(String, String)>,
) -> Result<Json<Value>, ApiError> {
    let data = state.data().await?;
    let root = root(&state, &headers);
    let at = At::now(&state).await?;
    let missing = || ApiError(AppError::NotFound(format!("there is no {what} '{id}'")));
    let found = match what.as_str() {
        "body" if id == "council" => body(&root, &data),
        "organization" if data.boards.iter().any(|b| b.code == id) => {
            organization(&root, &data, &id)
        }
        "person" => people(&root, &data)
            .into_iter()
            .find(|p| {
                p["id"]
                    .as_str()
                    .is_some_and(|i| i.ends_with(&format!("/person/{id}")))
            })
            .ok_or_else(missing)?,
        "meeting" => data
            .meetings
            .iter()
            .find(|m| m.code == id)
            .map(|m| meeting(&root, &data, m, &at))
            .ok_or_else(missing)?,
        _ => return Err(missing()),
    };
    Ok(Json(found))
}

/// An object of an agenda item: `/oparl/v1/{kind}/{meeting}/{item}` (agenda-item, paper, file,
/// consultation).
pub async fn item_object(
    State(state): State<AppState>,
    headers: HeaderMap,
    ApiPath((what, meeting_code, item)): ApiPath<(String, String, String)>,
) -> Result<Json<Value>, ApiError> {
    let data = state.data().await?;
    let root = root(&state, &headers);
    let at = At::now(&state).await?;

    let id = format!(
        "{root}/{what}/{}/{}",
        urlencode(&meeting_code),
        urlencode(&item)
    );
    let all = match what.as_str() {
        "paper" => papers(&root, &data, &at),
        "file" => embedded(&papers(&root, &data, &at), "mainFile"),
        "consultation" => embedded(&papers(&root, &data, &at), "consultation"),
        "agenda-item" => data
            .meetings
            .iter()
            .filter(|m| m.code == meeting_code)
            .flat_map(|m| {
                meeting(&root, &data, m, &at)["agendaItem"]
                    .as_array()
                    .cloned()
                    .unwrap_or_default()
            })
            .collect(),
        _ => Vec::new(),
    };
    all.into_iter()
        .find(|o| o["id"] == id)
        .map(Json)
        .ok_or_else(|| {
            ApiError(AppError::NotFound(format!(
                "there is no {what} '{meeting_code}/{item}'"
            )))
        })
}
