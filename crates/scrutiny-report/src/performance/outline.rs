//! A quarterly report's outline as its board lays it out (`report_layouts`): which sections
//! appear, under what headings, numbered in order of those that do, and which appendix each
//! appended part is.

use scrutiny_domain::meetings::ReportKind;
use scrutiny_domain::performance::layout::{Layout, Numbering, Part, PeriodWords};
use scrutiny_domain::period::Period;

use crate::document::Block;
use crate::performance::context::Context;
use crate::performance::sections::heading;

pub struct Outline {
    pub layout: Layout,
    report: ReportKind,
    numbering: Numbering,
    appendices: Vec<Part>,
}

impl Outline {
    /// `board`'s outline of `report`; `appended` lists, in order, the parts that are appendices.
    pub fn new(ctx: &Context, board: &str, report: ReportKind, appended: &[Part]) -> Outline {
        let layout = Layout::of(&ctx.data.report_layouts, board, report);
        let appendices = appended
            .iter()
            .copied()
            .filter(|p| layout.shows(*p))
            .collect();
        Outline {
            layout,
            report,
            numbering: Numbering::default(),
            appendices,
        }
    }

    pub fn shows(&self, part: Part) -> bool {
        self.layout.shows(part)
    }

    /// The part's heading text, or `None` where it is left out.
    pub fn heading(&self, part: Part) -> Option<String> {
        self.layout.heading(part)
    }

    /// The words a part's tables and counts are captioned with: `seed`'s where the board keeps
    /// the seed's heading, else its own heading as written.
    pub fn caption_or(&self, part: Part, seed: &str) -> String {
        match self.declared(part) {
            Some(own) => own,
            None => seed.to_string(),
        }
    }

    /// The caption of a part within a PBR priority ("key performance indicators"): the
    /// heading in lower case where it is the seed's, else as the board wrote it.
    pub fn caption(&self, part: Part) -> String {
        let seed = self.layout.heading(part).unwrap_or_default().to_lowercase();
        self.caption_or(part, &seed)
    }

    /// The board's own heading for `part`, where it declares one different from the seed's.
    pub fn declared(&self, part: Part) -> Option<String> {
        self.layout
            .heading(part)
            .filter(|h| Some(h.as_str()) != part.default_heading(self.report))
    }

    /// The next numbered section's heading for `part` and its bare number (for its items), or
    /// `None` where the board leaves it out (and the numbering goes on without it).
    pub fn section(&mut self, part: Part) -> Option<(Block, String)> {
        let text = self.layout.heading(part)?;
        let (number, bare) = self.numbering.next_section();
        Some((heading(1, &number, &text), bare))
    }

    /// The appendix number of `part`, if it is appended and shown.
    pub fn appendix_number(&self, part: Part) -> Option<usize> {
        self.appendices
            .iter()
            .position(|p| *p == part)
            .map(|i| i + 1)
    }

    /// The appended parts shown, in order, with their numbers.
    pub fn appendices(&self) -> impl Iterator<Item = (usize, Part)> + '_ {
        self.appendices.iter().enumerate().map(|(i, p)| (i + 1, *p))
    }

    /// "For further details, please refer to Appendix N." for `part`, if it is appended.
    pub fn refer_to(&self, part: Part) -> Option<Block> {
        self.appendix_number(part).map(|n| {
            crate::performance::sections::para(&format!(
                "For further details, please refer to Appendix {n}."
            ))
        })
    }

    /// "Appendix 4", "Appendices 4 and 5": the appendices `parts` are in, or `None`.
    pub fn appendix_words(&self, parts: &[Part]) -> Option<String> {
        let numbers: Vec<String> = parts
            .iter()
            .filter_map(|p| self.appendix_number(*p))
            .map(|n| n.to_string())
            .collect();
        match numbers.as_slice() {
            [] => None,
            [one] => Some(format!("Appendix {one}")),
            [init @ .., last] => Some(format!("Appendices {} and {last}", init.join(", "))),
        }
    }

    /// The period line in the board's wording, `default` where it declares none.
    pub fn period_line(&self, ctx: &Context, period: Period, default: String) -> Option<String> {
        let words = PeriodWords {
            quarter: period.quarter.number().to_string(),
            year: period.year.to_string(),
            start: ctx.style.date(period.start()),
            end: ctx.style.date(period.end()),
        };
        self.layout.period_line(&words, default)
    }
}
