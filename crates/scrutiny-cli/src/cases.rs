//! Case records to measures on the command line: an Annex A return's front-door lists read and
//! each measure printed for a financial year, with its definition's version.

use std::path::Path;

use anyhow::{Result, anyhow};
use scrutiny_domain::cases::DateRange;
use scrutiny_domain::cases::front_door::{self, Share};
use scrutiny_domain::cases::records::AssessmentKind;
use scrutiny_domain::format::Rounding;
use scrutiny_domain::period::{FinancialYear, long_date};

fn share(s: Share) -> String {
    format!(
        "{} ({} of {})",
        s.percent(0, Rounding::HalfUp),
        s.count,
        s.of
    )
}

/// Prints the front-door measures for `year` from the Annex A return at `path`.
pub fn measures(path: &Path, year: &str, contact_window: u64) -> Result<()> {
    let year = FinancialYear::parse(year).map_err(|e| anyhow!("{e}"))?;
    let calendar = scrutiny_import::calendar::bank_holidays().map_err(|e| anyhow!(e))?;
    let read = scrutiny_import::cases::read_annex_a(path).map_err(|e| anyhow!("{e}"))?;
    let period =
        DateRange::new(year.start(), year.end()).ok_or_else(|| anyhow!("{year} has no days"))?;
    let in_time = front_door::assessments_in_time(
        &read.assessments,
        AssessmentKind::Single,
        period,
        &calendar,
    )
    .map_err(|e| anyhow!("{e}"))?;
    let rows = [
        (
            "Contacts".to_string(),
            front_door::contacts(&read.contacts, period).to_string(),
        ),
        (
            "Referrals".to_string(),
            front_door::referrals(&read.referrals, period).to_string(),
        ),
        (
            format!("Contacts referred within {contact_window} day(s)"),
            share(front_door::contacts_referred(
                &read.contacts,
                &read.referrals,
                period,
                contact_window,
            )),
        ),
        (
            "Re-referrals within 12 months".to_string(),
            share(front_door::re_referrals(&read.referrals, period)),
        ),
        (
            "Referrals ending in no further action".to_string(),
            share(front_door::no_further_action(&read.referrals, period)),
        ),
        (
            "Assessments authorised within 45 working days".to_string(),
            share(in_time),
        ),
    ];
    println!(
        "Front-door measures, {year} ({} to {}); definitions {}",
        long_date(year.start()),
        long_date(year.end()),
        front_door::VERSION
    );
    for (what, figure) in rows {
        println!("  {what:<48} {figure}");
    }
    if !read.not_read.is_empty() {
        println!("Not read yet: {}", read.not_read.join(", "));
    }
    Ok(())
}
