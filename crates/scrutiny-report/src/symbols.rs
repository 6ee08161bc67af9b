//! Symbols for progress and direction of travel: colour for those who see it, a distinct glyph
//! and words for everyone else. The words come from the council's `symbol_labels` where given.

use scrutiny_domain::performance::model::{SymbolFor, SymbolLabel};
use scrutiny_domain::{Direction, Rag};

use crate::document::Symbol;

/// Labels and descriptions, with the seeds' wording as defaults.
pub struct Labels<'a> {
    labels: &'a [SymbolLabel],
}

impl<'a> Labels<'a> {
    pub fn new(labels: &'a [SymbolLabel]) -> Self {
        Labels { labels }
    }

    fn find(&self, applies_to: SymbolFor, state: &str) -> Option<&'a SymbolLabel> {
        self.labels
            .iter()
            .find(|l| l.applies_to == applies_to && l.state == state)
    }

    pub fn rag(&self, applies_to: SymbolFor, rag: Rag) -> Symbol {
        let (glyph, label) = rag_mark(rag);
        let description = default_rag_description(applies_to, rag);
        let found = self.find(applies_to, rag.code());
        Symbol {
            state: rag.code().to_string(),
            glyph: glyph.to_string(),
            label: found.map_or(label.to_string(), |l| l.label.clone()),
            description: found.map_or(description.to_string(), |l| l.description.clone()),
        }
    }

    pub fn direction(&self, d: Direction) -> Symbol {
        let (glyph, label, description) = match d {
            Direction::Better => (
                "▲",
                "Better",
                "Indicates that performance is better as compared to the same period last year.",
            ),
            Direction::Same => (
                "▶",
                "Same",
                "Indicates that performance is the same as compared to the same period last year.",
            ),
            Direction::Worse => (
                "▼",
                "Worse",
                "Indicates that performance is worse as compared to the same period last year.",
            ),
            Direction::NotComparable => (
                "–",
                "N/A",
                "Indicates that the measure cannot be compared to the same period last year.",
            ),
        };
        let found = self.find(SymbolFor::Direction, d.code());
        Symbol {
            state: d.code().to_string(),
            glyph: glyph.to_string(),
            label: found.map_or(label.to_string(), |l| l.label.clone()),
            description: found.map_or(description.to_string(), |l| l.description.clone()),
        }
    }
}

/// A progress state's glyph and its words before any council's own: the seeds' for a rating,
/// plain English for each reason there is none.
pub fn rag_mark(rag: Rag) -> (&'static str, &'static str) {
    match rag {
        Rag::Green => ("✔", "Green"),
        Rag::Amber => ("◆", "Amber"),
        Rag::Red => ("✖", "Red"),
        Rag::Unknown => ("?", "Unknown"),
        Rag::NoTarget => ("○", "No target"),
        Rag::NoFigure => ("–", "No figure yet"),
        Rag::NotDue => ("…", "Not due this period"),
        Rag::NotAvailable => ("∅", "Not available"),
        Rag::Context => ("◇", "Context measure"),
    }
}

fn default_rag_description(applies_to: SymbolFor, rag: Rag) -> &'static str {
    match (applies_to, rag) {
        (SymbolFor::Indicator, Rag::Green) => {
            "Indicates that the annual target is on course to be achieved."
        }
        (SymbolFor::Indicator, Rag::Amber) => {
            "Indicates that it is uncertain or too early to say at this stage whether the annual target is on course to be achieved."
        }
        (SymbolFor::Indicator, Rag::Red) => {
            "Indicates that the target will not be achieved unless there is an intervention or remedial action taken."
        }
        (_, Rag::Green) => {
            "Indicates that the objective is on course to be achieved within the appropriate timeframe."
        }
        (_, Rag::Amber) => {
            "Indicates that it is uncertain or too early to say at this stage, whether the milestone/objective will be achieved within the appropriate timeframe."
        }
        (_, Rag::Red) => {
            "Indicates that it is highly likely or certain that the objective will not be achieved within the appropriate timeframe."
        }
        (_, Rag::Unknown) => "Indicates that progress cannot be judged at this stage.",
        (_, Rag::NoTarget) => "There is no target to judge the figure against.",
        (_, Rag::NoFigure) => "No figure has been reported for this period yet.",
        (_, Rag::NotDue) => "No figure is due this period.",
        (_, Rag::NotAvailable) => "The figure for this period is not available.",
        (_, Rag::Context) => {
            "A context measure: shown with its figures and direction, never rated or counted."
        }
    }
}
