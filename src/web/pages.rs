//! HTML pages: home, search results, item, and the speaker, theme, series and year pages.
//!
//! Handlers extract, call one search function, and render; views are in this file's lower half
//! and in `views`.

use axum::extract::{Path, RawQuery, State};
use axum::http::HeaderMap;
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use maud::{html, Markup, PreEscaped};

use super::error::WebError;
use super::i18n::Ui;
use super::params::{SearchParams, PAGE_SIZE};
use super::views::{highlighted, item_list, item_meta, layout, ui_url};
use super::AppState;
use crate::archive::markdown::to_html;
use crate::archive::slug::slugify;
use crate::archive::Item;
use crate::index::FACETS;
use crate::search::{Filters, SearchRequest, SearchResults, Sort, YearRange};

/// The public pages.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/", get(home))
        .route("/search", get(search))
        .route("/items/{id}", get(item))
        .route("/speakers/{slug}", get(speaker))
        .route("/themes/{slug}", get(theme))
        .route("/series/{slug}", get(series))
        .route("/years/{year}", get(year))
}

pub fn ui_of(headers: &HeaderMap, raw: Option<&str>) -> Ui {
    let explicit = raw.and_then(|raw| {
        serde_urlencoded::from_str::<Vec<(String, String)>>(raw)
            .ok()?
            .into_iter()
            .find(|(k, _)| k == "ui")
            .map(|(_, v)| v)
    });
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
    let params = match SearchParams::parse(raw.as_deref()) {
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

pub async fn item(
    State(state): State<AppState>,
    Path(id): Path<String>,
    headers: HeaderMap,
    RawQuery(raw): RawQuery,
) -> Response {
    let ui = ui_of(&headers, raw.as_deref());
    match state.item(id.clone()).await {
        Ok(Some(item)) => page(item_view(
            ui,
            &item,
            &switch_url(&format!("/items/{id}"), raw.as_deref(), ui),
        )),
        Ok(None) => WebError::NotFound.page(ui),
        Err(e) => e.page(ui),
    }
}

/// A browse page: every item with one facet value, newest first.
async fn browse(
    state: AppState,
    ui: Ui,
    path: String,
    raw: Option<String>,
    filters: Filters,
    dimension: &'static str,
    key: String,
) -> Response {
    let request = SearchRequest {
        filters,
        sort: Sort::Newest,
        limit: 100,
        ..SearchRequest::default()
    };
    match state.search(request).await {
        Ok(results) if results.total == 0 => WebError::NotFound.page(ui),
        Ok(results) => {
            let name = display_name(&results, dimension, &key);
            page(browse_view(
                ui,
                dimension,
                &name,
                &results,
                &switch_url(&path, raw.as_deref(), ui),
            ))
        }
        Err(e) => e.page(ui),
    }
}

pub async fn speaker(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    headers: HeaderMap,
    RawQuery(raw): RawQuery,
) -> Response {
    let ui = ui_of(&headers, raw.as_deref());
    let filters = Filters {
        speakers: vec![slug.clone()],
        ..Filters::default()
    };
    browse(
        state,
        ui,
        format!("/speakers/{slug}"),
        raw,
        filters,
        "speaker",
        slug,
    )
    .await
}

pub async fn theme(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    headers: HeaderMap,
    RawQuery(raw): RawQuery,
) -> Response {
    let ui = ui_of(&headers, raw.as_deref());
    let filters = Filters {
        themes: vec![slug.clone()],
        ..Filters::default()
    };
    browse(
        state,
        ui,
        format!("/themes/{slug}"),
        raw,
        filters,
        "theme",
        slug,
    )
    .await
}

pub async fn series(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    headers: HeaderMap,
    RawQuery(raw): RawQuery,
) -> Response {
    let ui = ui_of(&headers, raw.as_deref());
    let filters = Filters {
        series: vec![slug.clone()],
        ..Filters::default()
    };
    browse(
        state,
        ui,
        format!("/series/{slug}"),
        raw,
        filters,
        "series",
        slug,
    )
    .await
}

pub async fn year(
    State(state): State<AppState>,
    Path(year): Path<String>,
    headers: HeaderMap,
    RawQuery(raw): RawQuery,
) -> Response {
    let ui = ui_of(&headers, raw.as_deref());
    let Some(range) = YearRange::parse(&year).filter(|r| r.from == r.to) else {
        return WebError::NotFound.page(ui);
    };
    let filters = Filters {
        years: Some(range),
        ..Filters::default()
    };
    browse(
        state,
        ui,
        format!("/years/{year}"),
        raw,
        filters,
        "year",
        year,
    )
    .await
}

pub async fn not_found(headers: HeaderMap, RawQuery(raw): RawQuery) -> Response {
    WebError::NotFound.page(ui_of(&headers, raw.as_deref()))
}

/// The name as written in the archive for a slug (`herman-de-monnink` -> `Herman de Mönnink`).
fn display_name(results: &SearchResults, dimension: &str, key: &str) -> String {
    results
        .facets
        .get(dimension)
        .and_then(|values| values.iter().find(|v| slugify(&v.value) == slugify(key)))
        .map(|v| v.value.clone())
        .unwrap_or_else(|| key.to_string())
}

/// The page path for a facet value, if the dimension has pages.
fn facet_page(dimension: &str, value: &str) -> Option<String> {
    let base = match dimension {
        "speaker" => "speakers",
        "theme" => "themes",
        "series" => "series",
        "year" => "years",
        _ => return None,
    };
    Some(format!(
        "/{base}/{}",
        if dimension == "year" {
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
                @for dimension in ["speaker", "year", "theme", "series"] {
                    @if let Some(values) = results.facets.get(dimension) {
                        section.facets aria-labelledby=(format!("browse-{dimension}")) {
                            h3 #(format!("browse-{dimension}")) { (ui.dimension(dimension)) }
                            ul {
                                @for value in values.iter().take(12) {
                                    @if let Some(path) = facet_page(dimension, &value.value) {
                                        li { a href=(ui_url(&path, ui)) { span { (value.value) } span.count { (value.count) } } }
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

fn search_view(ui: Ui, params: &SearchParams, results: &SearchResults, switch: &str) -> Markup {
    let t = ui.t();
    let link = |p: SearchParams| ui_url(&p.url(), ui);
    let pages = results
        .total
        .div_ceil(params.limit.unwrap_or(PAGE_SIZE))
        .min(super::params::MAX_PAGE);
    let title = if params.q.is_empty() {
        t.results.to_string()
    } else {
        format!("{} – {}", params.q, t.results)
    };
    layout(
        ui,
        &title,
        &params.q,
        switch,
        html! {
            div.layout {
                aside.facets aria-label=(t.filters) {
                    @for dimension in FACETS {
                        @if let Some(values) = results.facets.get(dimension).filter(|v| !v.is_empty()) {
                            h2 #(format!("facet-{dimension}")) { (ui.dimension(dimension)) }
                            ul aria-labelledby=(format!("facet-{dimension}")) {
                                @for value in values.iter().take(15) {
                                    @let selected = params.is_selected(dimension, &value.value);
                                    li {
                                        a href=(link(params.toggled(dimension, &value.value))) aria-current=(if selected { "true" } else { "false" }) {
                                            span { (ui.value(dimension, &value.value)) }
                                            span.count { (value.count) }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
                section aria-labelledby="results-heading" {
                    h1 #results-heading { (t.results) }
                    @if !results.warnings.is_empty() {
                        div.warnings role="status" {
                            strong { (t.hints) ": " }
                            @for warning in &results.warnings { span { (warning.message(ui.code())) " " } }
                        }
                    }
                    (active_filters(ui, params))
                    p role="status" { ((t.result_count)(results.total)) }
                    @if results.total > 1 {
                        p.sort { (t.sort) ": "
                            @for (i, sort) in [Sort::Relevance, Sort::Newest, Sort::Oldest].into_iter().enumerate() {
                                @if i > 0 { " · " }
                                @if params.sort == sort { strong { (t.sorts[i]) } }
                                @else { a href=(link(params.with_sort(sort))) { (t.sorts[i]) } }
                            }
                        }
                    }
                    @if results.total == 0 {
                        p { (t.no_results) }
                        @if !params.filters.is_empty() {
                            p { a href=(link(params.without_filters())) { (t.try_without_filters) } }
                        }
                    }
                    ol.results {
                        @for hit in &results.hits {
                            li {
                                h3 { a href=(ui_url(&format!("/items/{}", hit.item.id), ui)) { (highlighted(&hit.item.title, &hit.title_highlights)) } }
                                (item_meta(ui, &hit.item))
                                p.snippet { (highlighted(&hit.snippet, &hit.highlights)) }
                            }
                        }
                    }
                    @if pages > 1 {
                        nav.pager aria-label=(t.page) {
                            @if params.page > 1 { a rel="prev" href=(link(params.with_page(params.page - 1))) { (t.previous) } }
                            span { (t.page) " " (params.page) " / " (pages) }
                            @if params.page < pages { a rel="next" href=(link(params.with_page(params.page + 1))) { (t.next) } }
                        }
                    }
                }
            }
        },
    )
}

fn active_filters(ui: Ui, params: &SearchParams) -> Markup {
    let t = ui.t();
    html! {
        @if !params.filters.is_empty() {
            p.active {
                (t.filters) ": "
                @for dimension in ["speaker", "theme", "series", "kind", "language"] {
                    @for value in params.filters.values(dimension) {
                        a href=(ui_url(&params.toggled(dimension, value).url(), ui)) aria-label=(format!("{} {}", t.remove_filter, value)) {
                            (ui.dimension(dimension)) ": " (ui.value(dimension, value)) " ✕"
                        }
                    }
                }
                @if let Some(years) = params.filters.years {
                    a href=(ui_url(&params.toggled("year", &years.to_string()).url(), ui)) aria-label=(format!("{} {}", t.remove_filter, years)) {
                        (t.years) ": " (years.to_string()) " ✕"
                    }
                }
                a href=(ui_url(&params.without_filters().url(), ui)) { (t.clear_filters) }
            }
        }
    }
}

fn item_view(ui: Ui, item: &Item, switch: &str) -> Markup {
    let t = ui.t();
    layout(
        ui,
        &item.title,
        "",
        switch,
        html! {
            article lang=(item.language.code()) {
                h1 { (item.title) }
                (item_meta(ui, item))
                dl.props {
                    dt { (t.date) } dd { time datetime=(item.date.to_string()) { (ui.date(&item.date)) } " · " a href=(ui_url(&format!("/years/{}", item.year()), ui)) { (item.year()) } }
                    @if !item.themes.is_empty() {
                        dt { (t.themes) }
                        dd { @for (i, theme) in item.themes.iter().enumerate() { @if i > 0 { ", " } a href=(ui_url(&format!("/themes/{}", slugify(theme)), ui)) { (theme) } } }
                    }
                    @if let Some(event) = &item.event { dt { (t.event) } dd { (event) } }
                    @if let Some(organisation) = &item.organisation { dt { (t.organisation) } dd { (organisation) } }
                    dt { (t.language) } dd { (ui.value("language", item.language.code())) }
                    @if let Some(source) = &item.source {
                        dt { (t.source) }
                        dd { @if let Some(url) = item.url.as_ref().filter(|u| u.starts_with("http://") || u.starts_with("https://")) { a href=(url) { (source) } } @else { (source) } }
                    }
                }
                @if let Some(summary) = &item.summary { h2 { (t.summary) } p { (summary) } }
                h2 { (t.text) }
                div.item-body { (PreEscaped(to_html(&item.body))) }
            }
        },
    )
}

fn browse_view(
    ui: Ui,
    dimension: &str,
    name: &str,
    results: &SearchResults,
    switch: &str,
) -> Markup {
    let items: Vec<Item> = results.hits.iter().map(|h| h.item.clone()).collect();
    let t = ui.t();
    layout(
        ui,
        name,
        "",
        switch,
        html! {
            p.meta { (ui.dimension(dimension)) }
            h1 { (name) }
            p { ((t.result_count)(results.total)) }
            (item_list(ui, &items))
        },
    )
}
