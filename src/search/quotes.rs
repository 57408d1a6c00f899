//! Quotations as search results: a person's quotations and quotations with given words, a page
//! of items at a time (newest first, or by relevance when there are words), each item with its
//! quotations that fit. Reads the attributions stored with each item; never a file.
//! Knows nothing of HTTP or HTML.

use super::{search, SearchRequest, SearchResults, Sort};
use crate::archive::quotes::ItemQuote;
use crate::archive::slug::slugify;
use crate::archive::themes::fold;
use crate::archive::Item;
use crate::index::{Dimension, Generation};

/// What to list.
#[derive(Debug, Clone, Default)]
pub struct QuoteRequest {
    /// A person's name or slug: only their quotations.
    pub person: Option<String>,
    /// Words that the quotations must have (searched within quotations, as `citaat:`).
    pub words: String,
    /// From 1.
    pub page: usize,
    /// Items per page.
    pub items: usize,
}

/// One page of quotations.
#[derive(Debug, Clone, Default)]
pub struct QuotePage {
    /// The person's name as the index has it, when one was asked for and found.
    pub person: Option<String>,
    /// Items with fitting quotations, over all pages.
    pub total_items: usize,
    /// This page's items, each with its fitting quotations.
    pub items: Vec<(Item, Vec<ItemQuote>)>,
}

/// The quotations that `request` asks for.
pub fn quotes(generation: &Generation, request: &QuoteRequest) -> tantivy::Result<QuotePage> {
    let words: Vec<String> = request
        .words
        .split_whitespace()
        .map(|w| w.replace(['"', ':'], ""))
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .take(super::query::MAX_CLAUSES)
        .collect();
    let mut search_request = SearchRequest {
        query: words
            .iter()
            .map(|w| format!("citaat:{w}"))
            .collect::<Vec<_>>()
            .join(" "),
        sort: if words.is_empty() {
            Sort::Newest
        } else {
            Sort::Relevance
        },
        offset: (request.page.max(1) - 1) * request.items,
        limit: request.items.clamp(1, super::MAX_LIMIT),
        exact_values: true,
        counts_as_filtered: true,
        facet_limit: Some(super::MAX_LIMIT),
        ..SearchRequest::default()
    };
    if let Some(person) = &request.person {
        search_request.filters.quoted = vec![person.clone()];
    }
    let results = search(generation, &search_request)?;
    let person = request
        .person
        .as_deref()
        .and_then(|p| name_of(&results, Dimension::Quoted, p));
    let folded: Vec<String> = words.iter().map(|w| fold(w)).collect();
    let items = results
        .hits
        .into_iter()
        .map(|hit| {
            let theirs: Vec<&ItemQuote> = hit
                .item
                .attributions
                .quotes
                .iter()
                .filter(|q| match &person {
                    Some(name) => q.speaker.as_deref() == Some(name.as_str()),
                    None => true,
                })
                .collect();
            // The index found the words in a quotation of this item; when no word starts
            // alike (a stem), every quotation is shown rather than none.
            let with_words: Vec<ItemQuote> = theirs
                .iter()
                .filter(|q| folded.is_empty() || has_any(&q.text, &folded))
                .map(|q| (*q).clone())
                .collect();
            let fitting = if with_words.is_empty() {
                theirs.into_iter().cloned().collect()
            } else {
                with_words
            };
            (hit.item, fitting)
        })
        .collect();
    Ok(QuotePage {
        person,
        total_items: results.total,
        items,
    })
}

/// The value of a facet dimension whose slug is `slug` (or that is `slug` as written).
pub fn name_of(results: &SearchResults, dimension: Dimension, slug: &str) -> Option<String> {
    let slug = slugify(slug);
    results
        .facets
        .get(&dimension)?
        .iter()
        .find(|v| slugify(&v.value) == slug)
        .map(|v| v.value.clone())
}

/// Whether `text` has a word that starts with one of `words` (folded): the index matched the
/// item on stems, so `blijft` finds a quotation with `blijven`'s stem too when it starts alike.
fn has_any(text: &str, words: &[String]) -> bool {
    let text = fold(text);
    text.split(' ').any(|token| {
        words.iter().any(|w| {
            let stem: String = w.chars().take(w.chars().count().clamp(3, 5)).collect();
            token.starts_with(&stem)
        })
    })
}
