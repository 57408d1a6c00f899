//! Atom feeds (RFC 4287): new items, every speaker, series and theme, and any search.
//!
//! `/feed.atom` lists the items whose files changed last (new and edited items);
//! `/speakers/{slug}/feed.atom`, `/series/{slug}/feed.atom` and `/themes/{slug}/feed.atom` the
//! newest items of that value; `/search.atom` takes exactly the parameters of `/search`.
//! Ids are absolute URLs under the site's base URL (Atom wants them absolute; without
//! `LECTERN_BASE_URL` under the fallback address, `site::absolute`); links are absolute under a
//! configured base URL and relative without one (a feed reader resolves them against the feed's
//! own address, RFC 4287 section 2). An entry's `updated` is its file's datestamp, its authors
//! are the speakers.

use axum::extract::{Path, RawQuery, State};
use axum::http::{header, HeaderMap};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;

use super::error::WebError;
use super::i18n::Ui;
use super::pages::ui_of;
use super::params::SearchParams;
use super::records::stamped;
use super::xml::{escape, utc};
use super::{site, AppState};
use crate::archive::markdown::to_plain_text;
use crate::archive::slug::slugify;
use crate::index::Dimension;
use crate::search::records::{self, Record};
use crate::search::{Filters, SearchRequest, Sort};

/// How many entries the new-items and browse feeds hold.
const FEED_SIZE: usize = 30;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/feed.atom", get(new_items))
        .route("/search.atom", get(search))
        .route("/speakers/{slug}/feed.atom", get(speaker))
        .route("/series/{slug}/feed.atom", get(series))
        .route("/themes/{slug}/feed.atom", get(theme))
}

/// What a feed says about itself.
struct Feed {
    title: String,
    /// Site paths of the feed and of the page it follows.
    self_path: String,
    page_path: String,
}

async fn new_items(
    State(state): State<AppState>,
    headers: HeaderMap,
    RawQuery(raw): RawQuery,
) -> Response {
    let ui = ui_of(&headers, raw.as_deref());
    let items = match state
        .with_index(|generation| records::newest(generation, FEED_SIZE))
        .await
    {
        Ok(items) => items,
        Err(e) => return e.json(),
    };
    let feed = Feed {
        title: match ui {
            Ui::Nl => format!("{}: nieuwe items", site::name()),
            Ui::En => format!("{}: new items", site::name()),
        },
        self_path: "/feed.atom".into(),
        page_path: "/".into(),
    };
    atom(&feed, &items)
}

async fn search(
    State(state): State<AppState>,
    headers: HeaderMap,
    RawQuery(raw): RawQuery,
) -> Response {
    let ui = ui_of(&headers, raw.as_deref());
    let params = match SearchParams::parse_in(raw.as_deref(), ui) {
        Ok(params) => params,
        Err(why) => return WebError::BadRequest(why).page(ui),
    };
    let results = match state.search(params.request()).await {
        Ok(results) => results,
        Err(e) => return e.json(),
    };
    let items = results.hits.into_iter().map(|h| h.item).collect();
    let query = params.to_query();
    let feed = Feed {
        title: match ui {
            Ui::Nl => format!("{}: zoeken {}", site::name(), describe(&params, ui)),
            Ui::En => format!("{}: search {}", site::name(), describe(&params, ui)),
        },
        self_path: format!("/search.atom?{query}"),
        page_path: format!("/search?{query}"),
    };
    match state
        .with_index(move |generation| stamped(generation, items))
        .await
    {
        Ok(items) => atom(&feed, &items),
        Err(e) => e.json(),
    }
}

async fn speaker(state: State<AppState>, Path(slug): Path<String>) -> Response {
    let filters = Filters {
        speakers: vec![slug.clone()],
        ..Filters::default()
    };
    browse(state, filters, "speakers", slug).await
}

async fn series(state: State<AppState>, Path(slug): Path<String>) -> Response {
    let filters = Filters {
        series: vec![slug.clone()],
        ..Filters::default()
    };
    browse(state, filters, "series", slug).await
}

async fn theme(state: State<AppState>, Path(slug): Path<String>) -> Response {
    let filters = Filters {
        themes: vec![slug.clone()],
        ..Filters::default()
    };
    browse(state, filters, "themes", slug).await
}

/// The newest items of one speaker, series or theme (`base` is the page folder).
async fn browse(
    State(state): State<AppState>,
    filters: Filters,
    base: &str,
    slug: String,
) -> Response {
    // The same items as the value's page: by its key, not the words of its name.
    let request = SearchRequest {
        filters,
        sort: Sort::Newest,
        limit: FEED_SIZE,
        exact_values: true,
        ..SearchRequest::default()
    };
    let results = match state.search(request).await {
        Ok(results) if results.total == 0 => return WebError::NotFound.json(),
        Ok(results) => results,
        Err(e) => return e.json(),
    };
    let items: Vec<_> = results.hits.into_iter().map(|h| h.item).collect();
    let name = items
        .iter()
        .flat_map(|item| {
            let names = item.speaker_names().map(str::to_string);
            names.chain(item.series.clone()).chain(item.themes.clone())
        })
        .find(|name| slugify(name) == slugify(&slug))
        .unwrap_or_else(|| slug.clone());
    let feed = Feed {
        title: format!("{}: {name}", site::name()),
        self_path: format!("/{base}/{slug}/feed.atom"),
        page_path: format!("/{base}/{slug}"),
    };
    match state
        .with_index(move |generation| stamped(generation, items))
        .await
    {
        Ok(items) => atom(&feed, &items),
        Err(e) => e.json(),
    }
}

