//! The browse pages: a speaker (every appearance with its role, name variants merged,
//! co-speakers, years active), a series as a chronology, a theme, and a year.
//!
//! Each handler runs one filtered search, newest first, and renders it.

use axum::extract::{Path, RawQuery, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::Router;
use maud::{html, Markup};

use super::error::WebError;
use super::i18n::Ui;
use super::pages::{page, query_param, switch_url, ui_of};
use super::structured;
use super::views::{self, item_list, layout_with_head, ui_url};
use super::AppState;
use crate::archive::slug::slugify;
use crate::archive::Item;
use crate::index::Dimension;
use crate::search::{self, Filters, SearchRequest, SearchResults, Sort, YearRange, MAX_LIMIT};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/speakers/{slug}", get(speaker))
        .route("/themes/{slug}", get(theme))
        .route("/series/{slug}", get(series))
        .route("/years/{year}", get(year))
}

/// What a browse page shows: the filtered items and the years the whole archive has.
pub(super) struct Browse {
    pub(super) results: SearchResults,
    all_years: Vec<u16>,
}

/// Items per browse page.
const BROWSE_PAGE: usize = MAX_LIMIT;

/// Runs the page's search: items that have exactly this value (the key, not the words of the
/// name: `/themes/zorg` does not list "informele zorg"), newest first, `page` (from 1) of them.
pub(super) async fn find(
    state: &AppState,
    filters: Filters,
    page: usize,
) -> Result<Browse, WebError> {
    state
        .with_index(move |generation| {
            let request = SearchRequest {
                filters,
                sort: Sort::Newest,
                offset: (page - 1) * BROWSE_PAGE,
                limit: BROWSE_PAGE,
                exact_values: true,
                // Co-speakers, themes and years of this value's own items.
                counts_as_filtered: true,
                ..SearchRequest::default()
            };
            let results = search::search(generation, &request)?;
            // A year page links on to the nearest years that have items.
            let mut all_years: Vec<u16> = if request.filters.years.is_some() {
                search::all_facets(generation)?[&Dimension::Year]
                    .iter()
                    .filter_map(|y| y.value.parse().ok())
                    .collect()
            } else {
                Vec::new()
            };
            all_years.sort();
            Ok(Browse { results, all_years })
        })
        .await
}

/// The `page` parameter of a browse page (from 1; anything else is page 1).
/// A page of the items with these values, or the error page: a value no item has is a 404.
pub(super) async fn find_some(
    state: &AppState,
    filters: Filters,
    page: usize,
    ui: Ui,
) -> Result<Browse, Response> {
    match find(state, filters, page).await {
        Ok(found) if !found.results.hits.is_empty() => Ok(found),
        Ok(_) => Err(WebError::NotFound.page(ui)),
        Err(e) => Err(e.page(ui)),
    }
}

pub(super) fn page_number(raw: Option<&str>) -> usize {
    query_param(raw, "page")
        .and_then(|v| v.parse().ok())
        .filter(|n: &usize| *n >= 1 && *n <= 100_000)
        .unwrap_or(1)
}

/// A browse page's number and the links to the others.
pub(super) struct Pages {
    pub(super) links: Markup,
    pub(super) number: usize,
}

/// Links to the other pages of a browse page at `path` with `total` items.
pub(super) fn pager(ui: Ui, path: &str, page: usize, total: usize) -> Pages {
    let link = |n: usize| match n {
        1 => ui_url(path, ui),
        n => ui_url(&format!("{path}?page={n}"), ui),
    };
    Pages {
        links: views::pager(ui, page, total.div_ceil(BROWSE_PAGE), link),
        number: page,
    }
}

fn items(results: &SearchResults) -> Vec<Item> {
    results.hits.iter().map(|h| h.item.clone()).collect()
}

/// The name as written in the archive for a slug (`herman-de-monnink` -> `Herman de Mönnink`).
fn display_name(results: &SearchResults, dimension: Dimension, slug: &str) -> Option<String> {
    results
        .facets
        .get(&dimension)?
        .iter()
        .find(|v| slugify(&v.value) == slug)
        .map(|v| v.value.clone())
}

async fn speaker(
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
    let number = page_number(raw.as_deref());
    let found = match find_some(&state, filters, number, ui).await {
        Ok(found) => found,
        Err(response) => return response,
    };
    let at = format!("/speakers/{slug}");
    match display_name(&found.results, Dimension::Speaker, &slug) {
        Some(name) => page(speaker_view(
            ui,
            &name,
            &found.results,
            &switch_url(&at, raw.as_deref(), ui),
            pager(ui, &at, number, found.results.total),
        )),
        None => match canonical_of_variant(&found.results, &slug) {
            // A spelling variant: the person's page is under the canonical name.
            Some(name) => {
                Redirect::permanent(&ui_url(&format!("/speakers/{}", slugify(&name)), ui))
                    .into_response()
            }
            None => WebError::NotFound.page(ui),
        },
    }
}

