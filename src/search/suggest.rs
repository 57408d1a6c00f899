//! Suggestions as you type: speakers, themes and series whose name (or a word of it) starts
//! with what was typed, accents and case ignored (`monn` finds "Herman de Mönnink").
//!
//! Items whose title holds what was typed come after them ([`titles`]).
//!
//! Reads the facet counts of the whole index and the title fields' terms; knows nothing of
//! HTTP or JSON shapes.

use serde::Serialize;
use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, Occur, Query, RegexQuery, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::Term;

use super::build::QueryAnalyzers;
use super::{all_facets, read_item};
use crate::archive::slug::fold;
use crate::archive::Language;
use crate::index::{Dimension, Generation};

/// The dimensions suggestions come from, in the order they are listed.
pub const SUGGEST_DIMENSIONS: [Dimension; 3] =
    [Dimension::Speaker, Dimension::Theme, Dimension::Series];

/// One suggested value and how many items have it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Suggestion {
    pub dimension: Dimension,
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
        for value in facets.get(&dimension).into_iter().flatten() {
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

/// An item suggested by its title.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TitleSuggestion {
    pub id: String,
    pub title: String,
    pub year: u16,
}

/// How many typed words a title suggestion looks at.
const MAX_TITLE_WORDS: usize = 8;

/// Up to `limit` items whose title has every typed word, the last one also as the start of a
/// word (`kamph` finds "Marie Kamphuis Lezing 2022"), best matches first. A whole word is
/// matched as the title's analyzer stems it (`lezingen` finds "Lezing"); the word being typed
/// is also matched as the start of a term in the title fields (accents folded), from two
/// letters on.
pub fn titles(
    generation: &Generation,
    typed: &str,
    limit: usize,
) -> tantivy::Result<Vec<TitleSuggestion>> {
    let words: Vec<&str> = typed.split_whitespace().take(MAX_TITLE_WORDS).collect();
    let Some(last) = words.len().checked_sub(1) else {
        return Ok(Vec::new());
    };
    if limit == 0 {
        return Ok(Vec::new());
    }
    let mut analyzers = QueryAnalyzers::default();
    let mut all: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    for (i, word) in words.iter().enumerate() {
        let per_language = [Language::Nl, Language::En].map(|l| (l, analyzers.terms(l, word)));
        // A stop word in either language ("onder", "the") asks nothing of a title in the
        // other: left out, unless it is being typed (then the start of a word may match).
        let stop_word = per_language.iter().any(|(_, terms)| terms.is_empty());
        if stop_word && i != last {
            continue;
        }
        // The word being typed, folded, as the start of a term (from two letters on).
        let start: String = fold(word)
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .collect();
        let typing = i == last && start.len() >= 2;
        let mut any: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for (language, terms) in per_language {
            let field = generation.fields.language(language).title;
            for term in terms {
                let term = Term::from_field_text(field, &term);
                any.push((
                    Occur::Should,
                    Box::new(TermQuery::new(term, IndexRecordOption::WithFreqs)),
                ));
            }
            if typing {
                let pattern = format!("{start}.*");
                any.push((
                    Occur::Should,
                    Box::new(RegexQuery::from_pattern(&pattern, field)?),
                ));
            }
        }
        if !any.is_empty() {
            all.push((Occur::Must, Box::new(BooleanQuery::new(any))));
        }
    }
    if all.is_empty() {
        return Ok(Vec::new());
    }
    let searcher = generation.reader.searcher();
    let top = searcher.search(
        &BooleanQuery::new(all),
        &TopDocs::with_limit(limit).order_by_score(),
    )?;
    top.into_iter()
        .map(|(_, address)| {
            let item = read_item(&searcher, generation, address)?;
            Ok(TitleSuggestion {
                year: item.year(),
                id: item.id,
                title: item.title,
            })
        })
        .collect()
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
