//! What an item page links to besides its own metadata: items like it (MoreLikeThis, never the
//! item itself) and the previous and next items in its series.
//!
//! MoreLikeThis reads stored fields only, and our text fields are not stored, so the item's
//! own texts are given to it. Knows nothing of HTTP or HTML.

use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, MoreLikeThisQuery, Occur, Query, TermQuery};
use tantivy::schema::{IndexRecordOption, OwnedValue};
use tantivy::{Order, Term};

use super::read_item;
use crate::archive::markdown::to_plain_text;
use crate::archive::slug::slugify;
use crate::archive::Item;
use crate::index::Generation;

/// Up to `limit` items most like `item`, best first, without `item` itself.
pub fn related(generation: &Generation, item: &Item, limit: usize) -> tantivy::Result<Vec<Item>> {
    let fields = &generation.fields;
    let lf = fields.language(item.language);
    let text = |s: &str| vec![OwnedValue::Str(s.to_string())];
    let mut document = vec![
        (lf.title, text(&item.title)),
        (lf.body, text(&to_plain_text(&item.body))),
    ];
    if !item.themes.is_empty() {
        document.push((lf.themes, text(&item.themes.join(" · "))));
    }
    let like = MoreLikeThisQuery::builder()
        .with_min_doc_frequency(1)
        .with_max_doc_frequency(10_000)
        .with_min_term_frequency(1)
        .with_max_query_terms(30)
        .with_min_word_length(3)
        .with_document_fields(document);
    let query = BooleanQuery::new(vec![
        (Occur::Must, Box::new(like) as Box<dyn Query>),
        (Occur::MustNot, Box::new(id_query(generation, &item.id))),
    ]);
    let searcher = generation.reader.searcher();
    let top = searcher.search(&query, &TopDocs::with_limit(limit).order_by_score())?;
    top.into_iter()
        .map(|(_, address)| read_item(&searcher, generation, address))
        .collect()
}

fn id_query(generation: &Generation, id: &str) -> TermQuery {
    TermQuery::new(
        Term::from_field_text(generation.fields.id, id),
        IndexRecordOption::Basic,
    )
}

/// The items just before and just after `item` in its series, by date.
pub fn series_neighbours(
    generation: &Generation,
    item: &Item,
) -> tantivy::Result<(Option<Item>, Option<Item>)> {
    let Some(series) = &item.series else {
        return Ok((None, None));
    };
    let query = TermQuery::new(
        Term::from_field_text(generation.fields.series_key, &slugify(series)),
        IndexRecordOption::Basic,
    );
    let searcher = generation.reader.searcher();
    let top = searcher.search(
        &query,
        &TopDocs::with_limit(10_000).order_by_u64_field("date_key", Order::Asc),
    )?;
    let addresses: Vec<_> = top.into_iter().map(|(_, address)| address).collect();
    let mut position = None;
    for (i, address) in addresses.iter().enumerate() {
        let doc: tantivy::TantivyDocument = searcher.doc(*address)?;
        use tantivy::schema::Value;
        if doc.get_first(generation.fields.id).and_then(|v| v.as_str()) == Some(&item.id) {
            position = Some(i);
            break;
        }
    }
    let Some(i) = position else {
        return Ok((None, None));
    };
    let at = |j: Option<usize>| -> tantivy::Result<Option<Item>> {
        match j.and_then(|j| addresses.get(j)) {
            Some(address) => Ok(Some(read_item(&searcher, generation, *address)?)),
            None => Ok(None),
        }
    };
    Ok((at(i.checked_sub(1))?, at(Some(i + 1))?))
}
