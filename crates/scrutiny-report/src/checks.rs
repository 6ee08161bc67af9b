//! Checks on a built document, for the officer before publishing: noise a reader would trip
//! over (a quarter with no figures at all, the same sentence printed again and again), and
//! notes that say a repeated sentence once.

use std::collections::BTreeMap;

use crate::document::{Block, Document};

/// What each finding starts with, so the CLI and pages can pick them out of the diagnostics.
pub const CHECK: &str = "Check before publishing:";

/// A sentence this long or longer, printed more than [`REPEATS`] times, is noise.
const LONG: usize = 8;
const REPEATS: usize = 2;

/// The document with its findings (`checks`) added to its diagnostics, where the officer sees
/// them before publishing.
pub fn checked(mut doc: Document) -> Document {
    let found = checks(&doc);
    doc.diagnostics.extend(found);
    doc
}

/// How many indicator rows the document prints, and how many of them have a figure for the
/// period.
pub fn figures(doc: &Document) -> (usize, usize) {
    let currents = doc.blocks.iter().flat_map(|b| match b {
        Block::Indicators { rows, .. } => rows.iter().map(|r| r.current.as_str()).collect(),
        _ => Vec::new(),
    });
    currents.fold((0, 0), |(rows, with), c| {
        (rows + 1, with + usize::from(!c.trim().is_empty()))
    })
}

/// The document's findings: a quarter whose indicators all lack a figure, and every long
/// sentence printed more than twice, with where.
pub fn checks(doc: &Document) -> Vec<String> {
    let mut found = Vec::new();
    let (rows, with_figure) = figures(doc);
    if rows > 0 && with_figure == 0 {
        found.push(format!(
            "{CHECK} none of the {rows} indicator rows has a figure for the period. Is the quarter's data in?"
        ));
    }
    // Each sentence by its words, with where it was printed, in order of first use.
    let mut seen: BTreeMap<String, (usize, String, Vec<String>)> = BTreeMap::new();
    let mut order = 0;
    for (place, text) in texts(doc) {
        for sentence in sentences(text) {
            let key = words(sentence);
            if key.split(' ').count() < LONG {
                continue;
            }
            order += 1;
            let e = seen
                .entry(key)
                .or_insert_with(|| (order, sentence.to_string(), Vec::new()));
            e.2.push(place.clone());
        }
    }
    let mut repeated: Vec<_> = seen
        .into_values()
        .filter(|(_, _, places)| places.len() > REPEATS)
        .collect();
    repeated.sort_by_key(|(first, _, _)| *first);
    for (_, sentence, mut places) in repeated {
        let n = places.len();
        places.dedup();
        found.push(format!(
            "{CHECK} the same sentence is printed {n} times (in {}): \u{201c}{}\u{201d}. Say it once.",
            places.join("; "),
            shorten(&sentence)
        ));
    }
    found
}

/// Every text a reader reads as prose, with where it is: a table's caption, else the heading
/// it sits under. Names that label a row (a table's first column, an indicator's measure) are
/// left out: a report names a measure or a category in each table it is in, by design.
fn texts(doc: &Document) -> Vec<(String, &str)> {
    let mut out: Vec<(String, &str)> = Vec::new();
    let mut under = String::from("the report");
    for b in &doc.blocks {
        match b {
            Block::Heading { number, text, .. } => {
                under = match number {
                    Some(n) => format!("{n} {text}"),
                    None => text.clone(),
                };
            }
            Block::Paragraph { text, .. } => out.push((under.clone(), text)),
            Block::Item { paragraphs, .. } => {
                out.extend(paragraphs.iter().map(|p| (under.clone(), p.as_str())));
            }
            Block::Milestones { caption, rows, .. } => {
                for r in rows {
                    out.push((caption.clone(), &r.text));
                    out.extend(r.commentary.as_deref().map(|c| (caption.clone(), c)));
                }
            }
            Block::Indicators { caption, rows, .. } => {
                for r in rows {
                    for t in [&r.previous, &r.target, &r.current] {
                        out.push((caption.clone(), t));
                    }
                    out.extend(r.commentary.as_deref().map(|c| (caption.clone(), c)));
                }
            }
            Block::Table { caption, rows, .. } => {
                let cells = rows.iter().flat_map(|r| r.iter().skip(1));
                out.extend(cells.map(|c| (caption.clone(), c.as_str())));
            }
            Block::Actions { caption, rows, .. } => {
                for r in rows {
                    for t in [&r.requirement, &r.action, &r.progress] {
                        out.push((caption.clone(), t));
                    }
                }
            }
            _ => {}
        }
    }
    out
}

/// Sentences: split after a full stop, question or exclamation mark followed by a space, or at
/// a line break.
fn sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    for (i, c) in text.char_indices() {
        let end = match c {
            '\n' => Some(i),
            '.' | '?' | '!' if bytes.get(i + 1).is_none_or(|b| *b == b' ') => Some(i + 1),
            _ => None,
        };
        if let Some(e) = end {
            out.push(text[start..e].trim());
            start = e;
        }
    }
    out.push(text[start..].trim());
    out.retain(|s| !s.is_empty() && *s != ".");
    out
}

