//! Made-up front-door records at any scale from a seed, with the year's answers known by
//! construction: each child's history is decided first (referred or not, a re-referral or not,
//! no further action or an assessment in time or late) and the dates are then drawn to fit, so
//! the truth is counted from the decisions, not by the measures under test.
//!
//! The random numbers are a hand-written xorshift: the records must be the same from the same
//! seed on every machine and every release, which a general-purpose crate does not promise.

use chrono::{Days, Months, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::calendar::{BankHolidays, CalendarError};
use crate::cases::records::{Assessment, AssessmentKind, Contact, FrontDoor, Referral};
use crate::period::FinancialYear;

/// The year's answers, counted from the generator's own decisions.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Truth {
    pub contacts: u64,
    pub referrals: u64,
    pub re_referrals: u64,
    pub no_further_action: u64,
    pub assessments_authorised: u64,
    pub assessments_in_time: u64,
}

/// xorshift64*: small, fast, and the same everywhere.
struct Draw(u64);

impl Draw {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A whole number from `low` to `high`, both included.
    fn between(&mut self, low: u64, high: u64) -> u64 {
        low + self.next() % (high - low + 1)
    }

    /// True `percent` times in a hundred.
    fn chance(&mut self, percent: u64) -> bool {
        self.between(1, 100) <= percent
    }
}

fn day_in(year: FinancialYear, draw: &mut Draw) -> NaiveDate {
    let days = (year.end() - year.start()).num_days().unsigned_abs();
    year.start() + Days::new(draw.between(0, days))
}

/// `children` children's records for `year` (and the history before it that re-referrals need),
/// from `seed`, with the year's answers.
pub fn generate(
    seed: u64,
    children: usize,
    year: FinancialYear,
    calendar: &BankHolidays,
) -> Result<(FrontDoor, Truth), CalendarError> {
    let mut draw = Draw(seed.max(1).wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let mut out = FrontDoor::default();
    let mut truth = Truth::default();
    for n in 0..children {
        let child = out.child(&format!("S{seed}-{n:07}"));
        // Contacts: one to three in the year.
        for _ in 0..draw.between(1, 3) {
            out.contacts.push(Contact {
                child,
                date: day_in(year, &mut draw),
                source: None,
            });
            truth.contacts += 1;
        }
        if !draw.chance(70) {
            continue;
        }
        // A referral in the year, and perhaps one before it: within the 12 months before (a
        // re-referral by construction) or further back.
        let date = day_in(year, &mut draw);
        let a_year_before = date.checked_sub_months(Months::new(12)).unwrap_or(date);
        if draw.chance(40) {
            let rereferral = draw.chance(50);
            let earlier = if rereferral {
                let span = (date - a_year_before).num_days().unsigned_abs();
                a_year_before + Days::new(draw.between(0, span.saturating_sub(1)))
            } else {
                a_year_before - Days::new(draw.between(1, 500))
            };
            // An earlier referral inside the year is a referral of the year too (the child's
            // first, so not a re-referral itself).
            if year.start() <= earlier {
                truth.referrals += 1;
            }
            out.referrals.push(Referral {
                child,
                date: earlier,
                source: None,
                reason: None,
                nfa: true,
            });
            if year.start() <= earlier {
                truth.no_further_action += 1;
            }
            if rereferral {
                truth.re_referrals += 1;
            }
        }
        truth.referrals += 1;
        let nfa = draw.chance(30);
        out.referrals.push(Referral {
            child,
            date,
            source: None,
            reason: None,
            nfa,
        });
        // The same referral recorded twice now and then: still one referral.
        if draw.chance(5) {
            out.referrals.push(Referral {
                child,
                date,
                source: None,
                reason: None,
                nfa,
            });
        }
        if nfa {
            truth.no_further_action += 1;
            continue;
        }
        // An assessment, authorised within its 45 working days or not.
        let start = date + Days::new(draw.between(0, 3));
        let in_time = draw.chance(80);
        let took = if in_time {
            draw.between(0, 45)
        } else {
            draw.between(46, 90)
        };
        let authorised = calendar.add_working_days(start, u32::try_from(took).unwrap_or(45))?;
        if authorised <= year.end() {
            truth.assessments_authorised += 1;
            if in_time {
                truth.assessments_in_time += 1;
            }
        }
        out.assessments.push(Assessment {
            child,
            kind: AssessmentKind::Single,
            start,
            authorised: Some(authorised),
        });
    }
    Ok((out, truth))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::cases::front_door;
    use crate::cases::records::DateRange;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(16))]
        /// The measures find, in made-up records, exactly what the generator put there.
        #[test]
        fn the_measures_find_what_was_made(seed in 1u64..u64::MAX, children in 0usize..300) {
            let cal = BankHolidays::england_and_wales().unwrap();
            let year = FinancialYear(2023);
            let (records, truth) = generate(seed, children, year, &cal).unwrap();
            let period = DateRange::new(year.start(), year.end()).unwrap();
            prop_assert_eq!(front_door::contacts(&records.contacts, period), truth.contacts);
            let days = front_door::ReferralDays::new(&records.referrals);
            prop_assert_eq!(front_door::referrals(&days, period), truth.referrals);
            let re = front_door::re_referrals(&days, period);
            prop_assert_eq!((re.count, re.of), (truth.re_referrals, truth.referrals));
            let nfa = front_door::no_further_action(&days, period);
            prop_assert_eq!(nfa.count, truth.no_further_action);
            let timely = front_door::assessments_in_time(
                &records.assessments, AssessmentKind::Single, period, &cal,
            ).unwrap();
            prop_assert_eq!(
                (timely.count, timely.of),
                (truth.assessments_in_time, truth.assessments_authorised)
            );
        }
    }

    #[test]
    fn the_same_seed_makes_the_same_records() {
        let cal = BankHolidays::england_and_wales().unwrap();
        let a = generate(7, 50, FinancialYear(2023), &cal).unwrap();
        let b = generate(7, 50, FinancialYear(2023), &cal).unwrap();
        assert_eq!(a, b);
        assert_ne!(a.1, generate(8, 50, FinancialYear(2023), &cal).unwrap().1);
    }
}
