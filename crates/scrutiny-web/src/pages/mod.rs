//! The server-rendered pages. Each module is one area of the service; [`Page`] is what every
//! page's layout needs (title, who is signed in, the menu).

pub mod accounts;
pub mod audit;
pub mod cases;
pub mod complaints;
pub mod login;
pub mod meetings;
pub mod performance;
pub mod reports;
pub mod upload;

use std::collections::HashMap;

use crate::auth::User;
use crate::roles::Action;

pub struct NavItem {
    pub href: &'static str,
    pub label: &'static str,
    pub active: bool,
}

pub struct Page {
    pub title: String,
    pub user: Option<User>,
    pub nav: Vec<NavItem>,
    pub has_error: bool,
}

impl Page {
    /// A page for `user` (or the public), with `active` the menu item it belongs to.
    pub fn new(title: impl Into<String>, user: Option<&User>, active: &str) -> Page {
        let mut items: Vec<(&'static str, &'static str)> = Vec::new();
        match user {
            Some(u) => {
                items.push(("/", "Dashboard"));
                // Those who approve returns see the list; a manager, their own return.
                if u.may(Action::ApproveReturn)
                    || u.department
                        .as_deref()
                        .is_some_and(|d| u.may(Action::EditReturn(d)))
                {
                    items.push(("/returns", "Returns"));
                }
                items.push(("/reports", "Reports"));
                items.push(("/meetings", "Meetings"));
                if u.may(Action::ManageQuarters) {
                    items.push(("/quarters", "Quarters"));
                }
                if u.may(Action::ImportFramework)
                    || u.may(Action::EditBudget(u.department.as_deref()))
                {
                    items.push(("/upload", "Upload"));
                    items.push(("/finance", "Budgets"));
                }
                if u.may(Action::EditFramework) {
                    items.push(("/framework", "Framework"));
                } else if u.may(Action::EditMeetings) {
                    items.push(("/framework", "Meeting records"));
                }
                if u.may(Action::ImportCaseData) {
                    items.push(("/cases/upload", "Case data"));
                }
                if u.may(Action::WorkComplaints) {
                    items.push(("/complaints", "Complaints"));
                }
                if u.may(Action::ReadAudit) {
                    items.push(("/audit", "Audit trail"));
                }
                if u.may(Action::ManageAccounts) {
                    items.push(("/users", "Accounts"));
                }
            }
            None => {
                items.push(("/published", "Published reports"));
                items.push(("/meetings", "Meetings"));
            }
        }
        Page {
            title: title.into(),
            user: user.cloned(),
            nav: items
                .into_iter()
                .map(|(href, label)| NavItem {
                    href,
                    label,
                    active: href == active,
                })
                .collect(),
            has_error: false,
        }
    }

    /// For error pages, which may not know who is asking.
    pub fn bare(title: &str) -> Page {
        Page::new(title, None, "")
    }

    pub fn with_error(mut self, has_error: bool) -> Page {
        self.has_error = has_error;
        self
    }
}

/// A field's error, linked from the error summary.
#[derive(Debug, Clone)]
pub struct FieldError {
    pub id: String,
    pub message: String,
}

/// A form the public sends without signing in (a public question, a request for alerts): its
/// token is double-submitted — set in a cookie with the page, sent back in the form — and each
/// sending is held to a pace from its address.
pub struct PublicForm {
    /// The cookie carrying the token.
    pub cookie: &'static str,
    /// The addresses the cookie is sent to.
    pub path: &'static str,
    /// The form's name for its pace (`throttle::PUBLIC_FORM`).
    pub pace: &'static str,
    /// What to say when the token is missing or stale.
    pub expired: &'static str,
}

impl PublicForm {
    /// The `Set-Cookie` value that goes with a page carrying `token`.
    pub fn cookie(&self, state: &crate::state::AppState, token: &str) -> String {
        format!(
            "{}={token}; Path={}; HttpOnly; SameSite=Strict; Max-Age=3600{}",
            self.cookie,
            self.path,
            if state.config.secure_cookies {
                "; Secure"
            } else {
                ""
            }
        )
    }

    /// Refuses a sending without the page's own token, then counts it against the pace: ten an
    /// hour from one address, then a growing wait. Only real sendings count, so junk posts
    /// cannot use up the pace of everyone behind one proxy address.
    pub fn check(
        &self,
        state: &crate::state::AppState,
        headers: &axum::http::HeaderMap,
        extensions: &axum::http::Extensions,
        form: &std::collections::HashMap<String, String>,
    ) -> Result<(), crate::error::AppError> {
        let given = entered(form, "token");
        if given.is_empty() || crate::auth::cookie_in(headers, self.cookie) != Some(given.as_str())
        {
            return Err(crate::error::AppError::Invalid(self.expired.into()));
        }
        let address = crate::auth::client_address(extensions);
        match state
            .throttle
            .public_form(self.pace, &address, state.clock.now())
        {
            0 => Ok(()),
            wait => Err(crate::error::AppError::TooOften(wait)),
        }
    }
}

/// A form page redrawn with errors answers 422, so tests and tools see the refusal.
pub fn form_status(has_errors: bool) -> axum::http::StatusCode {
    if has_errors {
        axum::http::StatusCode::UNPROCESSABLE_ENTITY
    } else {
        axum::http::StatusCode::OK
    }
}

/// A form field as typed, trimmed; empty when absent.
pub fn entered(form: &HashMap<String, String>, key: &str) -> String {
    form.get(key)
        .map(|v| v.trim().to_string())
        .unwrap_or_default()
}

/// One form field, drawn by `templates/field.html`.
pub struct Field {
    pub id: String,
    pub name: String,
    pub label: String,
    pub hint: Option<String>,
    pub value: String,
    /// A select's (code, label) choices; a text input when `None`.
    pub choices: Option<Vec<(String, String)>>,
    /// A select's first, empty choice.
    pub blank: &'static str,
    pub long: bool,
    pub error: Option<String>,
}

impl Field {
    pub fn text(id: impl Into<String>, name: impl Into<String>, label: impl Into<String>) -> Field {
        Field {
            id: id.into(),
            name: name.into(),
            label: label.into(),
            hint: None,
            value: String::new(),
            choices: None,
            blank: "Not recorded",
            long: false,
            error: None,
        }
    }

    /// The entered value and any error for this field, so nothing typed is lost.
    pub fn filled(mut self, entered: &HashMap<String, String>, errors: &[FieldError]) -> Field {
        self.value = entered.get(&self.name).cloned().unwrap_or(self.value);
        self.error = errors
            .iter()
            .find(|e| e.id == self.id)
            .map(|e| e.message.clone());
        self
    }
}

/// An HTML id for a code ("SCS CYP09" → "scs-cyp09"), by the reports' own rule.
pub use scrutiny_report::slug;

/// The GOV.UK tag colour for a RAG or return state.
pub fn tag_class(state: &str) -> &'static str {
    match state {
        "green" | "approved" | "better" | "published" => "govuk-tag--green",
        "amber" | "submitted" | "same" | "locked" => "govuk-tag--yellow",
        "red" | "returned" | "worse" => "govuk-tag--red",
        "draft" | "open" => "govuk-tag--blue",
        _ => "govuk-tag--grey",
    }
}
