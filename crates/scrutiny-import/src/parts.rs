//! A formula indicator's numerator and denominator, checked as each `values` row is read: they
//! must make a figure (no denominator of 0, no numerator above the denominator of a percentage)
//! and agree with the figure given beside them.

use scrutiny_domain::performance::formula::{FormulaError, Parts, population_for};
use scrutiny_domain::performance::model::ValueEntry;
use scrutiny_domain::table::{Cells, ColumnType, Table, Tabular, Value};

use crate::Options;
use crate::cells;
use crate::error::Code;
use crate::row::{Columns, Row};
use crate::tables::Keys;

/// The row with its blanks filled in from its parts, when its indicator has a formula: a rate's
/// blank `denominator` with the population it is of (so the stored row keeps the population its
/// figure was worked out with, whatever later updates to the table), and a blank `value` with
/// the figure its parts make, rounded to one place (a ratio to two), or why they make none.
/// `None` leaves the row as it is, for the usual checks to report.
pub(crate) fn fill(
    cells: &[String],
    columns: &Columns,
    keys: &Keys,
    options: Options,
) -> Option<Result<Vec<String>, FormulaError>> {
    let cell = |name: &str| {
        columns
            .position(name)
            .and_then(|i| cells.get(i))
            .map(|c| c.trim())
            .filter(|c| !c.is_empty())
    };
    let number = |name: &str| match cells::parse(ColumnType::Decimal, cell(name)?, options) {
        Ok(Value::Decimal(d)) => Some(d),
        _ => None,
    };
    let numerator = number("numerator")?;
    let (formula, band) = keys.formulas.get(cell("indicator")?)?;
    let mut filled = cells.to_vec();
    let mut set = |name: &str, text: String| {
        if let Some(at) = columns.position(name) {
            filled.resize(filled.len().max(at + 1), String::new());
            filled[at] = text;
        }
    };
    let denominator = match (number("denominator"), band) {
        (Some(d), _) => d,
        (None, Some(band)) => {
            let year = match cells::parse(ColumnType::Year, cell("year")?, options) {
                Ok(Value::Year(y)) => y,
                _ => return None,
            };
            let count = population_for(&keys.populations, band, year).ok()?.count;
            set("denominator", count.to_string());
            count
        }
        (None, None) => return None,
    };
    if cell("value").is_none() {
        let parts = Parts {
            numerator,
            denominator,
        };
        match formula.stored_figure(parts) {
            Ok(figure) => set("value", figure.to_string()),
            // Said now: the blank value would otherwise be refused only as blank.
            Err(e) => return Some(Err(e)),
        }
    }
    (filled.as_slice() != cells).then_some(Ok(filled))
}

