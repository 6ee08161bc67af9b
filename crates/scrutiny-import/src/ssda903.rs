//! The DfE's SSDA903 return (children looked after) read from a folder of its CSV tables into
//! [`CareRecords`]: header, episodes, OC3, AD1, placed for adoption and missing (`docs/ssda903.md`).
//! Files are matched loosely by name (`episodes.csv`, `SSDA903_Episodes_2024.csv`, `OC3.csv`),
//! headers by the DfE's column names in any case, with or without underscores (`DECOM`,
//! `IN_TOUCH`, `in touch`). Each file is streamed row by row; dates are the DfE's `dd/mm/yyyy` or
//! ISO; codes are checked against the 903 code sets, a refusal naming the allowed values. All or
//! nothing: every cell that cannot be read is reported with its file, row and column.

use std::path::Path;

use chrono::NaiveDate;
use scrutiny_domain::cases::care::{
    AdoptionMatch, Away, CareRecords, Child, Code as CareCode, Episode, Leaver, MissingEpisode,
    PlacedForAdoption, codes,
};

use crate::cases::annex_date;
use crate::csv_stream;
use crate::error::{Code, ImportError, ImportErrors, Location};

/// Letters and digits only, lower case: `IN_TOUCH` and `in touch` are one header.
fn plain(text: &str) -> String {
    text.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// The 903 tables read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Table {
    Header,
    Episodes,
    Oc3,
    Ad1,
    Placed,
    Missing,
}

impl Table {
    /// Which table a file is, by its name; none for the tables not read (reviews, UASC, OC2,
    /// previous permanence, social worker episodes …) and other files.
    fn of(file_stem: &str) -> Option<Table> {
        let p = plain(file_stem);
        if p.contains("swepisode") {
            None
        } else if p.contains("episode") {
            Some(Table::Episodes)
        } else if p.contains("oc3") {
            Some(Table::Oc3)
        } else if p.contains("ad1") {
            Some(Table::Ad1)
        } else if p.contains("placedadoption") || p.contains("placedforadoption") {
            Some(Table::Placed)
        } else if p.contains("missing") {
            Some(Table::Missing)
        } else if p.contains("header") {
            Some(Table::Header)
        } else {
            None
        }
    }

    /// Its columns, as the DfE names them, and whether each must be there.
    fn columns(self) -> &'static [(&'static str, bool)] {
        match self {
            Table::Header => &[("CHILD", true), ("DOB", true)],
            Table::Episodes => &[
                ("CHILD", true),
                ("DECOM", true),
                ("RNE", true),
                ("LS", true),
                ("PLACE", true),
                ("DEC", false),
                ("REC", false),
            ],
            Table::Oc3 => &[
                ("CHILD", true),
                ("IN_TOUCH", true),
                ("ACTIV", false),
                ("ACCOM", false),
            ],
            Table::Ad1 => &[
                ("CHILD", true),
                ("DATE_INT", false),
                ("DATE_MATCH", false),
                ("FOSTER_CARE", false),
            ],
            Table::Placed => &[
                ("CHILD", true),
                ("DATE_PLACED", true),
                ("DATE_PLACED_CEASED", false),
            ],
            Table::Missing => &[
                ("CHILD", true),
                ("MISSING", true),
                ("MIS_START", true),
                ("MIS_END", false),
                // Local data, not in the national return: the day of the return interview.
                ("RHI_DATE", false),
            ],
        }
    }
}

/// A folder holding a 903 episodes table (how `cases measures` tells a 903 return from an
/// Annex A one).
pub fn is_ssda903_folder(path: &Path) -> bool {
    csv_stream::csv_files(path).iter().any(|f| {
        f.file_stem()
            .is_some_and(|s| Table::of(&s.to_string_lossy()) == Some(Table::Episodes))
    })
}

/// Whether a CSV file's name is one of the 903 tables read (`episodes.csv`, `oc3.csv` …), so
/// an upload holding both returns can set the 903's files apart.
pub fn is_ssda903_table(file_name: &str) -> bool {
    let stem = file_name
        .rsplit_once('.')
        .map_or(file_name, |(stem, _)| stem);
    file_name.to_ascii_lowercase().ends_with(".csv") && Table::of(stem).is_some()
}

