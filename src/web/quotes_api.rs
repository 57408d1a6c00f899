//! Who said what in the JSON API: the quotation and person shapes of `/api/items/{id}` and
//! `/api/search` passages, and `/api/quotes?person=&q=&page=`: a person's quotations (or
//! quotations with given words), a page of items at a time, newest first.

use axum::extract::{RawQuery, State};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Serialize;
use utoipa::ToSchema;

use super::api::ErrorJson;
use super::error::WebError;
use super::params::MAX_FILTER_CHARS;
use super::AppState;
use crate::search::query::MAX_QUERY_CHARS;
use crate::search::quotes::{quotes as find_quotes, QuoteRequest};
use crate::service::json::{quote_json, QuoteJson};

/// Items per page of `/api/quotes` by default, and at most.
pub const QUOTE_ITEMS: usize = 20;
pub const MAX_QUOTE_ITEMS: usize = 50;

/// One page of `/api/quotes`.
#[derive(Debug, Serialize, ToSchema)]
pub struct QuotesResponse {
    /// The person's name as the archive has it (when `person` was given and found).
    pub person: Option<String>,
    pub q: String,
    pub page: usize,
    /// Items per page.
    pub limit: usize,
    /// Items with fitting quotations, over all pages.
    pub total_items: usize,
    pub items: Vec<QuoteItemJson>,
}

/// An item and its fitting quotations.
#[derive(Debug, Serialize, ToSchema)]
pub struct QuoteItemJson {
    pub id: String,
    pub title: String,
    pub date: String,
    pub url: String,
    pub quotes: Vec<QuoteJson>,
}

/// The parameters of `/api/quotes`, checked: a person or words (or both), a page, a page size.
fn quote_request(raw: Option<&str>) -> Result<QuoteRequest, String> {
    let pairs: Vec<(String, String)> = serde_urlencoded::from_str(raw.unwrap_or(""))
        .map_err(|_| "the query string is not valid URL encoding".to_string())?;
    let mut request = QuoteRequest {
        page: 1,
        items: QUOTE_ITEMS,
        ..QuoteRequest::default()
    };
    for (key, value) in pairs {
        let value = value.trim().to_string();
        match key.as_str() {
            "person" if !value.is_empty() => {
                if value.chars().count() > MAX_FILTER_CHARS {
                    return Err(format!(
                        "`person=` is too long: at most {MAX_FILTER_CHARS} characters"
                    ));
                }
                request.person = Some(value);
            }
            "q" => request.words = value.chars().take(MAX_QUERY_CHARS).collect(),
            "page" if !value.is_empty() => {
                request.page = value
                    .parse()
                    .ok()
                    .filter(|p| (1..=super::params::MAX_PAGE).contains(p))
                    .ok_or_else(|| {
                        format!(
                            "`page={value}` is not a page number from 1 to {}",
                            super::params::MAX_PAGE
                        )
                    })?
            }
            "limit" if !value.is_empty() => {
                request.items = value
                    .parse()
                    .ok()
                    .filter(|l| (1..=MAX_QUOTE_ITEMS).contains(l))
                    .ok_or_else(|| {
                        format!("`limit={value}` must be a number from 1 to {MAX_QUOTE_ITEMS}")
                    })?
            }
            _ => {}
        }
    }
    if request.person.is_none() && request.words.trim().is_empty() {
        return Err("give `person=` (a name), `q=` (words in the quotations) or both".into());
    }
    Ok(request)
}

/// Quotations: a person's (`person`), with words (`q`), or both; newest first (by relevance
/// with words), a page of items at a time, each with its fitting quotations.
#[utoipa::path(
    get,
    path = "/api/quotes",
    params(
        ("person" = Option<String>, Query, description = "A name (or its slug): only this person's quotations", example = "Herman de Mönnink"),
        ("q" = Option<String>, Query, description = "Words the quotations have (as `citaat:` in a search)", example = "continuïteit"),
        ("page" = Option<usize>, Query, description = "The page, from 1", minimum = 1, maximum = 1000),
        ("limit" = Option<usize>, Query, description = "Items per page, from 1 to 50 (default 20)", minimum = 1, maximum = 50),
    ),
    responses(
        (status = 200, description = "One page of quotations", body = QuotesResponse),
        (status = 400, description = "Neither a person nor words, or a bad parameter", body = ErrorJson),
        (status = 503, description = "The index is not ready yet", body = ErrorJson),
    )
)]
pub async fn quotes(State(state): State<AppState>, RawQuery(raw): RawQuery) -> Response {
    let request = match quote_request(raw.as_deref()) {
        Ok(request) => request,
        Err(why) => return WebError::BadRequest(why).json(),
    };
    let asked = request.clone();
    match state.with_index(move |g| find_quotes(g, &request)).await {
        Ok(found) => Json(QuotesResponse {
            person: found.person,
            q: asked.words,
            page: asked.page,
            limit: asked.items,
            total_items: found.total_items,
            items: found
                .items
                .into_iter()
                .map(|(item, quotes)| QuoteItemJson {
                    url: format!("/items/{}", item.id),
                    quotes: quotes.iter().map(|q| quote_json(&item.id, q)).collect(),
                    date: item.date.to_string(),
                    title: item.title,
                    id: item.id,
                })
                .collect(),
        })
        .into_response(),
        Err(e) => e.json(),
    }
}
