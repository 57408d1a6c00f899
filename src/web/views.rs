//! Views: pure functions from data to `Markup`. One layout is the page shell.
//!
//! Text from the archive is always escaped (maud does it); highlights become `<mark>` here.

use std::ops::Range;

use maud::{html, Markup, PreEscaped, DOCTYPE};

use super::i18n::Ui;
use super::site;
use super::xml::escape;
use crate::archive::slug::slugify;
use crate::archive::Item;
use crate::index::Dimension;

pub const STYLE: &str = include_str!("style.css");
pub const SCRIPT: &str = include_str!("suggest.js");
pub const FAVICON: &str = include_str!("favicon.svg");

/// The page shell: skip link, header with the directory links, the language switch and
/// search, main, footer with the language switch again.
pub fn layout(ui: Ui, title: &str, query: &str, switch_url: &str, main: Markup) -> Markup {
    layout_with_head(ui, title, query, switch_url, html! {}, main)
}

/// [`layout`] with extra elements at the end of `<head>` (feeds, structured data, meta tags).
/// Every page has a meta description (search engines show it under the title): the head's own
/// (an item's summary), else the page title with the site's tagline.
pub fn layout_with_head(
    ui: Ui,
    title: &str,
    query: &str,
    switch_url: &str,
    head: Markup,
    main: Markup,
) -> Markup {
    let t = ui.t();
    let identity = site::identity();
    html! {
        (DOCTYPE)
        html lang=(ui.code()) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " · " (identity.name()) }
                link rel="stylesheet" href=(site::style_sheet().1);
                link rel="icon" type="image/svg+xml" href="/static/favicon.svg";
                script src="/static/suggest.js" defer {}
                link rel="search" type="application/opensearchdescription+xml" title=(identity.name()) href="/opensearch.xml";
                link rel="alternate" type="application/atom+xml" title=(format!("{}: {}", identity.name(), t.recent)) href="/feed.atom";
                @if !head.0.contains("<meta name=\"description\"") {
                    meta name="description" content=(format!("{title} · {}: {}", identity.name(), tagline(ui)));
                }
                (head)
            }
            body {
                a.skip href="#main" { (t.skip) }
                header.site {
                    a.brand href=(ui_url("/", ui)) {
                        @if let (Some(url), Some(logo)) = (site::logo_url(), &identity.logo) {
                            // The name follows as text, so the image itself says nothing.
                            img src=(url) alt="" width=(logo_width(logo)) height=(LOGO_HEIGHT);
                        }
                        (identity.name())
                    }
                    span.tagline { (tagline(ui)) }
                    nav.main aria-label=(t.main_nav) {
                        ul {
                            @for (path, dimension) in [("/speakers", Dimension::Speaker), ("/people", Dimension::Person), ("/themes", Dimension::Theme), ("/series", Dimension::Series), ("/years", Dimension::Year)] {
                                li { a href=(ui_url(path, ui)) { (ui.dimension(dimension)) } }
                            }
                        }
                    }
                    a.lang href=(switch_url) lang=(ui.other().code()) hreflang=(ui.other().code()) { (t.other_language) }
                    form.search role="search" action="/search" method="get" {
                        label for="q" { (t.search_label) }
                        // `/static/suggest.js` makes the box a combobox with a list of
                        // suggestions (its strings come from these attributes); without the
                        // script it is a plain search field.
                        div.combo {
                            input #q type="search" name="q" value=(query) placeholder=(t.search_placeholder) autocomplete="off" data-suggestions-label=(t.suggestions_label) data-suggestions-found=(t.suggestions_found);
                        }
                        @if ui == Ui::En { input type="hidden" name="ui" value="en"; }
                        button type="submit" { (t.search_button) }
                    }
                }
                main #main tabindex="-1" { (main) }
                footer.site {
                    @if let Some(organisation) = &identity.organisation {
                        p.publisher {
                            (t.archive_of) " "
                            @match &identity.organisation_url {
                                Some(url) => a href=(url) { (organisation) },
                                None => (organisation),
                            }
                        }
                    }
                    nav aria-label=(t.interface_language) {
                        a href=(switch_url) lang=(ui.other().code()) hreflang=(ui.other().code()) { (t.other_language) }
                    }
                }
            }
        }
    }
}

/// The logo's height in the header, in CSS pixels; its width keeps its proportions.
const LOGO_HEIGHT: u32 = 40;

/// The logo's width at [`LOGO_HEIGHT`], at most six times as wide as high.
fn logo_width(logo: &crate::config::identity::Logo) -> u32 {
    let width = u64::from(logo.width) * u64::from(LOGO_HEIGHT) / u64::from(logo.height.max(1));
    width.clamp(1, u64::from(LOGO_HEIGHT) * 6) as u32
}

/// The site's tagline in the page's language: `[site] tagline` / `tagline_en`, else Lectern's.
fn tagline(ui: Ui) -> &'static str {
    let identity = site::identity();
    let own = match ui {
        Ui::Nl => identity.tagline_nl.as_deref(),
        Ui::En => identity
            .tagline_en
            .as_deref()
            .or(identity.tagline_nl.as_deref()),
    };
    own.unwrap_or(ui.t().tagline)
}

