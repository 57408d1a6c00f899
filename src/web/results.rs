//! The search results page: facets with counts, the year histogram and range control, hits
//! with why they matched and their passages, sorting, paging, and help when nothing matched.
//!
//! Pure views from [`SearchParams`] and [`SearchResults`] to markup; the handler is in `pages`.

use maud::{html, Markup};

use super::i18n::Ui;
use super::params::{SearchParams, FACET_SHOWN, MAX_PAGE, PAGE_SIZE};
use super::structured;
use super::views::{self, highlighted, item_meta, layout_with_head, ui_url};
use super::years;
use crate::archive::quotes::Role;
use crate::index::Dimension;
use crate::search::{Filters, Hit, SearchResults, Sort};

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
            h1 #results-heading { (t.results) }
            @let has_facets = results.facets.values().any(|v| !v.is_empty());
            div.layout.no-facets[!has_facets] {
                @if has_facets {
                    // Above the results on a phone, closed: "Filters (2)" opens them, without
                    // JavaScript. On a wide screen the facets are a column and always open.
                    details.filters {
                        summary { (t.filters) " (" (active_count(params)) ")" }
                        (facets(ui, params, results))
                    }
                }
                section aria-labelledby="results-heading" {
                    @if !results.warnings.is_empty() {
                        div.warnings role="status" {
                            strong { (t.hints) ": " }
                            @for warning in &results.warnings { span { (warning.message(ui.code())) " " } }
                        }
                    }
                    @if !results.also_searched.is_empty() {
                        p.also-searched { (t.also_searched) ": " (results.also_searched.join(", ")) }
                    }
                    @if results.hits.iter().any(|h| h.approximate) {
                        p.approximate-note role="note" { ((t.approximate_note)(&quoted(&results.approximate))) }
                    }
                    (active_filters(ui, params, results))
                    p role="status" { ((t.result_count)(results.total)) }
                    @if results.total > 1 { (sort_links(ui, params)) }
                    @if results.total == 0 { (no_match(ui, params, results)) }
                    @if results.total > 0 && results.hits.is_empty() { (past_the_end(ui, params, results.total)) }
                    @if let Some(years) = results.facets.get(&Dimension::Year).filter(|y| y.len() > 1) {
                        (years::histogram(ui, params, years))
                    }
                    // The hits' titles are h3 under this, whether the facets' h2s are shown or not.
                    @if !results.hits.is_empty() { h2.visually-hidden { (t.items) } }
                    ol.results {
                        @for hit in &results.hits { li { (hit_view(ui, hit)) } }
                    }
                    (pager(ui, params, results.total))
                }
            }
        },
    )
}

/// How many filter values are in force.
fn active_count(params: &SearchParams) -> usize {
    [
        Dimension::Speaker,
        Dimension::Theme,
        Dimension::Series,
        Dimension::Kind,
        Dimension::Language,
    ]
    .into_iter()
    .map(|d| params.filters.values(d).len())
    .sum::<usize>()
        + params.filters.year_ranges().len()
}

/// A facet value as shown: kinds and languages named, themes in the interface's language.
fn label(ui: Ui, results: &SearchResults, dimension: Dimension, value: &str) -> String {
    match dimension {
        Dimension::Theme => {
            crate::search::themes::label(&results.themes, value, ui.code()).to_string()
        }
        _ => ui.value(dimension, value),
    }
}

/// `“armoede”, “zorg”`.
fn quoted(words: &[String]) -> String {
    words
        .iter()
        .map(|w| format!("“{w}”"))
        .collect::<Vec<_>>()
        .join(", ")
}

pub fn link(ui: Ui, params: SearchParams) -> String {
    ui_url(&params.url(), ui)
}