/// The canonical name of a speaker whose spelling variant (`speakers.toml`) has this slug.
pub(super) fn canonical_of_variant(results: &SearchResults, slug: &str) -> Option<String> {
    results
        .hits
        .iter()
        .flat_map(|h| &h.item.speakers)
        .find(|s| s.as_written.as_deref().map(slugify).as_deref() == Some(slug))
        .map(|s| s.name.clone())
}

async fn theme(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    headers: HeaderMap,
    RawQuery(raw): RawQuery,
) -> Response {
    let filters = Filters {
        themes: vec![slug.clone()],
        ..Filters::default()
    };
    let at = format!("/themes/{slug}");
    browse_value(
        &state,
        filters,
        (Dimension::Theme, &slug),
        (&headers, raw, &at),
        |ui, name, results, switch, pages| {
            // In the interface's language: `/themes/poverty` is "armoede" on a Dutch page.
            let label = crate::search::themes::label(&results.themes, name, ui.code());
            list_view(
                ui,
                Dimension::Theme,
                (name, label),
                results,
                (html! {}, pages),
                switch,
            )
        },
    )
    .await
}

async fn series(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    headers: HeaderMap,
    RawQuery(raw): RawQuery,
) -> Response {
    let filters = Filters {
        series: vec![slug.clone()],
        ..Filters::default()
    };
    let at = format!("/series/{slug}");
    browse_value(
        &state,
        filters,
        (Dimension::Series, &slug),
        (&headers, raw, &at),
        series_view,
    )
    .await
}

/// The page of one value of a dimension (`("theme", slug)`) at path `at`: its items found with
/// `filters`, shown by `view` under the value's name as written; 404 when it has none.
async fn browse_value(
    state: &AppState,
    filters: Filters,
    (dimension, slug): (Dimension, &str),
    (headers, raw, at): (&HeaderMap, Option<String>, &str),
    view: impl FnOnce(Ui, &str, &SearchResults, &str, Pages) -> Markup,
) -> Response {
    let ui = ui_of(headers, raw.as_deref());
    let number = page_number(raw.as_deref());
    match find_some(state, filters, number, ui).await {
        Ok(found) => {
            let name = display_name(&found.results, dimension, slug).unwrap_or(slug.to_string());
            let switch = switch_url(at, raw.as_deref(), ui);
            let pages = pager(ui, at, number, found.results.total);
            page(view(ui, &name, &found.results, &switch, pages))
        }
        Err(response) => response,
    }
}

async fn year(
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
    let number = page_number(raw.as_deref());
    match find(&state, filters, number).await {
        Ok(found) if !found.results.hits.is_empty() => {
            let nav = year_nav(ui, range.from, &found.all_years);
            let at = format!("/years/{year}");
            let pages = pager(ui, &at, number, found.results.total);
            page(list_view(
                ui,
                Dimension::Year,
                (&year, &year),
                &found.results,
                (nav, pages),
                &switch_url(&at, raw.as_deref(), ui),
            ))
        }
        Ok(_) => WebError::NotFound.page(ui),
        Err(e) => e.page(ui),
    }
}

/// Links to the nearest earlier and later years that have items.
fn year_nav(ui: Ui, year: u16, all_years: &[u16]) -> Markup {
    let t = ui.t();
    let previous = all_years.iter().rev().find(|y| **y < year);
    let next = all_years.iter().find(|y| **y > year);
    html! {
        nav.pager aria-label=(t.years) {
            @if let Some(y) = previous { a rel="prev" href=(ui_url(&format!("/years/{y}"), ui)) { "← " (t.previous_year) " (" (y) ")" } }
            @if let Some(y) = next { a rel="next" href=(ui_url(&format!("/years/{y}"), ui)) { (t.next_year) " (" (y) ") →" } }
        }
    }
}

/// A theme's or year's page: `name` as in its address and feed, `heading` as shown.
fn list_view(
    ui: Ui,
    dimension: Dimension,
    (name, heading): (&str, &str),
    results: &SearchResults,
    (extra, pages): (Markup, Pages),
    switch: &str,
) -> Markup {
    let t = ui.t();
    let head = match dimension {
        Dimension::Theme => {
            structured::browse_head(ui, "themes", name, &items(results), pages.number)
        }
        _ => html! {},
    };
    layout_with_head(
        ui,
        heading,
        "",
        switch,
        head,
        html! {
            p.meta { (ui.dimension(dimension)) }
            h1 { (heading) }
            p { ((t.item_count)(results.total)) }
            (extra)
            h2.visually-hidden { (t.items) }
            (item_list(ui, &items(results)))
            (pages.links)
        },
    )
}

