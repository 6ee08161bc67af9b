//! Walks the document in order and lays out its front matter, headings and narrative; tables
//! and charts are in `blocks` and `chart`.

use docx_rs::{Docx, LineSpacing, Paragraph, ParagraphBorderPosition, Table};
use scrutiny_report::document::{Block, Cover, Document};

use crate::style;
use crate::text;
use crate::{DocxError, blocks, chart};

/// The docx-rs document plus what `package` must add to its XML, in document order.
pub struct Built {
    pub docx: Docx,
    /// The text alternative of each chart picture.
    pub chart_alts: Vec<String>,
    /// The caption of each table (every table has exactly one header row).
    pub table_captions: Vec<String>,
}

enum Child {
    // Boxed: both are large, and a report holds hundreds.
    Paragraph(Box<Paragraph>),
    Table(Box<Table>),
}

#[derive(Default)]
pub struct Builder {
    children: Vec<Child>,
    /// A page break waits for the next paragraph, so no empty paragraph starts a page.
    pending_break: bool,
    /// The last thing added was a table: Word puts no space after one.
    after_table: bool,
    /// The last thing added was a heading.
    after_heading: bool,
    /// Outline level of the last heading (the title is 1), so levels never skip.
    last_heading: u8,
    chart_alts: Vec<String>,
    table_captions: Vec<String>,
}

impl Builder {
    pub fn paragraph(&mut self, mut p: Paragraph) {
        self.after_heading = false;
        if std::mem::take(&mut self.pending_break) {
            p = p.page_break_before(true);
        }
        // Styled paragraphs (captions, headings) bring their own space before; body text does not.
        if std::mem::take(&mut self.after_table) && p.property.style.is_none() {
            p = p.line_spacing(LineSpacing::new().before(200));
        }
        self.children.push(Child::Paragraph(Box::new(p)));
    }

    /// A caption paragraph (kept with what follows) then the table, titled with the caption.
    pub fn table(&mut self, caption: &str, sub_caption: Option<&str>, table: Table) {
        let mut p = Paragraph::new()
            .style(style::CAPTION)
            .add_run(text::run(caption));
        if let Some(sub) = sub_caption.filter(|s| !s.trim().is_empty()) {
            p = p.add_run(text::run(&format!("\n{sub}")).disable_bold());
        }
        self.paragraph(p);
        self.children.push(Child::Table(Box::new(table)));
        self.after_table = true;
        self.after_heading = false;
        self.table_captions.push(caption.to_owned());
    }

    /// Records a chart's text alternative; call once per picture, in order.
    pub fn chart_alt(&mut self, alt: String) {
        self.chart_alts.push(alt);
    }

    pub fn chart_count(&self) -> usize {
        self.chart_alts.len()
    }

    /// A heading at outline level `level` (1 is the title), never deeper than one below the
    /// previous heading. Empty headings are left out: a screen reader would announce nothing.
    pub fn heading(&mut self, level: u8, words: &str) {
        if words.trim().is_empty() {
            return;
        }
        let level = level
            .min(self.last_heading.saturating_add(1))
            .clamp(1, style::DEEPEST_HEADING);
        self.last_heading = level;
        self.paragraph(
            Paragraph::new()
                .style(&style::heading(level))
                .add_run(text::run(words)),
        );
        self.after_heading = true;
    }

    /// Narrative paragraphs; `initials` print after the last one, "(NM)".
    fn narrative(&mut self, body: &str, initials: Option<&str>) {
        let paras = text::paragraphs(body);
        let last = paras.len().saturating_sub(1);
        for (i, p) in paras.iter().enumerate() {
            let words = match initials {
                Some(ini) if i == last && !ini.trim().is_empty() => format!("{p} ({ini})"),
                _ => p.clone(),
            };
            self.paragraph(Paragraph::new().add_run(text::run(&words)));
        }
    }

    /// Starts a new page. A heading just before the break moves to the new page with what it
    /// heads, rather than being left alone at the foot of the old one; the order is unchanged.
    fn page_break(&mut self) {
        if self.after_heading
            && let Some(Child::Paragraph(p)) = self.children.last_mut()
        {
            **p = std::mem::take(&mut **p).page_break_before(true);
        } else {
            self.pending_break = true;
        }
    }

