//! Searching the index: from a request (query text, filters, sort, page) to results as data.
//!
//! Returns text plus highlight ranges; views decide on markup. Knows nothing of HTTP or HTML.

pub(crate) mod bm25f;
pub(crate) mod build;
mod facets;
pub(crate) mod feedback;
pub(crate) mod fuzzy;
pub(crate) mod passages;
pub mod query;
pub(crate) mod quotes;
pub(crate) mod ranked;
pub(crate) mod ranking;
pub(crate) mod records;
pub(crate) mod related;
pub(crate) mod spelling;
pub(crate) mod suggest;
pub(crate) mod themes;

use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::Arc;

use serde::Serialize;
use tantivy::collector::{Count, TopDocs};
use tantivy::columnar::{Cardinality, ColumnValues};
use tantivy::query::{AllQuery, EnableScoring, Query, Scorer};
use tantivy::schema::Value;
use tantivy::snippet::SnippetGenerator;
use tantivy::{DocAddress, DocSet, Order, Searcher, SegmentOrdinal, TantivyDocument, Term};

use crate::archive::markdown::to_plain_text;
use crate::archive::{Item, Language};
use crate::index::{Dimension, Generation};
use build::{assemble, filter_clauses, filter_of, QueryAnalyzers};
use facets::count_facets;
use facets::{FacetCounter, FacetFruit};
pub use passages::{Matched, Passage, PassageQuote};
pub use query::{Filters, ParsedQuery, Warning, YearRange};
pub use ranking::{Feedback, Ranking};

/// The most results one page may ask for.
pub const MAX_LIMIT: usize = 100;
const SNIPPET_CHARS: usize = 220;

/// How results are ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Sort {
    #[default]
    Relevance,
    Newest,
    Oldest,
}

impl Sort {
    pub fn parse(text: &str) -> Option<Sort> {
        match text.trim().to_lowercase().as_str() {
            "" | "relevance" | "relevantie" => Some(Sort::Relevance),
            "newest" | "nieuwste" | "new" => Some(Sort::Newest),
            "oldest" | "oudste" | "old" => Some(Sort::Oldest),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Sort::Relevance => "relevance",
            Sort::Newest => "newest",
            Sort::Oldest => "oldest",
        }
    }
}

/// What to search for.
#[derive(Debug, Clone, Default)]
pub struct SearchRequest {
    pub query: String,
    pub filters: Filters,
    pub sort: Sort,
    pub offset: usize,
    pub limit: usize,
    /// Any word may match instead of all (used by evaluation runs).
    pub any_word: bool,
    /// At most this many values per facet dimension (years are always all); `None`: all.
    pub facet_limit: Option<usize>,
    /// Speaker, theme and series filters match a value's key exactly (the browse pages of one
    /// value), not also the words of its name (`spreker:mönnink`).
    pub exact_values: bool,
    /// Count every facet dimension over the results as filtered (a speaker page's co-speakers:
    /// the people who shared an item with the speaker), instead of counting a filtered
    /// dimension without its own filter ("what if" counts for the search page).
    pub counts_as_filtered: bool,
    /// How results are scored ([`Ranking::default`] unless measuring alternatives or the
    /// `feedback` setting turns on pseudo-relevance feedback).
    pub ranking: Ranking,
}

/// One facet value and how many results it has.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FacetCount {
    pub value: String,
    pub count: u64,
}

/// One result, with the text to show and where the query matched in it.
#[derive(Debug, Clone)]
pub struct Hit {
    pub item: Item,
    pub score: f32,
    /// Byte ranges in `item.title` that matched.
    pub title_highlights: Vec<Range<usize>>,
    /// A piece of the text around the best match.
    pub snippet: String,
    /// Byte ranges in `snippet` that matched.
    pub highlights: Vec<Range<usize>>,
    /// Up to three paragraphs where the query matched, with their anchors.
    pub passages: Vec<Passage>,
    /// Why the item matched: the parts the query's words were found in.
    pub matched: Vec<Matched>,
    /// Where the hit is in the searcher it was found with.
    pub address: DocAddress,
    /// It matched a word of [`SearchResults::approximate`] only by a near spelling (a typo
    /// away), not as typed.
    pub approximate: bool,
}

