//! The time, as the web application is told it. The CLI hands in its reading of the real clock
//! at start-up (its `clock.rs` is the one edge that reads it); tests hand in a fixed instant, so
//! "today" on every page is whatever the test says.

use std::sync::Arc;

use chrono::{DateTime, NaiveDate, Utc};

#[derive(Clone)]
pub struct Clock(Arc<dyn Fn() -> DateTime<Utc> + Send + Sync>);

impl Clock {
    /// A clock read by calling `read`.
    pub fn new(read: impl Fn() -> DateTime<Utc> + Send + Sync + 'static) -> Clock {
        Clock(Arc::new(read))
    }

    /// A clock stopped at `at`, for tests.
    pub fn fixed(at: DateTime<Utc>) -> Clock {
        Clock::new(move || at)
    }

    pub fn now(&self) -> DateTime<Utc> {
        (self.0)()
    }

    /// Today's date in UTC.
    pub fn today(&self) -> NaiveDate {
        self.now().date_naive()
    }

    /// Now, as the audit trail and the session table keep times.
    pub fn stamp(&self) -> String {
        stamp(self.now())
    }
}

impl std::fmt::Debug for Clock {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Clock({})", self.stamp())
    }
}

/// RFC 3339 in UTC, as the audit trail and the session table keep times (they sort as text).
pub fn stamp(t: DateTime<Utc>) -> String {
    t.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fixed_clock_says_the_same_time_every_time() {
        let at = DateTime::parse_from_rfc3339("2018-04-09T10:30:00Z")
            .expect("time")
            .with_timezone(&Utc);
        let c = Clock::fixed(at);
        assert_eq!(c.stamp(), "2018-04-09T10:30:00Z");
        assert_eq!(c.today().to_string(), "2018-04-09");
        assert_eq!(c.now(), c.now());
    }
}
