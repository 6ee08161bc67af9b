//! Where the report's computed figures came from: a figure stored by `scrutiny cases apply`
//! carries its records and definitions' version (`value_sources`), printed under the report so a
//! member can ask how a number was made.

use scrutiny_domain::Dataset;
use scrutiny_domain::period::{Period, long_date};

use crate::document::Block;
use crate::performance::sections::para;

/// A paragraph naming the source of each figure of the period computed from records, for the
/// indicators the report prints; none when no printed figure was computed.
pub fn sources_note(data: &Dataset, period: Period, blocks: &[Block]) -> Option<Block> {
    let printed: Vec<&str> = blocks
        .iter()
        .filter_map(|b| match b {
            Block::Indicators { rows, .. } => Some(rows.iter().map(|r| r.code.as_str())),
            _ => None,
        })
        .flatten()
        .collect();
    let lines: Vec<String> = data
        .value_sources
        .iter()
        .filter(|s| s.year == period.year && s.quarter.is_none_or(|q| q == period.quarter))
        .filter(|s| printed.contains(&s.indicator.as_str()))
        .map(|s| {
            let when = s.quarter.map_or_else(
                || format!("{} outturn", s.year),
                |q| Period::new(s.year, q).to_string(),
            );
            format!(
                "{} ({when}): {}, on {}.",
                s.indicator,
                s.source,
                long_date(s.computed_on)
            )
        })
        .collect();
    (!lines.is_empty()).then(|| {
        para(&format!(
            "Figures computed from case records, not typed: {}",
            lines.join(" ")
        ))
    })
}