/// The answer to a [`SearchRequest`].
#[derive(Debug, Clone, Default)]
pub struct SearchResults {
    pub total: usize,
    pub hits: Vec<Hit>,
    /// Per dimension (`speaker`, `year`, ...): values with counts. A dimension the request
    /// filters on is counted without its own filter, so each count says what choosing that
    /// value (too) would give (unless [`SearchRequest::counts_as_filtered`]).
    pub facets: BTreeMap<Dimension, Vec<FacetCount>>,
    pub warnings: Vec<Warning>,
    /// The filters in force: the request's plus those the query's prefixes set.
    pub filters: Filters,
    pub parsed: ParsedQuery,
    /// The order of `hits`.
    pub sort: Sort,
    /// When nothing matched: the query respelled so that it does match.
    pub suggestion: Option<String>,
    /// When nothing matched with filters: how many items the query's words find without them.
    pub without_filters: Option<usize>,
    /// Theme terms searched as well, from the archive's bilingual list ("ook gezocht").
    pub also_searched: Vec<String>,
    /// The archive's bilingual theme list (to show a theme in the interface's language).
    pub themes: crate::archive::themes::ThemeList,
    /// Rare words (as typed) that also matched words one typo away: hits that have them
    /// only so are marked [`Hit::approximate`] and rank below every exact match.
    pub approximate: Vec<String>,
}

