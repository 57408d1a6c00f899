//! The facet values of a generation's segments, read once per segment: a segment never
//! changes, and looking values up in its facet dictionary one by one decompresses a block each
//! time. Every value gets a number of its own across segments (its id), so counts from several
//! segments add up in an array, without comparing names; and each document's value ids are
//! kept in one flat array, so counting a result set reads them without going through the
//! facet column's index for every document. Used by `search::facets`.

use std::sync::{Arc, Mutex, MutexGuard};

use rustc_hash::FxHashMap;
use tantivy::fastfield::FacetReader;
use tantivy::index::SegmentId;

use super::Dimension;

/// A facet value: its dimension (`None` for a dimension's own entry) and the value.
pub type FacetValue = (Option<Dimension>, Box<str>);

/// One segment's facets: every document's value ids.
pub struct SegmentFacets {
    /// Document `d`'s value ids are `ids[starts[d]..starts[d + 1]]`.
    starts: Vec<u32>,
    ids: Vec<u32>,
    /// One more than the largest value id in the segment.
    pub id_count: usize,
}

impl SegmentFacets {
    fn read(reader: &FacetReader, max_doc: u32, id_of_ord: &[u32]) -> SegmentFacets {
        let mut starts = Vec::with_capacity(max_doc as usize + 1);
        let mut ids = Vec::new();
        starts.push(0);
        for doc in 0..max_doc {
            ids.extend(
                reader
                    .facet_ords(doc)
                    .filter_map(|ord| id_of_ord.get(ord as usize).copied()),
            );
            starts.push(ids.len() as u32);
        }
        let id_count = id_of_ord.iter().max().map_or(0, |&m| m as usize + 1);
        SegmentFacets {
            starts,
            ids,
            id_count,
        }
    }

    /// The value ids of a document.
    #[inline]
    pub fn of(&self, doc: u32) -> &[u32] {
        let doc = doc as usize;
        match (self.starts.get(doc), self.starts.get(doc + 1)) {
            (Some(&start), Some(&end)) => &self.ids[start as usize..end as usize],
            _ => &[],
        }
    }
}

pub type SegmentIds = Arc<SegmentFacets>;

#[derive(Default)]
struct Table {
    segments: FxHashMap<SegmentId, SegmentIds>,
    /// Encoded facet (`dimension \0 value`) -> id.
    ids: FxHashMap<Box<[u8]>, u32>,
    /// By id. Only grows (ids stay valid for searches under way), by the values the
    /// generation's segments ever held.
    values: Arc<Vec<FacetValue>>,
}

/// The facet values of every segment read so far, kept for the life of a generation.
/// Clones share the table.
#[derive(Default, Clone)]
pub struct FacetNames(Arc<Mutex<Table>>);

impl FacetNames {
    /// A segment's documents' value ids, read from its facet column on first use.
    pub fn segment(
        &self,
        id: SegmentId,
        reader: &FacetReader,
        max_doc: u32,
    ) -> tantivy::Result<SegmentIds> {
        if let Some(ids) = self.lock().segments.get(&id) {
            return Ok(ids.clone());
        }
        let mut encoded: Vec<Vec<u8>> = Vec::with_capacity(reader.num_facets());
        let mut stream = reader.facet_dict().stream()?;
        while stream.advance() {
            encoded.push(stream.key().to_vec());
        }
        let mut table = self.lock();
        let Table { ids, values, .. } = &mut *table;
        let id_of_ord: Vec<u32> = encoded
            .into_iter()
            .map(|facet| {
                if let Some(&id) = ids.get(facet.as_slice()) {
                    return id;
                }
                let id = values.len() as u32;
                Arc::make_mut(values).push(decode(&facet));
                ids.insert(facet.into_boxed_slice(), id);
                id
            })
            .collect();
        drop(table);
        // One pass over the segment's documents, outside the lock.
        let facets = Arc::new(SegmentFacets::read(reader, max_doc, &id_of_ord));
        let mut table = self.lock();
        // Segments merged away are not needed again.
        if table.segments.len() >= 64 {
            table.segments.clear();
        }
        table.segments.insert(id, facets.clone());
        Ok(facets)
    }

    /// Every value by id (at least those of the segments read so far).
    pub fn values(&self) -> Arc<Vec<FacetValue>> {
        self.lock().values.clone()
    }

    fn lock(&self) -> MutexGuard<'_, Table> {
        self.0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

fn decode(facet: &[u8]) -> FacetValue {
    match facet.iter().position(|&b| b == 0) {
        Some(split) => {
            let dimension = std::str::from_utf8(&facet[..split])
                .ok()
                .and_then(Dimension::parse);
            let value = String::from_utf8_lossy(&facet[split + 1..]);
            (dimension, value.into())
        }
        None => (None, "".into()),
    }
}
