//! A large report laid out in parts and joined (decision 006).
//!
//! One Typst compile holds the whole document's layout and its memoisation cache at once: about
//! 500 MB for a 1,000-indicator report. Cut into parts of bounded size (at headings where it can),
//! each part is laid out and exported alone (two at a time), so memory follows the largest part,
//! not the report's length. Then the front part (cover, title, contents, summary) is laid out with
//! the body's section headings and pages in its contents list, a third document holds only the
//! running heads and footers ("Page i of N") for every page, and `join` makes one tagged PDF.
//! Agenda packs are never cut: their front sheet reads each item's pages from one layout.

use std::ops::Range;

use serde::Serialize;
use serde_json::{Map, Value, json};

use crate::world::ReportWorld;
use crate::{Diagnostic, Part, PdfError, compile, join, lay_out, write};

/// What a part may hold, in table cells (a chart counts as [`CHART_COST`] cells).
const PART_COST: usize = 500;
/// Reports costing less are laid out whole, as one compile is then quick and small: a real
/// board report of tens of indicators costs a few hundred.
const PARTS_ABOVE: usize = 3_000;
/// A chart's lines and words, measured against table cells (time and memory alike: the
/// benchmark's 1,000 charts took the time of about 3,500 indicator cells and the memory of
/// about 4,700).
const CHART_COST: usize = 5;
/// Parts laid out at once: each holds its own layout and cache.
const AT_ONCE: usize = 2;
/// A thread's stack for Typst, as a main thread's.
const STACK: usize = 8 << 20;
/// How far above a heading's foot its bookmark shows the page from, in points.
const BOOKMARK_ROOM: f64 = 24.0;

/// What laying out `block` costs, in table cells.
fn cost(block: &Value) -> usize {
    match block.get("type").and_then(Value::as_str) {
        Some("chart") => CHART_COST,
        _ => {
            let rows = block
                .get("rows")
                .and_then(Value::as_array)
                .map_or(0, Vec::len);
            let columns = block
                .get("header")
                .and_then(Value::as_array)
                .map_or(1, |h| h.len().max(1));
            (rows + 1) * columns
        }
    }
}

fn is_heading(block: &Value) -> bool {
    block.get("type").and_then(Value::as_str) == Some("heading")
}

/// The body's blocks cut into parts of about `part_cost` each. A part never starts just after
/// a heading (the template keeps headings with what follows them); it starts at a heading
/// where it can, and mid-section when a section runs long.
fn cuts(blocks: &[Value], part_cost: usize) -> Vec<Range<usize>> {
    // Parts of even size, so the two laid out together finish together.
    let total: usize = blocks.iter().map(cost).sum();
    let part_cost = total / total.div_ceil(part_cost.max(1)).max(1);
    let mut parts = Vec::new();
    let (mut start, mut spent) = (0, 0);
    for (i, block) in blocks.iter().enumerate() {
        // What the block follows, page breaks aside (a heading waits across one).
        let after_heading = blocks[..i]
            .iter()
            .rev()
            .find(|b| b.get("type").and_then(Value::as_str) != Some("page_break"))
            .is_some_and(is_heading);
        let full = spent >= part_cost && is_heading(block) || spent >= part_cost * 3 / 2;
        if i > start && full && !after_heading {
            parts.push(start..i);
            (start, spent) = (i, 0);
        }
        spent += cost(block);
    }
    if start < blocks.len() {
        parts.push(start..blocks.len());
    }
    parts
}

/// The template's heading levels where a block starts: the last heading's and the section's
/// (`report` in `report.typ`, which prints a heading at most one below the last, and an item
/// one below its section). A body part starts from these.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
struct Levels {
    last: u64,
    section: u64,
}

impl Levels {
    const START: Levels = Levels {
        last: 1,
        section: 1,
    };

    fn after(mut self, block: &Value) -> Self {
        let text = |key: &str| block.get(key).and_then(Value::as_str).unwrap_or("");
        let printed = |words: &str| !(text("number").trim().is_empty() && words.trim().is_empty());
        match block.get("type").and_then(Value::as_str) {
            Some("heading") if printed(text("text")) => {
                let asked = block.get("level").and_then(Value::as_u64).unwrap_or(1);
                self.last = (asked + 1).min(self.last + 1);
                self.section = self.last;
            }
            Some("item")
                if printed(text("title"))
                    || block.get("initials").is_some_and(|i| !i.is_null()) =>
            {
                self.last = self.section + 1;
            }
            _ => {}
        }
        self
    }
}

/// Whether `document` (the template's JSON) is large enough to be laid out in parts, and can be.
pub(crate) fn worth_parts(document: &Value) -> bool {
    if document.get("kind").and_then(Value::as_str) == Some("agenda_pack") {
        return false;
    }
    let Some(blocks) = document.get("blocks").and_then(Value::as_array) else {
        return false;
    };
    blocks.iter().map(cost).sum::<usize>() > PARTS_ABOVE
}

