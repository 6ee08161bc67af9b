//! The figures of every indicator that declares a measure (`indicator_measures`), computed from
//! a council's returns for one period, with their sources and the records behind each: what
//! `scrutiny cases apply` and the browser's case-data upload both store.

use chrono::NaiveDate;

use crate::calendar::BankHolidays;
use crate::cases::care::CareRecords;
use crate::cases::measure::{Computed, IndicatorMeasure, Measure, MeasureError, Prepared};
use crate::cases::records::{DateRange, FrontDoor};
use crate::cases::why::{FigureLines, record_lines};
use crate::cases::{ValueSource, care, front_door};
use crate::performance::model::{Dataset, ValueEntry};
use crate::period::{FinancialYear, Period, Quarter};

/// The returns a computation reads: the front door's (Annex A or CIN census) and a 903's.
#[derive(Debug, Default)]
pub struct Returns {
    pub front: FrontDoor,
    /// Whether a front-door return was given (a 903 folder may come alone).
    pub front_given: bool,
    pub care: Option<CareRecords>,
}

impl Returns {
    /// The returns ready for the measures, with the population a rate is per.
    pub fn prepared(&self, population: Option<u64>) -> Prepared<'_> {
        let prepared = Prepared::new(&self.front).with_population(population);
        match &self.care {
            Some(care) => prepared.with_care(care),
            None => prepared,
        }
    }

    /// The returns and definitions a stored figure came from, for the audit trail: `front` and
    /// `care` name the files given.
    pub fn source(&self, front: &str, care: &str) -> String {
        match (&self.care, self.front_given) {
            (Some(_), true) => format!(
                "case records {front} and 903 return {care} (definitions {}, {})",
                front_door::VERSION,
                care::VERSION
            ),
            (Some(_), false) => format!("903 return {care} (definitions {})", care::VERSION),
            (None, _) => format!("case records {front} (definitions {})", front_door::VERSION),
        }
    }
}

/// The period asked for: a financial year (`2023/24`, its outturn) or a quarter (`2023/24 Q2`).
pub fn period_of(text: &str) -> Result<(FinancialYear, Option<Quarter>, DateRange), String> {
    if let Ok(p) = Period::parse(text) {
        let range = DateRange::new(p.start(), p.end()).ok_or_else(|| format!("{p} has no days"))?;
        return Ok((p.year, Some(p.quarter), range));
    }
    let year = FinancialYear::parse(text.trim()).map_err(|_| {
        format!("'{text}' is not a year or a quarter: give e.g. 2023/24 or 2023/24 Q2")
    })?;
    let range =
        DateRange::new(year.start(), year.end()).ok_or_else(|| format!("{year} has no days"))?;
    Ok((year, None, range))
}

/// What is asked: the period, the calendar, the council's contact window, the installation's
/// pseudonym key, the day of computing.
pub struct Asked<'a> {
    pub year: FinancialYear,
    pub quarter: Option<Quarter>,
    pub range: DateRange,
    pub calendar: &'a BankHolidays,
    pub contact_window: u64,
    pub key: &'a [u8],
    pub computed_on: NaiveDate,
}

/// One declared indicator's result, for the officer to read.
#[derive(Debug, Clone)]
pub struct Outcome {
    pub indicator: String,
    pub measure: Measure,
    /// `None`: nothing to count in the period (no figure is stored).
    pub computed: Option<Computed>,
}

impl Outcome {
    /// "33.3 (1 of 3)", or why there is no figure.
    pub fn said(&self) -> String {
        match &self.computed {
            Some(c) => {
                let parts = c
                    .parts
                    .map(|(n, of)| format!(" ({n} of {of})"))
                    .unwrap_or_default();
                format!("{}{parts}", c.figure.to_entry())
            }
            None => "no figure: nothing to count in the period".into(),
        }
    }
}

/// The figures to store (values and their sources), the records behind each, and every
/// declared indicator's outcome.
#[derive(Debug, Default)]
pub struct Declared {
    pub data: Dataset,
    pub records: Vec<FigureLines>,
    pub outcomes: Vec<Outcome>,
}

/// Computes every declared indicator's figure for the period. `file_of` names the return a
/// measure read (the 903's for a care measure), for the figure's source.
pub fn declared_figures(
    measures: &[IndicatorMeasure],
    prepared: &Prepared,
    asked: &Asked,
    file_of: &dyn Fn(Measure) -> String,
) -> Result<Declared, MeasureError> {
    let mut out = Declared::default();
    let (year, quarter) = (asked.year, asked.quarter);
    // Each figure and the records behind it on every core (they share the prepared lists);
    // stored in the indicators' order.
    let worked: Vec<Result<_, MeasureError>> = {
        use rayon::prelude::*;
        measures
            .par_iter()
            .map(|im| {
                let computed = im.measure.figure(
                    prepared,
                    asked.range,
                    asked.calendar,
                    asked.contact_window,
                )?;
                let lines = match computed {
                    Some(_) => Some(record_lines(
                        im.measure,
                        prepared,
                        asked.range,
                        asked.calendar,
                        asked.contact_window,
                        asked.key,
                    )?),
                    None => None,
                };
                Ok((computed, lines))
            })
            .collect()
    };
    for (im, worked) in measures.iter().zip(worked) {
        let (computed, lines) = worked?;
        if let Some(c) = &computed {
            out.data.values.push(ValueEntry::new(
                &im.indicator,
                year,
                quarter,
                c.figure.clone(),
            ));
            // The records behind it, kept as pseudonyms for "why this number".
            out.records.push(FigureLines {
                indicator: im.indicator.clone(),
                year,
                quarter,
                lines: lines.unwrap_or_default(),
            });
            out.data.value_sources.push(ValueSource {
                indicator: im.indicator.clone(),
                year,
                quarter,
                source: format!(
                    "{} from case records {} (definitions {})",
                    im.measure.code(),
                    file_of(im.measure),
                    im.measure.version()
                ),
                computed_on: asked.computed_on,
            });
        }
        out.outcomes.push(Outcome {
            indicator: im.indicator.clone(),
            measure: im.measure,
            computed,
        });
    }
    Ok(out)
}