fn facets(ui: Ui, params: &SearchParams, results: &SearchResults) -> Markup {
    let t = ui.t();
    html! {
        aside.facets aria-label=(t.filters) {
            // Role counts (`quoted`, `mentioned`) show as the roles of the people facet.
            @for dimension in Dimension::ALL.into_iter().filter(|d| !matches!(*d, Dimension::Quoted | Dimension::Mentioned)) {
                @if let Some(values) = results.facets.get(&dimension).filter(|v| !v.is_empty()) {
                    h2 #(format!("facet-{dimension}")) { (ui.dimension(dimension)) }
                    @if dimension == Dimension::Year { (years::year_facet(ui, params, values)) } @else {
                    @let all = params.more == Some(dimension);
                    ul aria-labelledby=(format!("facet-{dimension}")) {
                        @for value in values.iter().take(if all { usize::MAX } else { FACET_SHOWN }) {
                            @let selected = params.is_selected(dimension, &value.value);
                            li {
                                a href=(link(ui, params.toggled(dimension, &value.value))) aria-current=(if selected { "true" } else { "false" }) {
                                    span { (label(ui, results, dimension, &value.value)) }
                                    @if dimension == Dimension::Person { (person_roles(ui, results, &value.value)) }
                                    span.count { (ui.number(value.count)) }
                                }
                            }
                        }
                    }
                    @if all {
                        a.more href=(format!("{}#facet-{dimension}", link(ui, SearchParams { more: None, ..params.clone() }))) { (t.fewer_values) }
                    } @else if values.len() > FACET_SHOWN {
                        a.more href=(format!("{}#facet-{dimension}", link(ui, SearchParams { more: Some(dimension), ..params.clone() }))) {
                            ((t.more_values)(&ui.dimension(dimension).to_lowercase()))
                        }
                    }
                    }
                    @if dimension == Dimension::Year { (years::year_range(ui, params)) }
                }
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

fn hit_view(ui: Ui, hit: &Hit) -> Markup {
    let t = ui.t();
    let url = format!("/items/{}", hit.item.id);
    html! {
        h3 { a href=(ui_url(&url, ui)) { (highlighted(&hit.item.title, &hit.title_highlights)) } }
        (item_meta(ui, &hit.item))
        @if hit.approximate { p.approximate { (t.approximate_hit) } }
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
                        @if let Some(quote) = &passage.quote {
                            " " span.who { (quote_label(ui, quote.speaker.as_deref())) }
                        }
                        " " (highlighted(&passage.text, &passage.highlights))
                    }
                }
            }
        }
    }
}

/// A passage in a quotation: `Citaat van Peter ten Have:` (or of someone unknown).
fn quote_label(ui: Ui, speaker: Option<&str>) -> String {
    match (ui, speaker) {
        (Ui::Nl, Some(name)) => format!("Citaat van {name}:"),
        (Ui::Nl, None) => "Citaat (spreker onbekend):".to_string(),
        (Ui::En, Some(name)) => format!("Quotation of {name}:"),
        (Ui::En, None) => "Quotation (speaker unknown):".to_string(),
    }
}

/// The roles a person of the people facet has among these results (` · geciteerd, genoemd`).
fn person_roles(ui: Ui, results: &SearchResults, name: &str) -> Markup {
    let roles: Vec<&str> = [Role::Speaker, Role::Quoted, Role::Mentioned]
        .into_iter()
        .filter(|role| {
            results
                .facets
                .get(&Dimension::of_role(*role))
                .is_some_and(|values| values.iter().any(|v| v.value == name))
        })
        .map(|role| super::people::role_name(ui, role))
        .collect();
    html! { @if !roles.is_empty() { " " span.roles { "(" (roles.join(", ")) ")" } } }
}

/// The number of pages of a search with `total` results.
fn page_count(params: &SearchParams, total: usize) -> usize {
    total
        .div_ceil(params.limit.unwrap_or(PAGE_SIZE))
        .min(MAX_PAGE)
}

fn pager(ui: Ui, params: &SearchParams, total: usize) -> Markup {
    let pages = page_count(params, total);
    views::pager(ui, params.page.min(pages), pages, |n| {
        link(ui, params.with_page(n))
    })
}

/// A page number past the last page: says so, with links to the first and last page (the
/// query and filters kept).
fn past_the_end(ui: Ui, params: &SearchParams, total: usize) -> Markup {
    let t = ui.t();
    let pages = page_count(params, total);
    html! {
        div.nomatch role="status" {
            p { ((t.past_the_end)(params.page, pages)) }
            p {
                a href=(link(ui, params.with_page(1))) { (t.first_page) }
                " · "
                a href=(link(ui, params.with_page(pages))) { (t.last_page) " (" (pages) ")" }
            }
        }
    }
}

fn active_filters(ui: Ui, params: &SearchParams, results: &SearchResults) -> Markup {
    let t = ui.t();
    html! {
        @if !params.filters.is_empty() {
            p.active {
                (t.filters) ": "
                @for dimension in Filters::DIMENSIONS {
                    @for value in params.filters.values(dimension) {
                        a href=(link(ui, params.toggled(dimension, value))) {
                            span.visually-hidden { (t.remove_filter) " " }
                            (ui.dimension(dimension)) ": " (label(ui, results, dimension, value)) " ✕"
                        }
                    }
                }
                @for years in params.filters.year_ranges() {
                    a href=(link(ui, params.toggled(Dimension::Year, &years.to_string()))) {
                        span.visually-hidden { (t.remove_filter) " " }
                        (t.years) ": " (years.to_string()) " ✕"
                    }
                }
                a href=(link(ui, params.without_filters())) { (t.clear_filters) }
            }
        }
    }
}
