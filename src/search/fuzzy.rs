//! Typo tolerance: the index terms one edit away from a query term (a wrong, missing, extra or
//! swapped letter), so `continuitiet` finds continuïteit and `Mönink` finds Mönnink.
//!
//! Only words of [`MIN_CHARS`] letters or more, without digits, that
//! occur in fewer than [`RARE_BELOW`] places are widened, and only to terms that start with the
//! same two letters ([`SAME_START`]). A word the archive uses often is taken as meant
//! (widening every word cost 0.004 MAP on CACM, see docs/relevance.md). A term that only adds or drops
//! letters at the end is not a typo but another word (`gemeen` is not `gemeente`), so it is
//! left out. The near terms become ordinary term queries (with a lower weight than the exact
//! term), which keeps BM25 scoring and lets snippets mark what matched.

use tantivy::query::FuzzyTermQuery;
use tantivy::schema::Field;
use tantivy::{Searcher, Term};

/// The shortest word (in letters, as typed) that is searched with one typo allowed.
pub const MIN_CHARS: usize = 5;
/// What a match on a near term is worth against a match on the exact term.
pub const WEIGHT: f32 = 0.3;
/// At most this many near terms per field, the most frequent first.
pub const MAX_TERMS: usize = 8;

/// A word found in fewer places than this (field by field) may be a typo.
pub const RARE_BELOW: u64 = 3;

/// How many leading letters a near term shares with the word. One edit of an analysed term
/// can be a far one for the words as written: `armoede` (stem `armoed`) is one letter from
/// `anmoed`, the stem of `aanmoediging`. Typos in the first two letters are rare, and "did you
/// mean" (`search::spelling`) still offers those spellings when nothing is found.
pub const SAME_START: usize = 2;

/// Whether the terms of a word occur in fewer than `below` places over the given fields.
pub fn is_rare<'a>(
    searcher: &Searcher,
    targets: impl Iterator<Item = (Field, Option<&'a str>)>,
    below: u64,
) -> bool {
    let mut places = 0;
    for (field, word) in targets {
        if let Some(word) = word {
            places += searcher
                .doc_freq(&Term::from_field_text(field, word))
                .unwrap_or(0);
        }
        if places >= below {
            return false;
        }
    }
    true
}

/// Whether a word as typed may hold a typo: 5 letters or more, and no digits (`item42` or a
/// year is meant exactly; `item43` is another thing, not a typo).
pub fn allows_typo(word: &str) -> bool {
    !word.chars().any(|c| c.is_numeric())
        && word.chars().filter(|c| c.is_alphabetic()).count() >= MIN_CHARS
}

/// Terms of `field` within one edit of `term` (not `term` itself, nor a term that only
/// extends or shortens it at the end, nor one that starts otherwise, [`SAME_START`]), the most
/// frequent first. (Leaving out stems under [`MIN_CHARS`] letters as well was measured: it
/// cost Cranfield 0.0005 MAP, so they keep their near terms.)
pub fn near_terms(searcher: &Searcher, field: Field, term: &str) -> Vec<String> {
    let Ok(automaton) =
        FuzzyTermQuery::new(Term::from_field_text(field, term), 1, true).automaton()
    else {
        return Vec::new();
    };
    let mut found: Vec<(String, u32)> = Vec::new();
    for segment in searcher.segment_readers() {
        let Ok(inverted) = segment.inverted_index(field) else {
            continue;
        };
        let Ok(mut stream) = inverted.terms().search(&automaton).into_stream() else {
            continue;
        };
        while stream.advance() {
            let Ok(candidate) = std::str::from_utf8(stream.key()) else {
                continue;
            };
            if candidate == term
                || candidate.starts_with(term)
                || term.starts_with(candidate)
                || !candidate
                    .chars()
                    .take(SAME_START)
                    .eq(term.chars().take(SAME_START))
            {
                continue;
            }
            let doc_freq = stream.value().doc_freq;
            match found.iter_mut().find(|(t, _)| t == candidate) {
                Some((_, freq)) => *freq += doc_freq,
                None => found.push((candidate.to_string(), doc_freq)),
            }
        }
    }
    found.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    found.truncate(MAX_TERMS);
    found.into_iter().map(|(t, _)| t).collect()
}
