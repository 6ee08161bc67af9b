//! Puts the children of WordprocessingML property elements in the order the schema (ECMA-376)
//! requires.
//!
//! docx-rs writes some out of order (`w:rPr` first in `w:pPr`, `w:color` before `w:b`, the
//! footer reference last in `w:sectPr`). LibreOffice does not mind, but Word may call such a file
//! damaged or silently drop the misplaced property, e.g. the white text of a symbol. Children this
//! table does not name stay beside the child they followed.

use quick_xml::Reader;
use quick_xml::Writer;
use quick_xml::events::{BytesStart, Event};

/// The schema sequence of each property element's children (local names, all `w:`).
fn sequence(parent: &[u8]) -> Option<&'static [&'static str]> {
    Some(match parent {
        b"w:pPr" => &[
            "pStyle",
            "keepNext",
            "keepLines",
            "pageBreakBefore",
            "framePr",
            "widowControl",
            "numPr",
            "suppressLineNumbers",
            "pBdr",
            "shd",
            "tabs",
            "suppressAutoHyphens",
            "kinsoku",
            "wordWrap",
            "overflowPunct",
            "topLinePunct",
            "autoSpaceDE",
            "autoSpaceDN",
            "bidi",
            "adjustRightInd",
            "snapToGrid",
            "spacing",
            "ind",
            "contextualSpacing",
            "mirrorIndents",
            "suppressOverlap",
            "jc",
            "textDirection",
            "textAlignment",
            "textboxTightWrap",
            "outlineLvl",
            "divId",
            "cnfStyle",
            "rPr",
            "sectPr",
            "pPrChange",
        ],
        b"w:rPr" => &[
            // A paragraph mark's revision marks come first.
            "ins",
            "del",
            "moveFrom",
            "moveTo",
            "rStyle",
            "rFonts",
            "b",
            "bCs",
            "i",
            "iCs",
            "caps",
            "smallCaps",
            "strike",
            "dstrike",
            "outline",
            "shadow",
            "emboss",
            "imprint",
            "noProof",
            "snapToGrid",
            "vanish",
            "webHidden",
            "color",
            "spacing",
            "w",
            "kern",
            "position",
            "sz",
            "szCs",
            "highlight",
            "u",
            "effect",
            "bdr",
            "shd",
            "fitText",
            "vertAlign",
            "rtl",
            "cs",
            "em",
            "lang",
            "eastAsianLayout",
            "specVanish",
            "oMath",
            "rPrChange",
        ],
        b"w:tblPr" => &[
            "tblStyle",
            "tblpPr",
            "tblOverlap",
            "bidiVisual",
            "tblStyleRowBandSize",
            "tblStyleColBandSize",
            "tblW",
            "jc",
            "tblCellSpacing",
            "tblInd",
            "tblBorders",
            "shd",
            "tblLayout",
            "tblCellMar",
            "tblLook",
            "tblCaption",
            "tblDescription",
            "tblPrChange",
        ],
        b"w:trPr" => &[
            "cnfStyle",
            "divId",
            "gridBefore",
            "gridAfter",
            "wBefore",
            "wAfter",
            "cantSplit",
            "trHeight",
            "tblHeader",
            "tblCellSpacing",
            "jc",
            "hidden",
            "ins",
            "del",
            "trPrChange",
        ],
        b"w:tcPr" => &[
            "cnfStyle",
            "tcW",
            "gridSpan",
            "hMerge",
            "vMerge",
            "tcBorders",
            "shd",
            "noWrap",
            "tcMar",
            "textDirection",
            "tcFitText",
            "vAlign",
            "hideMark",
            "headers",
            "cellIns",
            "cellDel",
            "cellMerge",
            "tcPrChange",
        ],
        b"w:pBdr" => &["top", "left", "bottom", "right", "between", "bar"],
        b"w:tblBorders" | b"w:tcBorders" => &[
            "top", "left", "start", "bottom", "right", "end", "insideH", "insideV", "tl2br",
            "tr2bl",
        ],
        b"w:tblCellMar" | b"w:tcMar" => &["top", "left", "start", "bottom", "right", "end"],
        b"w:sectPr" => &[
            "headerReference",
            "footerReference",
            "footnotePr",
            "endnotePr",
            "type",
            "pgSz",
            "pgMar",
            "paperSrc",
            "pgBorders",
            "lnNumType",
            "pgNumType",
            "cols",
            "formProt",
            "vAlign",
            "noEndnote",
            "titlePg",
            "textDirection",
            "bidi",
            "rtlGutter",
            "docGrid",
            "printerSettings",
            "sectPrChange",
        ],
        b"w:style" => &[
            "name",
            "aliases",
            "basedOn",
            "next",
            "link",
            "autoRedefine",
            "hidden",
            "uiPriority",
            "semiHidden",
            "unhideWhenUsed",
            "qFormat",
            "locked",
            "personal",
            "personalCompose",
            "personalReply",
            "rsid",
            "pPr",
            "rPr",
            "tblPr",
            "trPr",
            "tcPr",
            "tblStylePr",
        ],
        b"w:lvl" => &[
            "start",
            "numFmt",
            "lvlRestart",
            "pStyle",
            "isLgl",
            "suff",
            "lvlText",
            "lvlPicBulletId",
            "legacy",
            "lvlJc",
            "pPr",
            "rPr",
        ],
        // Only the settings docx-rs writes, in their schema order.
        b"w:settings" => &[
            "writeProtection",
            "view",
            "zoom",
            "proofState",
            "defaultTabStop",
            "characterSpacingControl",
            "compat",
            "docVars",
            "rsids",
            "themeFontLang",
        ],
        _ => return None,
    })
}

