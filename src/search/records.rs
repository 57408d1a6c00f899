//! The archive as harvesters, feed readers and crawlers see it, read from the index by key and
//! in pages: items in id order after a given id, with their datestamps, filtered by datestamp
//! range and set; the newest datestamps; the earliest one. Nothing here reads the archive
//! folder or loads every stored item: a page costs its own records plus the ids it skips, so a
//! full OAI-PMH harvest or a sitemap is linear in the archive.
//!
//! A record's datestamp is its file's datestamp when it was indexed (`archive::stamp`, kept in
//! the `changed` fast field), so touching a file without changing it does not make it new.
//! Knows nothing of HTTP or of any protocol's syntax.

use std::time::SystemTime;

use tantivy::collector::TopDocs;
use tantivy::columnar::Column;
use tantivy::query::AllQuery;
use tantivy::schema::IndexRecordOption;
use tantivy::{DocAddress, DocId, Order, Searcher, SegmentReader, Term};

use super::read_item;
pub use crate::archive::stamp::seconds_of;
use crate::archive::stamp::stamp_of;
use crate::archive::Item;
use crate::index::schema::dimension_facet;
use crate::index::{Dimension, Generation};

/// An item with the datestamp of its file.
#[derive(Debug, Clone)]
pub struct Record {
    pub item: Item,
    pub changed: SystemTime,
}

/// Which records a list holds: `changed` within the bounds (inclusive, in seconds since the
/// epoch) and, when given, in a set.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RecordFilter {
    pub from: Option<u64>,
    pub until: Option<u64>,
    pub set: Option<Set>,
}

/// A set of records, as OAI-PMH names them: every item with a series (or theme), or the items
/// of one series (or theme) by its key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Set {
    AnySeries,
    AnyTheme,
    Series(String),
    Theme(String),
}

/// One page of records in id order, and whether more follow.
#[derive(Debug, Clone, Default)]
pub struct RecordPage {
    pub records: Vec<Record>,
    pub more: bool,
}

/// What a segment needs to check the filter per document.
struct SegmentFilter<'a> {
    segment: &'a SegmentReader,
    changed: Column<u64>,
    /// Documents of the set, when the filter names one.
    in_set: Option<Vec<bool>>,
}

impl SegmentFilter<'_> {
    fn accepts(&self, filter: &RecordFilter, doc: DocId) -> bool {
        if self.segment.is_deleted(doc) {
            return false;
        }
        if let Some(in_set) = &self.in_set {
            if !in_set.get(doc as usize).copied().unwrap_or(false) {
                return false;
            }
        }
        if filter.from.is_none() && filter.until.is_none() {
            return true;
        }
        let changed = self.changed.first(doc).unwrap_or(0);
        filter.from.is_none_or(|from| changed >= from)
            && filter.until.is_none_or(|until| changed <= until)
    }
}

fn segment_filter<'a>(
    generation: &Generation,
    segment: &'a SegmentReader,
    filter: &RecordFilter,
) -> tantivy::Result<SegmentFilter<'a>> {
    let changed = segment.fast_fields().u64("changed")?;
    let in_set = match &filter.set {
        None => None,
        Some(set) => {
            let fields = &generation.fields;
            let term = match set {
                Set::AnySeries => {
                    Term::from_facet(fields.facet, &dimension_facet(Dimension::Series))
                }
                Set::AnyTheme => Term::from_facet(fields.facet, &dimension_facet(Dimension::Theme)),
                Set::Series(key) => Term::from_field_text(fields.series_key, key),
                Set::Theme(key) => Term::from_field_text(fields.theme_key, key),
            };
            let mut docs = vec![false; segment.max_doc() as usize];
            let inverted = segment.inverted_index(term.field())?;
            if let Some(mut postings) = inverted.read_postings(&term, IndexRecordOption::Basic)? {
                let mut doc = tantivy::DocSet::doc(&postings);
                while doc != tantivy::TERMINATED {
                    docs[doc as usize] = true;
                    doc = tantivy::DocSet::advance(&mut postings);
                }
            }
            Some(docs)
        }
    };
    Ok(SegmentFilter {
        segment,
        changed,
        in_set,
    })
}