/// A sentence by its words alone, lower case: stray stops and spacing do not make it another.
fn words(text: &str) -> String {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

fn shorten(sentence: &str) -> String {
    const MAX: usize = 90;
    if sentence.chars().count() <= MAX {
        return sentence.to_string();
    }
    let cut: String = sentence.chars().take(MAX).collect();
    format!("{}…", cut.trim_end())
}

/// Replaces each cell holding a long sentence that is in more than one cell with "See note N",
/// and returns the notes' texts, N from 1, in order of first use: a table says a sentence once,
/// in its tidiest (shortest) wording.
pub fn note_repeats(rows: &mut [Vec<String>]) -> Vec<String> {
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for cell in rows.iter().flatten() {
        let key = words(cell);
        if key.split(' ').count() >= LONG {
            *counts.entry(key).or_default() += 1;
        }
    }
    let mut notes: Vec<(String, String)> = Vec::new();
    for cell in rows.iter_mut().flatten() {
        let key = words(cell);
        if counts.get(&key).is_none_or(|n| *n < 2) {
            continue;
        }
        let n = match notes.iter().position(|(k, _)| *k == key) {
            Some(i) => {
                if cell.len() < notes[i].1.len() {
                    notes[i].1 = cell.clone();
                }
                i + 1
            }
            None => {
                notes.push((key, cell.clone()));
                notes.len()
            }
        };
        *cell = format!("See note {n}");
    }
    notes.into_iter().map(|(_, text)| text).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::IndicatorRow;

    const LONG_SENTENCE: &str =
        "Due to small cohorts and statistical variation, targets are not stated.";

    fn doc(blocks: Vec<Block>) -> Document {
        Document {
            title: "T".into(),
            subtitle: None,
            header_lines: Vec::new(),
            produced_on: String::new(),
            slug: "t".into(),
            cover: None,
            summary: Vec::new(),
            blocks,
            diagnostics: Vec::new(),
        }
    }

    fn table(caption: &str, cells: &[&str]) -> Block {
        Block::Table {
            caption: caption.into(),
            header: vec!["Ref".into(), "Target".into()],
            rows: cells
                .iter()
                .map(|c| vec![LONG_SENTENCE.to_string(), c.to_string()])
                .collect(),
            figures: Vec::new(),
        }
    }

    fn indicators(currents: &[&str]) -> Block {
        let symbol = crate::document::Symbol {
            state: "unknown".into(),
            glyph: "?".into(),
            label: "Unknown".into(),
            description: String::new(),
        };
        let rows = currents
            .iter()
            .map(|c| IndicatorRow {
                code: "X".into(),
                refs: "X".into(),
                measure: "A measure".into(),
                previous: "1".into(),
                target: "2".into(),
                target_spoken: "2".into(),
                current: c.to_string(),
                progress: symbol.clone(),
                direction: symbol.clone(),
                progress_basis: String::new(),
                direction_basis: String::new(),
                compared_with: None,
                exception: false,
                commentary: None,
            })
            .collect();
        Block::indicators(
            "Key indicators",
            ["a", "b", "c"].map(String::from),
            rows,
            false,
        )
    }

    #[test]
    fn a_quarter_without_figures_is_found() {
        let found = checks(&doc(vec![indicators(&["", " "])]));
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].starts_with(CHECK) && found[0].contains("none of the 2"));
        assert!(checks(&doc(vec![indicators(&["", "5"])])).is_empty());
        assert!(
            checks(&doc(Vec::new())).is_empty(),
            "no indicators, no finding"
        );
    }

    #[test]
    fn a_long_sentence_printed_thrice_is_found_with_where() {
        let twice = doc(vec![table("Plan", &[LONG_SENTENCE, LONG_SENTENCE])]);
        assert!(checks(&twice).is_empty(), "twice is allowed");
        let sloppy = "Due to small cohorts and statistical variation, targets are not stated. .";
        let thrice = doc(vec![
            table("Plan", &[LONG_SENTENCE, LONG_SENTENCE]),
            table("Other", &[sloppy, "short words repeated"]),
        ]);
        let found = checks(&thrice);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].contains("3 times (in Plan; Other)"),
            "{}",
            found[0]
        );
        let short = doc(vec![table("Plan", &["Nothing to report."; 5])]);
        assert!(checks(&short).is_empty(), "a short sentence is not noise");
    }

    #[test]
    fn sentences_split_at_stops_and_lines() {
        assert_eq!(
            sentences("One two. Three 2.5 four!\nFive"),
            ["One two.", "Three 2.5 four!", "Five"]
        );
    }

    #[test]
    fn repeated_cells_become_one_note() {
        let other = "This measure will be defined once the Assessment Framework has been published";
        let mut rows = vec![
            vec!["A".into(), format!("{LONG_SENTENCE} ."), other.into()],
            vec!["B".into(), LONG_SENTENCE.into(), "12%".into()],
        ];
        let notes = note_repeats(&mut rows);
        assert_eq!(notes, [LONG_SENTENCE]);
        assert_eq!(rows[0], ["A", "See note 1", other]);
        assert_eq!(rows[1], ["B", "See note 1", "12%"]);
    }
}
