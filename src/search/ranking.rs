//! The ranking's settings in one value: BM25F's parameters and field weights, the proximity
//! boost, typo tolerance and pseudo-relevance feedback.
//!
//! [`Ranking::default`] is the one ranking every archive gets (and `/search`, `lectern search`
//! and `lectern eval` use); the other values exist so `lectern eval` can measure alternatives
//! (docs/relevance.md: every default was chosen leaving one collection out).

use super::bm25f::{Bm25Params, Length};

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
    /// Words of 5+ letters found in fewer than this many places (field by field) also match
    /// index terms one edit away (`search::fuzzy`); 0: never.
    pub typo_below: u64,
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
        // Anserini's fbDocs; 20 terms and 0.8 for the query measured best on the four
        // collections (docs/relevance.md; Anserini uses 10 and 0.5).
        Feedback {
            docs: 10,
            terms: 20,
            original_weight: 0.8,
        }
    }
}

impl Default for Ranking {
    fn default() -> Self {
        Ranking {
            bm25: Bm25Params {
                k1: 2.0,
                b: 0.5,
                length: Length::PerField,
            },
            title: 1.5,
            summary: 1.5,
            themes: 1.5,
            context: 1.0,
            speakers: 1.5,
            proximity: 0.2,
            proximity_slop: 3,
            typo_below: 2,
            feedback: None,
        }
    }
}
