//! Uploading the same CSV and Excel files the command line imports, with the same checks and
//! messages, all or nothing. Finance officers may upload budget lines only, for their department;
//! the complaints manager uploads complaints records (cases, compliments, lists, settings…).

use askama::Template;
use axum::extract::{Multipart, State};
use axum::response::{Html, IntoResponse, Response};
use scrutiny_domain::Dataset;

use super::Page;
use crate::auth::User;
use crate::error::AppError;
use crate::roles::Action;
use crate::state::AppState;

#[derive(Template)]
#[template(path = "upload.html")]
struct UploadPage {
    page: Page,
    budget_only: bool,
    /// The complaints records' upload rather than the performance figures'.
    complaints: bool,
    errors: Vec<String>,
    done: Option<String>,
}

fn may_upload(user: &User) -> Result<bool, AppError> {
    if user.may(Action::ImportFramework) {
        Ok(false)
    } else if user.may(Action::EditBudget(user.department.as_deref())) {
        Ok(true)
    } else {
        Err(AppError::Forbidden)
    }
}

fn draw(user: &User, errors: Vec<String>, done: Option<String>) -> Result<Response, AppError> {
    let budget_only = may_upload(user)?;
    page(user, budget_only, false, errors, done)
}

fn page(
    user: &User,
    budget_only: bool,
    complaints: bool,
    errors: Vec<String>,
    done: Option<String>,
) -> Result<Response, AppError> {
    let status = super::form_status(!errors.is_empty());
    let (title, nav) = if complaints {
        ("Upload complaints records", "/complaints")
    } else {
        ("Upload figures", "/upload")
    };
    let page = UploadPage {
        page: Page::new(title, Some(user), nav).with_error(!errors.is_empty()),
        budget_only,
        complaints,
        errors,
        done,
    };
    Ok((status, Html(page.render()?)).into_response())
}

/// The files of an upload, written to a fresh folder, and the form's CSRF token.
pub(crate) struct Received {
    pub dir: tempfile::TempDir,
    pub names: Vec<String>,
    pub csrf: Option<String>,
    /// The "decimal comma" box: the figures use a comma as the decimal mark.
    pub decimal_comma: bool,
    /// The form's other fields, as typed (up to a few hundred characters each).
    pub fields: std::collections::HashMap<String, String>,
}

impl Received {
    /// What to read: a workbook sent on its own, as the command line reads one, or the folder
    /// of CSV files. A workbook sent with other files is refused in words rather than skipped.
    fn source(&self) -> Result<std::path::PathBuf, String> {
        // Older and other spreadsheet formats can only be measured after the spreadsheet
        // library has unpacked them, and a tiny .ods can unpack to gigabytes: the browser takes
        // .xlsx, whose size is checked before it is read (the command line takes them all).
        if let Some(n) = self.names.iter().find(|n| {
            let n = n.to_ascii_lowercase();
            [".xls", ".xlsb", ".ods"].iter().any(|x| n.ends_with(x))
        }) {
            return Err(format!(
                "{n} is not an .xlsx workbook: save it from Excel as an Excel Workbook (.xlsx), or as CSV files, and upload that"
            ));
        }
        let is_workbook = |n: &String| {
            let n = n.to_ascii_lowercase();
            [".xlsx", ".xlsm"].iter().any(|x| n.ends_with(x))
        };
        match self.names.iter().filter(|n| is_workbook(n)).count() {
            0 => Ok(self.dir.path().to_path_buf()),
            1 if self.names.len() == 1 => Ok(self.dir.path().join(&self.names[0])),
            _ => Err(
                "Upload one workbook on its own, or CSV files without a workbook: a workbook's sheets and CSV files cannot be read as one set"
                    .into(),
            ),
        }
    }
}

/// The longest file name taken: no table's name comes near it.
const MAX_NAME: usize = 100;
/// And in bytes, within what a disk holds (255): a hundred emoji are 400 bytes.
const MAX_NAME_BYTES: usize = 200;

/// A form field other than a file: longer than any field's answer, short enough to hold.
const MAX_FIELD: usize = 400;

