//! Narrative text as officers type it: paragraphs split by blank lines, and inside them lines
//! that start "- ", "• " or "* " (a bulleted list) or "1. ", "2) ", "a) " (a numbered list).
//! Read once here so every renderer keeps a list a list instead of running it into one paragraph.

/// One run of narrative.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Part {
    /// Lines that belong together; each line after the first starts on a new line.
    Lines(Vec<String>),
    Bullets(Vec<String>),
    /// Items with the marker as typed ("1.", "b)"), so the printed numbers are the officer's.
    Numbered(Vec<(String, String)>),
}

fn bullet(line: &str) -> Option<&str> {
    ["- ", "• ", "* ", "– ", "· "]
        .iter()
        .find_map(|m| line.strip_prefix(m))
        .map(str::trim)
}

/// "12. Text" or "b) Text": a short marker of digits or one letter, then "." or ")" and a space.
fn numbered(line: &str) -> Option<(String, String)> {
    let end = line.find(['.', ')'])?;
    let (marker, rest) = line.split_at(end + 1);
    let body = marker.get(..end)?;
    let is_marker =
        (!body.is_empty() && body.len() <= 3 && body.chars().all(|c| c.is_ascii_digit()))
            || (body.len() == 1 && body.chars().all(|c| c.is_ascii_lowercase()));
    let text = rest.strip_prefix(' ')?;
    is_marker.then(|| (marker.to_string(), text.trim().to_string()))
}

/// The parts of one paragraph's text, in order.
pub fn parts(text: &str) -> Vec<Part> {
    let mut out: Vec<Part> = Vec::new();
    for block in text.split("\n\n").map(str::trim).filter(|b| !b.is_empty()) {
        for line in block.lines().map(str::trim).filter(|l| !l.is_empty()) {
            match (bullet(line), numbered(line), out.last_mut()) {
                (Some(item), _, Some(Part::Bullets(items))) => items.push(item.into()),
                (Some(item), _, _) => out.push(Part::Bullets(vec![item.into()])),
                (None, Some(item), Some(Part::Numbered(items))) => items.push(item),
                (None, Some(item), _) => out.push(Part::Numbered(vec![item])),
                (None, None, Some(Part::Lines(lines))) => lines.push(line.into()),
                (None, None, _) => out.push(Part::Lines(vec![line.into()])),
            }
        }
        // A blank line ends a run of plain lines: the next one is a new paragraph.
        if let Some(Part::Lines(_)) = out.last() {
            out.push(Part::Lines(Vec::new()));
        }
    }
    out.retain(|p| !matches!(p, Part::Lines(l) if l.is_empty()));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_stay_lists() {
        let text = "The key changes are;\n\n- Any study programme\n- Work experience\n\nThen:\n1. Teaching\n2. Standards";
        assert_eq!(
            parts(text),
            [
                Part::Lines(vec!["The key changes are;".into()]),
                Part::Bullets(vec!["Any study programme".into(), "Work experience".into()]),
                Part::Lines(vec!["Then:".into()]),
                Part::Numbered(vec![
                    ("1.".into(), "Teaching".into()),
                    ("2.".into(), "Standards".into())
                ]),
            ]
        );
    }

    #[test]
    fn paragraphs_split_on_blank_lines_and_keep_line_breaks() {
        assert_eq!(
            parts("One\ntwo\n\nThree"),
            [
                Part::Lines(vec!["One".into(), "two".into()]),
                Part::Lines(vec!["Three".into()])
            ]
        );
    }

    #[test]
    fn figures_and_hyphens_are_not_lists() {
        for text in [
            "2012. A year of change",
            "-5 on last year",
            "a.m. visits",
            "1.5 points",
        ] {
            assert_eq!(parts(text), [Part::Lines(vec![text.into()])], "{text}");
        }
    }
}