enum Node<'a> {
    Element {
        start: BytesStart<'a>,
        children: Vec<Node<'a>>,
        empty: bool,
    },
    Other(Event<'a>),
}

impl Node<'_> {
    /// The child's local name when it is a `w:` element.
    fn w_name(&self) -> Option<&[u8]> {
        match self {
            Node::Element { start, .. } => start.name().into_inner().strip_prefix(b"w:"),
            Node::Other(_) => None,
        }
    }
}

/// Stable-sorts `children` into `seq` order; an unnamed child keeps the rank of the child before
/// it, so it moves with that child.
fn sort<'a>(children: Vec<Node<'a>>, seq: &[&str]) -> Vec<Node<'a>> {
    let mut last = 0;
    let mut ranked: Vec<(usize, Node<'a>)> = children
        .into_iter()
        .map(|n| {
            if let Some(rank) = n
                .w_name()
                .and_then(|name| seq.iter().position(|s| s.as_bytes() == name))
            {
                last = rank;
            }
            (last, n)
        })
        .collect();
    ranked.sort_by_key(|(rank, _)| *rank);
    ranked.into_iter().map(|(_, n)| n).collect()
}

fn element<'a>(start: BytesStart<'a>, children: Vec<Node<'a>>, empty: bool) -> Node<'a> {
    let children = match sequence(start.name().into_inner()) {
        Some(seq) => sort(children, seq),
        None => children,
    };
    Node::Element {
        start,
        children,
        empty,
    }
}

fn parse(xml: &str) -> Result<Vec<Node<'_>>, String> {
    let mut reader = Reader::from_str(xml);
    let mut root = Vec::new();
    let mut open: Vec<(BytesStart<'_>, Vec<Node<'_>>)> = Vec::new();
    loop {
        let event = reader.read_event().map_err(|e| e.to_string())?;
        let node = match event {
            Event::Eof => break,
            Event::Start(start) => {
                open.push((start, Vec::new()));
                continue;
            }
            Event::End(_) => {
                let (start, children) = open.pop().ok_or("an end tag without a start")?;
                element(start, children, false)
            }
            Event::Empty(start) => element(start, Vec::new(), true),
            other => Node::Other(other),
        };
        match open.last_mut() {
            Some((_, children)) => children.push(node),
            None => root.push(node),
        }
    }
    if open.is_empty() {
        Ok(root)
    } else {
        Err("unclosed elements".into())
    }
}

fn write(nodes: Vec<Node<'_>>, w: &mut Writer<Vec<u8>>) -> std::io::Result<()> {
    for n in nodes {
        match n {
            Node::Element {
                start,
                children,
                empty: true,
            } if children.is_empty() => w.write_event(Event::Empty(start))?,
            Node::Element {
                start, children, ..
            } => {
                let end = start.to_end().into_owned();
                w.write_event(Event::Start(start))?;
                write(children, w)?;
                w.write_event(Event::End(end))?;
            }
            Node::Other(e) => w.write_event(e)?,
        }
    }
    Ok(())
}

/// Returns `xml` with every property element's children in schema order.
pub fn canonical(xml: &str) -> Result<String, String> {
    let nodes = parse(xml)?;
    let mut w = Writer::new(Vec::with_capacity(xml.len()));
    write(nodes, &mut w).map_err(|e| e.to_string())?;
    String::from_utf8(w.into_inner()).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::canonical;

    #[test]
    fn property_children_follow_the_schema_and_the_rest_is_untouched() {
        let xml = concat!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
            r#"<w:p><w:pPr><w:rPr /><w:jc w:val="right" /><w:pStyle w:val="X" /></w:pPr>"#,
            r#"<w:r><w:rPr><w:color w:val="FFFFFF" /><w:b /><w:rFonts w:ascii="A" /></w:rPr>"#,
            r#"<w:t xml:space="preserve">a &amp; &lt;b&gt; &quot;c&quot;</w:t></w:r></w:p>"#
        );
        assert_eq!(
            canonical(xml).expect("reorders"),
            concat!(
                r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
                r#"<w:p><w:pPr><w:pStyle w:val="X" /><w:jc w:val="right" /><w:rPr /></w:pPr>"#,
                r#"<w:r><w:rPr><w:rFonts w:ascii="A" /><w:b /><w:color w:val="FFFFFF" /></w:rPr>"#,
                r#"<w:t xml:space="preserve">a &amp; &lt;b&gt; &quot;c&quot;</w:t></w:r></w:p>"#
            )
        );
    }

    #[test]
    fn unknown_children_stay_with_the_child_before_them() {
        let xml = r#"<w:settings><w:defaultTabStop /><w14:docId /><w:zoom /></w:settings>"#;
        assert_eq!(
            canonical(xml).expect("reorders"),
            r#"<w:settings><w:zoom /><w:defaultTabStop /><w14:docId /></w:settings>"#
        );
    }
}
