//! Ranking without the page around it: the best matches for a text and their scores, as
//! relevance evaluation needs them (up to 1000 deep, no snippets, no facets).
//!
//! Uses the same query building and ranking as [`super::search`] with any word allowed to
//! match (`SearchRequest::any_word`): the best `depth` (at least 200) by the query, then the
//! proximity boost added to them (`TextQuery::rescore`). The text is read as words only: no prefixes, phrases or
//! exclusions, no theme expansion, and no limit on the number of words (test queries can be
//! long).

use tantivy::DocAddress;

use super::build::{assemble, text_query, QueryAnalyzers, TextQuery};
use super::feedback;
use super::query::Clause;
use super::ranking::Ranking;
use crate::index::Generation;

/// The `depth` best-scoring items for `text`, best first, with their scores, ranked by
/// `ranking` (with pseudo-relevance feedback when it asks for it).
pub fn ranked(
    generation: &Generation,
    text: &str,
    depth: usize,
    ranking: &Ranking,
) -> tantivy::Result<Vec<(DocAddress, f32)>> {
    let searcher = generation.reader.searcher();
    let clauses: Vec<Clause> = text
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .map(|w| Clause {
            text: w.to_string(),
            phrase: false,
            negated: false,
            quote: false,
        })
        .collect();
    let mut analyzers = QueryAnalyzers::default();
    let mut text = text_query(
        &generation.fields,
        &mut analyzers,
        &clauses,
        &[],
        &searcher,
        ranking,
    );
    if text.positive.is_empty() {
        return Ok(Vec::new());
    }
    let mut top = best(&searcher, &text, depth)?;
    if let Some(feedback) = &ranking.feedback {
        let first: Vec<(f32, DocAddress)> = top.iter().map(|((s, _), a)| (*s, *a)).collect();
        let model =
            feedback::relevance_model(generation, &searcher, &mut analyzers, &first, feedback)?;
        text.expansion =
            feedback::expansion_queries(generation, &model, text.positive.len(), ranking, feedback);
        top = best(&searcher, &text, depth)?;
    }
    Ok(top
        .into_iter()
        .take(depth)
        .map(|((score, _), address)| (address, score))
        .collect())
}

/// Every document's id, read once (looking ids up one by one decompresses a dictionary block
/// each time: most of an evaluation's time).
pub struct Ids {
    /// Per segment, per document.
    segments: Vec<Vec<String>>,
}

impl Ids {
    pub fn read(generation: &Generation) -> tantivy::Result<Ids> {
        let searcher = generation.reader.searcher();
        let mut segments = Vec::new();
        for segment in searcher.segment_readers() {
            let column = segment.fast_fields().str("id")?.ok_or_else(|| {
                tantivy::TantivyError::SchemaError("the index has no fast `id` field".into())
            })?;
            let mut by_ord = Vec::new();
            let mut stream = column.dictionary().stream()?;
            while stream.advance() {
                by_ord.push(String::from_utf8_lossy(stream.key()).into_owned());
            }
            let ids = (0..segment.max_doc())
                .map(|doc| {
                    column
                        .term_ords(doc)
                        .next()
                        .and_then(|ord| by_ord.get(ord as usize).cloned())
                        .unwrap_or_default()
                })
                .collect();
            segments.push(ids);
        }
        Ok(Ids { segments })
    }

    pub fn of(&self, address: DocAddress) -> &str {
        self.segments
            .get(address.segment_ord as usize)
            .and_then(|ids| ids.get(address.doc_id as usize))
            .map_or("", String::as_str)
    }
}

/// The best `depth` candidates, any word allowed, rescored.
fn best(
    searcher: &tantivy::Searcher,
    text: &TextQuery,
    depth: usize,
) -> tantivy::Result<Vec<super::Candidate>> {
    let query = assemble(text, Vec::new(), false);
    super::best_candidates(searcher, &*query, &text.rescore, depth)
}
