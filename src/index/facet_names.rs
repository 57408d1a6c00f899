//! The facet values of a generation's segments, read once per segment: a segment's facet
//! dictionary never changes, and looking values up in it one by one decompresses a dictionary
//! block each time. Every value gets a number of its own across segments (its id), so counts
//! from several segments add up in an array, without comparing names. Used by
//! `search::facets`.

use std::sync::{Arc, Mutex, MutexGuard};

use rustc_hash::FxHashMap;
use tantivy::fastfield::FacetReader;
use tantivy::index::SegmentId;

use super::FACETS;

/// A facet value: its dimension (an index into [`FACETS`], or `None` for a dimension's own
/// entry) and the value.
pub type FacetValue = (Option<usize>, Box<str>);

/// One segment's facet ordinals as value ids.
pub type SegmentIds = Arc<Vec<u32>>;

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
    /// A segment's ordinals as value ids, read from its facet dictionary on first use.
    pub fn ids(&self, id: SegmentId, reader: &FacetReader) -> tantivy::Result<SegmentIds> {
        if let Some(ids) = self.lock().segments.get(&id) {
            return Ok(ids.clone());
        }
        let mut encoded: Vec<Vec<u8>> = Vec::with_capacity(reader.num_facets());
        let mut stream = reader.facet_dict().stream()?;
        while stream.advance() {
            encoded.push(stream.key().to_vec());
        }
        let mut table = self.lock();
        let Table {
            segments,
            ids,
            values,
        } = &mut *table;
        let segment_ids: Vec<u32> = encoded
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
        // Segments merged away are not needed again.
        if segments.len() >= 64 {
            segments.clear();
        }
        let segment_ids = Arc::new(segment_ids);
        segments.insert(id, segment_ids.clone());
        Ok(segment_ids)
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
                .and_then(|d| FACETS.iter().position(|f| *f == d));
            let value = String::from_utf8_lossy(&facet[split + 1..]);
            (dimension, value.into())
        }
        None => (None, "".into()),
    }
}
