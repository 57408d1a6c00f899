//! Suggestions as you type: speakers, themes and series whose name (or a word of it) starts
//! with what was typed, accents and case ignored (`monn` finds "Herman de Mönnink").
//!
//! Reads the facet counts of the whole index; knows nothing of HTTP or JSON shapes.

use serde::Serialize;

use super::all_facets;
use crate::archive::slug::fold;
use crate::index::Generation;

/// The dimensions suggestions come from, in the order they are listed.
pub const SUGGEST_DIMENSIONS: [&str; 3] = ["speaker", "theme", "series"];

/// One suggested value and how many items have it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Suggestion {
    pub dimension: &'static str,
    pub value: String,
    pub count: u64,
}

/// Whether `value` or one of its words starts with `prefix` (both folded).
pub fn matches_prefix(value: &str, prefix: &str) -> bool {
    let value = fold(value);
    let prefix = fold(prefix.trim());
    !prefix.is_empty()
        && (value.starts_with(&prefix)
            || value
                .split(|c: char| !c.is_alphanumeric())
                .any(|word| word.starts_with(&prefix)))
}

/// Up to `limit` values that start with `prefix`, the most frequent first within a dimension.
pub fn suggest(
    generation: &Generation,
    prefix: &str,
    limit: usize,
) -> tantivy::Result<Vec<Suggestion>> {
    if fold(prefix.trim()).is_empty() {
        return Ok(Vec::new());
    }
    let facets = all_facets(generation)?;
    let mut out = Vec::new();
    for dimension in SUGGEST_DIMENSIONS {
        for value in facets.get(dimension).into_iter().flatten() {
            if matches_prefix(&value.value, prefix) {
                out.push(Suggestion {
                    dimension,
                    value: value.value.clone(),
                    count: value.count,
                });
            }
        }
    }
    out.truncate(limit);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::matches_prefix;

    #[test]
    fn prefixes_ignore_accents_and_match_any_word() {
        assert!(matches_prefix("Herman de Mönnink", "monn"));
        assert!(matches_prefix("Herman de Mönnink", "HER"));
        assert!(matches_prefix("continuïteit", "continui"));
        assert!(!matches_prefix("Herman de Mönnink", "ink"));
        assert!(!matches_prefix("Herman", " "));
    }
}
