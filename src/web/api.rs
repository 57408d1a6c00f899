//! The JSON API: `/api/search`, `/api/items/{id}`, `/api/suggest` and `/api/quotes`
//! (`quotes_api`). The JSON shapes live here
//! and only here; the CLI's `--json` prints the same documents. The shapes and handlers carry
//! `utoipa` annotations, from which `openapi` builds the OpenAPI document.

use std::collections::BTreeMap;
use std::ops::Range;

use axum::extract::{Path, RawQuery, State};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde::Serialize;
use utoipa::{IntoParams, ToSchema};

use super::error::WebError;
use super::i18n::Ui;
use super::params::SearchParams;
use super::quotes_api::{people_json, quotes_json, PassageQuoteJson, PersonJson, QuoteJson};
use super::AppState;
use crate::archive::Item;
use crate::search::suggest::{suggest as suggestions, Suggestion};
use crate::search::{FacetCount, Matched, SearchResults, Sort};

/// The JSON API routes.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/search", get(search))
        .route("/api/items/{id}", get(item))
        .route("/api/suggest", get(suggest))
        .route("/api/quotes", get(super::quotes_api::quotes))
}

/// One page of search results.
#[derive(Debug, Serialize, ToSchema)]
pub struct SearchResponse {
    pub total: usize,
    pub hits: Vec<HitJson>,
    /// Per dimension (`speaker`, `person`, `quoted`, `mentioned`, `year`, `theme`, `series`,
    /// `kind`, `language`): values with counts. `person` is anyone in an item; `quoted` and
    /// `mentioned` count the people with that role.
    #[schema(value_type = BTreeMap<String, Vec<FacetJson>>)]
    pub facets: BTreeMap<&'static str, Vec<FacetCount>>,
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

/// An error: what went wrong and how to fix it.
#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorJson {
    pub error: String,
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

/// The query parameters of `/api/search` (the handler reads them with `SearchParams`).
#[derive(Debug, IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub struct SearchQuery {
    /// Words, "phrases", -exclusions, prefixes such as `spreker:` and `jaar:2018..2022`;
    /// `citaat:` (or `quote:`) searches a word or phrase within quotations only.
    #[param(example = "sociaal werk")]
    q: Option<String>,
    /// Only items with this speaker (repeat for any of several).
    #[param(example = "Herman de Mönnink")]
    speaker: Option<Vec<String>>,
    /// Only items with this person in them: speaker, quoted or mentioned (repeat for any).
    person: Option<Vec<String>>,
    /// Only items with a quotation of this person (repeat for any).
    quoted: Option<Vec<String>>,
    /// A year or a range (repeat for any of several).
    #[param(example = "2018..2024")]
    year: Option<Vec<String>>,
    /// Only items with this theme (repeat for any of several).
    #[param(example = "sociaal werk")]
    theme: Option<Vec<String>>,
    /// Only items in this series (repeat for any of several).
    series: Option<Vec<String>>,
    /// Only items of this kind.
    #[param(example = "lecture")]
    kind: Option<Vec<String>>,
    /// Only items in this language (`nl`, `en`).
    lang: Option<Vec<String>>,
    /// relevance (default), newest or oldest.
    #[param(example = "newest")]
    sort: Option<String>,
    /// The page, from 1 (past the last page: no hits, the total still counted).
    #[param(example = 1, minimum = 1)]
    page: Option<usize>,
    /// Results per page, from 1 to 100 (default 10).
    #[param(example = 5, minimum = 1, maximum = 100)]
    limit: Option<usize>,
    /// Values per facet dimension, the most frequent first, from 1 to 1000 (default 20);
    /// years are always all.
    #[param(example = 50, minimum = 1, maximum = 1000)]
    facets: Option<usize>,
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

/// Searches: the same parameters as the `/search` page.
#[utoipa::path(
    get,
    path = "/api/search",
    params(SearchQuery),
    responses(
        (status = 200, description = "The results", body = SearchResponse),
        (status = 400, description = "A parameter has a bad value", body = ErrorJson),
        (status = 503, description = "The index is not ready yet", body = ErrorJson),
    )
)]
pub async fn search(State(state): State<AppState>, RawQuery(raw): RawQuery) -> Response {
    let params = match SearchParams::parse(raw.as_deref()) {
        Ok(params) => params,
        Err(why) => return WebError::BadRequest(why).json(),
    };
    match state.search(params.request()).await {
        Ok(results) => Json(SearchResponse::new(&results)).into_response(),
        Err(e) => e.json(),
    }
}

