//! The ranking's settings in one value: BM25F's parameters and field weights, the proximity
//! boost, typo tolerance and pseudo-relevance feedback.
//!
//! [`Ranking::default`] is the one ranking every archive gets (and `/search`, `lectern search`
//! and `lectern eval` use); the other values exist so `lectern eval` can measure alternatives
//! (docs/relevance.md: every default was chosen leaving one collection out).

use super::bm25f::Bm25Params;

/// How results are scored.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Ranking {
    pub bm25: Bm25Params,
    /// BM25F field weights, against the body's 1.
    pub title: f32,
    pub summary: f32,
    pub themes: f32,
    /// Series, event and organisation.
    pub context: f32,
    pub speakers: f32,
    /// Extra weight of a sloppy phrase per pair of neighbouring query words (0: off).
    pub proximity: f32,
    pub proximity_slop: u32,
    /// Rare words of 5+ letters also match index terms one edit away (`search::fuzzy`).
    pub typo: bool,
    /// Pseudo-relevance feedback (RM3), off with `None`.
    pub feedback: Option<Feedback>,
}

/// RM3 (Lavrenko & Croft's relevance model, interpolated with the query, as in Anserini):
/// the best `docs` results' terms, weighted by how often they occur there and how well those
/// results scored; the `terms` heaviest are added, and the query keeps `original_weight`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Feedback {
    pub docs: usize,
    pub terms: usize,
    pub original_weight: f32,
}

impl Default for Feedback {
    fn default() -> Self {
        // Anserini's defaults (fbDocs 10, fbTerms 10, originalQueryWeight 0.5).
        Feedback {
            docs: 10,
            terms: 10,
            original_weight: 0.5,
        }
    }
}

impl Default for Ranking {
    fn default() -> Self {
        Ranking {
            bm25: Bm25Params { k1: 1.2, b: 0.75 },
            title: 2.0,
            summary: 1.5,
            themes: 1.5,
            context: 1.0,
            speakers: 2.0,
            proximity: 0.3,
            proximity_slop: 3,
            typo: true,
            feedback: None,
        }
    }
}
