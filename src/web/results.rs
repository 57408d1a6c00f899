//! The search results page: facets with counts, the year histogram and range control, hits
//! with why they matched and their passages, sorting, paging, and help when nothing matched.
//!
//! Pure views from [`SearchParams`] and [`SearchResults`] to markup; the handler is in `pages`.

use maud::{html, Markup};

use super::i18n::Ui;
use super::params::{SearchParams, MAX_PAGE, PAGE_SIZE};
use super::structured;
use super::views::{self, highlighted, item_meta, layout_with_head, ui_url};
use crate::index::FACETS;
use crate::search::{FacetCount, Hit, SearchResults, Sort};

pub fn search_view(ui: Ui, params: &SearchParams, results: &SearchResults, switch: &str) -> Markup {
    let t = ui.t();
    let title = if params.q.is_empty() {
        t.results.to_string()
    } else {
        format!("{} – {}", params.q, t.results)
    };
    layout_with_head(
        ui,
        &title,
        &params.q,
        switch,
        structured::search_head(&params.with_page(1).to_query()),
        html! {
            div.layout {
                (facets(ui, params, results))
                section aria-labelledby="results-heading" {
                    h1 #results-heading { (t.results) }
                    @if !results.warnings.is_empty() {
                        div.warnings role="status" {
                            strong { (t.hints) ": " }
                            @for warning in &results.warnings { span { (warning.message(ui.code())) " " } }
                        }
                    }
                    @if !results.also_searched.is_empty() {
                        p.also-searched { (t.also_searched) ": " (results.also_searched.join(", ")) }
                    }
                    (active_filters(ui, params))
                    p role="status" { ((t.result_count)(results.total)) }
                    @if results.total > 1 { (sort_links(ui, params)) }
                    @if results.total == 0 { (no_match(ui, params, results)) }
                    @if let Some(years) = results.facets.get("year").filter(|y| y.len() > 1) {
                        (histogram(ui, params, years))
                    }
                    ol.results {
                        @for hit in &results.hits { li { (hit_view(ui, hit)) } }
                    }
                    (pager(ui, params, results.total))
                }
            }
        },
    )
}

fn link(ui: Ui, params: SearchParams) -> String {
    ui_url(&params.url(), ui)
}

fn facets(ui: Ui, params: &SearchParams, results: &SearchResults) -> Markup {
    let t = ui.t();
    html! {
        aside.facets aria-label=(t.filters) {
            @for dimension in FACETS {
                @if let Some(values) = results.facets.get(dimension).filter(|v| !v.is_empty()) {
                    h2 #(format!("facet-{dimension}")) { (ui.dimension(dimension)) }
                    ul aria-labelledby=(format!("facet-{dimension}")) {
                        @for value in values.iter().take(15) {
                            @let selected = params.is_selected(dimension, &value.value);
                            li {
                                a href=(link(ui, params.toggled(dimension, &value.value))) aria-current=(if selected { "true" } else { "false" }) {
                                    span { (ui.value(dimension, &value.value)) }
                                    span.count { (value.count) }
                                }
                            }
                        }
                    }
                    @if dimension == "year" { (year_range(ui, params)) }
                }
            }
        }
    }
}

/// A from-to form for years; keeps every other parameter.
fn year_range(ui: Ui, params: &SearchParams) -> Markup {
    let t = ui.t();
    let mut others = params.clone();
    others.filters.years = None;
    others.page = 1;
    let hidden: Vec<(String, String)> =
        serde_urlencoded::from_str(&others.to_query()).unwrap_or_default();
    let (from, to) = params
        .filters
        .years
        .map(|y| (y.from.to_string(), y.to.to_string()))
        .unwrap_or_default();
    html! {
        form.range action="/search" method="get" {
            fieldset {
                legend { (t.year_range) }
                @for (key, value) in &hidden { input type="hidden" name=(key) value=(value); }
                label for="from" { (t.from_year) }
                input #from type="number" name="from" min="1000" max="2999" inputmode="numeric" value=(from);
                label for="to" { (t.to_year) }
                input #to type="number" name="to" min="1000" max="2999" inputmode="numeric" value=(to);
                button type="submit" { (t.apply) }
            }
        }
    }
}

fn sort_links(ui: Ui, params: &SearchParams) -> Markup {
    let t = ui.t();
    html! {
        p.sort { (t.sort) ": "
            @for (i, sort) in [Sort::Relevance, Sort::Newest, Sort::Oldest].into_iter().enumerate() {
                @if i > 0 { " · " }
                @if params.sort == sort { strong aria-current="true" { (t.sorts[i]) } }
                @else { a href=(link(ui, params.with_sort(sort))) { (t.sorts[i]) } }
            }
        }
    }
}

