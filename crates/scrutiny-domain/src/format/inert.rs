//! Text that a spreadsheet will not run as a formula.

use std::borrow::Cow;

/// Text for a CSV field or a workbook's text cell: one that begins with `=`, `+`, `-`, `@`, a tab
/// or a carriage return is prefixed with `'`, so Excel and LibreOffice show it rather than run it
/// (OWASP's advice on CSV injection). Numbers written as numbers never pass through here.
pub fn inert(text: &str) -> Cow<'_, str> {
    match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => Cow::Owned(format!("'{text}")),
        _ => Cow::Borrowed(text),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn formulas_are_quoted_and_text_is_left_alone() {
        assert_eq!(
            inert("=HYPERLINK(\"http://x\",\"y\")"),
            "'=HYPERLINK(\"http://x\",\"y\")"
        );
        assert_eq!(inert("-2+3+cmd|' /C calc'!A0"), "'-2+3+cmd|' /C calc'!A0");
        assert_eq!(inert("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(inert("+44 1928"), "'+44 1928");
        assert_eq!(inert("\t=1"), "'\t=1");
        assert_eq!(inert("\r=1"), "'\r=1");
        assert!(matches!(inert("Staff = 3"), Cow::Borrowed("Staff = 3")));
        assert!(matches!(inert(""), Cow::Borrowed("")));
    }

    proptest! {
        #[test]
        fn nothing_inert_begins_a_formula(text in ".*") {
            let out = inert(&text);
            prop_assert!(!out.starts_with(['=', '+', '-', '@', '\t', '\r']));
            // Only ever a prefix: the words are all still there.
            prop_assert!(out.ends_with(text.as_str()));
        }
    }
}
