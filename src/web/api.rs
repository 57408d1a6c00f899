//! The JSON API: `/api/search`, `/api/items/{id}`, `/api/suggest` and `/api/quotes`
//! (`quotes_api`). The JSON shapes live here
//! and only here; the CLI's `--json` prints the same documents. The shapes and handlers carry
//! `utoipa` annotations, from which `openapi` builds the OpenAPI document.

use axum::extract::{Path, RawQuery, State};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde::Serialize;
use utoipa::{IntoParams, ToSchema};

use super::error::WebError;
use super::i18n::Ui;
use super::params::SearchParams;
use super::AppState;
use crate::index::Dimension;
use crate::search::suggest::{suggest as suggestions, titles, Suggestion, TitleSuggestion};
use crate::service::json::{ItemJson, SearchResponse};

/// The JSON API routes.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/search", get(search))
        .route("/api/items/{id}", get(item))
        .route("/api/suggest", get(suggest))
        .route("/api/quotes", get(super::quotes_api::quotes))
}

/// An error: what went wrong and how to fix it.
#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorJson {
    pub error: String,
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
/// Of those, the places kept for items found by their title (when there are any).
const TITLE_PLACES: usize = 3;

/// Completions for what was typed.
#[derive(Debug, Serialize, ToSchema)]
pub struct SuggestResponse {
    pub q: String,
    pub suggestions: Vec<SuggestionJson>,
}

/// One completion: a speaker, theme or series, or an item by its title.
#[derive(Debug, Serialize, ToSchema)]
pub struct SuggestionJson {
    /// `speaker`, `theme`, `series` or `title` (an item; its `url` is the item's page, where the
    /// search box's suggestions go when it is chosen).
    #[serde(rename = "type")]
    #[schema(value_type = String)]
    pub dimension: &'static str,
    pub value: String,
    /// How many items have it (1 for a title).
    pub count: u64,
    /// What to put in the search box: `spreker:"Herman de Mönnink"` (`speaker:` with `ui=en`);
    /// for a title, the title as a phrase.
    pub query: String,
    /// `Herman de Mönnink (sprekers, 3)`.
    pub label: String,
    /// The value's own page (the item's, for a title).
    pub url: String,
}

fn title_json(ui: Ui, s: TitleSuggestion) -> SuggestionJson {
    SuggestionJson {
        label: format!("{} ({}, {})", s.title, ui.pick("titel", "title"), s.year),
        url: format!("/items/{}", s.id),
        query: format!("\"{}\"", s.title.replace('"', " ")),
        dimension: "title",
        value: s.title,
        count: 1,
    }
}

fn suggestion_json(ui: Ui, s: Suggestion) -> SuggestionJson {
    let (prefix, base) = match (s.dimension, ui) {
        (Dimension::Speaker, Ui::Nl) => ("spreker", "speakers"),
        (Dimension::Speaker, Ui::En) => ("speaker", "speakers"),
        (Dimension::Theme, Ui::Nl) => ("thema", "themes"),
        (Dimension::Theme, Ui::En) => ("theme", "themes"),
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
        dimension: s.dimension.as_str(),
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
    // Speakers, themes and series first; at least three places left for titles, when found.
    let found = move |g: &crate::index::Generation| {
        let values = suggestions(g, &prefix, SUGGESTIONS)?;
        let room = SUGGESTIONS - values.len().min(SUGGESTIONS - TITLE_PLACES);
        let items = titles(g, &prefix, room)?;
        Ok((values, items))
    };
    match state.with_index(found).await {
        Ok((values, items)) => Json(SuggestResponse {
            q,
            suggestions: values
                .into_iter()
                .take(SUGGESTIONS - items.len())
                .map(|s| suggestion_json(ui, s))
                .chain(items.into_iter().map(|s| title_json(ui, s)))
                .collect(),
        })
        .into_response(),
        Err(e) => e.json(),
    }
}
