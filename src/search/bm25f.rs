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
//! The idf is the word's: its document frequency counts the documents that have it in any of
//! its fields. Terms that only stand in for the word (typo tolerance's near terms) add their
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
    pub length: Length,
}

/// What a term frequency is normalised by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Length {
    /// Each field's length against that field's average (Robertson's BM25F).
    PerField,
    /// The document's length over the word's fields, each weighted as its frequencies are,
    /// against the same sum of averages: as if the fields were one field with the title
    /// repeated `weight` times (Lucene's `CombinedFieldQuery`).
    Combined,
}

/// One term of a word in one field, with the weight of a match on it.
#[derive(Debug, Clone, PartialEq)]
pub struct Part {
    pub term: Term,
    pub weight: f32,
    /// The word as analysed (counts for the idf), or a term standing in for it (a near term).
    pub exact: bool,
    /// The documents the field can occur in: those with this term (a language's key), or,
    /// with `None`, every document. Used for the field's average length.
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
        // Combined length: each field once, with the largest weight a part gives it.
        let mut fields: Vec<(Field, Score, Score)> = Vec::new();
        for (part, average) in self.parts.iter().zip(&averages) {
            let field = part.term.field();
            match fields.iter_mut().find(|(f, _, _)| *f == field) {
                Some((_, weight, _)) => *weight = weight.max(part.weight),
                None => fields.push((field, part.weight, *average)),
            }
        }
        let combined_average = fields.iter().map(|(_, w, a)| w * a).sum::<Score>().max(1.0);
        let flat = Bm25Params {
            b: 0.0,
            ..self.params
        };
        Ok(Box::new(Bm25fWeight {
            parts: self
                .parts
                .iter()
                .zip(averages)
                .map(|(part, average)| WeightedPart {
                    term: part.term.clone(),
                    weight: part.weight,
                    norms: Arc::new(match self.params.length {
                        Length::PerField => norm_cache(self.params, average),
                        Length::Combined => norm_cache(flat, average),
                    }),
                })
                .collect(),
            combined: (self.params.length == Length::Combined).then(|| Combined {
                fields: fields.into_iter().map(|(f, w, _)| (f, w)).collect(),
                average: combined_average,
                b: self.params.b,
            }),
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
        for part in parts {
            let scope_docs = match &part.scope {
                Some(term) => searcher.doc_freq(term)?,
                None => total_docs,
            };
            let tokens = total_tokens(searcher, part.term.field())?;
            averages.push(match scope_docs {
                0 => 0.0,
                n => tokens as Score / n as Score,
            });
        }
        Ok(Statistics {
            idf: idf(union_doc_freq(searcher, parts)?, total_docs),
            averages,
        })
    }
}

/// How many documents hold any of the exact terms: the word's document frequency as if its
/// fields were one. Counted through the postings when more than one field has the term.
fn union_doc_freq(searcher: &Searcher, parts: &[Part]) -> tantivy::Result<u64> {
    let mut total = 0u64;
    for segment in searcher.segment_readers() {
        let mut lists = Vec::new();
        for part in parts.iter().filter(|p| p.exact) {
            let inverted = segment.inverted_index(part.term.field())?;
            if let Some(postings) = inverted.read_postings(&part.term, IndexRecordOption::Basic)? {
                lists.push(postings);
            }
        }
        match lists.as_slice() {
            [] => {}
            [one] => total += u64::from(one.doc_freq()),
            _ => loop {
                let doc = lists.iter().map(|p| p.doc()).min().unwrap_or(TERMINATED);
                if doc == TERMINATED {
                    break;
                }
                total += 1;
                for list in &mut lists {
                    if list.doc() == doc {
                        list.advance();
                    }
                }
            },
        }
    }
    Ok(total)
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
        // A field shorter than a word on average counts as a word long.
        *slot = 1.0 / (1.0 - params.b + params.b * length / average.max(1.0));
    }
    cache
}

struct WeightedPart {
    term: Term,
    weight: Score,
    norms: Arc<[Score; 256]>,
}

/// The combined length's fields and weights, its average, and `b`.
#[derive(Clone)]
struct Combined {
    fields: Vec<(Field, Score)>,
    average: Score,
    b: Score,
}

struct Bm25fWeight {
    parts: Vec<WeightedPart>,
    combined: Option<Combined>,
    k1: Score,
    idf: Score,
}

impl Bm25fWeight {
    fn bm25f_scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Bm25fScorer> {
        let mut parts = Vec::new();
        for part in &self.parts {
            let field = part.term.field();
            let inverted = reader.inverted_index(field)?;
            let Some(postings) =
                inverted.read_postings(&part.term, IndexRecordOption::WithFreqs)?
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
        let lengths = match &self.combined {
            Some(combined) => {
                let mut readers = Vec::new();
                for &(field, weight) in &combined.fields {
                    if let Some(reader) = reader.fieldnorms_readers().get_field(field)? {
                        readers.push((reader, weight));
                    }
                }
                Some((readers, combined.clone()))
            }
            None => None,
        };
        let mut scorer = Bm25fScorer {
            parts,
            lengths,
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
    /// With [`Length::Combined`]: the fields' length readers and weights.
    lengths: Option<(Vec<(FieldNormReader, Score)>, Combined)>,
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
        let norm = match &self.lengths {
            None => 1.0,
            Some((readers, combined)) => {
                let length: Score = readers
                    .iter()
                    .map(|(r, w)| w * r.fieldnorm(doc) as Score)
                    .sum();
                1.0 - combined.b + combined.b * length / combined.average
            }
        };
        self.scale * tf / (self.k1 * norm + tf)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_longer_field_than_average_counts_less() {
        let params = Bm25Params {
            k1: 1.2,
            b: 0.75,
            length: Length::PerField,
        };
        let cache = norm_cache(params, 10.0);
        let short = cache[FieldNormReader::fieldnorm_to_id(5) as usize];
        let long = cache[FieldNormReader::fieldnorm_to_id(40) as usize];
        assert!(short > 1.0 && long < 1.0, "{short} {long}");
        let flat = norm_cache(Bm25Params { b: 0.0, ..params }, 10.0);
        assert!(flat.iter().all(|n| (n - 1.0).abs() < 1e-6));
    }

    #[test]
    fn idf_matches_lucene() {
        assert!((idf(1, 10) - (1.0f32 + 9.5 / 1.5).ln()).abs() < 1e-6);
        assert!(idf(20, 10) > 0.0, "a frequency above the count is capped");
    }
}
