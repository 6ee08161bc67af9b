//! The one place that reads the clock. Everything else is handed dates.

#![allow(clippy::disallowed_methods)]

/// Today, for "Produced on …" lines.
pub fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

/// Now, in UTC: handed to the web application as its clock.
pub fn now() -> chrono::DateTime<chrono::Utc> {
    chrono::Utc::now()
}

/// Now, for the audit trail (ISO 8601, UTC).
pub fn now_stamp() -> String {
    now().format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// Who is acting: the logged-in user's name on this machine.
pub fn actor() -> String {
    std::env::var("USER")
        .or_else(|_| std::env::var("USERNAME"))
        .unwrap_or_else(|_| "unknown".into())
}
