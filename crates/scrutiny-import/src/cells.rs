//! Reading one cell by its column's type into a [`Value`], with the message a person needs when
//! it cannot be read.

use std::borrow::Cow;

use scrutiny_domain::DomainError;
use scrutiny_domain::figure::Figure;
use scrutiny_domain::format::parse_money;
use scrutiny_domain::period::{FinancialYear, Quarter, ambiguous_date, parse_date};
use scrutiny_domain::table::{ColumnType, Value};

use crate::Options;
use crate::error::Code;

/// Reads a cell (trimmed, not blank) as `kind`.
pub fn parse(kind: ColumnType, text: &str, options: Options) -> Result<Value, (Code, String)> {
    let says = |code: Code| move |e: DomainError| (code, e.to_string());
    let text: &str = &match kind {
        ColumnType::Decimal | ColumnType::Target | ColumnType::Figure | ColumnType::Money => {
            commas(text, options.decimal_comma)?
        }
        ColumnType::Date => match ambiguous_date(text) {
            Some(why) => return Err((Code::AmbiguousDate, why)),
            None => Cow::Borrowed(text),
        },
        _ => Cow::Borrowed(text),
    };
    match kind {
        ColumnType::Text => Ok(Value::text(text)),
        ColumnType::Whole => whole(text)
            .map(Value::Int)
            .ok_or_else(|| (Code::BadNumber, format!("'{text}' is not a whole number"))),
        ColumnType::Count => text
            .parse::<u64>()
            .ok()
            .and_then(|n| i64::try_from(n).ok())
            .map(Value::Int)
            .ok_or_else(|| {
                let why = format!("'{text}' is not a whole number of cases");
                (Code::BadNumber, why)
            }),
        ColumnType::Places => text
            .parse::<u32>()
            .ok()
            .filter(|d| *d <= 6)
            .map(|d| Value::Int(i64::from(d)))
            .ok_or_else(|| says(Code::BadNumber)(DomainError::BadFigure(text.into(), "0 to 6"))),
        ColumnType::Decimal => decimal(text)
            .map(Value::Decimal)
            .map_err(says(Code::BadNumber)),
        ColumnType::Target => Figure::parse_target(text)
            .map(Value::Figure)
            .map_err(says(Code::BadNumber)),
        ColumnType::Figure => Figure::parse_value(text)
            .map(Value::Figure)
            .map_err(says(Code::BadNumber)),
        ColumnType::Money => parse_money(text)
            .map(Value::Decimal)
            .map_err(says(Code::BadNumber)),
        ColumnType::Date => parse_date(text)
            .map(Value::Date)
            .map_err(says(Code::WrongPeriod)),
        ColumnType::Year => FinancialYear::parse(text)
            .map(Value::Year)
            .map_err(says(Code::WrongPeriod)),
        ColumnType::ReportYear => FinancialYear::parse(text).map(Value::Year).map_err(|_| {
            let why = format!("'{text}' is not a financial year; write it like 2016/17");
            (Code::WrongPeriod, why)
        }),
        ColumnType::Quarter => Quarter::parse(text)
            .map(Value::Quarter)
            .map_err(says(Code::WrongPeriod)),
        ColumnType::YesNo => yes_no(text),
        ColumnType::Word(word) => word(text).map(Value::text).map_err(says(Code::NotAllowed)),
        ColumnType::Links => Ok(Value::Text(links(text).join(";"))),
    }
}