/// Runs a search on a generation.
pub fn search(generation: &Generation, request: &SearchRequest) -> tantivy::Result<SearchResults> {
    let searcher = generation.reader.searcher();
    let fields = &generation.fields;
    let mut analyzers = QueryAnalyzers::default();
    let parsed = query::parse(&request.query);
    let filters = merge_filters(&request.filters, &parsed.filters);
    let mut warnings = parsed.warnings.clone();
    let theme_list = &generation.versions.themes;
    let expansions = themes::find(&parsed.clauses, theme_list);
    let (query_filters, mut also_searched) = themes::expand_filters(&filters, theme_list);
    also_searched.splice(0..0, expansions.iter().flat_map(|e| e.alternatives.clone()));
    // Near spellings only when the words as typed are found nowhere (`search_text_query`):
    // `armoede` in a year without it does not list that year's `aanmoediging`s; "without
    // filters N" says where the exact matches are. Evaluation runs (`any_word`) rank with the
    // near terms as always.
    let mut text = build::search_text_query(
        fields,
        &mut analyzers,
        (&parsed.clauses, &expansions),
        &searcher,
        &request.ranking,
        !request.any_word,
    )?;
    if let (Some(feedback), Sort::Relevance) = (&request.ranking.feedback, request.sort) {
        if !text.positive.is_empty() {
            // The first pass: the request's own query and filters, ranked in full.
            let filter = filter_clauses(
                fields,
                &mut analyzers,
                &query_filters,
                None,
                request.exact_values,
            );
            let first = assemble(&text, filter, !request.any_word);
            let top: Vec<(f32, DocAddress)> =
                best_candidates(&searcher, &*first, &text.rescore, feedback.docs)?
                    .into_iter()
                    .take(feedback.docs)
                    .map(|((score, _), address)| (score, address))
                    .collect();
            let model =
                feedback::relevance_model(generation, &searcher, &mut analyzers, &top, feedback)?;
            text.expansion = feedback::expansion_queries(
                generation,
                &model,
                text.positive.len(),
                &request.ranking,
                feedback,
            );
        }
    }
    // The proximity boost and phrases' own scores only re-rank the best candidates
    // (`collect_page`): as clauses of the query they would match phrases in full in every
    // matching document.
    let rescore = std::mem::take(&mut text.rescore);
    warnings.extend(text.skipped.iter().cloned().map(Warning::NoSearchableWords));
    if !parsed.clauses.is_empty() && text.positive.is_empty() && text.negative.is_empty() {
        // Nothing searchable at all: show nothing rather than everything.
        return Ok(SearchResults {
            warnings,
            filters,
            parsed,
            sort: request.sort,
            also_searched,
            ..SearchResults::default()
        });
    }
    let limit = request.limit.clamp(1, MAX_LIMIT);
    let exact = request.exact_values;
    let counter = FacetCounter {
        names: &generation.facet_names,
    };
    // Dimensions the request filters on get "what if" counts: the search without that filter.
    // With one such dimension whose filter lets through a good share of the archive, the
    // search runs once without it and the filter is checked per match (`facets::Split`);
    // otherwise each filtered dimension gets a pass of its own.
    let active: Vec<(Dimension, Box<dyn Query>)> = Dimension::ALL
        .into_iter()
        .filter(|_| !request.counts_as_filtered)
        .filter_map(|d| filter_of(fields, &mut analyzers, &query_filters, d, exact).map(|f| (d, f)))
        .collect();
    let (split, split_filter) = match active.as_slice() {
        [(one, filter)]
            if filter_share(&searcher, fields, &query_filters, &**filter) >= SPLIT_SHARE =>
        {
            (Some(*one), Some(filter.box_clone()))
        }
        _ => (None, None),
    };
    let window = Window {
        sort: request.sort,
        offset: request.offset,
        limit,
    };
    let page = |all_words: bool, analyzers: &mut QueryAnalyzers| {
        let query = assemble(
            &text,
            filter_clauses(fields, analyzers, &query_filters, None, exact),
            all_words,
        );
        let found = match &split_filter {
            Some(filter) => {
                let pass = assemble(
                    &text,
                    filter_clauses(fields, analyzers, &query_filters, split, exact),
                    all_words,
                );
                collect_page(
                    &searcher,
                    &*pass,
                    &rescore,
                    window,
                    &counter,
                    Some(&**filter),
                )?
            }
            None => collect_page(&searcher, &*query, &rescore, window, &counter, None)?,
        };
        Ok::<_, tantivy::TantivyError>((query, found))
    };
    // The total, the page's hits and the facet counts in one pass over the matches.
    let (mut query, mut found) = page(!request.any_word, &mut analyzers)?;
    let mut all_words = !request.any_word;
    if found.0 == 0 && all_words && text.positive.len() > 1 {
        let (loose, loose_found) = page(false, &mut analyzers)?;
        if loose_found.0 > 0 {
            warnings.push(Warning::NotAllWords);
            all_words = false;
            (query, found) = (loose, loose_found);
        }
    }
    let (total, top, fruit, unfiltered) = found;
    let words = passages::words_query(&text.positive);
    let mut hits = make_hits(generation, &searcher, &*query, &*words, top)?;
    // Words still widened here are found nowhere as typed (`search_text_query`), so with every
    // word required no hit matches exactly: each one is approximate, and says so.
    let approximate = match (text.widened.is_empty(), all_words) {
        (false, true) => {
            for hit in hits.iter_mut() {
                hit.approximate = true;
            }
            text.widened.clone()
        }
        _ => Vec::new(),
    };
    let mut facets = facets::into_counts(&generation.facet_names, fruit, request.facet_limit);
    if let (Some(dimension), Some(unfiltered)) = (split, unfiltered) {
        let counts = facets::into_counts(&generation.facet_names, unfiltered, request.facet_limit);
        if let Some(values) = counts.get(&dimension) {
            facets.insert(dimension, values.clone());
        }
    }
    for &(dimension, _) in active.iter().filter(|(d, _)| split != Some(*d)) {
        let without = assemble(
            &text,
            filter_clauses(
                fields,
                &mut analyzers,
                &query_filters,
                Some(dimension),
                exact,
            ),
            all_words,
        );
        let counts = count_facets(
            &generation.facet_names,
            &searcher,
            &*without,
            request.facet_limit,
        )?;
        if let Some(values) = counts.get(&dimension) {
            facets.insert(dimension, values.clone());
        }
    }
    if let Some(values) = facets.get_mut(&Dimension::Theme) {
        themes::merge_counts(values, theme_list);
    }
    // A theme both typed and filtered on was added once ("poverty", not "poverty, poverty").
    let mut seen = std::collections::BTreeSet::new();
    also_searched.retain(|term| seen.insert(crate::archive::themes::fold(term)));
    let (suggestion, without_filters) = if total == 0 {
        spelling::help(
            generation,
            &searcher,
            &request.query,
            &filters,
            !request.any_word,
        )?
    } else {
        (None, None)
    };
    Ok(SearchResults {
        total,
        hits,
        facets,
        warnings,
        filters,
        parsed,
        sort: request.sort,
        suggestion,
        without_filters,
        also_searched,
        approximate,
        themes: theme_list.clone(),
    })
}

