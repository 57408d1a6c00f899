//! The facet values of a generation's segments by ordinal, read once per segment: a segment's
//! facet dictionary never changes, and looking values up in it one by one decompresses a
//! dictionary block each time. Used by `search::facets` to name counted ordinals.

use std::sync::{Arc, Mutex};

use rustc_hash::FxHashMap;
use tantivy::fastfield::FacetReader;
use tantivy::index::SegmentId;

use super::FACETS;

/// One segment's facet values by ordinal: the dimension (an index into [`FACETS`], or `None`
/// for a dimension's own entry) and the value.
pub type SegmentNames = Arc<Vec<(Option<usize>, Box<str>)>>;

/// The facet values of every segment read so far, kept for the life of a generation.
/// Clones share the table.
#[derive(Default, Clone)]
pub struct FacetNames(Arc<Mutex<FxHashMap<SegmentId, SegmentNames>>>);

impl FacetNames {
    /// The value table of a segment, read from its facet dictionary on first use.
    pub fn of(&self, id: SegmentId, reader: &FacetReader) -> tantivy::Result<SegmentNames> {
        if let Some(names) = self.lock().get(&id) {
            return Ok(names.clone());
        }
        let names = Arc::new(read_names(reader)?);
        let mut table = self.lock();
        // Segments merged away are not needed again.
        if table.len() >= 64 {
            table.clear();
        }
        table.insert(id, names.clone());
        Ok(names)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, FxHashMap<SegmentId, SegmentNames>> {
        self.0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// Every value of a segment's facet dictionary, by ordinal, in one sorted pass.
fn read_names(reader: &FacetReader) -> tantivy::Result<Vec<(Option<usize>, Box<str>)>> {
    let mut names = Vec::with_capacity(reader.num_facets());
    let mut stream = reader.facet_dict().stream()?;
    while stream.advance() {
        let facet = stream.key();
        names.push(match facet.iter().position(|&b| b == 0) {
            Some(split) => {
                let dimension = std::str::from_utf8(&facet[..split])
                    .ok()
                    .and_then(|d| FACETS.iter().position(|f| *f == d));
                let value = String::from_utf8_lossy(&facet[split + 1..]);
                (dimension, value.into())
            }
            None => (None, "".into()),
        });
    }
    Ok(names)
}
