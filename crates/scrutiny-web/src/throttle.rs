//! Sign-in throttling that an attacker cannot turn against a user. Failed sign-ins are counted
//! three ways: one name from one address, every name from one address, and one name from every
//! address. The first two make their source wait longer after each failure (1 s, 2 s, 4 s … up to
//! 15 minutes); the third only keeps a name to a steady pace (one attempt every 2 seconds), so
//! guesses spread over many addresses stay slow while the account's owner, on their own
//! address, waits no more than that. Nothing locks: there is no lock an attacker can renew.
//!
//! Counted by the name typed, whether or not it exists, so the answer never tells which names
//! are real. Kept in memory: a restart forgets, and each server sharing a database counts its
//! own (docs/security.md). Hand-rolled: the rule is a few lines, and rate-limit crates count
//! requests per key, not failures with a growing wait.

use std::collections::HashMap;
use std::sync::Mutex;

use chrono::{DateTime, Duration, Utc};

/// How one count throttles: failures allowed before waiting, the longest wait, and whether the
/// wait doubles with each further failure.
#[derive(Debug, Clone, Copy)]
pub struct Rule {
    pub free: u32,
    pub max_wait_secs: i64,
    pub doubles: bool,
}

/// One name from one address: someone guessing one account.
pub const PAIR: Rule = Rule {
    free: 3,
    max_wait_secs: 15 * 60,
    doubles: true,
};
/// Every name from one address: someone trying many accounts.
pub const ADDRESS: Rule = Rule {
    free: 20,
    max_wait_secs: 15 * 60,
    doubles: true,
};
/// One name from every address: a steady pace, never a lock-out.
pub const NAME: Rule = Rule {
    free: 10,
    max_wait_secs: 2,
    doubles: false,
};

/// A public form (a question, a request for alerts) from one address: ten an hour freely, then
/// a growing wait, so a script cannot flood democratic services or mail strangers.
pub const PUBLIC_FORM: Rule = Rule {
    free: 10,
    max_wait_secs: 15 * 60,
    doubles: true,
};

/// An hour without a failure and the count starts again.
const FORGET_AFTER_SECS: i64 = 3600;
/// Beyond this many counts, the forgotten ones are dropped, so a flood of made-up names cannot
/// fill the memory.
const PRUNE_AT: usize = 50_000;

/// Seconds to wait after `failures` failures counted under `rule`.
pub fn wait_after(rule: Rule, failures: u32) -> i64 {
    if failures < rule.free {
        return 0;
    }
    if !rule.doubles {
        return rule.max_wait_secs;
    }
    let doublings = failures - rule.free;
    if doublings >= 20 {
        return rule.max_wait_secs;
    }
    (1i64 << doublings).min(rule.max_wait_secs)
}

#[derive(Debug, Clone, Copy)]
struct Count {
    failures: u32,
    last: DateTime<Utc>,
}

#[derive(Default)]
pub struct Throttle {
    counts: Mutex<HashMap<String, Count>>,
}

fn keys(name: &str, address: &str) -> [(String, Rule); 3] {
    let name = name.trim().to_lowercase();
    [
        (format!("pair\u{0}{name}\u{0}{address}"), PAIR),
        (format!("address\u{0}{address}"), ADDRESS),
        (format!("name\u{0}{name}"), NAME),
    ]
}

impl Throttle {
    /// Whole seconds to wait before a sign-in as `name` from `address` may be tried; 0 when it
    /// may be tried now.
    pub fn wait(&self, name: &str, address: &str, now: DateTime<Utc>) -> i64 {
        let Ok(counts) = self.counts.lock() else {
            return 0;
        };
        keys(name, address)
            .iter()
            .filter_map(|(key, rule)| {
                let c = counts.get(key)?;
                let since = (now - c.last).num_seconds();
                (since < FORGET_AFTER_SECS).then(|| wait_after(*rule, c.failures) - since)
            })
            .max()
            .unwrap_or(0)
            .max(0)
    }

    /// Counts a failed sign-in.
    pub fn failed(&self, name: &str, address: &str, now: DateTime<Utc>) {
        let Ok(mut counts) = self.counts.lock() else {
            return;
        };
        if counts.len() > PRUNE_AT {
            counts.retain(|_, c| (now - c.last) < Duration::seconds(FORGET_AFTER_SECS));
        }
        for (key, _) in keys(name, address) {
            let c = counts.entry(key).or_insert(Count {
                failures: 0,
                last: now,
            });
            if (now - c.last).num_seconds() >= FORGET_AFTER_SECS {
                c.failures = 0;
            }
            c.failures = c.failures.saturating_add(1);
            c.last = now;
        }
    }