pub(crate) fn check(row: &mut Row, _spec: &Table, values: &[Value], keys: &Keys) {
    let Ok(v) = ValueEntry::from_values(&Cells::new(ValueEntry::TABLE, values)) else {
        return;
    };
    if v.numerator.is_none() && v.denominator.is_none() {
        return;
    }
    let code = &v.indicator;
    let Some((formula, band)) = keys.formulas.get(code) else {
        let why = format!(
            "{code} has no formula, so its numerator and denominator mean nothing; declare its \
             formula in indicators, or leave them blank"
        );
        row.error(Code::BadParts, "numerator", why);
        return;
    };
    let population = match (v.denominator, band) {
        (Some(_), _) => None,
        (None, Some(band)) => match population_for(&keys.populations, band, v.year) {
            Ok(p) => Some(p.count),
            Err(e) => {
                row.error(Code::BadParts, "denominator", format!("{code}: {e}"));
                return;
            }
        },
        (None, None) => None,
    };
    let Some(parts) = v.parts(population) else {
        let (column, missing) = match v.numerator {
            None => ("numerator", "numerator"),
            Some(_) => ("denominator", "denominator (or a population for its rate)"),
        };
        let why = format!("{code} has one part of its figure: give its {missing} too");
        row.error(Code::BadParts, column, why);
        return;
    };
    if let Err(e) = formula.check(parts, v.value.as_number()) {
        let column = match e {
            FormulaError::ZeroDenominator => "denominator",
            FormulaError::Disagrees { .. } => "value",
            _ => "numerator",
        };
        row.error(Code::BadParts, column, format!("{code}: {e}"));
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use scrutiny_domain::Dataset;
    use scrutiny_domain::figure::Unit;
    use scrutiny_domain::performance::formula::{Formula, Population};
    use scrutiny_domain::performance::model::Known;
    use scrutiny_domain::period::FinancialYear;

    use crate::Options;
    use crate::read::RawTable;
    use crate::tables::{Keys, read_all};

    fn known() -> Known {
        let mut known = Known::default();
        for (code, unit, formula, band) in [
            ("P1", Unit::Percent, Some(Formula::Percent), None),
            (
                "R1",
                Unit::RatePer10000,
                Some(Formula::RatePer10000),
                Some("0-17"),
            ),
            ("N1", Unit::Number, None, None),
        ] {
            known.insert("indicators", code.into());
            known.insert_unit(code.into(), unit);
            if let Some(f) = formula {
                known.insert_formula(code.into(), f, band.map(str::to_string));
            }
        }
        known.insert_population(Population {
            area: "Sample".into(),
            year: FinancialYear(2011),
            age_band: "0-17".into(),
            count: 30000.into(),
        });
        known
    }

    /// The import's errors for one `values` row: indicator, value, numerator, denominator.
    fn read(row: &str) -> String {
        let cells = |s: &str| s.split(',').map(str::to_string).collect::<Vec<_>>();
        let raw = [RawTable {
            name: "values".into(),
            file: "values.csv".into(),
            sheet: None,
            header: cells("indicator,year,quarter,value,numerator,denominator"),
            rows: vec![(2, cells(row))],
            formats_known: true,
        }];
        let mut keys = Keys::from_known(&known());
        match read_all::<Dataset>(&raw, &mut keys, "a table", Options::default()) {
            Ok(_) => String::new(),
            Err(e) => e.to_string(),
        }
    }

    #[test]
    fn a_blank_figure_is_worked_out_from_its_parts() {
        assert_eq!(read("P1,2012/13,Q1,,29,60"), "");
        assert_eq!(read("R1,2012/13,Q1,,150,"), "");
        // Parts that make no figure say why.
        let e = read("P1,2012/13,Q1,,29,0");
        assert!(
            e.contains("IMP017") && e.contains("the denominator is 0"),
            "{e}"
        );
    }

    #[test]
    fn sound_parts_are_accepted() {
        assert_eq!(read("P1,2012/13,Q1,48.3,29,60"), "");
        assert_eq!(read("P1,2012/13,Q1,48.3,,"), "");
        // A rate's denominator is the population, the latest year's before.
        assert_eq!(read("R1,2012/13,Q1,50,150,"), "");
    }

    #[test]
    fn parts_that_make_no_figure_or_another_are_refused() {
        let e = read("P1,2012/13,Q1,0,0,0");
        assert!(
            e.contains("IMP017") && e.contains("the denominator is 0"),
            "{e}"
        );
        let e = read("P1,2012/13,Q1,100,61,60");
        assert!(
            e.contains("numerator (61) is above the denominator (60)"),
            "{e}"
        );
        let e = read("P1,2012/13,Q1,84.3,29,60");
        assert!(
            e.contains(
                "the figure 84.3 disagrees with its numerator and denominator, which make 48.33"
            ),
            "{e}"
        );
        let e = read("P1,2012/13,Q1,48.3,29,");
        assert!(e.contains("give its denominator"), "{e}");
        let e = read("N1,2012/13,Q1,4,29,60");
        assert!(e.contains("N1 has no formula"), "{e}");
        let e = read("R1,2010/11,Q1,50,150,");
        assert!(e.contains("no population for 0-17 in 2010/11"), "{e}");
        let e = read("R1,2012/13,Q1,51,150,");
        assert!(e.contains("disagrees"), "{e}");
    }
}
