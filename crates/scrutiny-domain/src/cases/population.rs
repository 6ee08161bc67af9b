//! The children's population rates are per: the ONS mid-year estimates of people aged 0 to 17
//! by council, as a council keeps them in a file it updates each summer when the ONS publishes
//! (`docs/measures/children-in-care.md`).

use crate::period::FinancialYear;

/// One council's estimate for one mid-year.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Estimate {
    /// The ONS area code, e.g. E06000006.
    pub area: String,
    pub name: String,
    /// The mid-year (30 June) the estimate is for.
    pub year: i32,
    pub children: u64,
}

/// The estimate a financial year's rate uses: the mid-year of the calendar year it starts in
/// (mid-2023 for 2023/24), or, when that is not held yet (the ONS publishes a year late), the
/// latest before it, marked so the report can say which was used. `Err` names what to add.
pub fn for_year<'a>(
    list: &'a [Estimate],
    area: &str,
    year: FinancialYear,
) -> Result<(&'a Estimate, bool), String> {
    let area_rows: Vec<&Estimate> = list
        .iter()
        .filter(|e| e.area.eq_ignore_ascii_case(area.trim()))
        .collect();
    if area_rows.is_empty() {
        return Err(format!(
            "the population file holds no estimates for area {area}: add its rows (area_code, area_name, mid_year, population_0_17)"
        ));
    }
    if let Some(e) = area_rows.iter().find(|e| e.year == year.0) {
        return Ok((e, false));
    }
    area_rows
        .iter()
        .filter(|e| e.year < year.0)
        .max_by_key(|e| e.year)
        .map(|e| (*e, true))
        .ok_or_else(|| {
            format!(
                "the population file holds no estimate for {area} for mid-{} or before: add it",
                year.0
            )
        })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn e(year: i32, children: u64) -> Estimate {
        Estimate {
            area: "E06000006".into(),
            name: "Halton".into(),
            year,
            children,
        }
    }

    #[test]
    fn the_years_own_estimate_else_the_latest_before_it() {
        let list = [e(2021, 27_000), e(2022, 27_100)];
        let (used, latest) = for_year(&list, "e06000006", FinancialYear(2022)).unwrap();
        assert_eq!((used.children, latest), (27_100, false));
        let (used, latest) = for_year(&list, "E06000006", FinancialYear(2023)).unwrap();
        assert_eq!((used.year, latest), (2022, true));
        assert!(for_year(&list, "E06000006", FinancialYear(2020)).is_err());
        assert!(
            for_year(&list, "E08000011", FinancialYear(2022))
                .unwrap_err()
                .contains("no estimates for area E08000011")
        );
    }
}
