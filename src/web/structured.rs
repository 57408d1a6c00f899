//! Structured data in page heads: schema.org JSON-LD, Highwire `citation_*` meta tags (what
//! Zotero and Google Scholar read), OpenGraph tags and feed links.
//!
//! Pure functions from items to `Markup` for `views::layout_with_head`. URLs are absolute under
//! `LECTERN_BASE_URL`; without it the canonical link, `og:url` and the citation URL tags are left
//! out (never the fallback address nor the request's Host header) and JSON-LD names site paths,
//! which a reader resolves against the page (`site::public_or_relative`). JSON-LD is serialised
//! by serde_json and made safe inside `<script>`.

use maud::{html, Markup, PreEscaped};
use serde_json::{json, Value};

use super::i18n::Ui;
use super::site;
use crate::archive::markdown::to_plain_text;
use crate::archive::quotes::Role;
use crate::archive::slug::slugify;
use crate::archive::{Item, Language};

/// The head of an item page: canonical link, JSON-LD, citation and OpenGraph tags.
pub fn item_head(item: &Item) -> Markup {
    let url = site::public(&format!("/items/{}", item.id));
    html! {
        @if let Some(url) = &url { link rel="canonical" href=(url); }
        (json_ld(&item_json(item)))
        (citation_tags(item, url.as_deref()))
        meta property="og:type" content="article";
        meta property="og:site_name" content=(site::name());
        meta property="og:title" content=(item.title);
        @if let Some(url) = &url { meta property="og:url" content=(url); }
        meta property="og:description" content=(description(item));
        meta property="og:locale" content=(locale(item.language));
        @for name in item.speaker_names() { meta property="article:author" content=(name); }
        @for theme in &item.themes { meta property="article:tag" content=(theme); }
        meta name="description" content=(description(item));
    }
}

/// The head of a speaker, series or theme page (`folder` is `speakers`, `series` or `themes`).
pub fn browse_head(ui: Ui, folder: &str, name: &str, items: &[Item], page: usize) -> Markup {
    let path = format!("/{folder}/{}", slugify(name));
    // Each page of a long list is its own page, not a copy of the first.
    let this_page = match page {
        1 => path.clone(),
        n => format!("{path}?page={n}"),
    };
    let data = match folder {
        "speakers" => Some(speaker_json(name, &path, items)),
        "series" => Some(series_json(name, &path, items)),
        _ => None,
    };
    let url = site::public(&this_page);
    html! {
        link rel="alternate" type="application/atom+xml" title=(format!("{}: {name}", site::name())) href=(format!("{path}/feed.atom"));
        @if let Some(url) = &url { link rel="canonical" href=(url); }
        @if let Some(data) = data { (json_ld(&data)) }
        meta property="og:type" content=(if folder == "speakers" { "profile" } else { "website" });
        meta property="og:site_name" content=(site::name());
        meta property="og:title" content=(name);
        @if let Some(url) = &url { meta property="og:url" content=(url); }
        meta property="og:locale" content=(locale(if ui == Ui::En { Language::En } else { Language::Nl }));
    }
}

/// The head of a result page: the same search as an Atom feed.
pub fn search_head(query_string: &str) -> Markup {
    html! {
        link rel="alternate" type="application/atom+xml" title=(format!("{}: {}", site::name(), "search")) href=(format!("/search.atom?{query_string}"));
        meta name="robots" content="noindex, follow";
    }
}

fn item_url(item: &Item) -> String {
    site::public_or_relative(&format!("/items/{}", item.id))
}

fn locale(language: Language) -> &'static str {
    match language {
        Language::Nl => "nl_NL",
        Language::En => "en_GB",
    }
}

fn description(item: &Item) -> String {
    let text = item
        .summary
        .clone()
        .unwrap_or_else(|| to_plain_text(&item.body));
    let mut out: String = text.chars().take(200).collect();
    if text.chars().count() > 200 {
        out.push('…');
    }
    out
}

/// A `<script type="application/ld+json">` whose text cannot end the script early nor start
/// an HTML comment or CDATA state (`<!--<script>` in a title blanked whole pages): `<`, `>` and
/// `&` are JSON escapes, and so are U+2028/U+2029 (line ends to older JavaScript parsers).
fn json_ld(value: &Value) -> Markup {
    html! { script type="application/ld+json" { (PreEscaped(script_safe_json(value))) } }
}

