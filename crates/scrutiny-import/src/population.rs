//! A council's file of ONS mid-year population estimates (aged 0 to 17), read for rates per
//! 10,000: a CSV with columns `area_code,area_name,mid_year,population_0_17`, every row that
//! cannot be read named, nothing taken until all can.

use std::path::Path;

use scrutiny_domain::cases::population::Estimate;

use crate::error::{Code, ImportError, ImportErrors, Location};

const HEADER: [&str; 4] = ["area_code", "area_name", "mid_year", "population_0_17"];

pub fn read_population(path: &Path) -> Result<Vec<Estimate>, ImportErrors> {
    let file = path.display().to_string();
    let at = |row: Option<usize>, message: String| ImportError {
        code: Code::BadNumber,
        location: Location {
            file: file.clone(),
            row,
            ..Default::default()
        },
        message,
    };
    let mut reader = csv::Reader::from_path(path)
        .map_err(|e| ImportErrors(vec![at(None, format!("cannot read the file: {e}"))]))?;
    let header: Vec<String> = reader
        .headers()
        .map_err(|e| ImportErrors(vec![at(Some(1), e.to_string())]))?
        .iter()
        .map(|h| h.trim().to_ascii_lowercase())
        .collect();
    if header.iter().map(String::as_str).ne(HEADER) {
        return Err(ImportErrors(vec![at(
            Some(1),
            format!("the columns are {}", HEADER.join(", ")),
        )]));
    }
    let mut out = Vec::new();
    let mut errors = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let row = i + 2;
        let Ok(record) = record else {
            errors.push(at(Some(row), "this row cannot be read".into()));
            continue;
        };
        let cell = |n: usize| record.get(n).unwrap_or("").trim();
        let (year, children) = (
            cell(2).parse::<i32>(),
            cell(3).replace(',', "").parse::<u64>(),
        );
        match (year, children) {
            (Ok(year), Ok(children)) if !cell(0).is_empty() => out.push(Estimate {
                area: cell(0).to_string(),
                name: cell(1).to_string(),
                year,
                children,
            }),
            _ => errors.push(at(
                Some(row),
                format!(
                    "give an area code, a year such as 2023 and a whole number of children (found '{}', '{}', '{}')",
                    cell(0),
                    cell(2),
                    cell(3)
                ),
            )),
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(ImportErrors(errors))
    }
}
