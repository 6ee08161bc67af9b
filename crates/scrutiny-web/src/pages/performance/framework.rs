//! The framework edited in the browser by the performance officer: boards, departments,
//! priorities, rules, labels, indicators, their bounds and targets, one record at a time; and
//! with the same editor, boards' membership, meetings and agendas by democratic services. Each
//! form is read by the importer's own path (`scrutiny_import::read_form`: every cell by its
//! column's type, references, the record's rules), saved as a one-row import with every change
//! audited old → new, and refused when the record changed since the form was drawn.

use std::collections::HashMap;

use crate::error::{PathOf, QueryOf};
use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::response::{Html, IntoResponse, Redirect, Response};
use scrutiny_domain::Dataset;
use scrutiny_domain::table::{CLEAR, ColumnType, Need, Refers, Table, TableSet, Value};
use scrutiny_store::Drawn;

use crate::auth::User;
use crate::error::{AppError, urlencode};
use crate::pages::{Field, FieldError, Page, form_status};
use crate::roles::Action;
use crate::state::AppState;

/// The tables edited here, in the order an officer sets a framework up; then the meetings'.
const EDITABLE: [&str; 20] = [
    "boards",
    "report_layouts",
    "departments",
    "priorities",
    "rag_rules",
    "symbol_labels",
    "indicator_groups",
    "indicators",
    "indicator_bounds",
    "targets",
    "memberships",
    "meetings",
    "agenda_items",
    "attendance",
    "minutes",
    "minute_actions",
    "report_covers",
    "report_cover_sections",
    "work_programme",
    "declarations",
];

/// The meetings' tables, with the committee reports (covers, and papers written in full) that
/// democratic services put together with the reporting officers.
const MEETINGS: [&str; 10] = [
    "memberships",
    "meetings",
    "agenda_items",
    "attendance",
    "minutes",
    "minute_actions",
    "report_covers",
    "report_cover_sections",
    "work_programme",
    "declarations",
];

/// What editing a table needs: the meetings' tables [`Action::EditMeetings`], the rest
/// [`Action::EditFramework`].
pub fn action_for(table: &str) -> Action<'static> {
    if MEETINGS.contains(&table) {
        Action::EditMeetings
    } else {
        Action::EditFramework
    }
}

/// Refuses someone who may edit none of the tables, before saying whether one exists.
pub fn require_editor(user: &User) -> Result<(), AppError> {
    if user.may(Action::EditFramework) || user.may(Action::EditMeetings) {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

/// The table named, if it is edited here and `user` may edit it.
pub fn table_for(user: &User, name: &str) -> Result<&'static Table, AppError> {
    require_editor(user)?;
    let t = table(name)?;
    user.require(action_for(t.name))?;
    Ok(t)
}

/// A table's or column's name as words for a heading or label: `report_layouts` → "Report layouts".
fn words(name: &str) -> String {
    crate::error::capitalise(&name.replace('_', " "))
}

/// The form's version for a record not yet stored.
const NEW: &str = "new";

pub fn table(name: &str) -> Result<&'static Table, AppError> {
    Dataset::TABLES
        .iter()
        .find(|t| t.name == name && EDITABLE.contains(&t.name))
        .copied()
        .ok_or_else(|| AppError::NotFound(format!("There is no framework table '{name}'.")))
}

/// A form field's name and id for a column.
fn field_id(column: &str) -> String {
    format!("col-{column}")
}

/// The query that opens a record's form (`?indicator=NI148&year=2012%2F13&quarter=Q1`).
fn key_query(t: &Table, key: &[String]) -> String {
    t.key
        .iter()
        .zip(key)
        .map(|(k, v)| format!("{k}={}", urlencode(v)))
        .collect::<Vec<_>>()
        .join("&")
}

pub struct TableLink {
    pub name: &'static str,
    pub shown: String,
    pub help: &'static str,
    pub rows: usize,
}

#[derive(Template)]
#[template(path = "performance/framework/index.html")]
struct IndexPage {
    page: Page,
    tables: Vec<TableLink>,
}

