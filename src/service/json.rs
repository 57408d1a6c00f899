//! The JSON shapes of search results and items, shared by the HTTP API (`web::api`) and
//! `lectern search --json`, so both print exactly the same thing. Data only: no HTTP.

use std::collections::BTreeMap;
use std::ops::Range;

use serde::Serialize;
use utoipa::ToSchema;

use crate::archive::quotes::{Attributions, ItemQuote};
use crate::archive::Item;
use crate::index::Dimension;
use crate::search::{FacetCount, Matched, SearchResults, Sort};

/// Values per facet dimension in a search answer unless the request asks for another number.
pub const FACET_VALUES: usize = 20;

/// One page of search results.
#[derive(Debug, Serialize, ToSchema)]
pub struct SearchResponse {
    pub total: usize,
    pub hits: Vec<HitJson>,
    /// Per dimension (`speaker`, `person`, `quoted`, `mentioned`, `year`, `theme`, `series`,
    /// `kind`, `language`): values with counts. `person` is anyone in an item; `quoted` and
    /// `mentioned` count the people with that role.
    #[schema(value_type = BTreeMap<String, Vec<FacetJson>>)]
    pub facets: BTreeMap<Dimension, Vec<FacetCount>>,
    pub warnings: Vec<String>,
    /// `relevance`, `newest` or `oldest`.
    #[schema(value_type = String)]
    pub sort: Sort,
    /// The filters in force (the parameters' plus the query's prefixes).
    pub filters: FiltersJson,
    /// When nothing matched: the query respelled so that it does match.
    pub suggestion: Option<String>,
    /// When nothing matched with filters: how many items the words find without them.
    pub without_filters: Option<usize>,
    /// Theme terms searched as well (the other language of a theme in the query).
    pub also_searched: Vec<String>,
}

/// The filters in force.
#[derive(Debug, Serialize, ToSchema)]
pub struct FiltersJson {
    pub speaker: Vec<String>,
    /// Anyone in the item: speaker, quoted or mentioned.
    pub person: Vec<String>,
    /// Someone with a quotation in the item.
    pub quoted: Vec<String>,
    /// The years or ranges, any of which an item may have: `2019,2022..2024`.
    pub year: Option<String>,
    pub theme: Vec<String>,
    pub series: Vec<String>,
    pub kind: Vec<String>,
    pub language: Vec<String>,
}

/// A paragraph where the query matched, and the link to it.
#[derive(Debug, Serialize, ToSchema)]
pub struct PassageJson {
    /// `p-12` or `t=12:40`.
    pub anchor: String,
    /// `12:40` in a timed transcript.
    pub time: Option<String>,
    pub text: String,
    /// `[start, end)` in characters of `text`.
    #[schema(value_type = Vec<Vec<usize>>)]
    pub highlights: Vec<[usize; 2]>,
    /// `/items/{id}#p-12`.
    pub url: String,
    /// When a matched word is inside a quotation: the quotation and whose it is.
    pub quote: Option<PassageQuoteJson>,
}

/// One search result.
#[derive(Debug, Serialize, ToSchema)]
pub struct HitJson {
    pub id: String,
    pub title: String,
    pub date: String,
    pub year: u16,
    pub kind: String,
    pub language: String,
    pub speakers: Vec<String>,
    pub themes: Vec<String>,
    pub series: Option<String>,
    pub snippet: String,
    /// `[start, end)` in characters (Unicode scalar values) of `snippet`.
    #[schema(value_type = Vec<Vec<usize>>)]
    pub highlights: Vec<[usize; 2]>,
    pub url: String,
    /// Why it matched: `title`, `speaker`, `theme`, `series`, `summary`, `text`.
    #[schema(value_type = Vec<String>)]
    pub matched: Vec<Matched>,
    /// Up to three passages that link to the paragraph.
    pub passages: Vec<PassageJson>,
    /// It has a word of the query only in a near spelling (one typo away); such hits come
    /// after every exact one.
    pub approximate: bool,
}

/// A facet value and how many results it has (the shape of `search::FacetCount`).
#[derive(Debug, Serialize, ToSchema)]
pub struct FacetJson {
    pub value: String,
    pub count: u64,
}

/// One item with its full text.
#[derive(Debug, Serialize, ToSchema)]
pub struct ItemJson {
    pub id: String,
    /// The file, relative to the archive folder.
    pub path: String,
    pub title: String,
    /// `YYYY-MM-DD`, `YYYY-MM` or `YYYY`.
    pub date: String,
    /// lecture, report, essay, interview, panel or other.
    pub kind: String,
    pub speakers: Vec<SpeakerJson>,
    pub themes: Vec<String>,
    pub series: Option<String>,
    pub event: Option<String>,
    pub organisation: Option<String>,
    /// `nl` or `en`.
    pub language: String,
    /// Whether the language was detected rather than given in the file.
    pub language_detected: bool,
    pub source: Option<String>,
    pub url: Option<String>,
    pub summary: Option<String>,
    /// The text, in Markdown.
    pub body: String,
    /// The quotations in the text, each with whose it is (found at index time; the
    /// archivist's corrections in the front matter win).
    pub quotes: Vec<QuoteJson>,
    /// Everyone in the item: speakers, people quoted, people mentioned.
    pub people: Vec<PersonJson>,
}

/// A speaker and their role in the item.
#[derive(Debug, Serialize, ToSchema)]
pub struct SpeakerJson {
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// The spelling in the file, when the archive maps it to this (canonical) name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub as_written: Option<String>,
}

