//! Facet counts for a result set: per dimension (`speaker`, `year`, ...), each value with the
//! number of results that have it.
//!
//! Counts facet ordinals per segment while the query runs (the collector goes into the same
//! pass as the total and the top hits), then adds them up by value id and names them from a
//! table read once per segment ([`FacetNames`]): a segment's facet dictionary never changes,
//! and reading it takes a zstd block per lookup (tantivy's `FacetCollector` did that for every
//! value of every page: about 40% of a result page on the UN speeches, see docs/benchmarks.md).
//! Only the values a caller asks for become strings. Knows nothing of HTTP.

use std::collections::BTreeMap;

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::query::{Query, Scorer, Weight};
use tantivy::{DocId, DocSet, Score, Searcher, SegmentOrdinal, SegmentReader};

use super::FacetCount;
use crate::index::facet_names::{FacetNames, SegmentIds};
use crate::index::Dimension;

/// Counts facet ordinals over the matching documents.
#[derive(Clone, Copy)]
pub struct FacetCounter<'a> {
    pub names: &'a FacetNames,
}

pub struct SegmentFacetCounter {
    facets: SegmentIds,
    /// By value id.
    counts: Vec<u32>,
}

/// The value ids that occurred, with their counts (per segment, one after the other).
pub type FacetFruit = Vec<(u32, u32)>;

impl Collector for FacetCounter<'_> {
    type Fruit = FacetFruit;
    type Child = SegmentFacetCounter;

    fn for_segment(
        &self,
        _segment: SegmentOrdinal,
        segment: &SegmentReader,
    ) -> tantivy::Result<SegmentFacetCounter> {
        let reader = segment.facet_reader("facet")?;
        let facets = self
            .names
            .segment(segment.segment_id(), &reader, segment.max_doc())?;
        let counts = vec![0; facets.id_count];
        Ok(SegmentFacetCounter { facets, counts })
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
        for &id in self.facets.of(doc) {
            self.counts[id as usize] += 1;
        }
    }

    fn harvest(self) -> FacetFruit {
        (0u32..)
            .zip(self.counts)
            .filter(|(_, count)| *count > 0)
            .collect()
    }
}

/// Runs `inner` on the matches that `filter` also matches and counts facets over all matches:
/// one pass where a search filtered on one dimension and the same search without that filter
/// (for the dimension's "what if" counts) would take two, matching the query twice.
pub struct Split<'a, C> {
    pub filter: Box<dyn Weight>,
    pub inner: C,
    pub all: FacetCounter<'a>,
}

pub struct SplitSegment<C> {
    filter: Box<dyn Scorer>,
    inner: C,
    all: SegmentFacetCounter,
}

impl<C: Collector> Collector for Split<'_, C> {
    type Fruit = (C::Fruit, FacetFruit);
    type Child = SplitSegment<C::Child>;

    fn for_segment(
        &self,
        ordinal: SegmentOrdinal,
        segment: &SegmentReader,
    ) -> tantivy::Result<Self::Child> {
        Ok(SplitSegment {
            filter: self.filter.scorer(segment, 1.0)?,
            inner: self.inner.for_segment(ordinal, segment)?,
            all: self.all.for_segment(ordinal, segment)?,
        })
    }

    fn requires_scoring(&self) -> bool {
        self.inner.requires_scoring()
    }

    fn merge_fruits(
        &self,
        fruits: Vec<<Self::Child as SegmentCollector>::Fruit>,
    ) -> tantivy::Result<Self::Fruit> {
        let (inner, all): (Vec<_>, Vec<_>) = fruits.into_iter().unzip();
        Ok((self.inner.merge_fruits(inner)?, self.all.merge_fruits(all)?))
    }
}

impl<C: SegmentCollector> SegmentCollector for SplitSegment<C> {
    type Fruit = (C::Fruit, FacetFruit);

    fn collect(&mut self, doc: DocId, score: Score) {
        self.all.collect(doc, score);
        // Documents come in order, so the filter only ever moves forward.
        if self.filter.doc() < doc {
            self.filter.seek(doc);
        }
        if self.filter.doc() == doc {
            self.inner.collect(doc, score);
        }
    }