/// One part's JSON: the report's fields, then this part's own.
#[derive(Serialize)]
struct PartJson<'a> {
    #[serde(flatten)]
    head: &'a Map<String, Value>,
    summary: &'a [Value],
    blocks: &'a [Value],
    diagnostics: &'a [Value],
    part: Value,
}

impl PartJson<'_> {
    fn text(&self) -> Result<String, PdfError> {
        serde_json::to_string(self).map_err(|e| PdfError::Internal(e.to_string()))
    }
}

/// Starts `job` on a thread with a main thread's stack: Typst recurses deeply, and an overflow
/// aborts the process.
fn spawn<'scope, T: Send + 'scope>(
    scope: &'scope std::thread::Scope<'scope, '_>,
    job: impl FnOnce() -> T + Send + 'scope,
) -> Result<std::thread::ScopedJoinHandle<'scope, T>, PdfError> {
    std::thread::Builder::new()
        .stack_size(STACK)
        .spawn_scoped(scope, job)
        .map_err(|e| PdfError::Internal(format!("cannot start a thread: {e}")))
}

/// What a thread's job returned; its panic goes on up, to `guarded` in lib.rs.
fn finished<T>(handle: std::thread::ScopedJoinHandle<'_, T>) -> T {
    handle
        .join()
        .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
}

/// Runs each of `jobs` on a thread of its own and returns their results in order.
fn at_once<T: Send>(jobs: Vec<impl FnOnce() -> T + Send>) -> Result<Vec<T>, PdfError> {
    std::thread::scope(|scope| {
        let running = jobs
            .into_iter()
            .map(|job| spawn(scope, job))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(running.into_iter().map(finished).collect())
    })
}

/// Renders `document` in parts and joins them (see the module's comment).
pub(crate) fn render_in_parts(
    document: Value,
    slug: Option<String>,
) -> Result<(Vec<u8>, Vec<Diagnostic>), PdfError> {
    render_cut(document, slug, PART_COST)
}

