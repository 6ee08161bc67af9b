//! The web app's one reading of the clock (the CLI has its own, at its edge).

#![allow(clippy::disallowed_methods)]

use chrono::{DateTime, Utc};

pub fn now() -> DateTime<Utc> {
    Utc::now()
}

/// RFC 3339 in UTC, as the audit trail and the session table keep times (they sort as text).
pub fn stamp(t: DateTime<Utc>) -> String {
    t.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}