    fn front_matter(&mut self, doc: &Document) {
        let n = doc.header_lines.len();
        for (i, (label, value)) in doc.header_lines.iter().enumerate() {
            let mut p = Paragraph::new()
                .style(style::HEADER_LINE)
                .add_run(text::run(label).bold().add_tab())
                .add_run(text::run(value));
            if i + 1 == n {
                p = p.line_spacing(LineSpacing::new().after(360));
                p.property = p
                    .property
                    .set_borders(style::rule(ParagraphBorderPosition::Bottom, 6));
            }
            self.paragraph(p);
        }
        self.paragraph(
            Paragraph::new()
                .style(style::TITLE)
                .add_run(text::run(title(doc))),
        );
        self.last_heading = 1;
        if let Some(sub) = &doc.subtitle {
            self.paragraph(
                Paragraph::new()
                    .style(style::SUBTITLE)
                    .add_run(text::run(sub)),
            );
        }
        self.paragraph(
            Paragraph::new()
                .style(style::NOTE)
                .add_run(text::run(&format!("Produced on {}", doc.produced_on))),
        );
        if let Some(c) = &doc.cover {
            self.cover(c);
        }
    }

    /// The committee report fronting the paper, as the HTML prints it, then a new page.
    fn cover(&mut self, c: &Cover) {
        let heading = match &c.council {
            Some(council) => format!("Committee report – {council}"),
            None => "Committee report".to_string(),
        };
        self.heading(2, &heading);
        for (label, value) in &c.lines {
            self.paragraph(
                Paragraph::new()
                    .style(style::HEADER_LINE)
                    .add_run(text::run(label).bold().add_tab())
                    .add_run(text::run(value)),
            );
        }
        for s in &c.sections {
            self.heading(3, &format!("{} {}", s.number, s.heading));
            self.narrative(&s.text, None);
        }
        self.page_break();
    }

    fn diagnostics(&mut self, notes: &[String]) {
        if notes.is_empty() {
            return;
        }
        self.heading(2, "Data notes");
        self.narrative(
            "These gaps were found while the report was produced. They are printed so that \
             nothing missing passes unnoticed.",
            None,
        );
        for note in notes {
            self.paragraph(style::bullet(Paragraph::new().add_run(text::run(note))));
        }
    }

    fn block(&mut self, block: &Block) -> Result<(), DocxError> {
        match block {
            Block::Heading {
                level,
                number,
                text: words,
            } => self.heading(
                html_level(*level),
                &text::numbered(number.as_deref(), words),
            ),
            Block::Paragraph {
                text: body,
                initials,
            } => self.narrative(body, initials.as_deref()),
            Block::Item {
                level,
                number,
                title,
                initials,
                paragraphs,
            } => {
                let mut words = text::numbered(number.as_deref(), title);
                if let Some(ini) = initials.as_deref().filter(|i| !i.trim().is_empty()) {
                    words = format!("{words} ({ini})");
                }
                self.heading(html_level(*level), &words);
                for p in paragraphs {
                    self.narrative(p, None);
                }
            }
            Block::Chart {
                title,
                svg,
                alt,
                note,
                // The SVG is drawn as it is; the figures are in the alt text and note.
                ..
            } => chart::chart(self, title, svg, alt, note)?,
            Block::PageBreak => self.page_break(),
            Block::SymbolKey {
                progress,
                progress_header,
                direction,
                direction_header,
                initials,
            } => {
                blocks::symbol_key(
                    self,
                    (progress, progress_header),
                    (direction, direction_header),
                );
                if !initials.is_empty() {
                    self.heading(3, "Key for Operational Director lead");
                    for (ini, who) in initials {
                        self.paragraph(
                            Paragraph::new()
                                .add_run(text::run(ini).bold())
                                .add_run(text::run(&format!(" – {who}"))),
                        );
                    }
                }
            }
            other => blocks::table_block(self, other),
        }
        Ok(())
    }

    fn finish(self) -> Built {
        let docx = self.children.into_iter().fold(Docx::new(), |d, c| match c {
            Child::Paragraph(p) => d.add_paragraph(*p),
            Child::Table(t) => d.add_table(*t),
        });
        Built {
            docx,
            chart_alts: self.chart_alts,
            table_captions: self.table_captions,
        }
    }
}

/// The document's title; a heading may not be empty, so a blank one gets a placeholder.
pub fn title(doc: &Document) -> &str {
    if doc.title.trim().is_empty() {
        "Untitled report"
    } else {
        &doc.title
    }
}

/// The outline level the HTML gives a block's level: sections (1) are h2, and so on.
fn html_level(level: u8) -> u8 {
    level.clamp(1, 4) + 1
}

/// Lays out the whole document.
pub fn build(doc: &Document) -> Result<Built, DocxError> {
    let mut b = Builder::default();
    b.front_matter(doc);
    for block in doc.printed() {
        b.block(block)?;
    }
    b.diagnostics(&doc.diagnostics);
    let mut built = b.finish();
    built.docx = style::setup(built.docx, &doc.produced_on);
    Ok(built)
}