/// As [`render_in_parts`], parts costing `part_cost` (small in the tests).
pub(crate) fn render_cut(
    mut document: Value,
    slug: Option<String>,
    part_cost: usize,
) -> Result<(Vec<u8>, Vec<Diagnostic>), PdfError> {
    let head = document
        .as_object_mut()
        .ok_or_else(|| PdfError::Internal("the report document is not an object".into()))?;
    let mut take = |key: &str| match head.remove(key) {
        Some(Value::Array(a)) => a,
        _ => Vec::new(),
    };
    let (blocks, summary, diagnostics) = (take("blocks"), take("summary"), take("diagnostics"));
    let head = &*head;
    let ranges = cuts(&blocks, part_cost);
    // The template works the levels out over the summary, then the blocks.
    let mut levels = summary.iter().fold(Levels::START, Levels::after);
    let mut starts = Vec::with_capacity(ranges.len());
    for range in &ranges {
        starts.push(levels);
        levels = blocks[range.clone()].iter().fold(levels, Levels::after);
    }

    // The body, two parts at a time: both laid out, the layout cache emptied, both written.
    let body_json = |i: usize| -> Result<String, PdfError> {
        let last = i + 1 == ranges.len();
        PartJson {
            head,
            summary: &[],
            blocks: &blocks[ranges[i].clone()],
            // The data notes close the report.
            diagnostics: if last { &diagnostics } else { &[] },
            part: json!({ "role": "body", "last": starts[i].last, "section": starts[i].section }),
        }
        .text()
    };
    let mut body = Vec::with_capacity(ranges.len());
    let mut warnings = Vec::new();
    let indices: Vec<usize> = (0..ranges.len()).collect();
    for round in indices.chunks(AT_ONCE) {
        let worlds = round
            .iter()
            .map(|&i| {
                ReportWorld::new(&body_json(i)?).map_err(|e| PdfError::Internal(e.to_string()))
            })
            .collect::<Result<Vec<_>, _>>()?;
        let laid = at_once(worlds.iter().map(|w| move || lay_out(w)).collect())?;
        // Each part's cache is its own: kept, it would only add up (tried: emptying only
        // entries unused for two rounds peaked 150 MB higher and ran no faster).
        typst::comemo::evict(0);
        let written = at_once(
            worlds
                .iter()
                .zip(laid)
                .map(|(w, laid)| {
                    move || {
                        let part = Part {
                            standard: true,
                            slug: None,
                        };
                        write(w, laid?, part)
                    }
                })
                .collect(),
        )?;
        for part in written {
            let mut part = part?;
            // Copied here, on this thread: left where the part's thread made them, at the top of
            // its allocator's heap, they keep the round's freed memory from being given back.
            part.pdf = part.pdf.as_slice().to_vec();
            warnings.append(&mut part.warnings);
            // The opening page, which the join drops (`report.typ`).
            if !part.pages.is_empty() {
                part.pages.remove(0);
            }
            for entry in &mut part.entries {
                entry.page = entry.page.saturating_sub(1).max(1);
            }
            body.push(part);
        }
    }
    drop(blocks);

    // Contents entries' pages, counted from the body's first page.
    let mut before = 0;
    let mut contents = Vec::new();
    let mut headings = Vec::new();
    for part in &mut body {
        for entry in std::mem::take(&mut part.entries) {
            if entry.level <= 2 {
                contents.push(json!({ "text": entry.words, "page": before + entry.page }));
            }
            let height = part.pages.get(entry.page - 1).map_or(0.0, |p| p[1]);
            headings.push((before + entry.page - 1, entry, height));
        }
        before += part.pages.len();
    }
    let mut front = compile(
        &PartJson {
            head,
            summary: &summary,
            blocks: &[],
            diagnostics: &[],
            part: json!({ "role": "front", "body_contents": contents }),
        }
        .text()?,
        Part {
            standard: true,
            slug,
        },
    )?;
    warnings.append(&mut front.warnings);

    let sizes: Vec<[f64; 2]> = front
        .pages
        .iter()
        .chain(body.iter().flat_map(|p| &p.pages))
        .copied()
        .collect();
    let furniture_json = PartJson {
        head,
        summary: &[],
        blocks: &[],
        diagnostics: &[],
        part: json!({ "role": "furniture", "pages": sizes }),
    }
    .text()?;

    // A bookmark shows its heading with a little room above (the entry marks the heading's foot).
    let bookmarks: Vec<join::Bookmark> = headings
        .into_iter()
        .map(|(page, entry, height)| join::Bookmark {
            level: entry.level,
            title: entry.words,
            page: front.pages.len() + page,
            top: (height - entry.y + BOOKMARK_ROOM).min(height),
        })
        .collect();
    let body: Vec<Vec<u8>> = body.into_iter().map(|p| p.pdf).collect();
    // The heads and footers are laid out while the parts are joined.
    let (joined, furniture) = std::thread::scope(|scope| {
        let furniture = spawn(scope, || {
            let part = Part {
                standard: false,
                slug: None,
            };
            compile(&furniture_json, part)
        })?;
        let joined = join::Joined::new(&front.pdf, &body, &bookmarks);
        Ok::<_, PdfError>((joined, finished(furniture)))
    })?;
    drop(body);
    let mut joined = joined.map_err(PdfError::Internal)?;
    joined
        .overlay(&furniture?.pdf)
        .map_err(PdfError::Internal)?;
    Ok((joined.finish().map_err(PdfError::Internal)?, warnings))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn heading(level: u64) -> Value {
        json!({ "type": "heading", "level": level, "text": "Section" })
    }

    fn table(rows: usize) -> Value {
        json!({ "type": "table", "header": ["a", "b"], "rows": vec![json!(["1", "2"]); rows] })
    }

    #[test]
    fn parts_start_at_headings_and_never_just_after_one() {
        // Two columns: a table of `big` rows costs about half a part.
        let big = PART_COST / 4;
        let blocks = vec![
            heading(1),
            table(big),
            heading(2),
            table(big),
            heading(1),
            table(10),
            heading(1),
            table(10),
        ];
        // Full at the level-2 heading? Not yet; at the next heading, yes.
        assert_eq!(cuts(&blocks, PART_COST), vec![0..4, 4..8]);
        // A long run with no headings is cut in it, but never between a heading and its table.
        let run: Vec<Value> = std::iter::once(heading(1))
            .chain((0..6).map(|_| table(big)))
            .collect();
        let parts = cuts(&run, PART_COST);
        assert!(parts.len() > 1, "{parts:?}");
        assert!(
            parts
                .iter()
                .all(|p| p.start == 0 || !is_heading(&run[p.start - 1]))
        );
        assert_eq!(parts.last().map(|p| p.end), Some(run.len()));
    }

    #[test]
    fn levels_follow_the_template() {
        let item = json!({ "type": "item", "number": "2.1", "title": "x", "initials": null });
        let start = Levels::START;
        let l = start.after(&heading(1));
        assert_eq!(
            l,
            Levels {
                last: 2,
                section: 2
            }
        );
        // A heading never more than one below the last.
        let l = l.after(&heading(4));
        assert_eq!(
            l,
            Levels {
                last: 3,
                section: 3
            }
        );
        let l = l.after(&item);
        assert_eq!(
            l,
            Levels {
                last: 4,
                section: 3
            }
        );
        // An empty heading is not printed.
        let empty = json!({ "type": "heading", "level": 1, "number": null, "text": " " });
        assert_eq!(l.after(&empty), l);
    }

    #[test]
    fn small_reports_and_packs_stay_whole() {
        let blocks: Vec<Value> = (0..10).flat_map(|_| [heading(1), table(20)]).collect();
        assert!(!worth_parts(&json!({ "blocks": blocks })));
        let big: Vec<Value> = (0..10)
            .flat_map(|_| [heading(1), table(PART_COST)])
            .collect();
        assert!(worth_parts(&json!({ "blocks": big })));
        assert!(!worth_parts(
            &json!({ "kind": "agenda_pack", "blocks": big })
        ));
    }
}