/// The first `limit` ids after `after` (all ids without it) that pass the filter, in id order,
/// with where their documents are; one more when there is one, so the caller knows if more follow.
fn ids_after(
    generation: &Generation,
    searcher: &Searcher,
    filter: &RecordFilter,
    after: Option<&str>,
    limit: usize,
) -> tantivy::Result<Vec<(String, DocAddress)>> {
    let mut found: Vec<(String, DocAddress)> = Vec::new();
    for (ord, segment) in searcher.segment_readers().iter().enumerate() {
        let check = segment_filter(generation, segment, filter)?;
        let inverted = segment.inverted_index(generation.fields.id)?;
        let range = inverted.terms().range();
        let mut terms = match after {
            Some(after) => range.gt(after.as_bytes()).into_stream()?,
            None => range.into_stream()?,
        };
        // Each segment's first `limit + 1` accepted ids hold the page's: the merge keeps the
        // smallest of all segments'.
        let mut taken = 0;
        while taken <= limit && terms.advance() {
            let mut postings =
                inverted.read_postings_from_terminfo(terms.value(), IndexRecordOption::Basic)?;
            let mut doc = tantivy::DocSet::doc(&postings);
            while doc != tantivy::TERMINATED {
                if check.accepts(filter, doc) {
                    let id = String::from_utf8_lossy(terms.key()).into_owned();
                    found.push((id, DocAddress::new(ord as u32, doc)));
                    taken += 1;
                    break;
                }
                doc = tantivy::DocSet::advance(&mut postings);
            }
        }
    }
    found.sort_by(|a, b| a.0.cmp(&b.0));
    found.dedup_by(|a, b| a.0 == b.0);
    found.truncate(limit + 1);
    Ok(found)
}

/// The records after `after` in id order, at most `limit`, that pass the filter.
pub fn page(
    generation: &Generation,
    filter: &RecordFilter,
    after: Option<&str>,
    limit: usize,
) -> tantivy::Result<RecordPage> {
    let searcher = generation.reader.searcher();
    let mut ids = ids_after(generation, &searcher, filter, after, limit)?;
    let more = ids.len() > limit;
    ids.truncate(limit);
    let records = ids
        .into_iter()
        .map(|(_, address)| record_at(generation, &searcher, address))
        .collect::<tantivy::Result<Vec<Record>>>()?;
    Ok(RecordPage { records, more })
}

/// The ids after `after` in id order with their datestamps, at most `limit`, without reading
/// stored documents (for sitemaps).
pub fn stamps(
    generation: &Generation,
    after: Option<&str>,
    limit: usize,
) -> tantivy::Result<(Vec<(String, SystemTime)>, bool)> {
    let searcher = generation.reader.searcher();
    let filter = RecordFilter::default();
    let mut ids = ids_after(generation, &searcher, &filter, after, limit)?;
    let more = ids.len() > limit;
    ids.truncate(limit);
    let stamped = ids
        .into_iter()
        .map(|(id, address)| Ok((id, changed_at(&searcher, address)?)))
        .collect::<tantivy::Result<Vec<_>>>()?;
    Ok((stamped, more))
}

/// How many records pass the filter (a list's complete size).
pub fn count(generation: &Generation, filter: &RecordFilter) -> tantivy::Result<usize> {
    let searcher = generation.reader.searcher();
    if *filter == RecordFilter::default() {
        return Ok(searcher.num_docs() as usize);
    }
    let mut total = 0;
    for segment in searcher.segment_readers() {
        let check = segment_filter(generation, segment, filter)?;
        total += match &check.in_set {
            Some(in_set) => in_set
                .iter()
                .enumerate()
                .filter(|(doc, yes)| **yes && check.accepts(filter, *doc as DocId))
                .count(),
            None => (0..segment.max_doc())
                .filter(|doc| check.accepts(filter, *doc))
                .count(),
        };
    }
    Ok(total)
}

