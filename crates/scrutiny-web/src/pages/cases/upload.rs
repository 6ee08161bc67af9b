//! A case return uploaded in the browser: the Annex A lists (CSV files or the workbook), a CIN
//! census file, or an SSDA903 return's CSV tables, or both returns at once. The files are read
//! on a worker while the job's page shows each file's progress (kept up to date by a script, or a link); every
//! indicator that declares a measure gets the period's figure, with its source and the
//! pseudonymised records behind it, in one transaction — or, on any problem, nothing is stored
//! and every problem is listed.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use askama::Template;
use axum::extract::{Multipart, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use scrutiny_domain::cases::declared::{Asked, Declared, declared_figures, period_of};
use scrutiny_import::annex_a_mapping::Mapping;

use crate::auth::User;
use crate::error::{AppError, PathOf};
use crate::jobs::{Job, Stage, progress, update};
use crate::pages::upload::{Received, receive_files};
use crate::pages::{FieldError, Page};
use crate::roles::Action;
use crate::state::AppState;

#[derive(Template)]
#[template(path = "cases/upload.html")]
struct UploadPage {
    page: Page,
    errors: Vec<FieldError>,
    period: String,
    population: String,
    window: String,
}

/// What was typed into the form's fields, to show again with its errors.
#[derive(Default)]
struct Entered {
    period: String,
    population: String,
    window: String,
}

impl UploadPage {
    /// The first error against a field, for the message beside it.
    fn error_for(&self, id: &str) -> Option<&str> {
        self.errors
            .iter()
            .find(|e| e.id == id)
            .map(|e| e.message.as_str())
    }
}

fn form(
    user: &User,
    errors: Vec<(String, String)>,
    entered: Entered,
) -> Result<Response, AppError> {
    let status = super::super::form_status(!errors.is_empty());
    // The summary lists the problems in the order of the fields.
    let mut errors = errors;
    errors.sort_by_key(|(id, _)| {
        ["files", "period", "population", "window"]
            .iter()
            .position(|f| f == id)
    });
    let page = UploadPage {
        page: Page::new("Upload a case return", Some(user), "/cases/upload")
            .with_error(!errors.is_empty()),
        errors: errors
            .into_iter()
            .map(|(id, message)| FieldError { id, message })
            .collect(),
        period: entered.period,
        population: entered.population,
        window: entered.window,
    };
    Ok((status, Html(page.render()?)).into_response())
}

pub async fn show(user: User) -> Result<Response, AppError> {
    user.require(Action::ImportCaseData)?;
    form(
        &user,
        Vec::new(),
        Entered {
            window: DEFAULT_WINDOW.to_string(),
            ..Entered::default()
        },
    )
}

/// Where the returns are in the upload's folder: the front door's (a workbook, a census file or
/// the folder of CSV lists) and the 903's tables, moved into a folder of their own.
fn arrange(received: &Received) -> Result<(Option<PathBuf>, Option<PathBuf>), String> {
    let dir = received.dir.path();
    let (care, front): (Vec<&String>, Vec<&String>) = received
        .names
        .iter()
        .partition(|n| scrutiny_import::ssda903::is_ssda903_table(n));
    let care_dir = if care.is_empty() {
        None
    } else {
        let folder = dir.join("ssda903");
        std::fs::create_dir(&folder).map_err(|e| e.to_string())?;
        for name in &care {
            std::fs::rename(dir.join(name), folder.join(name)).map_err(|e| e.to_string())?;
        }
        Some(folder)
    };
    let single = |n: &String, ends: &[&str]| {
        let n = n.to_ascii_lowercase();
        ends.iter().any(|x| n.ends_with(x))
    };
    let front_path = match front.as_slice() {
        [] => None,
        [one] if single(one, &[".xlsx", ".xml"]) => Some(dir.join(one)),
        many if many.iter().any(|n| single(n, &[".xlsx", ".xml"])) => {
            return Err(
                "Upload the Annex A workbook or the CIN census file on its own (a 903 return's CSV tables may go with it), or the Annex A lists as CSV files"
                    .into(),
            );
        }
        _ => Some(dir.to_path_buf()),
    };
    Ok((front_path, care_dir))
}

/// Receives the files and the period, checks what can be checked at once, and starts the job.
pub async fn receive(
    State(state): State<AppState>,
    user: User,
    multipart: Multipart,
) -> Result<Response, AppError> {
    user.require(Action::ImportCaseData)?;
    let received = receive_files(multipart).await?;
    user.check_csrf(received.csrf.as_deref())?;
    let field = |k: &str| {
        received
            .fields
            .get(k)
            .map(|v| v.trim().to_string())
            .unwrap_or_default()
    };
    let (period_text, population_text, window_text) =
        (field("period"), field("population"), field("window"));
    let mut errors = Vec::new();
    let period = if period_text.is_empty() {
        errors.push((
            "period".into(),
            "Enter the period, such as 2023/24 or 2023/24 Q2".into(),
        ));
        None
    } else {
        match period_of(&period_text) {
            Ok(p) => Some(p),
            Err(e) => {
                errors.push(("period".into(), e));
                None
            }
        }
    };
    let population = match population_text.replace(',', "").parse::<u64>() {
        _ if population_text.is_empty() => None,
        Ok(n) if n > 0 => Some(n),
        _ => {
            errors.push((
                "population".into(),
                "Enter the population aged 0 to 17 as a whole number, such as 34500, or leave it blank".into(),
            ));
            None
        }
    };
    // Blank is the usual one day, as on the command line.
    let window = match window_text.parse::<u64>() {
        _ if window_text.is_empty() => Some(DEFAULT_WINDOW),
        Ok(n) if n <= MAX_WINDOW => Some(n),
        _ => {
            errors.push((
                "window".into(),
                format!("Enter the days after a contact within which a referral counts as the contact's, a whole number from 0 to {MAX_WINDOW}, such as 1"),
            ));
            None
        }
    };
    let arranged = if received.names.is_empty() {
        errors.push((
            "files".into(),
            "Choose the return's files: the Annex A lists, the workbook, the CIN census file or the 903 tables".into(),
        ));
        None
    } else {
        match arrange(&received) {
            Ok(a) => Some(a),
            Err(e) => {
                errors.push(("files".into(), e));
                None
            }
        }
    };
    let held = state.data().await?;
    if held.indicator_measures.is_empty() {
        errors.push((
            "files".into(),
            "No indicator declares a measure yet: add an indicator_measures table (Upload) naming the measure each indicator takes".into(),
        ));
    }
    let entered = Entered {
        period: period_text.clone(),
        population: population_text,
        window: window_text,
    };
    let (Some((year, quarter, range)), Some((front, care)), Some(contact_window)) =
        (period, arranged, window)
    else {
        return form(&user, errors, entered);
    };
    if !errors.is_empty() {
        return form(&user, errors, entered);
    }
    let title = format!("Case return for {period_text}");
    let (id, job) = state.jobs.start(&user.username, &title);
    state
        .store
        .job_started(&id, &user.username, &title, &state.clock.stamp())
        .await?;
    let work = Work {
        received,
        front,
        care,
        year,
        quarter,
        range,
        population,
        contact_window,
        period: period_text,
        actor: user.username.clone(),
    };
    tokio::spawn(run(state.clone(), id.clone(), job, work));
    Ok(Redirect::to(&format!("/cases/upload/{id}")).into_response())
}

/// What a job needs once the request has gone.
struct Work {
    /// Kept until the job ends: dropping it removes the files.
    received: Received,
    front: Option<PathBuf>,
    care: Option<PathBuf>,
    year: scrutiny_domain::FinancialYear,
    quarter: Option<scrutiny_domain::Quarter>,
    range: scrutiny_domain::cases::DateRange,
    population: Option<u64>,
    /// Days after a contact within which a referral of the same child counts as the contact's.
    contact_window: u64,
    period: String,
    actor: String,
}

/// The contact window when none is given, as on the command line; and the longest taken.
const DEFAULT_WINDOW: u64 = 1;
const MAX_WINDOW: u64 = 90;

fn name_of(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

async fn run(state: AppState, id: String, job: Arc<Mutex<Job>>, work: Work) {
    let stage = match compute_and_store(&state, &job, &work).await {
        Ok(stage) => stage,
        Err(problems) => Stage::Failed(problems),
    };
    // Kept before it is shown, so the page reads the same here and on any other server.
    let kept = serde_json::to_string(&stage).map_err(|e| e.to_string());
    let saved = match kept {
        Ok(json) => state
            .store
            .job_finished(&id, &json, &state.clock.stamp())
            .await
            .map_err(|e| e.to_string()),
        Err(e) => Err(e),
    };
    if let Err(e) = saved {
        eprintln!("case upload {id}: its result could not be kept: {e}");
    }
    update(&job, |j| j.stage = stage);
    drop(work.received);
}

async fn compute_and_store(
    state: &AppState,
    job: &Arc<Mutex<Job>>,
    work: &Work,
) -> Result<Stage, Vec<String>> {
    let internal = |e: &dyn std::fmt::Display| vec![format!("Nothing was stored: {e}")];
    let held = state.data().await.map_err(|e| internal(&e))?;
    let key = state
        .store
        .pseudonym_key(&crate::auth::random_token())
        .await
        .map_err(|e| internal(&e))?;
    let (front, care) = (work.front.clone(), work.care.clone());
    let reading = job.clone();
    // Reading and computing are CPU work: off the request threads.
    let returns = tokio::task::spawn_blocking(move || {
        let mapping = Mapping::from_env().map_err(|e| vec![e])?;
        let told = |p: &scrutiny_import::cases::Progress| {
            let percent = (p.read * 100).checked_div(p.size).unwrap_or(100);
            progress(&reading, &p.file, percent, p.rows);
        };
        let path = front
            .as_deref()
            .or(care.as_deref())
            .unwrap_or(Path::new("."));
        let ssda903 = if front.is_some() {
            care.as_deref()
        } else {
            None
        };
        scrutiny_import::cases::read_returns(path, ssda903, &mapping, &told).map_err(|errors| {
            let mut lines = vec![format!(
                "Nothing was stored: {} problem(s) in the files to fix",
                errors.0.len()
            )];
            lines.extend(errors.0.iter().take(100).map(|e| e.to_string()));
            lines
        })
    })
    .await
    .map_err(|e| internal(&e))??;
    update(job, |j| j.stage = Stage::Computing);
    let front_name = work.front.as_deref().map(name_of).unwrap_or_default();
    let care_name = if work.care.is_some() {
        "(903 tables)".to_string()
    } else {
        String::new()
    };
    let front_label = if work.front.as_deref() == Some(work.received.dir.path()) {
        "(Annex A lists)".to_string()
    } else {
        front_name
    };
    let asked_calendar = state.calendar.clone();
    let (year, quarter, range, population, contact_window) = (
        work.year,
        work.quarter,
        work.range,
        work.population,
        work.contact_window,
    );
    let computed_on = state.clock.today();
    let measures = held.indicator_measures.clone();
    let (fl, cl) = (front_label.clone(), care_name.clone());
    let (returns, declared) = tokio::task::spawn_blocking(move || {
        let asked = Asked {
            year,
            quarter,
            range,
            calendar: &asked_calendar,
            contact_window,
            key: key.as_bytes(),
            computed_on,
        };
        let declared = declared_figures(&measures, &returns.prepared(population), &asked, &|m| {
            if m.is_care() { cl.clone() } else { fl.clone() }
        })
        .map_err(|e| vec![format!("Nothing was stored: {e}")]);
        (returns, declared)
    })
    .await
    .map_err(|e| internal(&e))?;
    let Declared {
        data,
        records,
        outcomes,
    } = declared?;
    update(job, |j| j.stage = Stage::Storing);
    let source = format!(
        "{} uploaded in the browser",
        returns.source(&front_label, &care_name)
    );
    let summary = state
        .store
        .apply_computed(&data, &records, &work.actor, &state.clock.stamp(), &source)
        .await
        .map_err(|e| internal(&e))?;
    let kept: usize = records.iter().map(|r| r.lines.len()).sum();
    Ok(Stage::Done {
        said: format!(
            "Stored {} figure(s) for {}: {} changed; {kept} record(s) kept behind them as pseudonyms.",
            data.values.len(),
            work.period,
            summary.total_changed()
        ),
        outcomes: outcomes
            .iter()
            .map(|o| (o.indicator.clone(), o.measure.label(1), o.said()))
            .collect(),
    })
}

pub struct Outcome {
    pub indicator: String,
    pub href: String,
    pub measure: String,
    pub figure: String,
}

#[derive(Template)]
#[template(path = "cases/job.html")]
struct JobPage {
    page: Page,
    /// The job's id, for the page's own address.
    id: String,
    job: Job,
    outcomes: Vec<Outcome>,
}

/// The job's page: progress while it runs (kept up to date by `static/job-progress.js`, or by
/// its "check progress" link without scripts), then what was stored or every problem. Only its
/// owner sees it.
pub async fn job(
    State(state): State<AppState>,
    user: User,
    PathOf(id): PathOf<String>,
) -> Result<Html<String>, AppError> {
    user.require(Action::ImportCaseData)?;
    let missing = || AppError::NotFound("There is no such upload.".into());
    let job = match state.jobs.get(&id, &user.username) {
        Some(job) => job,
        // Not running here: as the database keeps it, if it is this person's.
        None => state
            .store
            .job(&id)
            .await?
            .filter(|k| k.owner == user.username)
            .map(Job::kept)
            .ok_or_else(missing)?,
    };
    let outcomes = match &job.stage {
        Stage::Done { outcomes, .. } => outcomes
            .iter()
            .map(|(indicator, measure, figure)| Outcome {
                href: format!("/indicators/{}", crate::error::urlencode(indicator)),
                indicator: indicator.clone(),
                measure: measure.clone(),
                figure: figure.clone(),
            })
            .collect(),
        _ => Vec::new(),
    };
    let page = JobPage {
        page: Page::new(job.title.clone(), Some(&user), "/cases/upload")
            .with_error(matches!(job.stage, Stage::Failed(_))),
        id: crate::error::urlencode(&id),
        job,
        outcomes,
    };
    Ok(Html(page.render()?))
}
