//! A cheap test before the analyzer runs over a text: can the query's terms for a field occur
//! in it at all? Stemming and decompounding a whole body is most of a result page's cost, and
//! most paragraphs of a long hit hold none of the query's words.
//!
//! A probe is the first four letters of a query term (an analysed stem). A text may match when
//! a probe occurs anywhere in its lowercase ASCII-folded form, or in that form with doubled
//! vowels undoubled (Dutch stems are: `sociaal` -> `social`). Anywhere, not only at a word
//! start, so compound parts count (`beleid` in `wijkenbeleid`). English stems may end in `i`
//! where the word has `y` (`city` -> `citi`), so such a probe is also tried with `y`. Depends
//! on `archive` and `analysis` only; knows nothing of snippets.

use tantivy::query::Query;
use tantivy::schema::Field;

use crate::analysis::filters::undouble_vowels;
use crate::archive::slug::fold;

/// How many leading letters of a term make its probe.
const PROBE_CHARS: usize = 4;

/// The probes of one query for one field.
#[derive(Debug, Clone, Default)]
pub struct Probes(Vec<String>);

impl Probes {
    /// The probes of the query's terms in `field` (none when the query has no term there).
    pub fn new(query: &dyn Query, field: Field) -> Probes {
        let mut probes: Vec<String> = Vec::new();
        query.query_terms(&mut |term, _| {
            if term.field() != field {
                return;
            }
            // A term that is not text gets the empty probe, which every text holds.
            let value = term.value();
            let text = value.as_str().unwrap_or("");
            let probe: String = text.chars().take(PROBE_CHARS).collect();
            if let Some(stem) = probe.strip_suffix('i') {
                probes.push(format!("{stem}y"));
            }
            probes.push(probe);
        });
        probes.sort();
        probes.dedup();
        Probes(probes)
    }

    /// True when the query has no terms in the field.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Whether `text` may hold a match; always true when there are no probes.
    pub fn may_match(&self, text: &str) -> bool {
        if self.0.is_empty() {
            return true;
        }
        let folded = fold(text);
        if self.0.iter().any(|p| folded.contains(p.as_str())) {
            return true;
        }
        let undoubled = undouble_vowels(&folded);
        self.0.iter().any(|p| undoubled.contains(p.as_str()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn probes(words: &[&str]) -> Probes {
        let mut probes: Vec<String> = words.iter().map(|w| w.to_string()).collect();
        probes.sort();
        Probes(probes)
    }

    #[test]
    fn finds_folded_undoubled_and_compound_text() {
        assert!(probes(&["soci"]).may_match("Het Sociaal Plan"));
        assert!(probes(&["matr"]).may_match("De maatregelen"));
        assert!(probes(&["bele"]).may_match("Het wijkenbeleid"));
        assert!(probes(&["cont"]).may_match("continuïteit"));
        assert!(!probes(&["refu"]).may_match("The peace of the world"));
        assert!(probes(&[]).may_match("anything"));
    }
}