/// Reads a 903 return from a folder of its CSV tables. An episodes table is needed.
pub fn read_ssda903(dir: &Path) -> Result<CareRecords, ImportErrors> {
    let mut out = CareRecords::default();
    let mut errors = Vec::new();
    let at = |message: String| ImportError {
        code: Code::UnknownTable,
        location: Location {
            file: dir.display().to_string(),
            ..Default::default()
        },
        message,
    };
    if !dir.is_dir() {
        return Err(ImportErrors(vec![at(
            "this is not a folder: give the folder holding the 903 CSV tables".into(),
        )]));
    }
    let mut episodes = false;
    for file in csv_stream::csv_files(dir) {
        let (shown, stem) = csv_stream::names(&file);
        match Table::of(&stem) {
            Some(table) => {
                episodes |= table == Table::Episodes;
                read_file(&file, &shown, table, &mut out, &mut errors);
            }
            None => out.not_read.push(shown),
        }
    }
    if !episodes && errors.is_empty() {
        errors.push(at(
            "no episodes table was found: name it episodes.csv (the measures need it)".into(),
        ));
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(ImportErrors(errors))
    }
}

/// One table streamed row by row into `out`, each problem said.
fn read_file(
    file: &Path,
    shown: &str,
    table: Table,
    out: &mut CareRecords,
    errors: &mut Vec<ImportError>,
) {
    let (mut reader, header) = match csv_stream::open(file, shown) {
        Ok(opened) => opened,
        Err(e) => return errors.push(e),
    };
    let header: Vec<String> = header.iter().map(|h| plain(h)).collect();
    let columns = table.columns();
    let mut at = Vec::with_capacity(columns.len());
    let mut missing = false;
    for (name, required) in columns {
        let found = header.iter().position(|h| *h == plain(name));
        if found.is_none() && *required {
            missing = true;
            errors.push(ImportError {
                code: Code::MissingColumn,
                location: Location {
                    file: shown.to_string(),
                    row: Some(1),
                    column: Some((*name).to_string()),
                    ..Default::default()
                },
                message: format!(
                    "this table needs a column headed {name} (the DfE's name); the headers found are: {}",
                    header.join(", ")
                ),
            });
        }
        at.push(found);
    }
    if missing {
        return;
    }
    csv_stream::each_row(
        &mut reader,
        shown,
        errors,
        u64::MAX,
        |_, _| {},
        |row, record, errors| {
            if record.iter().all(|c| c.trim().is_empty()) {
                return;
            }
            let mut r = Row {
                file: shown,
                row,
                record,
                at: &at,
                columns,
                errors,
            };
            read_row(&mut r, table, out);
        },
    );
}

/// One row's cells by column number in the table's [`Table::columns`].
struct Row<'a> {
    file: &'a str,
    row: usize,
    record: &'a csv::StringRecord,
    at: &'a [Option<usize>],
    columns: &'static [(&'static str, bool)],
    errors: &'a mut Vec<ImportError>,
}

