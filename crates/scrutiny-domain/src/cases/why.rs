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
}

impl RecordLine {
    /// How the record takes part, in words: for a count every record is counted; for a share,
    /// in the count (the numerator) or in the total only.
    pub fn part(&self, measure_is_count: bool) -> &'static str {
        match (measure_is_count, self.counted) {
            (true, _) => "counted",
            (false, true) => "in the count",
            (false, false) => "in the total only",
        }
    }
}

/// The records behind `measure`'s figure for `period`, in date order, each child named by its
/// pseudonym under `key`. A rate or an average gives no lines (its records are not listed).
pub fn record_lines(
    measure: Measure,
    prepared: &Prepared,
    period: DateRange,
    calendar: &BankHolidays,
    contact_window: u64,
    key: &[u8],
) -> Result<Vec<RecordLine>, MeasureError> {
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
        let first = records.child_name(crate::cases::ChildId(0));
        assert!(referrals.iter().all(|l| !l.child.contains(first)));
    }
}