pub(crate) async fn receive_files(mut multipart: Multipart) -> Result<Received, AppError> {
    let dir = crate::scratch::folder().map_err(|e| AppError::Internal(e.to_string()))?;
    let mut fields = std::collections::HashMap::new();
    let mut csrf = None;
    let mut names = Vec::new();
    let mut decimal_comma = false;
    while let Some(mut field) = multipart.next_field().await.map_err(|e| {
        AppError::Invalid(format!("The upload did not arrive whole ({e}); try again"))
    })? {
        match field.name() {
            Some("csrf") => csrf = field.text().await.ok(),
            Some("decimal_comma") => decimal_comma = true,
            Some(other) if other != "files" => {
                // Read a chunk at a time and keep the start only, so an oversized field is
                // never held whole.
                let name = other.to_string();
                let mut bytes = Vec::new();
                while let Ok(Some(chunk)) = field.chunk().await {
                    if bytes.len() < MAX_FIELD * 4 {
                        bytes.extend_from_slice(&chunk);
                    }
                }
                let text: String = String::from_utf8_lossy(&bytes)
                    .chars()
                    .take(MAX_FIELD)
                    .collect();
                fields.insert(name, text);
            }
            Some("files") => {
                let Some(name) = field.file_name().map(sanitise) else {
                    continue;
                };
                if name.is_empty() {
                    continue;
                }
                // A file is named after its table ("values.csv"); a name the disk cannot hold is
                // said, not a server error.
                if name.chars().count() > MAX_NAME || name.len() > MAX_NAME_BYTES {
                    return Err(AppError::Invalid(format!(
                        "A file's name is {} characters long: name each file after its table, e.g. values.csv",
                        name.chars().count()
                    )));
                }
                // Written to disk as it arrives, so an upload is never held whole in memory.
                let mut file = crate::scratch::create(&dir.path().join(&name)).map_err(|e| {
                    if e.kind() == std::io::ErrorKind::AlreadyExists {
                        AppError::Invalid(format!("{name} was sent twice: send each table once"))
                    } else {
                        AppError::Internal(e.to_string())
                    }
                })?;
                while let Some(chunk) = field
                    .chunk()
                    .await
                    .map_err(|e| AppError::Invalid(format!("{name} did not arrive whole ({e})")))?
                {
                    std::io::Write::write_all(&mut file, &chunk)
                        .map_err(|e| AppError::Internal(e.to_string()))?;
                }
                names.push(name);
            }
            _ => {}
        }
    }
    Ok(Received {
        dir,
        names,
        csrf,
        decimal_comma,
        fields,
    })
}

/// Problems listed one by one on the page; the rest are counted by kind, so a file of a million
/// bad rows answers with a page to read, not hundreds of megabytes.
const LISTED: usize = 100;

/// "Nothing was imported", the first problems, and how many more of each kind, for the error
/// summary.
fn problems(errors: &scrutiny_import::ImportErrors) -> Vec<String> {
    let n = errors.0.len();
    let mut lines = vec![format!(
        "Nothing was imported: {n} problem{} to fix",
        if n == 1 { "" } else { "s" }
    )];
    lines.extend(errors.0.iter().take(LISTED).map(|e| e.to_string()));
    let mut more: Vec<(&str, usize)> = Vec::new();
    for e in errors.0.iter().skip(LISTED) {
        let code = e.code.as_str();
        match more.iter_mut().find(|(c, _)| *c == code) {
            Some((_, count)) => *count += 1,
            None => more.push((code, 1)),
        }
    }
    if !more.is_empty() {
        let counts: Vec<String> = more.iter().map(|(c, k)| format!("{k} × {c}")).collect();
        lines.push(format!(
            "…and {} more not listed here ({}): fix those above and upload again to see them",
            n - LISTED,
            counts.join(", ")
        ));
    }
    lines
}

const NO_FILES: &str = "Choose one or more CSV files or an Excel workbook to upload";

pub async fn show(user: User) -> Result<Response, AppError> {
    may_upload(&user)?;
    draw(&user, Vec::new(), None)
}

/// What a budget-only upload may hold: budget lines, for the uploader's departments.
fn budget_only_problems(data: &Dataset, user: &User) -> Vec<String> {
    let mut problems: Vec<String> = data
        .counts()
        .into_iter()
        .filter(|(table, n)| *n > 0 && *table != "budget_lines")
        .map(|(table, _)| {
            format!("You can upload budget lines only; this upload also holds {table}")
        })
        .collect();
    for b in &data.budget_lines {
        if !user.may(Action::EditBudget(Some(&b.department))) {
            problems.push(format!(
                "You can upload budget lines for your own department only; this upload has lines for {}",
                b.department
            ));
            break;
        }
    }
    problems
}