fn merge_filters(request: &Filters, parsed: &Filters) -> Filters {
    let mut merged = request.clone();
    for dimension in [
        Dimension::Speaker,
        Dimension::Theme,
        Dimension::Series,
        Dimension::Kind,
        Dimension::Language,
    ] {
        if let Some(values) = merged.values_mut(dimension) {
            for value in parsed.values(dimension) {
                if !values.contains(value) {
                    values.push(value.clone());
                }
            }
        }
    }
    if merged.years.is_none() {
        merged.years = parsed.years;
        merged.more_years = parsed.more_years.clone();
    }
    merged
}

/// The total, the page's hits, the facet counts and, for a search split on one filter, the
/// facet counts without that filter.
type Page = (
    usize,
    Vec<(f32, DocAddress)>,
    FacetFruit,
    Option<FacetFruit>,
);

/// Which hits a page shows.
#[derive(Clone, Copy)]
struct Window {
    sort: Sort,
    offset: usize,
    limit: usize,
}

/// How many of the best candidates (by the query without its proximity boost, phrases scored
/// by their words) are re-ranked: at least this many, and always the whole page asked for.
pub(crate) const RESCORE_DEPTH: usize = 200;

/// The total, one page of hits in `sort` order and the facet counts, in one pass. By
/// relevance with queries to rescore (`TextQuery::rescore`), the best [`RESCORE_DEPTH`]
/// candidates get their scores added (the same sums those queries would add as clauses) and
/// are ordered again: phrase scoring then costs per candidate, not per matching document.
fn collect_page(
    searcher: &Searcher,
    query: &dyn Query,
    rescore: &[build::Rescore],
    window: Window,
    counter: &FacetCounter,
    filter: Option<&dyn Query>,
) -> tantivy::Result<Page> {
    let Window {
        sort,
        offset,
        limit,
    } = window;
    if sort == Sort::Relevance {
        let depth = match rescore {
            [] => offset + limit,
            _ => (offset + limit).max(RESCORE_DEPTH),
        };
        // Recency breaks ties between equally relevant items.
        let top = TopDocs::with_limit(depth).tweak_score(|segment: &tantivy::SegmentReader| {
            let dates = date_keys(segment);
            move |doc: tantivy::DocId, score: tantivy::Score| {
                let date = dates.as_ref().map(|d| d.get_val(doc)).unwrap_or(0);
                (score, date)
            }
        });
        let ((total, mut top, fruit), unfiltered) =
            search_split(searcher, query, (Count, top, *counter), counter, filter)?;
        rescore_candidates(searcher, rescore, &mut top)?;
        let top = top
            .into_iter()
            .skip(offset)
            .take(limit)
            .map(|((score, _), addr)| (score, addr))
            .collect();
        return Ok((total, top, fruit, unfiltered));
    }
    let order = if sort == Sort::Newest {
        Order::Desc
    } else {
        Order::Asc
    };
    let top = TopDocs::with_limit(limit)
        .and_offset(offset)
        .order_by_u64_field("date_key", order);
    let ((total, top, fruit), unfiltered) =
        search_split(searcher, query, (Count, top, *counter), counter, filter)?;
    let top = top.into_iter().map(|(_, addr)| (0.0, addr)).collect();
    Ok((total, top, fruit, unfiltered))
}

/// One pass for a filter and its "what if" counts pays when the filter lets through at least
/// this share of the archive: that pass scores every match of the search without the filter,
/// where two passes score only the filtered matches and count the rest unscored (measured on
/// the UN speeches, docs/benchmarks.md: a year range of 40% took a phrase search at 110k items
/// from 13.0 to 8.7 ms; a speaker filter of under 1% went from 2.9 to 3.3 ms).
const SPLIT_SHARE: f64 = 0.2;

/// Roughly which share of the archive a filter lets through: the documents of its terms
/// added up (over-counting items with several), or of the years of a year range.
fn filter_share(
    searcher: &Searcher,
    fields: &crate::index::Fields,
    filters: &Filters,
    filter: &dyn Query,
) -> f64 {
    let mut docs: u64 = 0;
    filter.query_terms(&mut |term, _| docs += searcher.doc_freq(term).unwrap_or(0));
    for years in filters.year_ranges() {
        let from = Term::from_field_u64(fields.year, years.from as u64);
        let to = Term::from_field_u64(fields.year, years.to as u64);
        for segment in searcher.segment_readers() {
            let Ok(inverted) = segment.inverted_index(fields.year) else {
                continue;
            };
            let range = inverted
                .terms()
                .range()
                .ge(from.serialized_value_bytes())
                .le(to.serialized_value_bytes());
            if let Ok(mut stream) = range.into_stream() {
                while stream.advance() {
                    docs += u64::from(stream.value().doc_freq);
                }
            }
        }
    }
    docs as f64 / searcher.num_docs().max(1) as f64
}

