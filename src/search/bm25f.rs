//! BM25F: one BM25 score per query word over all the fields it is searched in, with per-field
//! weights and length normalisation (Robertson, Zaragoza & Taylor 2004), as a tantivy query.
//!
//! Scoring each field with its own BM25 and adding the sums (tantivy's `TermQuery` per field)
//! saturates each field separately: a word in a short title scores nearly a full idf on top of
//! the body's, and the sum favours title matches far more than any weight says. BM25F adds the
//! fields' term frequencies first, each weighted and normalised by its field's length against
//! that field's average, and saturates once:
//!
//! ```text
//! tf~   = sum over fields f of  w_f * tf_f / (1 - b + b * len_f / avglen_f)
//! score = idf * (k1 + 1) * tf~ / (k1 + tf~)
//! ```
//!
//! The idf is the word's: its document frequency is the largest of its exact terms' within
//! each scope (a language's fields; documents of different languages are disjoint), summed
//! over scopes. Terms that only stand in for the word (typo tolerance's near terms) add their
//! weighted frequency but not their document frequency. Knows tantivy only.

use std::sync::Arc;

use tantivy::fieldnorm::FieldNormReader;
use tantivy::postings::{Postings, SegmentPostings};
use tantivy::query::{EmptyScorer, EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocId, DocSet, Score, Searcher, SegmentReader, Term, TERMINATED};

/// The BM25 parameters: term frequency saturation and length normalisation.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bm25Params {
    pub k1: f32,
    pub b: f32,
}

/// One term of a word in one field, with the weight of a match on it.
#[derive(Debug, Clone, PartialEq)]
pub struct Part {
    pub term: Term,
    pub weight: f32,
    /// The word as analysed (counts for the idf), or a term standing in for it (a near term).
    pub exact: bool,
    /// The documents the field can occur in: those with this term (a language's key), or,
    /// with `None`, every document. Used for the field's average length and the idf's scope.
    pub scope: Option<Term>,
}

/// One query word over several fields, scored with BM25F.
#[derive(Debug, Clone)]
pub struct Bm25fQuery {
    parts: Vec<Part>,
    params: Bm25Params,
}

impl Bm25fQuery {
    pub fn new(parts: Vec<Part>, params: Bm25Params) -> Bm25fQuery {
        Bm25fQuery { parts, params }
    }
}

impl Query for Bm25fQuery {
    fn weight(&self, enable_scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        let stats = match enable_scoring.searcher() {
            Some(searcher) if enable_scoring.is_scoring_enabled() => {
                Some(Statistics::of(searcher, &self.parts)?)
            }
            _ => None,
        };
        let (idf, averages) = match stats {
            Some(stats) => (stats.idf, stats.averages),
            None => (0.0, vec![1.0; self.parts.len()]),
        };
        Ok(Box::new(Bm25fWeight {
            parts: self
                .parts
                .iter()
                .zip(averages)
                .map(|(part, average)| WeightedPart {
                    term: part.term.clone(),
                    weight: part.weight,
                    norms: Arc::new(norm_cache(self.params, average)),
                })
                .collect(),
            k1: self.params.k1,
            idf,
        }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        for part in &self.parts {
            visitor(&part.term, false);
        }
    }
}

/// The collection statistics a word's score needs.
struct Statistics {
    idf: Score,
    /// Per part: its field's average length within its scope.
    averages: Vec<Score>,
}

impl Statistics {
    fn of(searcher: &Searcher, parts: &[Part]) -> tantivy::Result<Statistics> {
        let total_docs: u64 = searcher
            .segment_readers()
            .iter()
            .map(|s| u64::from(s.max_doc()))
            .sum();
        let mut averages = Vec::with_capacity(parts.len());
        // Per scope: the largest document frequency of an exact term.
        let mut scopes: Vec<(Option<&Term>, u64)> = Vec::new();
        for part in parts {
            let scope_docs = match &part.scope {
                Some(term) => searcher.doc_freq(term)?,
                None => total_docs,
            };
            let tokens = total_tokens(searcher, part.term.field())?;
            averages.push(if scope_docs == 0 {
                1.0
            } else {
                (tokens as Score / scope_docs as Score).max(1.0)
            });
            if part.exact {
                let df = searcher.doc_freq(&part.term)?;
                match scopes.iter_mut().find(|(s, _)| *s == part.scope.as_ref()) {
                    Some((_, max)) => *max = (*max).max(df),
                    None => scopes.push((part.scope.as_ref(), df)),
                }
            }
        }
        let doc_freq = scopes.iter().map(|(_, df)| df).sum::<u64>().min(total_docs);
        Ok(Statistics {
            idf: idf(doc_freq, total_docs),
            averages,
        })
    }
}

fn total_tokens(searcher: &Searcher, field: Field) -> tantivy::Result<u64> {
    let mut total = 0;
    for segment in searcher.segment_readers() {
        total += segment.inverted_index(field)?.total_num_tokens();
    }
    Ok(total)
}

/// BM25's idf, as Lucene and tantivy compute it.
pub fn idf(doc_freq: u64, total_docs: u64) -> Score {
    let doc_freq = doc_freq.min(total_docs);
    let x = ((total_docs - doc_freq) as Score + 0.5) / (doc_freq as Score + 0.5);
    (1.0 + x).ln()
}

/// Per fieldnorm id: 1 / (1 - b + b * len / average), the factor of a term frequency.
fn norm_cache(params: Bm25Params, average: Score) -> [Score; 256] {
    let mut cache = [0.0; 256];
    for (id, slot) in cache.iter_mut().enumerate() {
        let length = FieldNormReader::id_to_fieldnorm(id as u8) as Score;
        *slot = 1.0 / (1.0 - params.b + params.b * length / average);
    }
    cache
}

struct WeightedPart {
    term: Term,
    weight: Score,
    norms: Arc<[Score; 256]>,
}

struct Bm25fWeight {
    parts: Vec<WeightedPart>,
    k1: Score,
    idf: Score,
}

impl Bm25fWeight {
    fn bm25f_scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Bm25fScorer> {
        let mut parts = Vec::new();
        for part in &self.parts {
            let field = part.term.field();
            let inverted = reader.inverted_index(field)?;
            let Some(postings) = inverted.read_postings(&part.term, IndexRecordOption::WithFreqs)?
            else {
                continue;
            };
            let fieldnorms = match reader.fieldnorms_readers().get_field(field)? {
                Some(reader) => reader,
                None => FieldNormReader::constant(reader.max_doc(), 1),
            };
            parts.push(ScoredPart {
                postings,
                fieldnorms,
                weight: part.weight,
                norms: part.norms.clone(),
            });
        }
        let mut scorer = Bm25fScorer {
            parts,
            doc: 0,
            k1: self.k1,
            scale: boost * self.idf * (self.k1 + 1.0),
        };
        scorer.doc = scorer.smallest();
        Ok(scorer)
    }
}

impl Weight for Bm25fWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let scorer = self.bm25f_scorer(reader, boost)?;
        if scorer.parts.is_empty() {
            return Ok(Box::new(EmptyScorer));
        }
        Ok(Box::new(scorer))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let mut scorer = self.bm25f_scorer(reader, 1.0)?;
        if scorer.doc() > doc || scorer.seek(doc) != doc {
            return Err(tantivy::TantivyError::InvalidArgument(format!(
                "document {doc} does not match"
            )));
        }
        let mut explanation = Explanation::new("BM25F", scorer.score());
        explanation.add_const("idf", self.idf);
        explanation.add_const("k1", self.k1);
        Ok(explanation)
    }
}