impl From<Item> for ItemJson {
    fn from(item: Item) -> ItemJson {
        ItemJson {
            quotes: quotes_json(&item.id, &item.attributions),
            people: people_json(&item.attributions),
            date: item.date.to_string(),
            kind: item.kind.as_str().to_string(),
            language: item.language.code().to_string(),
            speakers: item
                .speakers
                .into_iter()
                .map(|s| SpeakerJson {
                    name: s.name,
                    role: s.role,
                    as_written: s.as_written,
                })
                .collect(),
            id: item.id,
            path: item.path,
            title: item.title,
            themes: item.themes,
            series: item.series,
            event: item.event,
            organisation: item.organisation,
            language_detected: item.language_detected,
            source: item.source,
            url: item.url,
            summary: item.summary,
            body: item.body,
        }
    }
}

/// Byte ranges to character ranges, so that clients in any language can use them.
pub fn char_ranges(text: &str, ranges: &[Range<usize>]) -> Vec<[usize; 2]> {
    ranges
        .iter()
        .filter(|r| {
            r.end <= text.len() && text.is_char_boundary(r.start) && text.is_char_boundary(r.end)
        })
        .map(|r| {
            let start = text[..r.start].chars().count();
            [start, start + text[r.clone()].chars().count()]
        })
        .collect()
}

impl SearchResponse {
    pub fn new(results: &SearchResults) -> SearchResponse {
        SearchResponse {
            total: results.total,
            hits: results
                .hits
                .iter()
                .map(|hit| HitJson {
                    id: hit.item.id.clone(),
                    title: hit.item.title.clone(),
                    date: hit.item.date.to_string(),
                    year: hit.item.year(),
                    kind: hit.item.kind.to_string(),
                    language: hit.item.language.to_string(),
                    speakers: hit.item.speaker_names().map(str::to_string).collect(),
                    themes: hit.item.themes.clone(),
                    series: hit.item.series.clone(),
                    snippet: hit.snippet.clone(),
                    highlights: char_ranges(&hit.snippet, &hit.highlights),
                    url: format!("/items/{}", hit.item.id),
                    matched: hit.matched.clone(),
                    passages: hit
                        .passages
                        .iter()
                        .map(|p| PassageJson {
                            anchor: p.anchor.clone(),
                            time: p.time.clone(),
                            text: p.text.clone(),
                            highlights: char_ranges(&p.text, &p.highlights),
                            url: format!("/items/{}#{}", hit.item.id, p.anchor),
                            quote: p.quote.as_ref().map(|q| PassageQuoteJson {
                                text: q.text.clone(),
                                speaker: q.speaker.clone(),
                            }),
                        })
                        .collect(),
                    approximate: hit.approximate,
                })
                .collect(),
            facets: results.facets.clone(),
            warnings: results.warnings.iter().map(|w| w.message("en")).collect(),
            sort: results.sort,
            filters: FiltersJson {
                speaker: results.filters.speakers.clone(),
                person: results.filters.people.clone(),
                quoted: results.filters.quoted.clone(),
                year: results.filters.years_text(),
                theme: results.filters.themes.clone(),
                series: results.filters.series.clone(),
                kind: results.filters.kinds.clone(),
                language: results.filters.languages.clone(),
            },
            suggestion: results.suggestion.clone(),
            without_filters: results.without_filters,
            also_searched: results.also_searched.clone(),
        }
    }
}

/// One quotation of an item.
#[derive(Debug, Serialize, ToSchema)]
pub struct QuoteJson {
    /// The words inside the quotation marks.
    pub text: String,
    /// Whose it is (the canonical name), when known.
    pub speaker: Option<String>,
    /// The attributing mention as written in the text ("hij", "De Mönnink").
    pub as_written: Option<String>,
    /// The speaker comes from the archivist's correction in the front matter.
    pub corrected: bool,
    /// The paragraph: `p-12` or `t=12:40`.
    pub anchor: String,
    /// `[start, end)` in characters of the paragraph's plain text, marks included; absent
    /// when the quotation runs over several paragraphs.
    #[schema(value_type = Option<Vec<usize>>)]
    pub chars: Option<[usize; 2]>,
    /// `/items/{id}#p-12`.
    pub url: String,
}

/// A person in an item and every part they have in it.
#[derive(Debug, Serialize, ToSchema)]
pub struct PersonJson {
    pub name: String,
    /// `speaker`, `quoted`, `mentioned`.
    pub roles: Vec<String>,
    /// `/people/{slug}`.
    pub url: String,
}

/// The quotation a search passage's match is in.
#[derive(Debug, Serialize, ToSchema)]
pub struct PassageQuoteJson {
    pub text: String,
    pub speaker: Option<String>,
}

pub fn quote_json(item_id: &str, quote: &ItemQuote) -> QuoteJson {
    QuoteJson {
        text: quote.text.clone(),
        speaker: quote.speaker.clone(),
        as_written: quote.as_written.clone(),
        corrected: quote.corrected,
        anchor: quote.anchor.clone(),
        chars: quote.chars.map(|(a, b)| [a, b]),
        url: format!("/items/{item_id}#{}", quote.anchor),
    }
}

pub fn quotes_json(item_id: &str, found: &Attributions) -> Vec<QuoteJson> {
    found
        .quotes
        .iter()
        .map(|q| quote_json(item_id, q))
        .collect()
}

pub fn people_json(found: &Attributions) -> Vec<PersonJson> {
    found
        .people
        .iter()
        .map(|p| PersonJson {
            name: p.name.clone(),
            roles: p.roles.iter().map(|r| r.as_str().to_string()).collect(),
            url: format!("/people/{}", crate::archive::slug::slugify(&p.name)),
        })
        .collect()
}