    /// Counts one sending of public form `form` from `address` and says how long it must wait
    /// first (0: send it now). Every sending counts, accepted or not.
    pub fn public_form(&self, form: &str, address: &str, now: DateTime<Utc>) -> i64 {
        let Ok(mut counts) = self.counts.lock() else {
            return 0;
        };
        if counts.len() > PRUNE_AT {
            counts.retain(|_, c| (now - c.last) < Duration::seconds(FORGET_AFTER_SECS));
        }
        let c = counts
            .entry(format!("form\u{0}{form}\u{0}{address}"))
            .or_insert(Count {
                failures: 0,
                last: now,
            });
        let since = (now - c.last).num_seconds();
        if since >= FORGET_AFTER_SECS {
            c.failures = 0;
        }
        let wait = (wait_after(PUBLIC_FORM, c.failures) - since).max(0);
        if wait == 0 {
            c.failures = c.failures.saturating_add(1);
            c.last = now;
        }
        wait
    }

    /// A sign-in succeeded: its name starts afresh. The address's count stands, so an attacker
    /// with an account of their own cannot clear it by signing in.
    pub fn succeeded(&self, name: &str, address: &str) {
        if let Ok(mut counts) = self.counts.lock() {
            let [pair, _, name] = keys(name, address);
            counts.remove(&pair.0);
            counts.remove(&name.0);
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn at(secs: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(1_800_000_000 + secs, 0).unwrap()
    }

    #[test]
    fn waits_double_after_the_free_failures_up_to_fifteen_minutes() {
        let waits: Vec<i64> = (0..8).map(|n| wait_after(PAIR, n)).collect();
        assert_eq!(waits, [0, 0, 0, 1, 2, 4, 8, 16]);
        assert_eq!(wait_after(PAIR, 40), 900);
        assert_eq!(wait_after(NAME, 9), 0);
        assert_eq!(wait_after(NAME, 500), 2);
    }

    #[test]
    fn an_attacker_elsewhere_keeps_a_name_to_a_steady_pace_but_cannot_lock_it() {
        let t = Throttle::default();
        // 200 failures for "alice" from the attacker's address, one a second.
        for s in 0..200 {
            t.failed("alice", "10.0.0.66", at(s));
        }
        // The attacker waits 15 minutes; Alice, from her own address, 2 seconds at most.
        assert!(t.wait("alice", "10.0.0.66", at(200)) > 800);
        assert!(t.wait("alice", "10.0.0.7", at(200)) <= 2);
        assert_eq!(t.wait("alice", "10.0.0.7", at(202)), 0);
        // Another name from the attacker's address waits too.
        assert!(t.wait("bob", "10.0.0.66", at(200)) > 0);
    }

    #[test]
    fn a_success_clears_the_name_but_not_the_address() {
        let t = Throttle::default();
        for s in 0..30 {
            t.failed(&format!("user{s}"), "10.0.0.66", at(s));
        }
        t.failed("mallory", "10.0.0.66", at(30));
        t.succeeded("mallory", "10.0.0.66");
        assert!(t.wait("anyone", "10.0.0.66", at(31)) > 0);
    }

    #[test]
    fn names_are_counted_whether_or_not_they_exist_and_whatever_their_case() {
        let t = Throttle::default();
        for s in 0..5 {
            t.failed("Nobody ", "10.0.0.1", at(s));
        }
        assert_eq!(
            t.wait("nobody", "10.0.0.1", at(5)),
            t.wait("NOBODY", "10.0.0.1", at(5))
        );
        assert!(t.wait("nobody", "10.0.0.1", at(5)) > 0);
    }

    #[test]
    fn a_public_form_is_free_ten_times_an_hour_then_paced() {
        let t = Throttle::default();
        let waits: Vec<i64> = (0..12)
            .map(|_| t.public_form("questions", "10.0.0.9", at(0)))
            .collect();
        assert_eq!(&waits[..10], &[0; 10]);
        assert!(waits[10] > 0 && waits[11] > 0);
        // Another address, or another form, is not held up.
        assert_eq!(t.public_form("questions", "10.0.0.10", at(0)), 0);
        assert_eq!(t.public_form("alerts", "10.0.0.9", at(0)), 0);
        assert_eq!(t.public_form("questions", "10.0.0.9", at(2)), 0);
        assert_eq!(t.public_form("questions", "10.0.0.9", at(3600 + 2)), 0);
    }

    #[test]
    fn an_hour_without_failures_forgets() {
        let t = Throttle::default();
        for s in 0..50 {
            t.failed("alice", "10.0.0.66", at(s));
        }
        assert_eq!(t.wait("alice", "10.0.0.66", at(49 + 3600)), 0);
        t.failed("alice", "10.0.0.66", at(49 + 3600));
        assert_eq!(t.wait("alice", "10.0.0.66", at(49 + 3600)), 0);
    }

    proptest! {
        /// However many failures anyone makes from other addresses, a name's owner never waits
        /// more than the steady pace.
        #[test]
        fn the_owner_never_waits_more_than_the_pace(
            attempts in proptest::collection::vec((0u8..20, 0i64..5), 0..300)
        ) {
            let t = Throttle::default();
            let mut now = 0;
            for (address, step) in attempts {
                now += step;
                t.failed("alice", &format!("10.1.0.{address}"), at(now));
            }
            prop_assert!(t.wait("alice", "192.168.1.5", at(now)) <= NAME.max_wait_secs);
        }
    }
}