/// `"zorg" (speaker: X, 2018..2022)` for a feed title, in the interface language.
fn describe(params: &SearchParams, ui: Ui) -> String {
    let mut parts: Vec<String> = Vec::new();
    for (dimension, dutch) in [
        (Dimension::Speaker, "spreker"),
        (Dimension::Theme, "thema"),
        (Dimension::Series, "reeks"),
        (Dimension::Kind, "soort"),
        (Dimension::Language, "taal"),
    ] {
        let label = match ui {
            Ui::Nl => dutch,
            Ui::En => dimension.as_str(),
        };
        for value in params.filters.values(dimension) {
            parts.push(format!("{label}: {value}"));
        }
    }
    if let Some(years) = params.filters.years_text() {
        parts.push(years);
    }
    match (params.q.is_empty(), parts.is_empty()) {
        (true, true) if ui == Ui::Nl => "(alles)".to_string(),
        (true, true) => "(everything)".to_string(),
        (false, true) => format!("“{}”", params.q),
        (true, false) => format!("({})", parts.join(", ")),
        (false, false) => format!("“{}” ({})", params.q, parts.join(", ")),
    }
}

fn atom(feed: &Feed, items: &[Record]) -> Response {
    let body = render(feed, items);
    (
        [(header::CONTENT_TYPE, "application/atom+xml; charset=utf-8")],
        body,
    )
        .into_response()
}

/// The feed document.
fn render(feed: &Feed, items: &[Record]) -> String {
    let updated = items
        .iter()
        .map(|s| s.changed)
        .max()
        .unwrap_or_else(std::time::SystemTime::now);
    let id = escape(&site::absolute(&feed.self_path));
    let self_url = escape(&site::public_or_relative(&feed.self_path));
    let mut out = format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n<id>{id}</id>\n<title>{}</title>\n<updated>{}</updated>\n<author><name>{}</name><uri>{}</uri></author>\n<link rel=\"self\" type=\"application/atom+xml\" href=\"{self_url}\"/>\n<link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n<generator>Lectern</generator>\n",
        escape(&feed.title),
        utc(updated),
        escape(publisher()),
        escape(&site::public_or_relative("/")),
        escape(&site::public_or_relative(&feed.page_path)),
    );
    for stamped in items {
        out.push_str(&entry(stamped));
    }
    out.push_str("</feed>\n");
    out
}

fn entry(stamped: &Record) -> String {
    let item = &stamped.item;
    let path = format!("/items/{}", item.id);
    let id = escape(&site::absolute(&path));
    let url = escape(&site::public_or_relative(&path));
    let mut out = format!(
        "<entry xml:lang=\"{}\">\n<id>{id}</id>\n<title type=\"text\">{}</title>\n<updated>{}</updated>\n<link rel=\"alternate\" type=\"text/html\" href=\"{url}\"/>\n",
        item.language.code(),
        escape(&item.title),
        utc(stamped.changed)
    );
    for name in item.speaker_names() {
        out.push_str(&format!(
            "<author><name>{}</name><uri>{}</uri></author>\n",
            escape(name),
            escape(&site::public_or_relative(&format!(
                "/speakers/{}",
                slugify(name)
            )))
        ));
    }
    for theme in &item.themes {
        out.push_str(&format!(
            "<category term=\"{}\" label=\"{}\" scheme=\"{}\"/>\n",
            escape(&slugify(theme)),
            escape(theme),
            escape(&site::absolute("/themes/"))
        ));
    }
    out.push_str(&format!(
        "<summary type=\"text\">{}</summary>\n</entry>\n",
        escape(&summary(stamped))
    ));
    out
}

/// `2022-10-06 · Herman de Mönnink · Marie Kamphuis Lezing. The summary or the text's start.`
fn summary(stamped: &Record) -> String {
    let item = &stamped.item;
    let mut line = vec![item.date.to_string()];
    line.extend(item.speaker_names().map(str::to_string));
    line.extend(item.series.clone());
    let text = match &item.summary {
        Some(summary) => summary.clone(),
        None => lead(&to_plain_text(&item.body), 300),
    };
    format!("{}. {text}", line.join(" · "))
}

fn lead(text: &str, max_chars: usize) -> String {
    let text = text.trim();
    if text.chars().count() <= max_chars {
        return text.to_string();
    }
    let cut: String = text.chars().take(max_chars).collect();
    let cut = cut
        .rfind(char::is_whitespace)
        .map_or(cut.as_str(), |i| &cut[..i]);
    format!("{}…", cut.trim_end())
}

/// Who publishes the feeds: the organisation of `[site]`, else the site's name.
fn publisher() -> &'static str {
    let identity = site::identity();
    identity.organisation.as_deref().unwrap_or(identity.name())
}