impl<'a> Row<'a> {
    fn text(&self, i: usize) -> &'a str {
        let record: &'a csv::StringRecord = self.record;
        self.at[i].and_then(|c| record.get(c)).unwrap_or("").trim()
    }

    fn problem(&mut self, code: Code, i: usize, message: String) {
        self.errors.push(ImportError {
            code,
            location: Location {
                file: self.file.to_string(),
                sheet: None,
                row: Some(self.row),
                column: Some(self.columns[i].0.to_string()),
            },
            message,
        });
    }

    /// The cell's text; a problem when blank and `required`.
    fn given(&mut self, i: usize, required: bool) -> Option<&'a str> {
        let t = self.text(i);
        if t.is_empty() {
            if required {
                let name = self.columns[i].0;
                self.problem(Code::MissingValue, i, format!("give the {name}"));
            }
            return None;
        }
        Some(t)
    }

    fn date(&mut self, i: usize, required: bool) -> Option<NaiveDate> {
        let t = self.given(i, required)?;
        let d = annex_date(t);
        if d.is_none() {
            self.problem(
                Code::WrongPeriod,
                i,
                format!("'{t}' is not a date: write it as 14/09/2020 or 2020-09-14"),
            );
        }
        d
    }

    /// A code of `set` (any case); a problem naming the allowed values otherwise.
    fn code(&mut self, i: usize, required: bool, set: &[&str]) -> Option<CareCode> {
        let t = self.given(i, required)?;
        match CareCode::new(t).filter(|c| c.is_in(set)) {
            Some(c) => Some(c),
            None => {
                let name = self.columns[i].0;
                self.problem(
                    Code::NotAllowed,
                    i,
                    format!(
                        "'{t}' is not a 903 {name} code: write one of {}",
                        set.join(", ")
                    ),
                );
                None
            }
        }
    }

    /// An end on or after its start.
    fn in_order(
        &mut self,
        (from, i): (usize, usize),
        start: Option<NaiveDate>,
        end: Option<NaiveDate>,
    ) {
        if let (Some(s), Some(e)) = (start, end)
            && e < s
        {
            let (name, began) = (self.columns[i].0, self.columns[from].0);
            self.problem(
                Code::WrongPeriod,
                i,
                format!("{name} {e} is before {began} {s}"),
            );
        }
    }
}