pub async fn receive(
    State(state): State<AppState>,
    user: User,
    multipart: Multipart,
) -> Result<Response, AppError> {
    let budget_only = may_upload(&user)?;
    let received = receive_files(multipart).await?;
    user.check_csrf(received.csrf.as_deref())?;
    let (names, decimal_comma) = (&received.names, received.decimal_comma);
    if names.is_empty() {
        return draw(&user, vec![NO_FILES.into()], None);
    }
    let path = match received.source() {
        Ok(p) => p,
        Err(why) => return draw(&user, vec![why], None),
    };
    let known = state.store.known().await?;
    let options = scrutiny_import::Options { decimal_comma };
    let read =
        tokio::task::spawn_blocking(move || scrutiny_import::read_set_with(&path, &known, options))
            .await
            .map_err(|e| AppError::Internal(e.to_string()))?;
    let data = match read {
        Ok(d) => d,
        Err(errors) => return draw(&user, problems(&errors), None),
    };
    if budget_only {
        let problems = budget_only_problems(&data, &user);
        if !problems.is_empty() {
            return draw(&user, problems, None);
        }
    }
    let now = state.clock.stamp();
    let summary = state
        .store
        .apply(
            &data,
            &user.username,
            &now,
            &format!("upload of {}", names.join(", ")),
        )
        .await?;
    let rows: usize = data.counts().iter().map(|(_, n)| n).sum();
    let what = summary.describe();
    let done = format!(
        "Imported {}: {rows} rows read, {} changed{}",
        names.join(", "),
        summary.total_changed(),
        if what.is_empty() {
            String::new()
        } else {
            format!(" ({})", what.join("; "))
        }
    );
    draw(&user, Vec::new(), Some(done))
}

pub async fn complaints_form(user: User) -> Result<Response, AppError> {
    user.require(Action::WorkComplaints)?;
    page(&user, false, true, Vec::new(), None)
}

/// Complaints records (historic cases, compliments, the council's lists and settings…), read by
/// the same importer as `scrutiny complaints import`, all or nothing.
pub async fn receive_complaints(
    State(state): State<AppState>,
    user: User,
    multipart: Multipart,
) -> Result<Response, AppError> {
    user.require(Action::WorkComplaints)?;
    let received = receive_files(multipart).await?;
    user.check_csrf(received.csrf.as_deref())?;
    let names = &received.names;
    if names.is_empty() {
        return page(&user, false, true, vec![NO_FILES.into()], None);
    }
    let path = match received.source() {
        Ok(p) => p,
        Err(why) => return page(&user, false, true, vec![why], None),
    };
    let held = state.store.load_complaints().await?;
    let today = state.clock.today();
    let read = tokio::task::spawn_blocking(move || {
        scrutiny_import::complaints::read_complaints(&path, &held, today)
    })
    .await
    .map_err(|e| AppError::Internal(e.to_string()))?;
    let data = match read {
        Ok(d) => d,
        Err(errors) => return page(&user, false, true, problems(&errors), None),
    };
    let now = state.clock.stamp();
    let summary = state
        .store
        .apply_complaints(
            &data,
            &user.username,
            &now,
            &format!("upload of {}", names.join(", ")),
        )
        .await?;
    let mut done = format!(
        "Imported {}: {} cases, {} compliments; {} rows changed.",
        names.join(", "),
        data.cases.len(),
        data.compliments.len(),
        summary.total_changed()
    );
    for case in &data.cases {
        for notice in scrutiny_domain::complaints::procedure::notices(case, &state.calendar) {
            done.push_str(&format!(" Notice: {notice}."));
        }
    }
    page(&user, false, true, Vec::new(), Some(done))
}

/// A file name without any folder part, so an upload cannot write outside its folder.
fn sanitise(name: &str) -> String {
    name.rsplit(['/', '\\'])
        .next()
        .unwrap_or("")
        .trim_start_matches('.')
        .to_string()
}