/// Runs `collector` on the matches of `query` that `filter` also matches, and with a filter
/// also counts facets over all matches of `query` ([`facets::Split`]).
fn search_split<C: tantivy::collector::Collector>(
    searcher: &Searcher,
    query: &dyn Query,
    collector: C,
    counter: &FacetCounter,
    filter: Option<&dyn Query>,
) -> tantivy::Result<(C::Fruit, Option<FacetFruit>)> {
    let Some(filter) = filter else {
        return Ok((searcher.search(query, &collector)?, None));
    };
    let split = facets::Split {
        filter: filter.weight(EnableScoring::disabled_from_searcher(searcher))?,
        inner: collector,
        all: *counter,
    };
    let (fruit, all) = searcher.search(query, &split)?;
    Ok((fruit, Some(all)))
}

/// Each document's `date_key`. Every document has one, so the column's values are read
/// directly (through its optional/multi-valued index it cost a tenth of a page on 110k items).
fn date_keys(segment: &tantivy::SegmentReader) -> Option<Arc<dyn ColumnValues<u64>>> {
    let column = segment.fast_fields().u64("date_key").ok()?;
    Some(match column.get_cardinality() {
        Cardinality::Full => column.values,
        _ => column.first_or_default_col(0),
    })
}

/// Candidates: ((score, date key), address).
pub(crate) type Candidate = ((f32, u64), DocAddress);

/// The best `depth` (at least [`RESCORE_DEPTH`] when there is something to rescore) matches
/// of `query` by relevance, rescored, best first.
pub(crate) fn best_candidates(
    searcher: &Searcher,
    query: &dyn Query,
    rescore: &[build::Rescore],
    depth: usize,
) -> tantivy::Result<Vec<Candidate>> {
    let candidates = match rescore {
        [] => depth,
        _ => depth.max(RESCORE_DEPTH),
    };
    let top = searcher.search(query, &TopDocs::with_limit(candidates).order_by_score())?;
    let mut top: Vec<Candidate> = top
        .into_iter()
        .map(|(score, addr)| ((score, 0), addr))
        .collect();
    rescore_candidates(searcher, rescore, &mut top)?;
    Ok(top)
}

/// Adds the rescore queries' scores to the candidates and orders them again: by score, then
/// newest, then by address. Leaves them as they are when there is nothing to rescore.
pub(crate) fn rescore_candidates(
    searcher: &Searcher,
    rescore: &[build::Rescore],
    candidates: &mut [Candidate],
) -> tantivy::Result<()> {
    if rescore.is_empty() {
        return Ok(());
    }
    for (factor, query) in rescore {
        add_scores(searcher, query.as_ref(), *factor, candidates)?;
    }
    candidates.sort_by(|((a, a_date), a_doc), ((b, b_date), b_doc)| {
        b.total_cmp(a)
            .then(b_date.cmp(a_date))
            .then(a_doc.cmp(b_doc))
    });
    Ok(())
}

/// Adds `query`'s score times `factor` to each candidate it matches, visiting the candidates
/// in document order with one scorer per segment.
fn add_scores(
    searcher: &Searcher,
    query: &dyn Query,
    factor: f32,
    candidates: &mut [Candidate],
) -> tantivy::Result<()> {
    let weight = query.weight(EnableScoring::enabled_from_searcher(searcher))?;
    let mut order: Vec<usize> = (0..candidates.len()).collect();
    order.sort_by_key(|&i| candidates[i].1);
    let mut current: Option<(SegmentOrdinal, Box<dyn Scorer>)> = None;
    for i in order {
        let address = candidates[i].1;
        if current.as_ref().map(|(segment, _)| *segment) != Some(address.segment_ord) {
            let reader = searcher.segment_reader(address.segment_ord);
            current = Some((address.segment_ord, weight.scorer(reader, 1.0)?));
        }
        let Some((_, scorer)) = current.as_mut() else {
            continue;
        };
        // `seek` must not go backwards: the scorer may already be past the candidate.
        let doc = match scorer.doc() {
            doc if doc >= address.doc_id => doc,
            _ => scorer.seek(address.doc_id),
        };
        if doc == address.doc_id {
            candidates[i].0 .0 += factor * scorer.score();
        }
    }
    Ok(())
}

