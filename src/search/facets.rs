//! Facet counts for a result set: per dimension (`speaker`, `year`, ...), each value with the
//! number of results that have it.
//!
//! Counts facet ordinals per segment while the query runs (the collector goes into the same
//! pass as the total and the top hits), then names the ordinals that occurred from a table
//! read once per segment ([`FacetNames`]): a segment's facet dictionary never changes, and
//! reading it takes a zstd block per lookup (tantivy's `FacetCollector` did that for every
//! value of every page: about 40% of a result page on the UN speeches, see docs/benchmarks.md).
//! Only the values a caller asks for become strings. Knows nothing of HTTP.

use std::collections::BTreeMap;

use rustc_hash::FxHashMap;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::fastfield::FacetReader;
use tantivy::query::Query;
use tantivy::{DocId, Score, Searcher, SegmentOrdinal, SegmentReader};

use super::FacetCount;
use crate::index::facet_names::{FacetNames, SegmentNames};
use crate::index::FACETS;

/// Counts facet ordinals over the matching documents.
#[derive(Clone, Copy)]
pub struct FacetCounter<'a> {
    pub names: &'a FacetNames,
}

pub struct SegmentFacetCounter {
    names: SegmentNames,
    reader: FacetReader,
    counts: Vec<u32>,
}

/// Per segment: its value table and the ordinals that occurred, with their counts.
pub type FacetFruit = Vec<(SegmentNames, Vec<(u32, u32)>)>;

impl Collector for FacetCounter<'_> {
    type Fruit = FacetFruit;
    type Child = SegmentFacetCounter;

    fn for_segment(
        &self,
        _segment: SegmentOrdinal,
        segment: &SegmentReader,
    ) -> tantivy::Result<SegmentFacetCounter> {
        let reader = segment.facet_reader("facet")?;
        let names = self.names.of(segment.segment_id(), &reader)?;
        let counts = vec![0; reader.num_facets()];
        Ok(SegmentFacetCounter {
            names,
            reader,
            counts,
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<FacetFruit>) -> tantivy::Result<FacetFruit> {
        Ok(fruits.into_iter().flatten().collect())
    }
}

impl SegmentCollector for SegmentFacetCounter {
    type Fruit = FacetFruit;

    fn collect(&mut self, doc: DocId, _score: Score) {
        for ord in self.reader.facet_ords(doc) {
            self.counts[ord as usize] += 1;
        }
    }

    fn harvest(self) -> FacetFruit {
        let found = (0u32..)
            .zip(self.counts)
            .filter(|(_, count)| *count > 0)
            .collect();
        vec![(self.names, found)]
    }
}

/// Per dimension: values with counts, years newest first, the others most frequent first
/// (then by name). With `limit`, at most that many values per dimension, except years, which
/// a histogram shows in full.
pub fn into_counts(
    fruit: FacetFruit,
    limit: Option<usize>,
) -> BTreeMap<&'static str, Vec<FacetCount>> {
    let mut merged: Vec<FxHashMap<&str, u64>> = vec![FxHashMap::default(); FACETS.len()];
    for (names, found) in &fruit {
        for &(ord, count) in found {
            if let Some((Some(dimension), value)) = names.get(ord as usize) {
                *merged[*dimension].entry(value).or_default() += u64::from(count);
            }
        }
    }
    FACETS
        .iter()
        .zip(merged)
        .map(|(&dimension, counts)| {
            let mut values: Vec<(&str, u64)> = counts.into_iter().collect();
            if dimension == "year" {
                values.sort_unstable_by(|a, b| b.0.cmp(a.0));
            } else {
                let order = |a: &(&str, u64), b: &(&str, u64)| b.1.cmp(&a.1).then(a.0.cmp(b.0));
                if let Some(limit) = limit.filter(|l| *l < values.len()) {
                    if limit > 0 {
                        values.select_nth_unstable_by(limit - 1, order);
                    }
                    values.truncate(limit);
                }
                values.sort_unstable_by(order);
            }
            let values = values
                .into_iter()
                .map(|(value, count)| FacetCount {
                    value: value.to_string(),
                    count,
                })
                .collect();
            (dimension, values)
        })
        .collect()
}

/// All facet counts of a query's results, in a pass of their own.
pub fn count_facets(
    names: &FacetNames,
    searcher: &Searcher,
    query: &dyn Query,
    limit: Option<usize>,
) -> tantivy::Result<BTreeMap<&'static str, Vec<FacetCount>>> {
    let fruit = searcher.search(query, &FacetCounter { names })?;
    Ok(into_counts(fruit, limit))
}
