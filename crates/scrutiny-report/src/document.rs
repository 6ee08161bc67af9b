//! The report document model: what a board report says, independent of how it is printed.
//!
//! Builders (`pbr`, `qmr`) produce a [`Document`]; renderers turn it into HTML (this crate), PDF
//! (`scrutiny-pdf`, via its JSON form), and spreadsheets. Every cell is already formatted text, so
//! all renderers print the same figures.

use serde::{Deserialize, Serialize};

use rust_decimal::Decimal;
use scrutiny_domain::RagCounts;
use scrutiny_domain::performance::comparison::ComparisonBasis;
use scrutiny_domain::performance::model::SymbolFor;
use scrutiny_domain::performance::summary::count_with_share;

use crate::symbols::Labels;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Document {
    /// e.g. "Children & Young Peoples Priority Based Report".
    pub title: String,
    /// e.g. "Reporting Period: Quarter 1, Period 1 April 2012 – 30 June 2012".
    pub subtitle: Option<String>,
    /// Lines printed above the title, e.g. directorate, service, period (Quarterly Monitoring Report).
    pub header_lines: Vec<(String, String)>,
    /// The date the document was produced, passed in by the caller ("23 November 2026").
    pub produced_on: String,
    /// A short name used for files: "pbr-cypf-2012-13-q1".
    pub slug: String,
    /// The committee report fronting the document, when the council has set one (`frame`).
    #[serde(default)]
    pub cover: Option<Cover>,
    /// The one-page summary printed before the report (`frame::summary`): kept apart from
    /// `blocks` so the spreadsheets export each figure once.
    #[serde(default)]
    pub summary: Vec<Block>,
    pub blocks: Vec<Block>,
    /// Gaps and oddities found while building ("no Q1 value for NI148"): printed in an appendix
    /// and shown to the officer, never silently dropped.
    pub diagnostics: Vec<String>,
}

/// The committee report fronting a document, as printed: to whom, when, from whom, about what,
/// then numbered sections (1.0 Purpose of report, 2.0 Recommended, then the council's own).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cover {
    pub council: Option<String>,
    /// The labelled lines at the top: "Report to", "Date", "Reporting officer", "Subject"…
    pub lines: Vec<(String, String)>,
    pub sections: Vec<CoverSection>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CoverSection {
    /// "1.0".
    pub number: String,
    pub heading: String,
    /// Narrative: blank lines part paragraphs, "1)" and "- " lines are lists (`prose`).
    pub text: String,
}