/// A number's commas, read by the council's number style. By default a comma must separate
/// thousands (`1,372`); any other (`12,5`) could be a decimal comma and is refused, never read
/// as 125. With the decimal-comma style the comma is the decimal mark (`12,5` is 12.5). Text
/// that is not a number (a sentence, a state) is left alone.
fn commas(text: &str, decimal_comma: bool) -> Result<Cow<'_, str>, (Code, String)> {
    let core = text
        .split_whitespace()
        .next()
        .unwrap_or_default()
        .trim_start_matches(['-', '+', '(', '£'])
        .trim_end_matches(['%', ')']);
    let numeric = core.chars().any(|c| c.is_ascii_digit())
        && core
            .chars()
            .all(|c| c.is_ascii_digit() || c == ',' || c == '.');
    if !numeric || !core.contains(',') {
        return Ok(Cow::Borrowed(text));
    }
    if decimal_comma {
        if core.contains('.') || core.matches(',').count() > 1 {
            let why = format!(
                "'{text}' has more than one decimal mark; with the decimal-comma number style \
                 write one comma as the decimal mark and no thousands separator (1234,5)"
            );
            return Err((Code::AmbiguousNumber, why));
        }
        return Ok(Cow::Owned(text.replacen(',', ".", 1)));
    }
    let (int, fraction) = core.split_once('.').unwrap_or((core, ""));
    let groups: Vec<&str> = int.split(',').collect();
    let thousands = groups.first().is_some_and(|g| (1..=3).contains(&g.len()))
        && groups.iter().skip(1).all(|g| g.len() == 3)
        && !fraction.contains(',');
    if thousands {
        return Ok(Cow::Borrowed(text));
    }
    Err((
        Code::AmbiguousNumber,
        format!(
            "'{text}' has a comma that does not separate thousands, so it may be a decimal \
             comma; write a decimal with a point (12.5), or import with the decimal-comma \
             number style (--decimal-comma, or the upload page's \"decimal comma\" box)"
        ),
    ))
}

/// The codes of a links cell.
pub fn links(text: &str) -> Vec<&str> {
    text.split(';')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect()
}

fn whole(text: &str) -> Option<i64> {
    match text.parse::<f64>() {
        // Excel hands whole numbers over as floats (3.0).
        Ok(f) if f.fract() == 0.0 && f.abs() < 1e12 => Some(f as i64),
        _ => None,
    }
}

fn decimal(text: &str) -> Result<rust_decimal::Decimal, DomainError> {
    Figure::parse(text)?
        .as_number()
        .ok_or_else(|| DomainError::BadFigure(text.into(), "a number"))
}

fn yes_no(text: &str) -> Result<Value, (Code, String)> {
    match text.to_ascii_lowercase().as_str() {
        "no" | "n" | "false" | "0" => Ok(Value::Bool(false)),
        "yes" | "y" | "true" | "1" => Ok(Value::Bool(true)),
        other => Err((Code::NotAllowed, format!("'{other}' is not yes or no"))),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn figure(text: &str, decimal_comma: bool) -> Result<String, (Code, String)> {
        let options = Options { decimal_comma };
        parse(ColumnType::Figure, text, options).map(|v| v.shown())
    }

    #[test]
    fn a_comma_that_is_not_a_thousands_separator_is_refused() {
        assert_eq!(figure("1,372", false).unwrap(), "1372");
        assert_eq!(figure("1,234,567.5%", false).unwrap(), "1234567.5");
        for bad in ["12,5", "12,5%", "1,23", "1234,567", ",5", "1,234.5,6"] {
            let (code, why) = figure(bad, false).unwrap_err();
            assert_eq!(code, Code::AmbiguousNumber, "{bad}");
            assert!(why.contains(&format!("'{bad}'")), "{why}");
        }
        // A sentence with a comma is not a number.
        assert!(figure("Improving, see the commentary below", false).is_ok());
    }

    #[test]
    fn the_decimal_comma_style_reads_a_comma_as_the_decimal_mark() {
        assert_eq!(figure("12,5", true).unwrap(), "12.5");
        assert_eq!(figure("12,5%", true).unwrap(), "12.5");
        assert_eq!(figure("12.5", true).unwrap(), "12.5");
        let (code, _) = figure("1.234,5", true).unwrap_err();
        assert_eq!(code, Code::AmbiguousNumber);
    }

    #[test]
    fn an_ambiguous_date_is_refused_with_its_own_code() {
        let date = |t| parse(ColumnType::Date, t, Options::default());
        assert_eq!(date("03/04/2012").unwrap_err().0, Code::AmbiguousDate);
        assert_eq!(date("23/04/12").unwrap_err().0, Code::AmbiguousDate);
        assert_eq!(date("23/04/2012").unwrap().shown(), "2012-04-23");
    }
}
