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
use super::params::SearchParams;
use super::AppState;
use crate::archive::Item;
use crate::search::{FacetCount, SearchResults};

/// The JSON API routes.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/search", get(search))
        .route("/api/items/{id}", get(item))
}

#[derive(Debug, Serialize)]
pub struct SearchResponse {
    pub total: usize,
    pub hits: Vec<HitJson>,
    pub facets: BTreeMap<&'static str, Vec<FacetCount>>,
    pub warnings: Vec<String>,
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
                })
                .collect(),
            facets: results.facets.clone(),
            warnings: results.warnings.iter().map(|w| w.message("en")).collect(),
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
