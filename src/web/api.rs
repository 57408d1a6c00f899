//! The JSON API: `/api/search` and `/api/items/{id}`. The JSON shapes live here and only here;
//! the CLI's `--json` prints the same documents.

use std::collections::BTreeMap;
use std::ops::Range;

use axum::extract::{Path, RawQuery, State};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde::Serialize;

use super::error::WebError;
use super::i18n::Ui;
use super::params::SearchParams;
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
}

#[derive(Debug, Serialize)]
pub struct SearchResponse {
    pub total: usize,
    pub hits: Vec<HitJson>,
    pub facets: BTreeMap<&'static str, Vec<FacetCount>>,
    pub warnings: Vec<String>,
    /// `relevance`, `newest` or `oldest`.
    pub sort: Sort,
    /// The filters in force (the parameters' plus the query's prefixes).
    pub filters: FiltersJson,
    /// When nothing matched: the query respelled so that it does match.
    pub suggestion: Option<String>,
    /// When nothing matched with filters: how many items the words find without them.
    pub without_filters: Option<usize>,
}

#[derive(Debug, Serialize)]
pub struct FiltersJson {
    pub speaker: Vec<String>,
    pub year: Option<String>,
    pub theme: Vec<String>,
    pub series: Vec<String>,
    pub kind: Vec<String>,
    pub language: Vec<String>,
}

/// A paragraph where the query matched, and the link to it.
#[derive(Debug, Serialize)]
pub struct PassageJson {
    /// `p-12` or `t=12:40`.
    pub anchor: String,
    /// `12:40` in a timed transcript.
    pub time: Option<String>,
    pub text: String,
    /// `[start, end)` in characters of `text`.
    pub highlights: Vec<[usize; 2]>,
    /// `/items/{id}#p-12`.
    pub url: String,
}

#[derive(Debug, Serialize)]
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
    pub highlights: Vec<[usize; 2]>,
    pub url: String,
    /// Why it matched: `title`, `speaker`, `theme`, `series`, `summary`, `text`.
    pub matched: Vec<Matched>,
    /// Up to three passages that link to the paragraph.
    pub passages: Vec<PassageJson>,
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
                        })
                        .collect(),
                })
                .collect(),
            facets: results.facets.clone(),
            warnings: results.warnings.iter().map(|w| w.message("en")).collect(),
            sort: results.sort,
            filters: FiltersJson {
                speaker: results.filters.speakers.clone(),
                year: results.filters.years.map(|y| y.to_string()),
                theme: results.filters.themes.clone(),
                series: results.filters.series.clone(),
                kind: results.filters.kinds.clone(),
                language: results.filters.languages.clone(),
            },
            suggestion: results.suggestion.clone(),
            without_filters: results.without_filters,
        }
    }
}

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

pub async fn item(State(state): State<AppState>, Path(id): Path<String>) -> Response {
    match state.item(id).await {
        Ok(Some(item)) => Json::<Item>(item).into_response(),
        Ok(None) => WebError::NotFound.json(),
        Err(e) => e.json(),
    }
}

/// The most suggestions `/api/suggest` gives.
pub const SUGGESTIONS: usize = 8;

#[derive(Debug, Serialize)]
pub struct SuggestResponse {
    pub q: String,
    pub suggestions: Vec<SuggestionJson>,
}

#[derive(Debug, Serialize)]
pub struct SuggestionJson {
    /// `speaker`, `theme` or `series`.
    #[serde(rename = "type")]
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
