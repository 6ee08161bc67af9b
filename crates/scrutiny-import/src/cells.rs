//! Reading one cell by its column's type into a [`Value`], with the message a person needs when
//! it cannot be read.

use scrutiny_domain::DomainError;
use scrutiny_domain::figure::Figure;
use scrutiny_domain::format::parse_money;
use scrutiny_domain::period::{FinancialYear, Quarter, parse_date};
use scrutiny_domain::table::{ColumnType, Value};

use crate::error::Code;

/// Reads a cell (trimmed, not blank) as `kind`.
pub fn parse(kind: ColumnType, text: &str) -> Result<Value, (Code, String)> {
    let says = |code: Code| move |e: DomainError| (code, e.to_string());
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
