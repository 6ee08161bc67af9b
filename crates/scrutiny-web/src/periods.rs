//! Which quarters the app offers, and how a quarter is written in a URL (`2012/1` for 2012/13 Q1).

use scrutiny_domain::Dataset;
use scrutiny_domain::period::{FinancialYear, Period, Quarter};
use scrutiny_store::QuarterRow;

use crate::error::AppError;

/// Every quarter with a figure or opened for returns, newest first.
pub fn known_periods(data: &Dataset, quarters: &[QuarterRow]) -> Vec<Period> {
    let mut v: Vec<Period> = data
        .values
        .iter()
        .filter_map(|v| v.quarter.map(|q| Period::new(v.year, q)))
        .chain(quarters.iter().map(|q| q.period))
        .collect();
    v.sort_unstable();
    v.dedup();
    v.reverse();
    v
}

/// The quarter to show when none is asked for: the newest opened for returns, else the newest
/// with figures.
pub fn default_period(data: &Dataset, quarters: &[QuarterRow]) -> Option<Period> {
    quarters
        .iter()
        .map(|q| q.period)
        .max()
        .or_else(|| known_periods(data, &[]).first().copied())
}

/// The quarter a page of figures opens on: the newest with an approved figure, so a quarter
/// just opened for returns (still empty) does not hide the last one reported; failing that,
/// the default.
pub fn latest_with_figures(data: &Dataset, quarters: &[QuarterRow]) -> Option<Period> {
    known_periods(data, &[])
        .first()
        .copied()
        .or_else(|| default_period(data, quarters))
}

pub fn path(p: Period) -> String {
    format!("{}/{}", p.year.0, p.quarter.number())
}

/// A quarter from its URL segments.
pub fn from_path(year: i32, quarter: u8) -> Result<Period, AppError> {
    let q = Quarter::from_number(quarter)
        .ok_or_else(|| AppError::NotFound(format!("there is no quarter {quarter}")))?;
    if crate::error::report_year(year).is_err() {
        return Err(AppError::NotFound(format!("there is no year {year}")));
    }
    Ok(Period::new(FinancialYear(year), q))
}

/// A quarter as typed ("2012/13 Q1"), within the years a report can be about: the domain reads
/// years far either side (for old imports), but no quarter outside them is opened or shown.
pub fn parse(text: &str) -> Result<Period, AppError> {
    let p = Period::parse(text).map_err(|e| AppError::Invalid(e.to_string()))?;
    match crate::error::report_year(p.year.0) {
        Ok(_) => Ok(p),
        Err(_) => Err(AppError::Invalid(format!(
            "{p} is outside the years this service reports on: give a quarter from 1990/91 to 2100/01"
        ))),
    }
}

/// A quarter as typed or chosen ("2012/13 Q1"), or the default.
pub fn chosen(
    text: Option<&str>,
    data: &Dataset,
    quarters: &[QuarterRow],
) -> Result<Option<Period>, AppError> {
    typed(text).map(|p| p.or_else(|| default_period(data, quarters)))
}

/// A quarter as typed or chosen, or the newest with figures: for pages that show figures.
pub fn chosen_with_figures(
    text: Option<&str>,
    data: &Dataset,
    quarters: &[QuarterRow],
) -> Result<Option<Period>, AppError> {
    typed(text).map(|p| p.or_else(|| latest_with_figures(data, quarters)))
}

/// A date as typed (a deadline, a day received), within the financial years this service
/// reports on (1 April 1990 to 31 March 2101).
pub fn date(text: &str) -> Result<chrono::NaiveDate, AppError> {
    let d = scrutiny_domain::period::parse_date(text).map_err(|_| {
        AppError::Invalid(format!("'{}' is not a date like 2012-07-20", text.trim()))
    })?;
    match crate::error::report_year(FinancialYear::containing(d).0) {
        Ok(_) => Ok(d),
        Err(_) => Err(AppError::Invalid(format!(
            "{d} is outside the years this service reports on: give a date from 1990-04-01 to 2101-03-31"
        ))),
    }
}

fn typed(text: Option<&str>) -> Result<Option<Period>, AppError> {
    text.map(str::trim)
        .filter(|t| !t.is_empty())
        .map(parse)
        .transpose()
}
