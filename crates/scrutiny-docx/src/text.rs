//! Council text into Word runs, printed exactly as written.

use docx_rs::{BreakType, Run};

/// Drops characters XML 1.0 cannot hold: one stray control character pasted from a spreadsheet
/// would otherwise make Word refuse the whole file. Line ends become `\n`.
pub fn clean(text: &str) -> String {
    text.replace("\r\n", "\n")
        .replace('\r', "\n")
        .chars()
        .filter(|c| {
            matches!(c, '\t' | '\n' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
        })
        .collect()
}

/// Adds text to a run, keeping single line breaks as line breaks.
pub fn add(mut run: Run, text: &str) -> Run {
    for (i, line) in clean(text).split('\n').enumerate() {
        if i > 0 {
            run = run.add_break(BreakType::TextWrapping);
        }
        if !line.is_empty() {
            run = run.add_text(line);
        }
    }
    run
}

/// A run holding `text`.
pub fn run(text: &str) -> Run {
    add(Run::new(), text)
}

/// Narrative split into paragraphs at blank lines, as the PDF does; always at least one, so
/// initials printed after the last still have a place.
pub fn paragraphs(text: &str) -> Vec<String> {
    let cleaned = clean(text);
    let mut out: Vec<String> = cleaned
        .split("\n\n")
        .map(|p| p.trim_matches('\n').to_owned())
        .filter(|p| !p.trim().is_empty())
        .collect();
    if out.is_empty() {
        out.push(String::new());
    }
    out
}

/// Escapes text for XML written by hand (see `package`), attribute values included.
pub fn xml_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in clean(text).chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Kept as characters, not normalised to spaces by the XML parser.
            '\n' => out.push_str("&#xA;"),
            '\t' => out.push_str("&#x9;"),
            c => out.push(c),
        }
    }
    out
}

/// "2.1 Title", or just the words when there is no number.
pub fn numbered(number: Option<&str>, words: &str) -> String {
    match number.map(str::trim) {
        Some(n) if !n.is_empty() => format!("{n} {words}"),
        _ => words.to_owned(),
    }
}
