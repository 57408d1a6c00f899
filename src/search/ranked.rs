//! Ranking without the page around it: the ids and scores of the best matches for a text, as
//! relevance evaluation needs them (up to 1000 deep, no snippets, no facets).
//!
//! Uses the same query building and ranking as [`super::search`] with any word allowed to
//! match (`SearchRequest::any_word`): the best `depth` (at least 200) by the query, then the
//! proximity boost added to them (`TextQuery::rescore`). The text is read as words only: no prefixes, phrases or
//! exclusions, no theme expansion, and no limit on the number of words (test queries can be
//! long).

use tantivy::collector::TopDocs;
use tantivy::DocAddress;

use super::build::{assemble, text_query, QueryAnalyzers};
use super::query::Clause;
use crate::index::Generation;

/// The ids of the `depth` best-scoring items for `text`, best first, with their scores.
pub fn ranked_ids(
    generation: &Generation,
    text: &str,
    depth: usize,
) -> tantivy::Result<Vec<(String, f32)>> {
    let searcher = generation.reader.searcher();
    let clauses: Vec<Clause> = text
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .map(|w| Clause {
            text: w.to_string(),
            phrase: false,
            negated: false,
        })
        .collect();
    let mut analyzers = QueryAnalyzers::default();
    let text = text_query(&generation.fields, &mut analyzers, &clauses, &[], &searcher);
    if text.positive.is_empty() {
        return Ok(Vec::new());
    }
    let query = assemble(&text, Vec::new(), false);
    let candidates = depth.max(super::RESCORE_DEPTH);
    let top = searcher.search(&*query, &TopDocs::with_limit(candidates).order_by_score())?;
    let mut top: Vec<super::Candidate> = top
        .into_iter()
        .map(|(score, addr)| ((score, 0), addr))
        .collect();
    super::rescore_candidates(&searcher, &text.rescore, &mut top)?;
    let mut out = Vec::with_capacity(depth);
    for ((score, _), address) in top.into_iter().take(depth) {
        out.push((id_of(&searcher, address)?, score));
    }
    Ok(out)
}

fn id_of(searcher: &tantivy::Searcher, address: DocAddress) -> tantivy::Result<String> {
    let segment = searcher.segment_reader(address.segment_ord);
    let ids = segment.fast_fields().str("id")?.ok_or_else(|| {
        tantivy::TantivyError::SchemaError("the index has no fast `id` field".into())
    })?;
    let mut id = String::new();
    if let Some(ord) = ids.term_ords(address.doc_id).next() {
        ids.ord_to_str(ord, &mut id)?;
    }
    Ok(id)
}
