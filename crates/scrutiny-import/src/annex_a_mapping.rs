//! A council's own Annex A wordings, from an editable CSV file (`docs/annex-a.md`): more headers
//! for a column, more ways of writing yes, no or an assessment type, and, where the council
//! lists them, the contact and referral sources and reasons it accepts, each wording mapped to
//! the label reports print. Built-in wordings stay; the file adds to them. A source or reason
//! not in a list the file gives is refused with its sheet, row and column, never passed on.

use std::collections::HashMap;
use std::path::Path;

use scrutiny_domain::cases::AssessmentKind;

use crate::error::{Code, ImportError, ImportErrors, Location};

/// Letters and digits only, lower case: how headers and wordings are compared.
pub(crate) fn plain(text: &str) -> String {
    text.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// The wordings a council adds. Empty: the built-in ones only.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Mapping {
    /// Column (Ofsted's header, plain) to more headers for it (plain).
    columns: HashMap<String, Vec<String>>,
    answers: HashMap<String, Option<bool>>,
    kinds: HashMap<String, AssessmentKind>,
    /// Wording (plain) to the label printed, for sources and reasons; `None` when the file
    /// lists none, and any wording is taken as written.
    sources: Option<HashMap<String, String>>,
    reasons: Option<HashMap<String, String>>,
}

/// The file's columns, in order.
const HEADER: [&str; 3] = ["kind", "label", "wording"];

impl Mapping {
    /// The council's wordings from the file named by `SCRUTINY_ANNEX_A_MAPPING`, or none (the
    /// command line and the web application read the same setting).
    pub fn from_env() -> Result<Mapping, String> {
        match std::env::var_os("SCRUTINY_ANNEX_A_MAPPING") {
            Some(file) => Mapping::read(Path::new(&file))
                .map_err(|e| format!("the Annex A mapping {}: {e}", file.to_string_lossy())),
            None => Ok(Mapping::default()),
        }
    }

