//! HTML pages: home, search results, item, and the speaker, theme, series and year pages.
//!
//! Handlers extract, call one search function, and render; views are in this file's lower half
//! and in `views`.

use axum::extract::{RawQuery, State};
use axum::http::HeaderMap;
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use maud::{html, Markup};

use super::error::WebError;
use super::i18n::Ui;
use super::params::SearchParams;
use super::results::search_view;
use super::views::{item_list, layout, ui_url};
use super::AppState;
use crate::archive::slug::slugify;
use crate::archive::Item;
use crate::index::Dimension;
use crate::search::{SearchRequest, SearchResults, Sort};

/// The public pages.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/", get(home))
        .route("/search", get(search))
        .route("/items/{id}", get(super::item_page::item))
}

/// The first value of one parameter of a raw query string.
pub fn query_param(raw: Option<&str>, key: &str) -> Option<String> {
    serde_urlencoded::from_str::<Vec<(String, String)>>(raw?)
        .ok()?
        .into_iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v)
}

pub fn ui_of(headers: &HeaderMap, raw: Option<&str>) -> Ui {
    let explicit = query_param(raw, "ui");
    let accept = headers.get("accept-language").and_then(|v| v.to_str().ok());
    Ui::choose(explicit.as_deref(), accept)
}

/// The link that shows the same page in the other interface language.
pub fn switch_url(path: &str, raw: Option<&str>, ui: Ui) -> String {
    let mut pairs: Vec<(String, String)> = raw
        .and_then(|r| serde_urlencoded::from_str(r).ok())
        .unwrap_or_default();
    pairs.retain(|(k, _)| k != "ui");
    pairs.push(("ui".into(), ui.other().code().into()));
    format!(
        "{path}?{}",
        serde_urlencoded::to_string(pairs).unwrap_or_default()
    )
}

pub fn page(markup: Markup) -> Response {
    Html(markup.into_string()).into_response()
}

pub async fn home(
    State(state): State<AppState>,
    headers: HeaderMap,
    RawQuery(raw): RawQuery,
) -> Response {
    let ui = ui_of(&headers, raw.as_deref());
    let request = SearchRequest {
        sort: Sort::Newest,
        limit: 8,
        ..SearchRequest::default()
    };
    match state.search(request).await {
        Ok(results) => page(home_view(
            ui,
            &results,
            &switch_url("/", raw.as_deref(), ui),
        )),
        Err(e) => e.page(ui),
    }
}

pub async fn search(
    State(state): State<AppState>,
    headers: HeaderMap,
    RawQuery(raw): RawQuery,
) -> Response {
    let ui = ui_of(&headers, raw.as_deref());
    let params = match SearchParams::parse_in(raw.as_deref(), ui) {
        Ok(params) => params,
        Err(why) => return WebError::BadRequest(why).page(ui),
    };
    match state.search(params.request()).await {
        Ok(results) => page(search_view(
            ui,
            &params,
            &results,
            &switch_url("/search", raw.as_deref(), ui),
        )),
        Err(e) => e.page(ui),
    }
}

pub async fn not_found(headers: HeaderMap, RawQuery(raw): RawQuery) -> Response {
    WebError::NotFound.page(ui_of(&headers, raw.as_deref()))
}

/// The page path for a facet value, if the dimension has pages.
fn facet_page(dimension: Dimension, value: &str) -> Option<String> {
    let base = match dimension {
        Dimension::Speaker => "speakers",
        Dimension::Theme => "themes",
        Dimension::Series => "series",
        Dimension::Year => "years",
        _ => return None,
    };
    Some(format!(
        "/{base}/{}",
        if dimension == Dimension::Year {
            value.to_string()
        } else {
            slugify(value)
        }
    ))
}

fn home_view(ui: Ui, results: &SearchResults, switch: &str) -> Markup {
    let t = ui.t();
    let recent: Vec<Item> = results.hits.iter().map(|h| h.item.clone()).collect();
    layout(
        ui,
        t.tagline,
        "",
        switch,
        html! {
            h1 { (t.tagline) }
            p.meta { (t.syntax_help) }
            h2 { (t.browse) }
            div.browse {
                @for dimension in [Dimension::Speaker, Dimension::Year, Dimension::Theme, Dimension::Series] {
                    @if let Some(values) = results.facets.get(&dimension) {
                        section.facets aria-labelledby=(format!("browse-{dimension}")) {
                            h3 #(format!("browse-{dimension}")) { (ui.dimension(dimension)) }
                            ul {
                                @for value in values.iter().take(12) {
                                    @if let Some(path) = facet_page(dimension, &value.value) {
                                        @let name = match dimension {
                                            Dimension::Theme => crate::search::themes::label(&results.themes, &value.value, ui.code()),
                                            _ => &value.value,
                                        };
                                        li { a href=(ui_url(&path, ui)) { span { (name) } span.count { (ui.number(value.count)) } } }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            h2 { (t.recent) }
            (item_list(ui, &recent))
        },
    )
}