/// A progress or direction-of-travel symbol: a colour *and* a shape *and* words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Symbol {
    /// `green`, `amber`, `red`, `unknown`, `better`, `same`, `worse`, `not_comparable`, or `none`
    /// (nothing to show).
    pub state: String,
    /// Glyph that tells the states apart without colour: ✔ ◆ ✖ ? ▲ ▶ ▼ –.
    pub glyph: String,
    /// Short words: "Green", "Better", "N/A".
    pub label: String,
    /// What it means, for screen readers and the symbol key.
    pub description: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MilestoneRow {
    pub reference: String,
    pub text: String,
    pub progress: Symbol,
    pub commentary: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndicatorRow {
    pub code: String,
    pub refs: String,
    pub measure: String,
    pub previous: String,
    pub target: String,
    /// Plain-words form of the target for screen readers ("54.0, revised from 45.0").
    pub target_spoken: String,
    pub current: String,
    pub progress: Symbol,
    pub direction: Symbol,
    /// Why progress is what it is: the rule and its inputs ("78% against a target of 84%:
    /// missed, within the 5% band."), or the override's reason.
    pub progress_basis: String,
    /// Why the direction of travel is what it is ("78% against 71% in Q1 2011/12: better.").
    #[serde(default)]
    pub direction_basis: String,
    /// The basis the direction of travel was judged on, if it was (`None`: not comparable).
    #[serde(default)]
    pub compared_with: Option<ComparisonBasis>,
    /// Whether the board's exception rule lists it (`boards.exception_rule`).
    #[serde(default)]
    pub exception: bool,
    pub commentary: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FinanceRow {
    /// `heading`, `line`, `total`, `net`
    pub kind: String,
    pub label: String,
    pub annual_budget: String,
    pub budget_to_date: String,
    pub expenditure_to_date: String,
    pub variance_to_date: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionRow {
    pub reference: String,
    pub requirement: String,
    pub action: String,
    pub by_whom: String,
    pub timescale: String,
    pub status: Symbol,
    pub progress: String,
}

/// A chart as data, so each renderer can draw it natively (the PDF does) or from the SVG.
///
/// The x axis is a run of periods (`x_labels`, one per slot: quarters, or years where the
/// indicator is annual), grouped under their years (`x_groups`) when quarterly. Targets and
/// quartile bands are drawn per slot range, as they were in force for those periods.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChartData {
    pub y_min: Decimal,
    pub y_max: Decimal,
    pub y_ticks: Vec<Decimal>,
    /// The y axis's title: the unit the figures are in ("Per cent", "Number", "Days").
    pub y_unit: String,
    pub x_labels: Vec<String>,
    pub x_groups: Vec<ChartGroup>,
    pub series: Vec<ChartSeries>,
    /// The target in force, one step per run of slots with the same target.
    pub targets: Vec<ChartStep>,
    pub bands: Vec<ChartBand>,
}

/// Slots `first..=last` under one label (a year under its quarters).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChartGroup {
    pub label: String,
    pub first: usize,
    pub last: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChartSeries {
    pub label: String,
    /// `actual`.
    pub kind: String,
    /// One per x label; `None` where there is no figure.
    pub points: Vec<Option<Decimal>>,
}

/// A level held over slots `first..=last`: the target in force then.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChartStep {
    pub first: usize,
    pub last: usize,
    pub value: Decimal,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChartBand {
    pub label: String,
    /// `top` or `bottom` quartile.
    pub kind: String,
    pub first: usize,
    pub last: usize,
    pub from: Decimal,
    pub to: Decimal,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeyRow {
    pub symbol: Symbol,
    pub objective: String,
    pub indicator: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Block {
    /// A numbered heading: level 1 is a section ("2.0 Key Developments").
    Heading {
        level: u8,
        number: Option<String>,
        text: String,
    },
    /// Narrative; `initials` are printed after it in brackets, "(NM)".
    Paragraph {
        text: String,
        initials: Option<String>,
    },
    /// A titled item of narrative: a key development or emerging issue. `level` is its heading
    /// level, one below the heading it sits under.
    Item {
        level: u8,
        number: Option<String>,
        title: String,
        initials: Option<String>,
        paragraphs: Vec<String>,
    },
    /// "Total 21 | 16 | 0 | 5", with the same meaning spelt out: one row of `figures` under
    /// `header`, the states' columns headed by their symbols.
    SummaryCounts {
        caption: String,
        counts: RagCounts,
        header: Vec<Heading>,
        figures: Vec<String>,
    },
    Milestones {
        caption: String,
        /// "Ref", "Milestone", "Q1 Progress" and, with commentary, "Commentary".
        header: Vec<String>,
        rows: Vec<MilestoneRow>,
        with_commentary: bool,
    },
    Indicators {
        caption: String,
        /// "Ref", "Measure", the three figures' columns ("11/12 Actual", "12/13 Target", "Q1"),
        /// "Current Progress", "Direction of Travel" and, with commentary, "Commentary".
        header: Vec<String>,
        rows: Vec<IndicatorRow>,
        with_commentary: bool,
    },
    Finance {
        caption: String,
        as_at: String,
        /// The row labels' column first: its heading is for screen readers, not shown.
        header: Vec<String>,
        rows: Vec<FinanceRow>,
    },
    /// A chart as SVG, with a text alternative and the table of figures it shows.
    Chart {
        title: String,
        svg: String,
        alt: String,
        note: String,
        data: ChartData,
    },
    /// A plain table (risks, equality actions, diagnostics).
    Table {
        caption: String,
        header: Vec<String>,
        rows: Vec<Vec<String>>,
        /// The columns (by position) that hold figures even where some cells are words ("See
        /// note 1"): a spreadsheet holds them as numbers, the words in a note column beside.
        /// Other columns are typed from their cells.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        figures: Vec<usize>,
    },
    /// An action plan's actions with their status on the report date.
    Actions {
        caption: String,
        header: Vec<String>,
        rows: Vec<ActionRow>,
    },
    /// Start a new page in print (one page per strategy measure).
    PageBreak,
    /// The appendix explaining the symbols.
    SymbolKey {
        progress: Vec<KeyRow>,
        /// "Symbol", "Objective", "Performance Indicator".
        progress_header: Vec<String>,
        direction: Vec<(Symbol, String)>,
        /// "Symbol", "Meaning".
        direction_header: Vec<String>,
        initials: Vec<(String, String)>,
    },
}

/// A column heading: words, or a symbol (the summary counts' state columns).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Heading {
    Text(String),
    Symbol(Symbol),
}

/// Numbers a report's sections as they are added ("1", "2", …), so that a section added or left
/// out renumbers the ones after it.
#[derive(Debug, Default)]
pub struct Numbering {
    last: u32,
}

impl Numbering {
    /// The next section's heading.
    pub fn section(&mut self, text: &str) -> Block {
        self.last += 1;
        Block::Heading {
            level: 1,
            number: Some(self.last.to_string()),
            text: text.to_string(),
        }
    }
}

/// Whether optional text says anything.
fn said(text: &Option<String>) -> bool {
    text.as_deref().is_some_and(|t| !t.trim().is_empty())
}

/// Where the previous year's figure sits in an indicator table ("11/12 Actual").
pub const INDICATOR_PREVIOUS: usize = 2;

/// The tables whose columns are the same in every report, made here with their headings, so
/// that every renderer prints the document's words and none types its own.
impl Block {
    /// Summary counts: Total, then one column per state headed by its symbol in the council's
    /// words (`labels`, for `applies_to`): green, amber and red always, each reason for no
    /// rating only when something has it. Each state's count carries its share of the total,
    /// "2 (50%)", to `places` (the board's `percent_places`).
    pub fn summary_counts(
        caption: impl Into<String>,
        counts: RagCounts,
        places: u32,
        labels: &Labels,
        applies_to: SymbolFor,
    ) -> Block {
        let mut header = vec![Heading::Text("Total".into())];
        let mut figures = vec![counts.total.to_string()];
        for rag in counts.shown() {
            header.push(Heading::Symbol(Symbol {
                // A heading prints only glyph and words.
                description: String::new(),
                ..labels.rag(applies_to, rag)
            }));
            figures.push(count_with_share(counts.of(rag), counts.total, places));
        }
        Block::SummaryCounts {
            caption: caption.into(),
            counts,
            header,
            figures,
        }
    }

    /// Milestones, their progress column headed for the period ("Q1 Progress"); the Commentary
    /// column only if some row has commentary.
    pub fn milestones(
        caption: impl Into<String>,
        progress_heading: String,
        rows: Vec<MilestoneRow>,
        with_commentary: bool,
    ) -> Block {
        let with_commentary = with_commentary && rows.iter().any(|r| said(&r.commentary));
        let mut header = vec!["Ref".into(), "Milestone".into(), progress_heading];
        if with_commentary {
            header.push("Commentary".into());
        }
        Block::Milestones {
            caption: caption.into(),
            header,
            rows,
            with_commentary,
        }
    }

    /// Indicators; `figures` head the previous year's, the target's and the current columns. The
    /// Commentary column only if some row has commentary.
    pub fn indicators(
        caption: impl Into<String>,
        figures: [String; 3],
        rows: Vec<IndicatorRow>,
        with_commentary: bool,
    ) -> Block {
        let with_commentary = with_commentary && rows.iter().any(|r| said(&r.commentary));
        let mut header = vec!["Ref".to_string(), "Measure".into()];
        header.extend(figures);
        header.extend(["Current Progress".into(), "Direction of Travel".into()]);
        if with_commentary {
            header.push("Commentary".into());
        }
        Block::Indicators {
            caption: caption.into(),
            header,
            rows,
            with_commentary,
        }
    }

    /// A plain table without the `optional` columns that are blank in every row (a Commentary
    /// column where nobody commented).
    pub fn table_without_blanks(
        caption: impl Into<String>,
        header: Vec<String>,
        rows: Vec<Vec<String>>,
        optional: &[&str],
    ) -> Block {
        let keep: Vec<bool> = header
            .iter()
            .enumerate()
            .map(|(i, h)| {
                !optional.contains(&h.as_str())
                    || rows
                        .iter()
                        .any(|r| r.get(i).is_some_and(|c| !c.trim().is_empty()))
            })
            .collect();
        let kept = |v: Vec<String>| -> Vec<String> {
            v.into_iter()
                .zip(&keep)
                .filter(|(_, k)| **k)
                .map(|(c, _)| c)
                .collect()
        };
        Block::Table {
            caption: caption.into(),
            header: kept(header),
            rows: rows.into_iter().map(kept).collect(),
            figures: Vec::new(),
        }
    }

    /// A revenue budget statement.
    pub fn finance(caption: impl Into<String>, as_at: String, rows: Vec<FinanceRow>) -> Block {
        Block::Finance {
            caption: caption.into(),
            as_at,
            header: [
                "Line",
                "Annual Budget £'000",
                "Budget to Date £'000",
                "Expenditure to Date £'000",
                "Variance to Date (overspend) £'000",
            ]
            .map(String::from)
            .to_vec(),
            rows,
        }
    }

    /// An action plan's actions.
    pub fn actions(caption: impl Into<String>, rows: Vec<ActionRow>) -> Block {
        Block::Actions {
            caption: caption.into(),
            header: [
                "Ref",
                "Requirement",
                "Action",
                "By whom",
                "Timescale",
                "Status",
                "Progress",
            ]
            .map(String::from)
            .to_vec(),
            rows,
        }
    }

    /// The symbol key: what each progress and direction symbol means, and who the initials are.
    pub fn symbol_key(
        progress: Vec<KeyRow>,
        direction: Vec<(Symbol, String)>,
        initials: Vec<(String, String)>,
    ) -> Block {
        Block::SymbolKey {
            progress,
            progress_header: ["Symbol", "Objective", "Performance Indicator"]
                .map(String::from)
                .to_vec(),
            direction,
            direction_header: ["Symbol", "Meaning"].map(String::from).to_vec(),
            initials,
        }
    }
}

/// Every string in `v` made printable (`format::printable`): a control character pasted into
/// commentary would otherwise stop the PDF (PDF/UA) or the Word file.
pub fn printable_json(v: &mut serde_json::Value) {
    match v {
        serde_json::Value::String(s) => {
            if let std::borrow::Cow::Owned(t) = scrutiny_domain::format::printable(s) {
                *s = t;
            }
        }
        serde_json::Value::Array(a) => a.iter_mut().for_each(printable_json),
        serde_json::Value::Object(o) => o.values_mut().for_each(printable_json),
        _ => {}
    }
}

impl Document {
    /// Every block in print order: the summary, then the report.
    pub fn printed(&self) -> impl Iterator<Item = &Block> {
        self.summary.iter().chain(&self.blocks)
    }

    /// The document with every text made printable (`format::printable`): a control character
    /// pasted into commentary would otherwise stop the PDF (PDF/UA) or the Word file.
    pub fn printable(&self) -> Document {
        // Every text field, however deep in a block, without naming each one.
        let cleaned = serde_json::to_value(self).ok().and_then(|mut v| {
            printable_json(&mut v);
            serde_json::from_value(v).ok()
        });
        cleaned.unwrap_or_else(|| self.clone())
    }

    /// The document for a renderer that draws charts from their data (the PDF): the SVG copies
    /// are left out, which saves memory on large reports.
    pub fn without_svg(&self) -> Document {
        let mut doc = self.clone();
        for b in &mut doc.blocks {
            if let Block::Chart { svg, .. } = b {
                svg.clear();
            }
        }
        doc
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_are_numbered_as_they_are_added() {
        let mut numbering = Numbering::default();
        let numbers: Vec<Option<String>> = ["Numbers", "Profile", "Timescales"]
            .into_iter()
            .map(|t| match numbering.section(t) {
                Block::Heading { number, .. } => number,
                _ => None,
            })
            .collect();
        assert_eq!(
            numbers,
            [Some("1".into()), Some("2".into()), Some("3".into())]
        );
    }

    #[test]
    fn summary_counts_show_unknown_only_when_something_is() {
        let counts = |unknown| RagCounts {
            total: 3 + unknown,
            green: 1,
            amber: 1,
            red: 1,
            unknown,
            ..RagCounts::default()
        };
        for (unknown, columns) in [(0, 4), (2, 5)] {
            let Block::SummaryCounts {
                header, figures, ..
            } = Block::summary_counts(
                "Milestones",
                counts(unknown),
                0,
                &Labels::new(&[]),
                SymbolFor::Objective,
            )
            else {
                panic!("not summary counts");
            };
            assert_eq!((header.len(), figures.len()), (columns, columns));
            assert_eq!(figures[0], (3 + unknown).to_string());
            assert_eq!(
                figures[1],
                format!("1 ({}%)", if unknown == 0 { 33 } else { 20 })
            );
        }
    }
}