/// The first and last year of all the page's items (from the year counts, not only the hits
/// shown).
fn years_span(results: &SearchResults) -> String {
    let years: Vec<u16> = results
        .facets
        .get(&Dimension::Year)
        .into_iter()
        .flatten()
        .filter_map(|y| y.value.parse().ok())
        .collect();
    match (years.iter().min(), years.iter().max()) {
        (Some(a), Some(b)) if a != b => format!("{a}–{b}"),
        (Some(a), _) => a.to_string(),
        _ => String::new(),
    }
}

fn speaker_link(ui: Ui, name: &str) -> Markup {
    html! { a href=(ui_url(&format!("/speakers/{}", slugify(name)), ui)) { (name) } }
}

fn series_view(ui: Ui, name: &str, results: &SearchResults, switch: &str, pages: Pages) -> Markup {
    let t = ui.t();
    layout_with_head(
        ui,
        name,
        "",
        switch,
        structured::browse_head(ui, "series", name, &items(results), pages.number),
        html! {
            p.meta { (ui.dimension(Dimension::Series)) }
            h1 { (name) }
            p { ((t.item_count)(results.total)) " · " (years_span(results)) }
            table.chronology {
                caption { (t.chronology) }
                thead { tr { th scope="col" { (t.year) } th scope="col" { (t.speaker) } th scope="col" { (t.title) } th scope="col" { (t.themes) } } }
                tbody {
                    @for hit in &results.hits {
                        @let item = &hit.item;
                        tr {
                            th scope="row" { a href=(ui_url(&format!("/years/{}", item.year()), ui)) { (item.year()) } }
                            td { @for (i, s) in item.speakers.iter().enumerate() {
                                @if i > 0 { ", " } (speaker_link(ui, &s.name))
                                @if let Some(role) = &s.role { " (" (ui.speaker_role(role)) ")" }
                            } }
                            td { a href=(ui_url(&format!("/items/{}", item.id), ui)) { (item.title) } }
                            td { @for (i, theme) in item.themes.iter().enumerate() {
                                @if i > 0 { ", " } a href=(ui_url(&format!("/themes/{}", slugify(theme)), ui)) { (crate::search::themes::label(&results.themes, theme, ui.code())) }
                            } }
                        }
                    }
                }
            }
            (pages.links)
        },
    )
}

fn speaker_view(ui: Ui, name: &str, results: &SearchResults, switch: &str, pages: Pages) -> Markup {
    let t = ui.t();
    let mut variants: Vec<&str> = results
        .hits
        .iter()
        .flat_map(|h| &h.item.speakers)
        .filter(|s| s.name == name)
        .filter_map(|s| s.as_written.as_deref())
        .collect();
    variants.sort();
    variants.dedup();
    // Over all the speaker's items, not only this page's: the speaker counts over those items
    // (`counts_as_filtered`), most frequent first: the people who shared an item with them.
    let co_speakers: Vec<(String, u64)> = results
        .facets
        .get(&Dimension::Speaker)
        .into_iter()
        .flatten()
        .filter(|s| s.value != name)
        .map(|s| (s.value.clone(), s.count))
        .collect();
    layout_with_head(
        ui,
        name,
        "",
        switch,
        structured::browse_head(ui, "speakers", name, &items(results), pages.number),
        html! {
            p.meta { (t.speaker) }
            h1 { (name) }
            dl.props {
                dt { (t.years_active) } dd { (years_span(results)) }
                dt { (t.appearances) } dd { ((t.item_count)(results.total)) }
                @if !variants.is_empty() { dt { (t.also_written) } dd { (variants.join(", ")) } }
                dt { (super::people::person_page_label(ui)) } dd { (super::people::person_link(ui, name)) }
                @if !co_speakers.is_empty() {
                    dt { (t.co_speakers) }
                    dd { @for (i, other) in co_speakers.iter().enumerate() { @if i > 0 { ", " } (speaker_link(ui, &other.0)) " (" (other.1) ")" } }
                }
            }
            table.chronology {
                caption { (t.appearances) }
                thead { tr { th scope="col" { (t.date) } th scope="col" { (t.title) } th scope="col" { (t.role) } th scope="col" { (t.series) } } }
                tbody {
                    @for hit in &results.hits {
                        @let item = &hit.item;
                        @let role = item.speakers.iter().find(|s| s.name == name).and_then(|s| s.role.as_deref());
                        tr {
                            th scope="row" { time datetime=(item.date.to_string()) { (ui.date(&item.date)) } }
                            td { a href=(ui_url(&format!("/items/{}", item.id), ui)) { (item.title) } }
                            td { (role.map(|r| ui.speaker_role(r)).unwrap_or_default()) }
                            td { @if let Some(series) = &item.series { a href=(ui_url(&format!("/series/{}", slugify(series)), ui)) { (series) } } }
                        }
                    }
                }
            }
            (pages.links)
        },
    )
}