/// `value` as JSON with every character that means something inside a `<script>` escaped.
pub fn script_safe_json(value: &Value) -> String {
    let text = value.to_string();
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

fn person(name: &str) -> Value {
    json!({
        "@type": "Person",
        "@id": site::public_or_relative(&format!("/speakers/{}#person", slugify(name))),
        "name": name,
        "url": site::public_or_relative(&format!("/speakers/{}", slugify(name))),
    })
}

/// Anyone in an item (quoted or mentioned), with their page.
fn someone(name: &str) -> Value {
    json!({
        "@type": "Person",
        "@id": site::public_or_relative(&format!("/people/{}#person", slugify(name))),
        "name": name,
        "url": site::public_or_relative(&format!("/people/{}", slugify(name))),
    })
}

/// A person's page: the Person, and the items they are in.
pub fn person_head(name: &str, items: &[Item], page: usize) -> Markup {
    let path = format!("/people/{}", slugify(name));
    let this_page = match page {
        1 => path.clone(),
        n => format!("{path}?page={n}"),
    };
    let mut me = someone(name);
    me["@context"] = json!("https://schema.org");
    me["mainEntityOfPage"] = json!(site::public_or_relative(&path));
    me["subjectOf"] = json!(items.iter().map(work_summary).collect::<Vec<_>>());
    // Without a configured base URL: no canonical link nor og:url (never a guessed address).
    let url = site::public(&this_page);
    html! {
        @if let Some(url) = &url { link rel="canonical" href=(url); }
        (json_ld(&me))
        meta property="og:type" content="profile";
        meta property="og:site_name" content=(site::name());
        meta property="og:title" content=(name);
        @if let Some(url) = &url { meta property="og:url" content=(url); }
    }
}

/// The item as a schema.org CreativeWork, recorded at its Event, with its speakers as Persons.
pub fn item_json(item: &Item) -> Value {
    let people: Vec<Value> = item.speaker_names().map(person).collect();
    let mut work = json!({
        "@context": "https://schema.org",
        "@type": "CreativeWork",
        "@id": item_url(item),
        "url": item_url(item),
        "name": item.title,
        "headline": item.title,
        "datePublished": item.date.to_string(),
        "inLanguage": item.language.code(),
        "genre": item.kind.as_str(),
        "author": people,
        "description": description(item),
        "recordedAt": {
            "@type": "Event",
            "name": item.event.as_ref().or(item.series.as_ref()).unwrap_or(&item.title),
            "startDate": item.date.to_string(),
            "performer": people,
        },
    });
    let found = &item.attributions;
    let mentioned: Vec<Value> = found
        .people
        .iter()
        .filter(|p| !p.roles.contains(&Role::Speaker))
        .map(|p| someone(&p.name))
        .collect();
    if !mentioned.is_empty() {
        work["mentions"] = json!(mentioned);
    }
    // Each quotation as a schema.org Quotation (a CreativeWork: its `creator` said it), part
    // of the item and placed at its paragraph.
    if !found.quotes.is_empty() {
        work["hasPart"] = json!(found
            .quotes
            .iter()
            .map(|q| {
                let mut quotation = json!({
                    "@type": "Quotation",
                    "text": q.text,
                    "url": format!("{}#{}", item_url(item), q.anchor),
                });
                if let Some(name) = &q.speaker {
                    quotation["creator"] = someone(name);
                }
                quotation
            })
            .collect::<Vec<_>>());
    }
    if !item.themes.is_empty() {
        work["keywords"] = json!(item.themes);
        work["about"] = json!(item
            .themes
            .iter()
            .map(|t| json!({"@type": "Thing", "name": t}))
            .collect::<Vec<_>>());
    }
    if let Some(series) = &item.series {
        work["isPartOf"] = json!({
            "@type": "CreativeWorkSeries",
            "name": series,
            "url": site::public_or_relative(&format!("/series/{}", slugify(series))),
        });
    }
    if let Some(organisation) = &item.organisation {
        let organisation = json!({"@type": "Organization", "name": organisation});
        work["publisher"] = organisation.clone();
        work["recordedAt"]["organizer"] = organisation;
    }
    if let Some(url) = item
        .url
        .as_deref()
        .filter(|u| crate::archive::links::is_web_address(u))
    {
        work["sameAs"] = json!(url);
    }
    // The organisation that keeps the archive (`[site] organisation`), as its provider.
    let identity = site::identity();
    if let Some(name) = &identity.organisation {
        work["provider"] = json!({"@type": "Organization", "name": name});
        if let Some(url) = &identity.organisation_url {
            work["provider"]["url"] = json!(url);
        }
    }
    work
}

fn work_summary(item: &Item) -> Value {
    json!({
        "@type": "CreativeWork",
        "@id": item_url(item),
        "url": item_url(item),
        "name": item.title,
        "datePublished": item.date.to_string(),
        "author": item.speaker_names().map(person).collect::<Vec<_>>(),
    })
}

fn speaker_json(name: &str, path: &str, items: &[Item]) -> Value {
    let mut me = person(name);
    me["@context"] = json!("https://schema.org");
    me["mainEntityOfPage"] = json!(site::public_or_relative(path));
    me["subjectOf"] = json!(items.iter().map(work_summary).collect::<Vec<_>>());
    me
}

fn series_json(name: &str, path: &str, items: &[Item]) -> Value {
    json!({
        "@context": "https://schema.org",
        "@type": "CreativeWorkSeries",
        "name": name,
        "url": site::public_or_relative(path),
        "hasPart": items.iter().map(work_summary).collect::<Vec<_>>(),
    })
}

/// Highwire Press tags: one `citation_author` per speaker, dates as `YYYY/MM/DD`.
fn citation_tags(item: &Item, url: Option<&str>) -> Markup {
    let date = item.date.to_string().replace('-', "/");
    html! {
        meta name="citation_title" content=(item.title);
        @for name in item.speaker_names() { meta name="citation_author" content=(name); }
        meta name="citation_publication_date" content=(date);
        meta name="citation_date" content=(date);
        meta name="citation_language" content=(item.language.code());
        @if let Some(organisation) = &item.organisation { meta name="citation_publisher" content=(organisation); }
        @if let Some(event) = &item.event { meta name="citation_conference_title" content=(event); }
        @if let Some(series) = &item.series { meta name="citation_series_title" content=(series); }
        @if !item.themes.is_empty() { meta name="citation_keywords" content=(item.themes.join("; ")); }
        @if let Some(summary) = &item.summary { meta name="citation_abstract" content=(summary); }
        @if let Some(url) = url {
            meta name="citation_abstract_html_url" content=(url);
            meta name="citation_public_url" content=(url);
        }
    }
}
