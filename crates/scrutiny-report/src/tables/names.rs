//! Names for a workbook's sheets from the tables' captions: whole words within Excel's 31
//! characters, none of its forbidden characters, unique. The Contents sheet keeps each caption
//! in full, so a shortened name loses nothing.

use std::collections::HashSet;

/// Excel's longest sheet name.
const MAX: usize = 31;

/// Words a name can do without.
const FILLER: [&str; 16] = [
    "a", "an", "and", "at", "by", "for", "from", "in", "of", "on", "the", "their", "to", "with",
    "while", "&",
];

/// The name of the first sheet, which lists the others.
pub const CONTENTS: &str = "Contents";

/// One name per caption, in order, none equal (ignoring case, as Excel does) to another or to
/// `Contents`.
pub fn sheet_names<'a>(captions: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    // "History" is reserved by Excel.
    let mut used: HashSet<String> = ["contents", "history"].map(String::from).into();
    captions
        .into_iter()
        .map(|caption| {
            let words = words(caption);
            let mut name = fit(&words, MAX);
            let mut n = 2;
            while !used.insert(name.to_lowercase()) {
                let suffix = format!(" {n}");
                name = format!("{}{suffix}", fit(&words, MAX - suffix.len()));
                n += 1;
            }
            name
        })
        .collect()
}

/// The caption's words without Excel's forbidden characters and, if anything is left, without
/// filler words.
fn words(caption: &str) -> Vec<String> {
    let cleaned: String = caption
        .chars()
        .map(|c| match c {
            '/' | '\\' => '-',
            '[' | ']' | ':' | '*' | '?' | '(' | ')' | ',' | ';' | '\'' => ' ',
            c if c.is_control() => ' ',
            c => c,
        })
        .collect();
    let all: Vec<String> = cleaned
        .split_whitespace()
        .map(|w| w.trim_matches(['-', '–', '—']))
        .filter(|w| !w.is_empty())
        .map(String::from)
        .collect();
    let kept: Vec<String> = all
        .iter()
        .filter(|w| !FILLER.contains(&w.to_lowercase().as_str()))
        .cloned()
        .collect();
    if kept.is_empty() { all } else { kept }
}

/// A name's length as Excel counts it: in UTF-16 units, so a character beyond the Basic
/// Multilingual Plane (an emoji, a historic script) counts twice.
fn width(s: &str) -> usize {
    s.encode_utf16().count()
}

/// As many whole words as fit in `max` characters; a first word longer than that is cut.
fn fit(words: &[String], max: usize) -> String {
    let mut name = String::new();
    for w in words {
        let len = width(&name) + usize::from(!name.is_empty()) + width(w);
        if len > max {
            break;
        }
        if !name.is_empty() {
            name.push(' ');
        }
        name.push_str(w);
    }
    if name.is_empty() {
        name = words.first().map_or("Table".into(), |w| {
            let mut cut = String::new();
            for c in w.chars() {
                if width(&cut) + c.len_utf16() > max {
                    break;
                }
                cut.push(c);
            }
            cut
        });
    }
    name
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_whole_words_short_and_unique() {
        let names = sheet_names([
            "Statutory complaints by category (at closure, by root cause at receipt while open)",
            "Statutory complaints by category at receipt",
            "Statutory complaints by category at receipt",
            "Escalations of statutory complaints received in 2017/18",
            "Contents",
            "[Odd]: *names*? \\here/",
            "Supercalifragilisticexpialidocious-and-then-some",
        ]);
        assert_eq!(
            names,
            [
                "Statutory complaints category",
                "Statutory complaints category 2",
                "Statutory complaints category 3",
                "Escalations statutory",
                "Contents 2",
                "Odd names here",
                "Supercalifragilisticexpialidoci",
            ]
        );
        for n in &names {
            assert!(width(n) <= MAX, "{n}");
            assert!(!n.contains(['[', ']', ':', '*', '?', '/', '\\']), "{n}");
        }
    }

    #[test]
    fn excel_counts_astral_characters_twice() {
        let names = sheet_names([
            "😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀 emoji",
            "𐳀 old 𐲀 script words here and more",
        ]);
        for n in &names {
            assert!(width(n) <= MAX, "{n} is {} units", width(n));
        }
    }
}
