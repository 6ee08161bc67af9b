//! The working-day calendar: the bank holidays shipped with Scrutiny, or a newer list in GOV.UK's
//! `bank-holidays.json` format (https://www.gov.uk/bank-holidays.json) named by
//! `SCRUTINY_BANK_HOLIDAYS`, so a council can extend the years covered without a new release.

use scrutiny_domain::calendar::BankHolidays;

pub const ENV: &str = "SCRUTINY_BANK_HOLIDAYS";

pub fn bank_holidays() -> Result<BankHolidays, String> {
    match std::env::var_os(ENV) {
        Some(path) => {
            let json = std::fs::read_to_string(&path)
                .map_err(|e| format!("cannot read {ENV}={}: {e}", path.to_string_lossy()))?;
            BankHolidays::from_govuk_json(&json, "england-and-wales").map_err(|e| {
                format!(
                    "{ENV}={} is not in GOV.UK's bank-holidays.json format: {e}",
                    path.to_string_lossy()
                )
            })
        }
        None => BankHolidays::england_and_wales().map_err(|e| e.to_string()),
    }
}
