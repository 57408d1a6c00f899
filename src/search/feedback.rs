//! Pseudo-relevance feedback (RM3), off by default (the `feedback` setting): the best results of a first pass are taken as relevant, and
//! the words they share are added to the query.
//!
//! As in Anserini's RM3: each feedback document's terms (its title and text as the query
//! analyzer gives them: stemmed, without stop words, not decompounded), as fractions of its
//! length, are weighted by the document's score and summed; terms of under 2 or over 20
//! letters, with digits only, or in more than a tenth of the archive's documents are left out;
//! the heaviest [`Feedback::terms`] form the relevance model, scaled to sum to 1, and are
//! interpolated with the query (which keeps [`Feedback::original_weight`]). Every added term is
//! a BM25F word over its language's text fields. Reads stored items; knows nothing of HTTP.

use rustc_hash::FxHashMap;
use tantivy::query::Query;
use tantivy::{DocAddress, Searcher, Term};

use super::bm25f::{Bm25fQuery, Part};
use super::build::QueryAnalyzers;
use super::ranking::{Feedback, Ranking};
use crate::archive::paragraphs::{indexed_text, paragraphs};
use crate::archive::Language;
use crate::index::Generation;

/// A term the feedback documents share, in the language whose analyzer gave it.
#[derive(Debug, Clone, PartialEq)]
pub struct ExpansionTerm {
    pub language: Language,
    pub term: String,
    /// Its weight in the relevance model (the model's weights sum to 1).
    pub weight: f32,
}

/// The relevance model of the best `feedback.docs` of `top` (best first, with scores).
pub fn relevance_model(
    generation: &Generation,
    searcher: &Searcher,
    analyzers: &mut QueryAnalyzers,
    top: &[(f32, DocAddress)],
    feedback: &Feedback,
) -> tantivy::Result<Vec<ExpansionTerm>> {
    let total_docs = searcher.num_docs().max(1) as f32;
    let mut model: FxHashMap<(Language, String), f32> = FxHashMap::default();
    let mut common: FxHashMap<(Language, String), bool> = FxHashMap::default();
    for &(score, address) in top.iter().take(feedback.docs) {
        let item = super::read_item(searcher, generation, address)?;
        let text = format!("{}\n{}", item.title, indexed_text(&paragraphs(&item.body)));
        let terms = analyzers.terms(item.language, &text);
        let mut counts: FxHashMap<&str, f32> = FxHashMap::default();
        for term in &terms {
            *counts.entry(term.as_str()).or_default() += 1.0;
        }
        let body = generation.fields.language(item.language).body;
        let mut kept: Vec<(&str, f32)> = Vec::new();
        for (term, count) in counts {
            let letters = term.chars().count();
            if !(2..=20).contains(&letters) || term.chars().all(|c| c.is_ascii_digit()) {
                continue;
            }
            let key = (item.language, term.to_string());
            let too_common = *common.entry(key).or_insert_with(|| {
                let df = searcher
                    .doc_freq(&Term::from_field_text(body, term))
                    .unwrap_or(0);
                df as f32 / total_docs > 0.1
            });
            if !too_common {
                kept.push((term, count));
            }
        }
        let length: f32 = kept.iter().map(|(_, c)| c).sum();
        if length == 0.0 {
            continue;
        }
        for (term, count) in kept {
            *model.entry((item.language, term.to_string())).or_default() += count / length * score;
        }
    }
    let mut terms: Vec<ExpansionTerm> = model
        .into_iter()
        .map(|((language, term), weight)| ExpansionTerm {
            language,
            term,
            weight,
        })
        .collect();
    terms.sort_by(|a, b| b.weight.total_cmp(&a.weight).then(a.term.cmp(&b.term)));
    terms.truncate(feedback.terms);
    let sum: f32 = terms.iter().map(|t| t.weight).sum();
    if sum > 0.0 {
        for term in &mut terms {
            term.weight /= sum;
        }
    }
    Ok(terms)
}

/// The queries to add for a relevance model, against `query_words` original words each scored
/// at weight 1: RM3's interpolation `w * q(t) + (1 - w) * rm(t)` (with `q(t)` = 1 / words)
/// scaled by `words / w`, so the query's own clauses keep their scores.
pub fn expansion_queries(
    generation: &Generation,
    model: &[ExpansionTerm],
    query_words: usize,
    ranking: &Ranking,
    feedback: &Feedback,
) -> Vec<Box<dyn Query>> {
    let original = feedback.original_weight.clamp(0.01, 1.0);
    let scale = (1.0 - original) / original * query_words.max(1) as f32;
    let fields = &generation.fields;
    model
        .iter()
        .filter(|t| t.weight * scale > 0.0)
        .map(|t| {
            let lf = fields.language(t.language);
            let scope = Term::from_field_text(fields.language_key, t.language.code());
            let parts = [
                (lf.title, ranking.title),
                (lf.summary, ranking.summary),
                (lf.themes, ranking.themes),
                (lf.context, ranking.context),
                (lf.body, 1.0),
            ]
            .into_iter()
            .map(|(field, weight)| Part {
                term: Term::from_field_text(field, &t.term),
                weight,
                exact: true,
                scope: Some(scope.clone()),
            })
            .collect();
            let query: Box<dyn Query> = Box::new(Bm25fQuery::new(parts, ranking.bm25));
            Box::new(tantivy::query::BoostQuery::new(query, t.weight * scale)) as Box<dyn Query>
        })
        .collect()
}