pub async fn index(State(state): State<AppState>, user: User) -> Result<Response, AppError> {
    require_editor(&user)?;
    let data = state.data().await?;
    let tables = EDITABLE
        .iter()
        .filter(|n| user.may(action_for(n)))
        .filter_map(|n| table(n).ok())
        .map(|t| TableLink {
            name: t.name,
            shown: words(t.name),
            help: t.help,
            rows: data.count(t.name),
        })
        .collect();
    let page = IndexPage {
        page: Page::new("Framework", Some(&user), "/framework"),
        tables,
    };
    Ok(Html(page.render()?).into_response())
}

pub struct ListRow {
    pub cells: Vec<String>,
    pub href: String,
    pub key: String,
}

#[derive(Template)]
#[template(path = "performance/framework/list.html")]
struct ListPage {
    page: Page,
    name: &'static str,
    /// The table's name as words.
    shown: String,
    help: &'static str,
    headings: Vec<String>,
    rows: Vec<ListRow>,
    saved: Option<String>,
    removed: Option<String>,
}

pub async fn list(
    State(state): State<AppState>,
    user: User,
    PathOf(name): PathOf<String>,
    QueryOf(q): QueryOf<HashMap<String, String>>,
) -> Result<Response, AppError> {
    let t = table_for(&user, &name)?;
    let data = state.data().await?;
    // Any column named in the query narrows the list (`?indicator=NI148`: its targets).
    let only: Vec<(usize, &String)> = q
        .iter()
        .filter_map(|(k, v)| t.columns.iter().position(|c| c.name == k).map(|i| (i, v)))
        .collect();
    // The key, then the first few columns that say what the record is.
    let shown: Vec<usize> = (0..t.columns.len()).take(5).collect();
    let rows = data
        .rows(t.name)
        .iter()
        .filter(|r| {
            only.iter()
                .all(|(i, v)| r.get(*i).is_some_and(|x| x.shown() == **v))
        })
        .map(|r| {
            let key = t.key_values(r);
            ListRow {
                cells: shown
                    .iter()
                    .map(|i| r.get(*i).map(Value::shown).unwrap_or_default())
                    .collect(),
                href: format!("/framework/{}/edit?{}", t.name, key_query(t, &key)),
                key: key.join(" "),
            }
        })
        .collect();
    let page = ListPage {
        page: Page::new(words(t.name), Some(&user), "/framework"),
        name: t.name,
        shown: words(t.name),
        help: t.help,
        headings: shown.iter().map(|i| words(t.columns[*i].name)).collect(),
        rows,
        saved: q.get("saved").cloned(),
        removed: q.get("removed").cloned(),
    };
    Ok(Html(page.render()?).into_response())
}

