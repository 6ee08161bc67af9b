//! What an import needs to know of stored formula indicators and populations, to check a
//! figure's numerator and denominator.

use scrutiny_domain::performance::formula::{Formula, Population};
use scrutiny_domain::performance::model::Known;
use scrutiny_domain::period::FinancialYear;
use sqlx::{AnyPool, Row};

use crate::Result;

pub(crate) async fn known(pool: &AnyPool, known: &mut Known) -> Result<()> {
    for row in sqlx::query("SELECT code, formula, population FROM indicators")
        .fetch_all(pool)
        .await?
    {
        let formula: Option<String> = row.try_get(1)?;
        if let Some(f) = formula.and_then(|f| Formula::parse(&f).ok()) {
            known.insert_formula(row.try_get(0)?, f, row.try_get(2)?);
        }
    }
    for row in sqlx::query("SELECT area, year, age_band, count FROM populations")
        .fetch_all(pool)
        .await?
    {
        let year: i64 = row.try_get(1)?;
        let count: String = row.try_get(3)?;
        let (Ok(year), Ok(count)) = (i32::try_from(year), count.parse()) else {
            continue;
        };
        known.insert_population(Population {
            area: row.try_get(0)?,
            year: FinancialYear(year),
            age_band: row.try_get(2)?,
            count,
        });
    }
    Ok(())
}