    fn harvest(self) -> Self::Fruit {
        (self.inner.harvest(), self.all.harvest())
    }
}

/// Per dimension: values with counts, years newest first, the others most frequent first
/// (then by name). With `limit`, at most that many values per dimension, except years, which
/// a histogram shows in full.
pub fn into_counts(
    names: &FacetNames,
    fruit: FacetFruit,
    limit: Option<usize>,
) -> BTreeMap<Dimension, Vec<FacetCount>> {
    let values = names.values();
    let mut counts = vec![0u64; values.len()];
    // By dimension, in the order of the variants.
    let mut found: Vec<Vec<u32>> = vec![Vec::new(); Dimension::ALL.len()];
    for &(id, count) in &fruit {
        let Some((Some(dimension), _)) = values.get(id as usize) else {
            continue;
        };
        if counts[id as usize] == 0 {
            found[*dimension as usize].push(id);
        }
        counts[id as usize] += u64::from(count);
    }
    let name = |id: &u32| &*values[*id as usize].1;
    Dimension::ALL
        .into_iter()
        .map(|dimension| {
            let mut ids = std::mem::take(&mut found[dimension as usize]);
            if dimension == Dimension::Year {
                ids.sort_unstable_by(|a, b| name(b).cmp(name(a)));
            } else {
                let count = |id: &u32| counts[*id as usize];
                if let Some(limit) = limit.filter(|l| *l < ids.len()) {
                    keep_most_frequent(&mut ids, limit, count, name);
                }
                ids.sort_unstable_by(|a, b| count(b).cmp(&count(a)).then(name(a).cmp(name(b))));
            }
            let values = ids
                .iter()
                .map(|id| FacetCount {
                    value: name(id).to_string(),
                    count: counts[*id as usize],
                })
                .collect();
            (dimension, values)
        })
        .collect()
}

/// Keeps the `limit` most frequent ids (by name among equal counts at the cut), in no order.
/// Names are compared only among the ids whose count is the cut's.
fn keep_most_frequent<'v>(
    ids: &mut Vec<u32>,
    limit: usize,
    count: impl Fn(&u32) -> u64,
    name: impl Fn(&u32) -> &'v str,
) {
    if limit == 0 {
        ids.clear();
        return;
    }
    ids.select_nth_unstable_by(limit - 1, |a, b| count(b).cmp(&count(a)));
    let cut = count(&ids[limit - 1]);
    let (mut kept, rest): (Vec<u32>, Vec<u32>) = ids.iter().partition(|id| count(id) > cut);
    let mut tied: Vec<u32> = rest.into_iter().filter(|id| count(id) == cut).collect();
    let room = limit - kept.len();
    if room < tied.len() {
        tied.select_nth_unstable_by(room - 1, |a, b| name(a).cmp(name(b)));
        tied.truncate(room);
    }
    kept.extend(tied);
    *ids = kept;
}

/// All facet counts of a query's results, in a pass of their own.
pub fn count_facets(
    names: &FacetNames,
    searcher: &Searcher,
    query: &dyn Query,
    limit: Option<usize>,
) -> tantivy::Result<BTreeMap<Dimension, Vec<FacetCount>>> {
    let fruit = searcher.search(query, &FacetCounter { names })?;
    Ok(into_counts(names, fruit, limit))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeping_the_most_frequent_equals_sorting_all_and_cutting() {
        let names = ["eva", "bob", "ann", "dan", "cas", "fay", "gus", "hal"];
        let counts = [3u64, 1, 3, 2, 1, 3, 1, 2];
        let count = |id: &u32| counts[*id as usize];
        let name = |id: &u32| names[*id as usize];
        let order = |a: &u32, b: &u32| count(b).cmp(&count(a)).then(name(a).cmp(name(b)));
        let mut all: Vec<u32> = (0..names.len() as u32).collect();
        all.sort_by(order);
        for limit in 0..=names.len() {
            let mut ids: Vec<u32> = (0..names.len() as u32).rev().collect();
            keep_most_frequent(&mut ids, limit, count, name);
            ids.sort_by(order);
            assert_eq!(ids, all[..limit], "limit {limit}");
        }
    }
}