/// Numbered page links for page `page` of `pages` (nothing for a single page): first and
/// previous, the first page, a window of two pages either side of this one, the last page,
/// next and last; `link` gives a page's URL.
pub fn pager(ui: Ui, page: usize, pages: usize, link: impl Fn(usize) -> String) -> Markup {
    let t = ui.t();
    html! {
        @if pages > 1 {
            nav.pager aria-label=(t.pages) {
                @if page > 1 {
                    a.step rel="prev" href=(link(page - 1)) { "‹ " (t.previous) }
                }
                ol {
                    @for n in page_numbers(page, pages) {
                        li {
                            @match n {
                                None => span.gap aria-hidden="true" { "…" },
                                Some(n) if n == page => a aria-current="page" href=(link(n)) aria-label=(format!("{} {n}", t.page)) { (n) },
                                Some(n) => a href=(link(n)) aria-label=(format!("{} {n}", t.page)) { (n) },
                            }
                        }
                    }
                }
                @if page < pages {
                    a.step rel="next" href=(link(page + 1)) { (t.next) " ›" }
                }
            }
        }
    }
}

/// The page numbers to link, `None` for a gap: 1, page-2..=page+2, the last.
fn page_numbers(page: usize, pages: usize) -> Vec<Option<usize>> {
    let window = page.saturating_sub(2).max(1)..=(page + 2).min(pages);
    let mut numbers: Vec<Option<usize>> = Vec::new();
    for n in std::iter::once(1)
        .chain(window)
        .chain(std::iter::once(pages))
    {
        match numbers.last() {
            Some(Some(last)) if *last >= n => continue,
            Some(Some(last)) if n == last + 2 => numbers.push(Some(last + 1)),
            Some(Some(last)) if n > last + 2 => numbers.push(None),
            _ => {}
        }
        numbers.push(Some(n));
    }
    numbers
}

/// Adds `ui=en` to internal links when the interface is English, so the choice sticks.
pub fn ui_url(path: &str, ui: Ui) -> String {
    match ui {
        Ui::Nl => path.to_string(),
        Ui::En if path.contains('?') => format!("{path}&ui=en"),
        Ui::En => format!("{path}?ui=en"),
    }
}

/// Text with `<mark>` around the byte ranges; ranges that do not fall on char boundaries are skipped.
pub fn highlighted(text: &str, ranges: &[Range<usize>]) -> Markup {
    let mut out = String::with_capacity(text.len() + ranges.len() * 13);
    let mut at = 0;
    for range in ranges {
        if range.start < at
            || range.end > text.len()
            || !text.is_char_boundary(range.start)
            || !text.is_char_boundary(range.end)
        {
            continue;
        }
        out.push_str(&escape(&text[at..range.start]));
        out.push_str("<mark>");
        out.push_str(&escape(&text[range.clone()]));
        out.push_str("</mark>");
        at = range.end;
    }
    out.push_str(&escape(&text[at..]));
    PreEscaped(out)
}

/// A line of metadata: date, speakers, series, kind.
pub fn item_meta(ui: Ui, item: &Item) -> Markup {
    html! {
        p.meta {
            time datetime=(item.date.to_string()) { strong { (ui.date(&item.date)) } }
            @if !item.speakers.is_empty() {
                " · "
                @for (i, speaker) in item.speakers.iter().enumerate() {
                    @if i > 0 { ", " }
                    a href=(ui_url(&format!("/speakers/{}", slugify(&speaker.name)), ui)) { (speaker.name) }
                    @if let Some(role) = &speaker.role { " (" (ui.speaker_role(role)) ")" }
                }
            }
            @if let Some(series) = &item.series {
                " · " a href=(ui_url(&format!("/series/{}", slugify(series)), ui)) { (series) }
            }
            " · " (ui.value(Dimension::Kind, item.kind.as_str()))
        }
    }
}

/// A list of items with their metadata (used by browse pages).
pub fn item_list(ui: Ui, items: &[Item]) -> Markup {
    html! {
        ol.results {
            @for item in items {
                li {
                    h3 { a href=(ui_url(&format!("/items/{}", item.id), ui)) { (item.title) } }
                    (item_meta(ui, item))
                    @if let Some(summary) = &item.summary { p.snippet { (summary) } }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::page_numbers;

    #[test]
    fn page_numbers_keep_first_last_and_a_window() {
        let shown = |page, pages| -> Vec<String> {
            page_numbers(page, pages)
                .into_iter()
                .map(|n| n.map_or("…".to_string(), |n| n.to_string()))
                .collect()
        };
        assert_eq!(shown(1, 3), ["1", "2", "3"]);
        assert_eq!(shown(1, 110), ["1", "2", "3", "…", "110"]);
        assert_eq!(
            shown(50, 110),
            ["1", "…", "48", "49", "50", "51", "52", "…", "110"]
        );
        assert_eq!(shown(4, 110), ["1", "2", "3", "4", "5", "6", "…", "110"]);
        assert_eq!(shown(110, 110), ["1", "…", "108", "109", "110"]);
    }
}
