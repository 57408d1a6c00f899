//! A cheap test before the analyzer runs over a text: can the query's terms for a field occur
//! in it at all? Stemming and decompounding a whole body is most of a result page's cost, and
//! most paragraphs of a long hit hold none of the query's words.
//!
//! A probe is the first four letters of a query term (an analysed stem). A text may match when
//! a probe occurs anywhere in its lowercase ASCII-folded form (folded by the analyzers' own
//! `LowerCaser` and `AsciiFoldingFilter`, so `Łódź` holds `lodz` as it does for them), or in that form with doubled
//! vowels undoubled (Dutch stems are: `sociaal` -> `social`). Anywhere, not only at a word
//! start, so compound parts count (`beleid` in `wijkenbeleid`). English stems may end in `i`
//! where the word has `y` (`city` -> `citi`), so such a probe is also tried with `y`. Depends
//! on `analysis` and tantivy's tokenizers only; knows nothing of snippets.

use tantivy::query::Query;
use tantivy::schema::Field;
use tantivy::tokenizer::{AsciiFoldingFilter, LowerCaser, RawTokenizer, TextAnalyzer, TokenStream};

use crate::analysis::filters::undouble_vowels;

/// How many leading letters of a term make its probe.
const PROBE_CHARS: usize = 4;

/// The probes of one query for one field.
#[derive(Clone)]
pub struct Probes {
    probes: Vec<String>,
    /// The whole text as one token, lowercased and folded as the text analyzers do.
    fold: TextAnalyzer,
}

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
        Probes::from_probes(probes)
    }

    fn from_probes(mut probes: Vec<String>) -> Probes {
        probes.sort();
        probes.dedup();
        let fold = TextAnalyzer::builder(RawTokenizer::default())
            .filter(LowerCaser)
            .filter(AsciiFoldingFilter)
            .build();
        Probes { probes, fold }
    }

    /// True when the query has no terms in the field.
    pub fn is_empty(&self) -> bool {
        self.probes.is_empty()
    }

    /// Whether `text` may hold a match; always true when there are no probes.
    pub fn may_match(&mut self, text: &str) -> bool {
        if self.probes.is_empty() {
            return true;
        }
        let mut stream = self.fold.token_stream(text);
        let folded = match stream.next() {
            Some(token) => token.text.clone(),
            None => return false,
        };
        if self.probes.iter().any(|p| folded.contains(p.as_str())) {
            return true;
        }
        let undoubled = undouble_vowels(&folded);
        self.probes.iter().any(|p| undoubled.contains(p.as_str()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn probes(words: &[&str]) -> Probes {
        Probes::from_probes(words.iter().map(|w| w.to_string()).collect())
    }

    #[test]
    fn finds_folded_undoubled_and_compound_text() {
        assert!(probes(&["soci"]).may_match("Het Sociaal Plan"));
        assert!(probes(&["matr"]).may_match("De maatregelen"));
        assert!(probes(&["bele"]).may_match("Het wijkenbeleid"));
        assert!(probes(&["cont"]).may_match("continuïteit"));
        assert!(probes(&["lodz"]).may_match("in Łódź"));
        assert!(!probes(&["lodz"]).may_match(""));
        assert!(!probes(&["refu"]).may_match("The peace of the world"));
        assert!(probes(&[]).may_match("anything"));
    }
}