/// One item with its full text.
#[utoipa::path(
    get,
    path = "/api/items/{id}",
    params(("id" = String, Path, description = "The item id", example = "marie-kamphuis-lezing-2022-de-monnink")),
    responses(
        (status = 200, description = "The item", body = ItemJson),
        (status = 404, description = "No item has this id", body = ErrorJson),
        (status = 503, description = "The index is not ready yet", body = ErrorJson),
    )
)]
pub async fn item(State(state): State<AppState>, Path(id): Path<String>) -> Response {
    match state.item(id).await {
        Ok(Some(item)) => Json(ItemJson::from(item)).into_response(),
        Ok(None) => WebError::NotFound.json(),
        Err(e) => e.json(),
    }
}

/// The most suggestions `/api/suggest` gives.
pub const SUGGESTIONS: usize = 8;

/// Completions for what was typed.
#[derive(Debug, Serialize, ToSchema)]
pub struct SuggestResponse {
    pub q: String,
    pub suggestions: Vec<SuggestionJson>,
}

/// One completion: a speaker, theme or series.
#[derive(Debug, Serialize, ToSchema)]
pub struct SuggestionJson {
    /// `speaker`, `theme` or `series`.
    #[serde(rename = "type")]
    #[schema(value_type = String)]
    pub dimension: &'static str,
    pub value: String,
    pub count: u64,
    /// What to put in the search box: `spreker:"Herman de Mönnink"` (`speaker:` with `ui=en`).
    pub query: String,
    /// `Herman de Mönnink (sprekers, 3)`.
    pub label: String,
    /// The value's own page.
    pub url: String,
}

fn suggestion_json(ui: Ui, s: Suggestion) -> SuggestionJson {
    let (prefix, base) = match (s.dimension, ui) {
        ("speaker", Ui::Nl) => ("spreker", "speakers"),
        ("speaker", Ui::En) => ("speaker", "speakers"),
        ("theme", Ui::Nl) => ("thema", "themes"),
        ("theme", Ui::En) => ("theme", "themes"),
        (_, Ui::Nl) => ("serie", "series"),
        (_, Ui::En) => ("series", "series"),
    };
    let query = if s.value.contains(char::is_whitespace) {
        format!("{prefix}:\"{}\"", s.value)
    } else {
        format!("{prefix}:{}", s.value)
    };
    SuggestionJson {
        label: format!(
            "{} ({}, {})",
            s.value,
            ui.dimension(s.dimension).to_lowercase(),
            s.count
        ),
        url: format!("/{base}/{}", crate::archive::slug::slugify(&s.value)),
        query,
        dimension: s.dimension,
        value: s.value,
        count: s.count,
    }
}

/// `/api/suggest?q=monn`: speakers, themes and series whose name or a word of it starts with `q`.
#[utoipa::path(
    get,
    path = "/api/suggest",
    params(
        ("q" = Option<String>, Query, description = "What was typed", example = "monn"),
        ("ui" = Option<String>, Query, description = "`nl` (default) or `en`: the prefix language of `query`", example = "en"),
    ),
    responses(
        (status = 200, description = "Up to 8 completions", body = SuggestResponse),
        (status = 503, description = "The index is not ready yet", body = ErrorJson),
    )
)]
pub async fn suggest(State(state): State<AppState>, RawQuery(raw): RawQuery) -> Response {
    let pairs: Vec<(String, String)> =
        serde_urlencoded::from_str(raw.as_deref().unwrap_or("")).unwrap_or_default();
    let value = |key: &str| pairs.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone());
    let q = value("q").unwrap_or_default();
    let ui = Ui::choose(value("ui").as_deref(), None);
    let prefix = q.clone();
    match state
        .with_index(move |g| suggestions(g, &prefix, SUGGESTIONS))
        .await
    {
        Ok(found) => Json(SuggestResponse {
            q,
            suggestions: found.into_iter().map(|s| suggestion_json(ui, s)).collect(),
        })
        .into_response(),
        Err(e) => e.json(),
    }
}