fn no_match(ui: Ui, params: &SearchParams, results: &SearchResults) -> Markup {
    let t = ui.t();
    html! {
        div.nomatch {
            p { (t.no_results) }
            @if let Some(suggestion) = &results.suggestion {
                @let respelled = SearchParams { q: suggestion.clone(), page: 1, ..params.clone() };
                p { (t.did_you_mean) ": " a.suggestion href=(link(ui, respelled)) { (suggestion) } "?" }
            }
            @if !results.filters.is_empty() {
                @let loose = SearchParams {
                    q: crate::search::spelling::without_prefixes(&results.parsed),
                    ..params.without_filters()
                };
                p {
                    a.without href=(link(ui, loose)) { (t.try_without_filters) }
                    @if let Some(n) = results.without_filters { " (" ((t.without_filters_count)(n)) ")" }
                }
            }
        }
    }
}

/// Bars per year, oldest left; each bar links to that year (or back, when it is the filter).
fn histogram(ui: Ui, params: &SearchParams, years: &[FacetCount]) -> Markup {
    let t = ui.t();
    let mut bars: Vec<(u16, u64)> = years
        .iter()
        .filter_map(|y| Some((y.value.parse::<u16>().ok()?, y.count)))
        .collect();
    bars.sort();
    if let (Some(first), Some(last)) = (bars.first().copied(), bars.last().copied()) {
        if last.0 - first.0 < 60 {
            bars = (first.0..=last.0)
                .map(|y| (y, bars.iter().find(|b| b.0 == y).map_or(0, |b| b.1)))
                .collect();
        }
    }
    let max = bars.iter().map(|b| b.1).max().unwrap_or(1).max(1) as f32;
    let (width, height, label) = (34.0_f32, 60.0_f32, 14.0_f32);
    let view = format!("0 0 {} {}", width * bars.len() as f32, height + label);
    html! {
        figure.histogram {
            figcaption #histogram-caption { (t.per_year) }
            svg viewBox=(view) width=(width * bars.len() as f32) height=(height + label) aria-labelledby="histogram-caption" role="group" {
                @for (i, (year, count)) in bars.iter().enumerate() {
                    @let x = i as f32 * width;
                    @let h = if *count == 0 { 0.0 } else { (*count as f32 / max * (height - 4.0)).max(3.0) };
                    @let year_text = year.to_string();
                    @if *count > 0 {
                        a href=(link(ui, params.toggled("year", &year_text))) aria-label=((t.per_year_bar)(&year_text, *count)) {
                            rect x=(x + 3.0) y=(height - h) width=(width - 6.0) height=(h) class=(if params.is_selected("year", &year_text) { "bar on" } else { "bar" }) {}
                            text x=(x + width / 2.0) y=(height + label - 2.0) text-anchor="middle" { (year) }
                        }
                    } @else {
                        text x=(x + width / 2.0) y=(height + label - 2.0) text-anchor="middle" aria-hidden="true" { (year) }
                    }
                }
            }
        }
    }
}

fn hit_view(ui: Ui, hit: &Hit) -> Markup {
    let t = ui.t();
    let url = format!("/items/{}", hit.item.id);
    html! {
        h3 { a href=(ui_url(&url, ui)) { (highlighted(&hit.item.title, &hit.title_highlights)) } }
        (item_meta(ui, &hit.item))
        @if !hit.matched.is_empty() {
            p.matched { (t.matched_in) ": "
                @for (i, part) in hit.matched.iter().enumerate() {
                    @if i > 0 { ", " }
                    (t.matched_parts[*part as usize])
                }
            }
        }
        @if hit.passages.is_empty() {
            p.snippet { (highlighted(&hit.snippet, &hit.highlights)) }
        } @else {
            ul.passages aria-label=(t.passages) {
                @for passage in &hit.passages {
                    li {
                        a.anchor href=(format!("{}#{}", ui_url(&url, ui), passage.anchor)) {
                            @if let Some(time) = &passage.time { (t.at_time) " " (time) }
                            @else { (t.paragraph) " " (passage.anchor.trim_start_matches("p-")) }
                        }
                        " " (highlighted(&passage.text, &passage.highlights))
                    }
                }
            }
        }
    }
}

fn pager(ui: Ui, params: &SearchParams, total: usize) -> Markup {
    let pages = total
        .div_ceil(params.limit.unwrap_or(PAGE_SIZE))
        .min(MAX_PAGE);
    views::pager(ui, params.page, pages, |n| link(ui, params.with_page(n)))
}

fn active_filters(ui: Ui, params: &SearchParams) -> Markup {
    let t = ui.t();
    html! {
        @if !params.filters.is_empty() {
            p.active {
                (t.filters) ": "
                @for dimension in ["speaker", "theme", "series", "kind", "language"] {
                    @for value in params.filters.values(dimension) {
                        a href=(link(ui, params.toggled(dimension, value))) {
                            span.visually-hidden { (t.remove_filter) " " }
                            (ui.dimension(dimension)) ": " (ui.value(dimension, value)) " ✕"
                        }
                    }
                }
                @if let Some(years) = params.filters.years {
                    a href=(link(ui, params.toggled("year", &years.to_string()))) {
                        span.visually-hidden { (t.remove_filter) " " }
                        (t.years) ": " (years.to_string()) " ✕"
                    }
                }
                a href=(link(ui, params.without_filters())) { (t.clear_filters) }
            }
        }
    }
}
