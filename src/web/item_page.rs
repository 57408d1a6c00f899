//! The item page: metadata, the text with an anchor on every paragraph (`#p-12`, `#t=12:40`),
//! its quotations marked with whose they are and the people in it (`people`), previous and
//! next in its series, related items, and "cite this item".

use axum::extract::{Path, RawQuery, State};
use axum::http::HeaderMap;
use axum::response::Response;
use maud::{html, Markup, PreEscaped};

use super::cite;
use super::error::WebError;
use super::i18n::Ui;
use super::pages::{page, switch_url, ui_of};
use super::people;
use super::structured;
use super::views::{item_list, item_meta, layout_with_head, ui_url};
use super::AppState;
use crate::archive::paragraphs::{to_html_with_quotes, QuoteMark};
use crate::archive::slug::slugify;
use crate::archive::Item;
use crate::index::Dimension;
use crate::search::{self, related};

/// How many related items an item page lists.
pub const RELATED: usize = 5;

/// Everything the item page shows besides the item.
pub struct ItemPage {
    pub item: Item,
    pub related: Vec<Item>,
    pub previous: Option<Item>,
    pub next: Option<Item>,
    /// The archive's bilingual themes (the item's themes in the interface's language).
    pub themes: crate::archive::themes::ThemeList,
}

pub async fn item(
    State(state): State<AppState>,
    Path(id): Path<String>,
    headers: HeaderMap,
    RawQuery(raw): RawQuery,
) -> Response {
    let ui = ui_of(&headers, raw.as_deref());
    let found = state
        .with_index(move |generation| {
            let Some(item) = search::get_item(generation, &id)? else {
                return Ok(None);
            };
            let related = related::related(generation, &item, RELATED)?;
            let (previous, next) = related::series_neighbours(generation, &item)?;
            Ok(Some(ItemPage {
                item,
                related,
                previous,
                next,
                themes: generation.versions.themes.clone(),
            }))
        })
        .await;
    match found {
        Ok(Some(found)) => {
            let switch = switch_url(&format!("/items/{}", found.item.id), raw.as_deref(), ui);
            page(item_view(ui, &found, &switch))
        }
        Ok(None) => WebError::NotFound.page(ui),
        Err(e) => e.page(ui),
    }
}

fn item_view(ui: Ui, found: &ItemPage, switch: &str) -> Markup {
    let t = ui.t();
    let item = &found.item;
    // The item's public address, only when the site knows it (`LECTERN_BASE_URL`): the
    // request's Host header is the visitor's to choose, so citations never repeat it.
    let url = super::site::public(&format!("/items/{}", item.id));
    let url = url.as_deref();
    layout_with_head(
        ui,
        &item.title,
        "",
        switch,
        structured::item_head(item),
        html! {
            article lang=(item.language.code()) {
                h1 { (item.title) }
                (item_meta(ui, item))
                (properties(ui, item, &found.themes))
                @if let Some(summary) = &item.summary { h2 { (t.summary) } p { (summary) } }
                h2 { (t.text) }
                div.item-body { (PreEscaped(to_html_with_quotes(&item.body, &quote_marks(item)))) }
                (people::item_people(ui, item))
            }
            @if found.previous.is_some() || found.next.is_some() {
                nav.series-nav aria-labelledby="in-series" {
                    h2 #in-series { (t.in_series) ": " (item.series.as_deref().unwrap_or("")) }
                    ul {
                        @if let Some(previous) = &found.previous {
                            li { (t.previous_in_series) ": " a rel="prev" href=(ui_url(&format!("/items/{}", previous.id), ui)) { (previous.title) } " (" (previous.year()) ")" }
                        }
                        @if let Some(next) = &found.next {
                            li { (t.next_in_series) ": " a rel="next" href=(ui_url(&format!("/items/{}", next.id), ui)) { (next.title) } " (" (next.year()) ")" }
                        }
                    }
                }
            }
            @if !found.related.is_empty() {
                section.related aria-labelledby="related" {
                    h2 #related { (t.related) }
                    (item_list(ui, &found.related))
                }
            }
            section.cite aria-labelledby="cite" {
                h2 #cite { (t.cite) }
                h3 { (t.cite_plain) }
                pre tabindex="0" { (cite::plain(item, url)) }
                // The formats for reference managers, closed until asked for.
                details { summary { "BibTeX" } pre tabindex="0" { (cite::bibtex(item, url)) } }
                details { summary { "RIS" } pre tabindex="0" { (cite::ris(item, url)) } }
            }
        },
    )
}

/// Where the item's quotations are in its paragraphs, and whose each is.
fn quote_marks(item: &Item) -> Vec<QuoteMark> {
    item.attributions
        .quotes
        .iter()
        .filter_map(|q| {
            let (start, end) = q.chars?;
            Some(QuoteMark {
                anchor: q.anchor.clone(),
                start,
                end,
                who: q.speaker.clone(),
            })
        })
        .collect()
}

fn properties(ui: Ui, item: &Item, themes: &crate::archive::themes::ThemeList) -> Markup {
    let t = ui.t();
    html! {
        dl.props {
            dt { (t.date) }
            dd {
                @let year = html! { a href=(ui_url(&format!("/years/{}", item.year()), ui)) { (item.year()) } };
                // A year-only date is the year's link, not "2015 · 2015".
                @if item.date.month.is_some() {
                    time datetime=(item.date.to_string()) { (ui.date(&item.date)) } " · " (year)
                } @else {
                    time datetime=(item.date.to_string()) { (year) }
                }
            }
            @if !item.themes.is_empty() {
                dt { (t.themes) }
                dd { @for (i, theme) in item.themes.iter().enumerate() { @if i > 0 { ", " } a href=(ui_url(&format!("/themes/{}", slugify(theme)), ui)) { (crate::search::themes::label(themes, theme, ui.code())) } } }
            }
            @if let Some(event) = &item.event { dt { (t.event) } dd { (event) } }
            @if let Some(organisation) = &item.organisation { dt { (t.organisation) } dd { (organisation) } }
            dt { (t.language) } dd { (ui.value(Dimension::Language, item.language.code())) }
            @if let Some(source) = &item.source {
                dt { (t.source) }
                dd { @if let Some(url) = item.url.as_deref().filter(|u| crate::archive::links::is_web_address(u)) { a href=(url) { (source) } } @else { (source) } }
            }
        }
    }
}