    /// Reads a mapping file: a CSV with columns `kind,label,wording`, one wording a row. Kinds:
    /// `column` (label: Ofsted's header), `yes_no` (label: yes, no or unknown),
    /// `assessment_type` (label: initial, core or single), `source` and `reason` (label: as
    /// reports print it). Every row that cannot be read is said, and nothing is taken.
    pub fn read(path: &Path) -> Result<Mapping, ImportErrors> {
        let file = path.display().to_string();
        let at = |row: Option<usize>, message: String| ImportError {
            code: Code::NotAllowed,
            location: Location {
                file: file.clone(),
                row,
                ..Default::default()
            },
            message,
        };
        let mut reader = csv::ReaderBuilder::new()
            .flexible(true)
            .from_path(path)
            .map_err(|e| ImportErrors(vec![at(None, format!("cannot read the mapping: {e}"))]))?;
        let header: Vec<String> = reader
            .headers()
            .map_err(|e| ImportErrors(vec![at(Some(1), e.to_string())]))?
            .iter()
            .map(plain)
            .collect();
        if header.iter().map(String::as_str).take(3).ne(HEADER) {
            return Err(ImportErrors(vec![at(
                Some(1),
                format!("a mapping's columns are {}", HEADER.join(", ")),
            )]));
        }
        let mut out = Mapping::default();
        let mut errors = Vec::new();
        for (i, record) in reader.records().enumerate() {
            let row = i + 2;
            let record = match record {
                Ok(r) => r,
                Err(e) => {
                    errors.push(at(Some(row), format!("this row cannot be read: {e}")));
                    continue;
                }
            };
            let cell = |n: usize| record.get(n).unwrap_or("").trim().to_string();
            let (kind, label, wording) = (plain(&cell(0)), cell(1), cell(2));
            if wording.is_empty() || label.is_empty() {
                errors.push(at(Some(row), "give a label and a wording".into()));
                continue;
            }
            match kind.as_str() {
                "column" => out
                    .columns
                    .entry(plain(&label))
                    .or_default()
                    .push(plain(&wording)),
                "yesno" => match plain(&label).as_str() {
                    "yes" => drop(out.answers.insert(plain(&wording), Some(true))),
                    "no" => drop(out.answers.insert(plain(&wording), Some(false))),
                    "unknown" => drop(out.answers.insert(plain(&wording), None)),
                    _ => errors.push(at(
                        Some(row),
                        format!("'{label}' is not yes, no or unknown"),
                    )),
                },
                "assessmenttype" => match plain(&label).as_str() {
                    "initial" => drop(out.kinds.insert(plain(&wording), AssessmentKind::Initial)),
                    "core" => drop(out.kinds.insert(plain(&wording), AssessmentKind::Core)),
                    "single" => drop(out.kinds.insert(plain(&wording), AssessmentKind::Single)),
                    _ => errors.push(at(
                        Some(row),
                        format!("'{label}' is not initial, core or single"),
                    )),
                },
                "source" => drop(
                    out.sources
                        .get_or_insert_default()
                        .insert(plain(&wording), label),
                ),
                "reason" => drop(
                    out.reasons
                        .get_or_insert_default()
                        .insert(plain(&wording), label),
                ),
                _ => errors.push(at(
                    Some(row),
                    format!(
                        "'{}' is not a kind: write column, yes_no, assessment_type, source or reason",
                        cell(0)
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

    /// More headers the council uses for a column.
    pub(crate) fn headers_for(&self, column: &str) -> &[String] {
        self.columns.get(&plain(column)).map_or(&[], Vec::as_slice)
    }

    /// Yes (`Some(Some(true))`), no, unknown (`Some(None)`), or not a wording the file gives.
    pub(crate) fn answer(&self, text: &str) -> Option<Option<bool>> {
        // Asked for every row: no plain copy made when the council adds no wordings.
        if self.answers.is_empty() {
            return None;
        }
        self.answers.get(&plain(text)).copied()
    }

    pub(crate) fn kind(&self, text: &str) -> Option<AssessmentKind> {
        if self.kinds.is_empty() {
            return None;
        }
        self.kinds.get(&plain(text)).copied()
    }

    /// A source's label: the wording itself when the file lists no sources; `Err` when it
    /// lists some and not this one.
    pub(crate) fn source<'a>(&'a self, text: &'a str) -> Result<&'a str, ()> {
        label(self.sources.as_ref(), text)
    }

    pub(crate) fn reason<'a>(&'a self, text: &'a str) -> Result<&'a str, ()> {
        label(self.reasons.as_ref(), text)
    }
}

fn label<'a>(list: Option<&'a HashMap<String, String>>, text: &'a str) -> Result<&'a str, ()> {
    match list {
        None => Ok(text),
        Some(map) => map.get(&plain(text)).map(String::as_str).ok_or(()),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn a_councils_file_adds_wordings_and_says_each_bad_row() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("mapping.csv");
        std::fs::write(
            &path,
            "kind,label,wording\n\
             column,Date of referral,Ref Date (dd/mm/yyyy)\n\
             yes_no,yes,Ja\n\
             assessment_type,initial,IA (7 day)\n\
             source,Police,q) 6: Police\n\
             source,Police,CAVA\n",
        )
        .unwrap();
        let m = Mapping::read(&path).unwrap();
        assert_eq!(m.headers_for("Date of referral"), ["refdateddmmyyyy"]);
        assert_eq!(m.answer("ja"), Some(Some(true)));
        assert_eq!(m.kind("IA (7 day)"), Some(AssessmentKind::Initial));
        assert_eq!(m.source("cava"), Ok("Police"));
        assert_eq!(m.source("Schools"), Err(()));
        assert_eq!(m.reason("Neglect"), Ok("Neglect"));
        std::fs::write(
            &path,
            "kind,label,wording\nsauce,Police,x\nyes_no,maybe,perhaps\n",
        )
        .unwrap();
        let errors = Mapping::read(&path).unwrap_err().to_string();
        assert!(errors.contains("'sauce' is not a kind"), "{errors}");
        assert!(
            errors.contains("'maybe' is not yes, no or unknown"),
            "{errors}"
        );
    }
}