/// One record by id.
pub fn get(generation: &Generation, id: &str) -> tantivy::Result<Option<Record>> {
    let searcher = generation.reader.searcher();
    match address_of(generation, &searcher, id)? {
        Some(address) => Ok(Some(record_at(generation, &searcher, address)?)),
        None => Ok(None),
    }
}

/// Whether an item with this id is in the index.
pub fn contains(generation: &Generation, id: &str) -> tantivy::Result<bool> {
    let searcher = generation.reader.searcher();
    Ok(address_of(generation, &searcher, id)?.is_some())
}

/// The datestamps of the given ids (an id the index lacks gets none).
pub fn changed_of(
    generation: &Generation,
    ids: &[&str],
) -> tantivy::Result<Vec<Option<SystemTime>>> {
    let searcher = generation.reader.searcher();
    ids.iter()
        .map(|id| match address_of(generation, &searcher, id)? {
            Some(address) => Ok(Some(changed_at(&searcher, address)?)),
            None => Ok(None),
        })
        .collect()
}

/// The `limit` records whose files changed last, newest first (ties by id).
pub fn newest(generation: &Generation, limit: usize) -> tantivy::Result<Vec<Record>> {
    let searcher = generation.reader.searcher();
    let top = searcher.search(
        &AllQuery,
        &TopDocs::with_limit(limit).order_by_fast_field::<u64>("changed", Order::Desc),
    )?;
    let mut records = top
        .into_iter()
        .map(|(_, address)| record_at(generation, &searcher, address))
        .collect::<tantivy::Result<Vec<Record>>>()?;
    records.sort_by(|a, b| {
        b.changed
            .cmp(&a.changed)
            .then_with(|| a.item.id.cmp(&b.item.id))
    });
    Ok(records)
}

/// The earliest datestamp of the index (a lower bound: deleted documents may count).
pub fn earliest(generation: &Generation) -> tantivy::Result<Option<SystemTime>> {
    let searcher = generation.reader.searcher();
    let mut earliest: Option<u64> = None;
    for segment in searcher.segment_readers() {
        if segment.num_docs() == 0 {
            continue;
        }
        let column = segment.fast_fields().u64("changed")?;
        let min = column.min_value();
        earliest = Some(earliest.map_or(min, |e| e.min(min)));
    }
    Ok(earliest.map(stamp_of))
}

fn address_of(
    generation: &Generation,
    searcher: &Searcher,
    id: &str,
) -> tantivy::Result<Option<DocAddress>> {
    let term = Term::from_field_text(generation.fields.id, id);
    for (ord, segment) in searcher.segment_readers().iter().enumerate() {
        let inverted = segment.inverted_index(generation.fields.id)?;
        let Some(mut postings) = inverted.read_postings(&term, IndexRecordOption::Basic)? else {
            continue;
        };
        let mut doc = tantivy::DocSet::doc(&postings);
        while doc != tantivy::TERMINATED {
            if !segment.is_deleted(doc) {
                return Ok(Some(DocAddress::new(ord as u32, doc)));
            }
            doc = tantivy::DocSet::advance(&mut postings);
        }
    }
    Ok(None)
}

fn changed_at(searcher: &Searcher, address: DocAddress) -> tantivy::Result<SystemTime> {
    let segment = searcher.segment_reader(address.segment_ord);
    let column = segment.fast_fields().u64("changed")?;
    Ok(stamp_of(column.first(address.doc_id).unwrap_or(0)))
}

fn record_at(
    generation: &Generation,
    searcher: &Searcher,
    address: DocAddress,
) -> tantivy::Result<Record> {
    Ok(Record {
        item: read_item(searcher, generation, address)?,
        changed: changed_at(searcher, address)?,
    })
}
