//! Care leavers' outcomes from the 903's OC3 table, as written in
//! `docs/measures/children-in-care.md`: in touch, in suitable accommodation, in education,
//! employment or training.
//!
//! The OC3 table carries no date: its rows are the return's cohort (care leavers whose 17th to
//! 21st birthday fell in the return's year), so these measures describe the return, whatever the
//! period asked for. Readings where the guidance is unconfirmed:
//! - the denominator is every OC3 row except a young person who has died (IN_TOUCH `DIED`);
//!   those not in touch, who refused contact or no longer need a service count in it and not in
//!   the numerator, as their outcome is unknown;
//! - ACCOM ending in 1 is suitable, in 2 not suitable;
//! - education, employment or training is an ACTIV starting F (full time) or P (part time);
//!   G4–G6 are not.

use crate::cases::care::Leaver;
use chrono::NaiveDate;

use crate::cases::front_door::{Share, Verdict};

fn cohort(list: &[Leaver]) -> impl Iterator<Item = &Leaver> {
    list.iter().filter(|l| l.in_touch.as_str() != "DIED")
}

fn share(list: &[Leaver], counts: impl Fn(&Leaver) -> bool) -> Share {
    Share::of(|each| verdicts(list, NaiveDate::MIN, counts, each))
}

/// Each care leaver of the cohort and whether the measure counts them, dated `day` (the OC3 row
/// has no date of its own).
fn verdicts(
    list: &[Leaver],
    day: NaiveDate,
    counts: impl Fn(&Leaver) -> bool,
    each: &mut dyn FnMut(Verdict),
) {
    for l in cohort(list) {
        each(Verdict {
            child: l.child,
            date: day,
            counted: counts(l),
        });
    }
}

fn touching(l: &Leaver) -> bool {
    l.in_touch.as_str() == "YES"
}

fn housed(l: &Leaver) -> bool {
    l.accommodation.is_some_and(|a| a.as_str().ends_with('1'))
}

fn occupied(l: &Leaver) -> bool {
    l.activity
        .is_some_and(|a| a.as_str().starts_with(['F', 'P']))
}

/// The verdicts of [`in_touch`], [`suitable_accommodation`] or
/// [`in_education_employment_training`], for "why this number".
pub fn each(
    list: &[Leaver],
    measure: LeaverMeasure,
    day: NaiveDate,
    each: &mut dyn FnMut(Verdict),
) {
    let counts = match measure {
        LeaverMeasure::InTouch => touching,
        LeaverMeasure::SuitableAccommodation => housed,
        LeaverMeasure::EducationEmploymentTraining => occupied,
    };
    verdicts(list, day, counts, each);
}

/// Which care leavers' measure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LeaverMeasure {
    InTouch,
    SuitableAccommodation,
    EducationEmploymentTraining,
}

/// Care leavers the council is in touch with (IN_TOUCH `YES`), of the cohort.
pub fn in_touch(list: &[Leaver]) -> Share {
    share(list, touching)
}

/// Care leavers in suitable accommodation (ACCOM ending in 1), of the cohort.
pub fn suitable_accommodation(list: &[Leaver]) -> Share {
    share(list, housed)
}

/// Care leavers in education, employment or training (ACTIV F… or P…), of the cohort.
pub fn in_education_employment_training(list: &[Leaver]) -> Share {
    share(list, occupied)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::cases::care::{ChildId, Code};

    fn leaver(touch: &str, activ: &str, accom: &str) -> Leaver {
        Leaver {
            child: ChildId(0),
            in_touch: Code::new(touch).unwrap(),
            activity: Code::new(activ),
            accommodation: Code::new(accom),
        }
    }

    #[test]
    fn the_dead_leave_the_cohort_and_the_unknown_stay_in_it() {
        let list = [
            leaver("YES", "F1", "B1"),
            leaver("YES", "G5", "T2"),
            leaver("NO", "", ""),
            leaver("REFU", "", ""),
            leaver("DIED", "", ""),
        ];
        assert_eq!(in_touch(&list), Share { count: 2, of: 4 });
        assert_eq!(suitable_accommodation(&list), Share { count: 1, of: 4 });
        assert_eq!(
            in_education_employment_training(&list),
            Share { count: 1, of: 4 }
        );
    }
}