struct ScoredPart {
    postings: SegmentPostings,
    fieldnorms: FieldNormReader,
    weight: Score,
    norms: Arc<[Score; 256]>,
}

/// The union of a word's postings over its fields, scored with BM25F.
struct Bm25fScorer {
    parts: Vec<ScoredPart>,
    doc: DocId,
    k1: Score,
    /// boost * idf * (k1 + 1).
    scale: Score,
}

impl Bm25fScorer {
    fn smallest(&self) -> DocId {
        self.parts
            .iter()
            .map(|p| p.postings.doc())
            .min()
            .unwrap_or(TERMINATED)
    }
}

impl DocSet for Bm25fScorer {
    fn advance(&mut self) -> DocId {
        if self.doc == TERMINATED {
            return TERMINATED;
        }
        for part in &mut self.parts {
            if part.postings.doc() == self.doc {
                part.postings.advance();
            }
        }
        self.doc = self.smallest();
        self.doc
    }

    fn seek(&mut self, target: DocId) -> DocId {
        if self.doc >= target {
            return self.doc;
        }
        for part in &mut self.parts {
            if part.postings.doc() < target {
                part.postings.seek(target);
            }
        }
        self.doc = self.smallest();
        self.doc
    }

    fn doc(&self) -> DocId {
        self.doc
    }

    fn size_hint(&self) -> u32 {
        self.parts
            .iter()
            .map(|p| p.postings.size_hint())
            .max()
            .unwrap_or(0)
    }
}

impl Scorer for Bm25fScorer {
    fn score(&mut self) -> Score {
        let doc = self.doc;
        let mut tf = 0.0;
        for part in &self.parts {
            if part.postings.doc() == doc {
                let norm = part.norms[part.fieldnorms.fieldnorm_id(doc) as usize];
                tf += part.weight * part.postings.term_freq() as Score * norm;
            }
        }
        self.scale * tf / (self.k1 + tf)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_longer_field_than_average_counts_less() {
        let params = Bm25Params { k1: 1.2, b: 0.75 };
        let cache = norm_cache(params, 10.0);
        let short = cache[FieldNormReader::fieldnorm_to_id(5) as usize];
        let long = cache[FieldNormReader::fieldnorm_to_id(40) as usize];
        assert!(short > 1.0 && long < 1.0, "{short} {long}");
        let flat = norm_cache(Bm25Params { k1: 1.2, b: 0.0 }, 10.0);
        assert!(flat.iter().all(|n| (n - 1.0).abs() < 1e-6));
    }

    #[test]
    fn idf_matches_lucene() {
        assert!((idf(1, 10) - (1.0f32 + 9.5 / 1.5).ln()).abs() < 1e-6);
        assert!(idf(20, 10) > 0.0, "a frequency above the count is capped");
    }
}