fn make_hits(
    generation: &Generation,
    searcher: &Searcher,
    query: &dyn Query,
    words: &dyn Query,
    top: Vec<(f32, DocAddress)>,
) -> tantivy::Result<Vec<Hit>> {
    let fields = &generation.fields;
    let mut titles: BTreeMap<Language, SnippetGenerator> = BTreeMap::new();
    let mut hits = Vec::with_capacity(top.len());
    let mut marker = passages::Marker::new(searcher, words, fields);
    for (score, address) in top {
        let doc: TantivyDocument = searcher.doc(address)?;
        let item = item_of(generation, &doc)?;
        let marks = doc
            .get_first(fields.body_marks)
            .and_then(|v| v.as_bytes())
            .unwrap_or_default();
        let generator = match titles.entry(item.language) {
            std::collections::btree_map::Entry::Occupied(slot) => slot.into_mut(),
            std::collections::btree_map::Entry::Vacant(slot) => {
                let field = fields.language(item.language).title;
                let mut generator = SnippetGenerator::create(searcher, query, field)?;
                generator.set_max_num_chars(1000);
                slot.insert(generator)
            }
        };
        let title_highlights = generator.snippet(&item.title).highlighted().to_vec();
        let passages = marker.passages(&item, address, marks)?;
        // The best passage is the snippet; without one, the start of the text.
        let (snippet, highlights) = match passages::best(&passages) {
            Some(best) => passages::as_snippet(best),
            None => (lead(&to_plain_text(&item.body), SNIPPET_CHARS), Vec::new()),
        };
        let matched = marker.matched(&item, address, &passages)?;
        hits.push(Hit {
            item,
            score,
            title_highlights,
            snippet,
            highlights,
            passages,
            matched,
            address,
            approximate: false,
        });
    }
    Ok(hits)
}

/// The start of a text, cut at a word boundary.
fn lead(text: &str, max_chars: usize) -> String {
    let text = text.trim();
    if text.chars().count() <= max_chars {
        return text.to_string();
    }
    let cut: String = text.chars().take(max_chars).collect();
    match cut.rfind(char::is_whitespace) {
        Some(i) => format!("{}…", cut[..i].trim_end()),
        None => format!("{cut}…"),
    }
}

pub(crate) fn read_item(
    searcher: &Searcher,
    generation: &Generation,
    address: DocAddress,
) -> tantivy::Result<Item> {
    let doc: TantivyDocument = searcher.doc(address)?;
    item_of(generation, &doc)
}

/// The item a stored document holds.
fn item_of(generation: &Generation, doc: &TantivyDocument) -> tantivy::Result<Item> {
    let json = doc
        .get_first(generation.fields.item)
        .and_then(|v| v.as_str())
        .unwrap_or("{}");
    serde_json::from_str(json).map_err(|e| {
        tantivy::TantivyError::InternalError(format!("stored item does not parse: {e}"))
    })
}

/// The values of one dimension in facet counts, without their counts.
pub fn values_of(
    facets: &BTreeMap<Dimension, Vec<FacetCount>>,
    dimension: Dimension,
) -> std::collections::BTreeSet<String> {
    facets
        .get(&dimension)
        .into_iter()
        .flatten()
        .map(|facet| facet.value.clone())
        .collect()
}

/// Every facet value of the whole index with its count (names, themes, series, years, ...).
pub fn all_facets(
    generation: &Generation,
) -> tantivy::Result<BTreeMap<Dimension, Vec<FacetCount>>> {
    let searcher = generation.reader.searcher();
    count_facets(&generation.facet_names, &searcher, &AllQuery, None)
}

/// One item by id, from the index.
pub fn get_item(generation: &Generation, id: &str) -> tantivy::Result<Option<Item>> {
    Ok(records::get(generation, id)?.map(|record| record.item))
}