#[derive(Template)]
#[template(path = "performance/framework/edit.html")]
struct EditPage {
    page: Page,
    name: &'static str,
    shown: String,
    /// The record's key as (column, value), fixed on a stored record's form.
    key: Vec<(&'static str, String)>,
    adding: bool,
    /// Nothing refers to its records, so one may be removed here.
    removable: bool,
    version: String,
    fields: Vec<Field>,
    errors: Vec<FieldError>,
}

/// The form's fields for `t`, filled with `values` (as typed, by column), with `errors` beside
/// their fields. A column that refers to another table offers that table's keys.
fn fields(
    t: &'static Table,
    data: &Dataset,
    values: &HashMap<String, String>,
    errors: &[FieldError],
    with_key: bool,
) -> Vec<Field> {
    t.columns
        .iter()
        .filter(|c| with_key || !t.key.contains(&c.name))
        .map(|c| {
            let id = field_id(c.name);
            let mut f = Field::text(id.clone(), id, words(c.name));
            f.hint = Some(match c.need {
                Need::Optional => format!("{} (optional)", c.help),
                _ => c.help.to_string(),
            });
            f.blank = "(none)";
            let typed = values.get(&f.name).map_or("", String::as_str);
            f.choices = match (c.kind, c.refers) {
                (ColumnType::YesNo, _) => Some(vec![
                    ("yes".to_string(), "yes".to_string()),
                    ("no".to_string(), "no".to_string()),
                ]),
                // A word the list offers; anything else typed stays a text box, so it is kept.
                (ColumnType::Word(read), _) => word_choices(read)
                    .filter(|w| typed.is_empty() || w.iter().any(|x| x == typed))
                    .map(|w| w.into_iter().map(|x| (x.clone(), x)).collect()),
                (_, Some(Refers::Key(other))) => Some(
                    data.rows(other)
                        .iter()
                        .map(|r| {
                            let k = Dataset::TABLES
                                .iter()
                                .find(|x| x.name == other)
                                .map(|x| x.key_values(r).join(" "))
                                .unwrap_or_default();
                            (k.clone(), k)
                        })
                        .collect(),
                ),
                _ => None,
            };
            // Narrative gets a text area: a committee report's sections, a minute's text.
            f.long = matches!(
                c.name,
                "description" | "note" | "purpose" | "recommendation" | "text" | "resolved"
            );
            f.filled(values, errors)
        })
        .collect()
}

/// The words a word column takes, as its own reading lists them when refusing one (the
/// domain's list, not a second copy), each kept only if it reads back as itself.
fn word_choices(
    read: fn(&str) -> Result<&'static str, scrutiny_domain::DomainError>,
) -> Option<Vec<String>> {
    let Err(scrutiny_domain::DomainError::NotOneOf(_, list)) = read("\u{1}") else {
        return None;
    };
    let words: Vec<String> = list
        .split([',', ';'])
        .flat_map(|w| w.split(" or "))
        .map(str::trim)
        .filter(|w| !w.is_empty() && read(w).is_ok_and(|x| x == *w))
        .map(str::to_string)
        .collect();
    (!words.is_empty()).then_some(words)
}

/// What a stored row's values are typed as, by field name.
fn typed(t: &Table, values: &[Value]) -> HashMap<String, String> {
    t.columns
        .iter()
        .zip(values)
        .map(|(c, v)| (field_id(c.name), v.shown()))
        .collect()
}

fn draw(
    user: &User,
    t: &'static Table,
    data: &Dataset,
    values: &HashMap<String, String>,
    adding: bool,
    version: String,
    errors: Vec<FieldError>,
) -> Result<Response, AppError> {
    let key = t
        .key
        .iter()
        .map(|k| {
            let v = values.get(&field_id(k)).cloned().unwrap_or_default();
            (*k, v)
        })
        .collect();
    let title = if adding {
        format!("Add to {}", words(t.name).to_lowercase())
    } else {
        format!("Change {}", words(t.name).to_lowercase())
    };
    let status = form_status(!errors.is_empty());
    let page = EditPage {
        page: Page::new(title, Some(user), "/framework").with_error(!errors.is_empty()),
        name: t.name,
        shown: words(t.name),
        key,
        adding,
        removable: !t.defines,
        version,
        fields: fields(t, data, values, &errors, adding),
        errors,
    };
    Ok((status, Html(page.render()?)).into_response())
}

pub async fn edit(
    State(state): State<AppState>,
    user: User,
    PathOf(name): PathOf<String>,
    QueryOf(q): QueryOf<HashMap<String, String>>,
) -> Result<Response, AppError> {
    let t = table_for(&user, &name)?;
    let stored = record(&state, t, &q).await?;
    let data = state.data().await?;
    let values = typed(t, &stored.values);
    draw(&user, t, &data, &values, false, stored.version, Vec::new())
}

/// A blank form to add a record; any column given in the query is filled in (a target for an
/// indicator: `?indicator=NI148`).
pub async fn add(
    State(state): State<AppState>,
    user: User,
    PathOf(name): PathOf<String>,
    QueryOf(q): QueryOf<HashMap<String, String>>,
) -> Result<Response, AppError> {
    let t = table_for(&user, &name)?;
    let data = state.data().await?;
    let values = t
        .columns
        .iter()
        .filter_map(|c| q.get(c.name).map(|v| (field_id(c.name), v.clone())))
        .collect();
    draw(&user, t, &data, &values, true, NEW.into(), Vec::new())
}

/// Why a change was not saved.
pub enum Refused {
    /// Each (column, message) the import's checks found.
    Fields(Vec<(&'static str, String)>),
    /// The record changed since it was drawn.
    Conflict(String),
    /// The store refused it (a rule beyond one row).
    Invalid(String),
}

/// Saves one record of `t` from the cells given (column, text as typed), drawn at `version`
/// (`new` to add one). A column not given keeps its stored value; one given blank is cleared.
/// Gives the record's key as written, or why nothing was saved.
pub async fn apply(
    state: &AppState,
    user: &User,
    t: &'static Table,
    version: &str,
    given: &[(&'static str, String)],
) -> Result<Result<Vec<String>, Refused>, AppError> {
    let adding = version == NEW;
    let header = given.iter().map(|(c, _)| c.to_string()).collect();
    let cells = given
        .iter()
        .map(|(c, v)| {
            let required = t.column(c).is_some_and(|c| c.need == Need::Required);
            if v.trim().is_empty() && !required {
                CLEAR.to_string()
            } else {
                v.trim().to_string()
            }
        })
        .collect();
    let known = state.store.known().await?;
    let read = match scrutiny_import::read_form(t.name, header, vec![cells], &known) {
        Ok(read) => read,
        Err(errors) => {
            let first = t
                .columns
                .iter()
                .find(|c| adding || !t.key.contains(&c.name))
                .map_or("", |c| c.name);
            let fields = errors
                .0
                .iter()
                .map(|e| {
                    let column = e
                        .location
                        .column
                        .as_deref()
                        .and_then(|c| t.column(c))
                        .map_or(first, |c| c.name);
                    (column, format!("{column}: {}", e.message))
                })
                .collect();
            return Ok(Err(Refused::Fields(fields)));
        }
    };
    let Some(row) = read.rows(t.name).into_iter().next() else {
        return Err(AppError::Invalid("The form gave no record.".into()));
    };
    let key: Vec<Value> = t
        .key_positions()
        .iter()
        .map(|i| row.get(*i).cloned().unwrap_or(Value::Null))
        .collect();
    let shown_key = t.key_values(&row);
    let drawn = Drawn {
        table: t,
        key,
        version: (!adding).then(|| version.to_string()),
        label: format!("{} {}", t.name, shown_key.join(" ").trim()),
    };
    let now = state.clock.stamp();
    let source = format!("web form: {} {}", t.name, shown_key.join(" "));
    match state
        .store
        .apply_edit(&read, &[drawn], &user.username, &now, &source)
        .await
    {
        Ok(_) => Ok(Ok(shown_key)),
        Err(e) => match AppError::from(e) {
            AppError::Conflict(m) => Ok(Err(Refused::Conflict(m))),
            AppError::Invalid(m) => Ok(Err(Refused::Invalid(m))),
            other => Err(other),
        },
    }
}

pub async fn save(
    State(state): State<AppState>,
    user: User,
    PathOf(name): PathOf<String>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let t = table_for(&user, &name)?;
    let form: HashMap<String, String> = fields.into_iter().collect();
    user.check_csrf(form.get("csrf").map(String::as_str))?;
    let version = crate::pages::entered(&form, "version");
    let adding = version == NEW;
    let values: HashMap<String, String> = t
        .columns
        .iter()
        .map(|c| {
            let id = field_id(c.name);
            (id.clone(), crate::pages::entered(&form, &id))
        })
        .collect();
    // Every column is on the form: a field left blank clears what was stored, as on screen.
    let given: Vec<(&'static str, String)> = t
        .columns
        .iter()
        .map(|c| {
            let v = values.get(&field_id(c.name)).cloned().unwrap_or_default();
            (c.name, v)
        })
        .collect();
    let refused = match apply(&state, &user, t, &version, &given).await? {
        Ok(key) => {
            // Back to the list, narrowed to the record's first key where it has several (an
            // indicator's targets).
            let within = match (t.key.first(), key.first()) {
                (Some(k), Some(v)) if t.key.len() > 1 => format!("&{k}={}", urlencode(v)),
                _ => String::new(),
            };
            let to = format!(
                "/framework/{}?saved={}{within}",
                t.name,
                urlencode(&key.join(" "))
            );
            return Ok(Redirect::to(&to).into_response());
        }
        Err(r) => r,
    };
    let first = t
        .columns
        .iter()
        .find(|c| adding || !t.key.contains(&c.name))
        .map_or("", |c| c.name);
    let one = |m: &str| {
        vec![FieldError {
            id: field_id(first),
            message: crate::error::capitalise(m),
        }]
    };
    let (errors, status) = match &refused {
        Refused::Fields(f) => (
            f.iter()
                .map(|(c, m)| FieldError {
                    id: field_id(c),
                    message: m.clone(),
                })
                .collect(),
            axum::http::StatusCode::UNPROCESSABLE_ENTITY,
        ),
        Refused::Conflict(m) => (one(m), axum::http::StatusCode::CONFLICT),
        Refused::Invalid(m) => (one(m), axum::http::StatusCode::UNPROCESSABLE_ENTITY),
    };
    let data = state.data().await?;
    // The drawn version stays, so saving again is refused until the page is reopened.
    let mut page = draw(&user, t, &data, &values, adding, version, errors)?;
    *page.status_mut() = status;
    Ok(page)
}

/// Removes a record nothing refers to (a target, a label, an indicator's bounds), if it is
/// still as the page showed it; the audit trail keeps its values.
pub async fn remove(
    State(state): State<AppState>,
    user: User,
    PathOf(name): PathOf<String>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let t = table_for(&user, &name)?;
    let form: HashMap<String, String> = fields.into_iter().collect();
    user.check_csrf(form.get("csrf").map(String::as_str))?;
    let q: HashMap<String, String> = t
        .key
        .iter()
        .map(|k| (k.to_string(), crate::pages::entered(&form, &field_id(k))))
        .collect();
    let data = state.data().await?;
    let wanted: Vec<String> = t.key.iter().map(|k| q[*k].clone()).collect();
    let row = data
        .rows(t.name)
        .into_iter()
        .find(|r| t.key_values(r) == wanted)
        .ok_or_else(|| {
            AppError::Conflict(format!(
                "{} {} is no longer held; nothing has been removed",
                t.name,
                wanted.join(" ").trim()
            ))
        })?;
    let key: Vec<Value> = t
        .key_positions()
        .iter()
        .map(|i| row.get(*i).cloned().unwrap_or(Value::Null))
        .collect();
    let drawn = Drawn {
        table: t,
        key,
        version: Some(crate::pages::entered(&form, "version")),
        label: format!("{} {}", t.name, wanted.join(" ").trim()),
    };
    state
        .store
        .remove_framework_row(&drawn, &user.username, &state.clock.stamp())
        .await?;
    let within = match (t.key.first(), wanted.first()) {
        (Some(k), Some(v)) if t.key.len() > 1 => format!("&{k}={}", urlencode(v)),
        _ => String::new(),
    };
    let to = format!(
        "/framework/{}?removed={}{within}",
        t.name,
        urlencode(wanted.join(" ").trim())
    );
    Ok(Redirect::to(&to).into_response())
}

/// The stored record of `t` whose key the query names by column, with its version.
pub async fn record(
    state: &AppState,
    t: &'static Table,
    q: &HashMap<String, String>,
) -> Result<scrutiny_store::StoredRow, AppError> {
    let data = state.data().await?;
    let wanted: Vec<String> = t
        .key
        .iter()
        .map(|k| q.get(*k).map(|v| v.trim().to_string()).unwrap_or_default())
        .collect();
    let missing = || AppError::NotFound(format!("There is no {} {}.", t.name, wanted.join(" ")));
    let row = data
        .rows(t.name)
        .into_iter()
        .find(|r| t.key_values(r) == wanted)
        .ok_or_else(missing)?;
    let key: Vec<Value> = t
        .key_positions()
        .iter()
        .map(|i| row.get(*i).cloned().unwrap_or(Value::Null))
        .collect();
    state
        .store
        .framework_row(t, &key)
        .await?
        .ok_or_else(missing)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn a_word_columns_choices_are_the_domains_own_list() {
        for t in EDITABLE.iter().map(|n| table(n).unwrap()) {
            for c in t.columns {
                if let ColumnType::Word(read) = c.kind {
                    let words = word_choices(read);
                    assert!(words.is_some(), "{}.{}", t.name, c.name);
                }
            }
        }
        let polarity = table("indicators").unwrap().column("polarity").unwrap();
        let ColumnType::Word(read) = polarity.kind else {
            panic!("polarity is a word")
        };
        assert_eq!(word_choices(read).unwrap(), ["higher", "lower", "none"]);
    }
}
