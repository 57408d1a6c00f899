//! Facet counts for a result set: per dimension (`speaker`, `year`, ...), each value with the
//! number of results that have it.
//!
//! Counts facet ordinals per segment and turns the ordinals that occurred into names in one
//! sorted pass over the segment's facet dictionary. (tantivy's `FacetCollector` looks every
//! value up on its own, decompressing a dictionary block each time: that was about 40% of a
//! result page on the UN speeches, see docs/benchmarks.md.) Knows nothing of HTTP.

use std::collections::{BTreeMap, HashMap};

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::fastfield::FacetReader;
use tantivy::query::Query;
use tantivy::{DocId, Score, Searcher, SegmentOrdinal, SegmentReader};

use super::FacetCount;
use crate::index::FACETS;

/// Counts of encoded facets (`dimension \0 value`) over the matching documents.
struct FacetCounter;

struct SegmentFacetCounter {
    reader: FacetReader,
    counts: Vec<u32>,
}

impl Collector for FacetCounter {
    type Fruit = HashMap<Vec<u8>, u64>;
    type Child = SegmentFacetCounter;

    fn for_segment(
        &self,
        _segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<SegmentFacetCounter> {
        let reader = reader.facet_reader("facet")?;
        let counts = vec![0; reader.num_facets()];
        Ok(SegmentFacetCounter { reader, counts })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<Self::Fruit>) -> tantivy::Result<Self::Fruit> {
        let mut fruits = fruits.into_iter();
        let mut merged = fruits.next().unwrap_or_default();
        for fruit in fruits {
            for (facet, count) in fruit {
                *merged.entry(facet).or_default() += count;
            }
        }
        Ok(merged)
    }
}

impl SegmentCollector for SegmentFacetCounter {
    type Fruit = HashMap<Vec<u8>, u64>;

    fn collect(&mut self, doc: DocId, _score: Score) {
        for ord in self.reader.facet_ords(doc) {
            self.counts[ord as usize] += 1;
        }
    }

    fn harvest(self) -> Self::Fruit {
        let ords: Vec<u64> = (0..self.counts.len() as u64)
            .filter(|&ord| self.counts[ord as usize] > 0)
            .collect();
        let mut out = HashMap::with_capacity(ords.len());
        let mut next = ords.iter();
        let found = self
            .reader
            .facet_dict()
            .sorted_ords_to_term_cb(&ords, |facet| {
                if let Some(&ord) = next.next() {
                    out.insert(facet.to_vec(), u64::from(self.counts[ord as usize]));
                }
            });
        if let Err(e) = found {
            tracing::warn!("facet dictionary could not be read: {e}");
        }
        out
    }
}

/// Per dimension: values with counts, years newest first, the others most frequent first.
pub fn count_facets(
    searcher: &Searcher,
    query: &dyn Query,
) -> tantivy::Result<BTreeMap<&'static str, Vec<FacetCount>>> {
    let counts = searcher.search(query, &FacetCounter)?;
    let mut out: BTreeMap<&'static str, Vec<FacetCount>> =
        FACETS.iter().map(|&d| (d, Vec::new())).collect();
    for (facet, count) in counts {
        let Some(split) = facet.iter().position(|&b| b == 0) else {
            continue; // a dimension's own entry, not a value
        };
        let (dimension, value) = (&facet[..split], &facet[split + 1..]);
        let Some(values) = std::str::from_utf8(dimension)
            .ok()
            .and_then(|d| out.get_mut(d))
        else {
            continue;
        };
        values.push(FacetCount {
            value: String::from_utf8_lossy(value).into_owned(),
            count,
        });
    }
    for (dimension, values) in out.iter_mut() {
        if *dimension == "year" {
            values.sort_by(|a, b| b.value.cmp(&a.value));
        } else {
            values.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
        }
    }
    Ok(out)
}
