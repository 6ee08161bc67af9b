//! Errors for values that break a domain rule. Messages are written for the person who typed the value.

use thiserror::Error;

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum DomainError {
    #[error("'{0}' is not a financial year: write it like 2012/13 or 2012-13")]
    BadYear(String),
    #[error("'{0}' is not a quarter: write Q1, Q2, Q3 or Q4")]
    BadQuarter(String),
    #[error("'{0}' is not a period: write it like 2012/13 Q1")]
    BadPeriod(String),
    #[error("'{0}' is not a date: write it like 2012-06-30 or 30/06/2012")]
    BadDate(String),
    #[error("'{0}' is not a number or a recognised state ({1})")]
    BadFigure(String, &'static str),
    #[error("'{0}' is not an amount in £'000: write it like 8,071, -123 or (20)")]
    BadMoney(String),
    #[error("'{0}' is not one of: {1}")]
    NotOneOf(String, &'static str),
    #[error("a progress override needs a reason")]
    OverrideWithoutReason,
}
