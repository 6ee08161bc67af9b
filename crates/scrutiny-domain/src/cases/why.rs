//! "Why this number": the records behind a computed figure as they may be listed and kept —
//! each child as a pseudonym, the record's date, and whether it is in the count. Nothing else
//! about the child leaves the return.

use chrono::NaiveDate;

use crate::calendar::BankHolidays;
use crate::cases::measure::{Measure, MeasureError, Prepared};
use crate::cases::names::pseudonym;
use crate::cases::records::DateRange;

/// The records behind one computed figure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FigureLines {
    pub indicator: String,
    pub year: crate::period::FinancialYear,
    /// `None` for the year's outturn.
    pub quarter: Option<crate::period::Quarter>,
    pub lines: Vec<RecordLine>,
}

/// One record behind a figure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordLine {
    /// The child, as [`pseudonym`] under the installation's key.
    pub child: String,
    pub date: NaiveDate,
    /// In the count (a count's every record is); otherwise in the total only.
    pub counted: bool,
    /// For an average, the child's days (the adoption scorecard's waits).
    pub days: Option<i64>,
}

impl RecordLine {
    /// How the record takes part, in words: for a count every record is counted; for a share,
    /// in the count (the numerator) or in the total only; for an average, its days.
    pub fn part(&self, measure_is_count: bool) -> String {
        if let Some(days) = self.days {
            return format!("{days} days, in the average");
        }
        match (measure_is_count, self.counted) {
            (true, _) => "counted",
            (false, true) => "in the count",
            (false, false) => "in the total only",
        }
        .to_string()
    }
}

/// The records behind `measure`'s figure for `period`, in date order, each child named by its
/// pseudonym under `key`; for an adoption average, each adopted child with its days, dated the
/// day it was adopted. A rate's records are its count's.
pub fn record_lines(
    measure: Measure,
    prepared: &Prepared,
    period: DateRange,
    calendar: &BankHolidays,
    contact_window: u64,
    key: &[u8],
) -> Result<Vec<RecordLine>, MeasureError> {
    if let (Some(scorecard), Some(care)) = (measure.scorecard(), prepared.care) {
        let mut waits =
            crate::cases::adoption::waits_each(care, prepared.sorted_episodes(), scorecard, period);
        waits.sort_by_key(|(child, day, _)| (*day, *child));
        return Ok(waits
            .into_iter()
            .map(|(child, date, days)| RecordLine {
                child: pseudonym(key, care.child_name(child)),
                date,
                counted: true,
                days: Some(days),
            })
            .collect());
    }
    let mut verdicts = Vec::new();
    measure.verdicts(prepared, period, calendar, contact_window, &mut |v| {
        verdicts.push(v)
    })?;
    verdicts.sort_by_key(|v| (v.date, v.child));
    let name = |child| match prepared.care {
        Some(care) if measure.is_care() => care.child_name(child),
        _ => prepared.records.child_name(child),
    };
    // One hash per child, not per record: a child has many records.
    let mut known: std::collections::HashMap<_, String> = std::collections::HashMap::new();
    Ok(verdicts
        .into_iter()
        .map(|v| RecordLine {
            child: known
                .entry(v.child)
                .or_insert_with(|| pseudonym(key, name(v.child)))
                .clone(),
            date: v.date,
            counted: v.counted,
            days: None,
        })
        .collect())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::period::FinancialYear;

    #[test]
    fn the_lines_are_the_figures_records_under_one_key() {
        let cal = BankHolidays::england_and_wales().unwrap();
        let year = FinancialYear(2023);
        let (records, truth) = crate::cases::synth::generate(7, 300, year, &cal).unwrap();
        let prepared = Prepared::new(&records);
        let range = DateRange::new(year.start(), year.end()).unwrap();
        let lines = |m, key: &[u8]| record_lines(m, &prepared, range, &cal, 1, key).unwrap();
        let referrals = lines(Measure::Referrals, b"one");
        assert_eq!(referrals.len() as u64, truth.referrals);
        assert!(referrals.windows(2).all(|w| w[0].date <= w[1].date));
        let again = lines(Measure::ReReferrals, b"one");
        assert_eq!(
            again.iter().filter(|l| l.counted).count() as u64,
            truth.re_referrals
        );
        // The same child reads the same under one key and differently under another; no line
        // carries the council's own number.
        let other = lines(Measure::Referrals, b"two");
        assert!(
            referrals
                .iter()
                .zip(&other)
                .all(|(a, b)| a.child != b.child)
        );
        let first = records.child_name(records.referrals[0].child);
        assert!(referrals.iter().all(|l| !l.child.contains(first)));
    }
}