fn read_row(r: &mut Row, table: Table, out: &mut CareRecords) {
    let child = r.given(0, true).map(|id| out.child(id));
    match table {
        Table::Header => {
            let born = r.date(1, true);
            if let Some(child) = child {
                out.header.push(Child { child, born });
            }
        }
        Table::Episodes => {
            let start = r.date(1, true);
            let reason = r.code(2, true, codes::RNE);
            let legal = r.code(3, true, codes::LS);
            let placement = r.code(4, true, codes::PLACE);
            let end = r.date(5, false);
            let reason_ended = r.code(6, false, codes::REC);
            r.in_order((1, 5), start, end);
            if end.is_some() && reason_ended.is_none() && !r.text(6).is_empty() {
                // Already said: not a REC code.
            } else if end.is_some() != reason_ended.is_some() {
                let (i, message) = if end.is_some() {
                    (6, "an ended episode needs its REC (why it ended)")
                } else {
                    (5, "an episode with a REC needs its DEC (the day it ended)")
                };
                r.problem(Code::MissingValue, i, message.into());
            }
            if let (Some(child), Some(start), Some(reason), Some(legal), Some(placement)) =
                (child, start, reason, legal, placement)
            {
                out.episodes.push(Episode {
                    child,
                    start,
                    reason,
                    legal,
                    placement,
                    end,
                    reason_ended,
                });
            }
        }
        Table::Oc3 => {
            let in_touch = r.code(1, true, codes::IN_TOUCH);
            let activity = r.code(2, false, codes::ACTIV);
            let accommodation = match r.given(3, false) {
                None => None,
                Some(t) => {
                    let c = CareCode::new(t).filter(|c| codes::accommodation_allowed(c.as_str()));
                    if c.is_none() {
                        r.problem(
                            Code::NotAllowed,
                            3,
                            format!(
                                "'{t}' is not a 903 ACCOM code: write a letter B to Z and then 1 (suitable) or 2 (not suitable), e.g. B1"
                            ),
                        );
                    }
                    c
                }
            };
            if let (Some(child), Some(in_touch)) = (child, in_touch) {
                out.leavers.push(Leaver {
                    child,
                    in_touch,
                    activity,
                    accommodation,
                });
            }
        }
        Table::Ad1 => {
            let decided = r.date(1, false);
            let matched = r.date(2, false);
            let foster = match r.given(3, false) {
                None | Some("0") => false,
                Some("1") => true,
                Some(t) => {
                    r.problem(
                        Code::NotAllowed,
                        3,
                        format!("'{t}' is not a 903 FOSTER_CARE code: write 0 or 1"),
                    );
                    false
                }
            };
            if let Some(child) = child {
                out.matches.push(AdoptionMatch {
                    child,
                    decided,
                    matched,
                    by_foster_carer: foster,
                });
            }
        }
        Table::Placed => {
            let placed = r.date(1, true);
            let ceased = r.date(2, false);
            r.in_order((1, 2), placed, ceased);
            if let (Some(child), Some(placed)) = (child, placed) {
                out.placed.push(PlacedForAdoption {
                    child,
                    placed,
                    ceased,
                });
            }
        }
        Table::Missing => {
            let kind = match r.given(1, true) {
                None => None,
                Some(t) if t.eq_ignore_ascii_case("m") => Some(Away::Missing),
                Some(t) if t.eq_ignore_ascii_case("a") => Some(Away::Absent),
                Some(t) => {
                    r.problem(
                        Code::NotAllowed,
                        1,
                        format!(
                            "'{t}' is not a 903 MISSING code: write M (missing) or A (away without authorisation)"
                        ),
                    );
                    None
                }
            };
            let start = r.date(2, true);
            let end = r.date(3, false);
            let interview = r.date(4, false);
            r.in_order((2, 3), start, end);
            r.in_order((3, 4), end, interview);
            if let (Some(child), Some(kind), Some(start)) = (child, kind, start) {
                out.missing.push(MissingEpisode {
                    child,
                    kind,
                    start,
                    end,
                    interview,
                });
            }
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn files_are_matched_loosely() {
        assert_eq!(Table::of("SSDA903_Episodes_2024"), Some(Table::Episodes));
        assert_eq!(Table::of("episodes"), Some(Table::Episodes));
        assert_eq!(Table::of("SWEpisodes"), None);
        assert_eq!(Table::of("OC3"), Some(Table::Oc3));
        assert_eq!(Table::of("placed_adoption"), Some(Table::Placed));
        assert_eq!(Table::of("Header"), Some(Table::Header));
        assert_eq!(Table::of("Reviews"), None);
    }

    #[test]
    fn a_folder_is_read_and_every_bad_cell_named() {
        let dir = tempfile::tempdir().unwrap();
        let write = |name: &str, text: &str| std::fs::write(dir.path().join(name), text).unwrap();
        write("header.csv", "CHILD,SEX,DOB\nA,1,01/02/2015\n");
        write(
            "Episodes.csv",
            "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC\n\
             A,01/04/2022,S,C2,N1,U1,PR1,2023-05-01,X1\n\
             A,2023-05-01,p,c2,N1,u4,PR1,,\n",
        );
        write("oc3.csv", "CHILD,IN_TOUCH,ACTIV,ACCOM\nA,yes,F2,B1\n");
        write("Reviews.csv", "CHILD,REVIEW\nA,01/01/2024\n");
        let read = read_ssda903(dir.path()).unwrap();
        assert_eq!(read.episodes.len(), 2);
        assert_eq!(read.episodes[1].placement.as_str(), "U4");
        assert_eq!(read.leavers[0].in_touch.as_str(), "YES");
        assert_eq!(read.not_read, ["Reviews.csv"]);
        assert!(is_ssda903_folder(dir.path()));
        write(
            "Episodes.csv",
            "CHILD,DECOM,RNE,LS,PLACE,DEC,REC\n\
             A,31/02/2022,Q,C2,U1,2023-05-01,\n\
             ,2023-05-01,P,C2,ZZ,2023-04-01,E11\n",
        );
        let errors = read_ssda903(dir.path()).unwrap_err().to_string();
        for said in [
            "Episodes.csv, row 2, column 'DECOM'",
            "'31/02/2022' is not a date",
            "'Q' is not a 903 RNE code: write one of S, L, P, T, B, U",
            "an ended episode needs its REC",
            "row 3, column 'CHILD'",
            "'ZZ' is not a 903 PLACE code",
            "DEC 2023-04-01 is before DECOM 2023-05-01",
        ] {
            assert!(errors.contains(said), "{said} in {errors}");
        }
    }
}
