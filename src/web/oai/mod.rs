//! OAI-PMH 2.0 at `/oai`, with `oai_dc`, so that libraries and heritage portals can harvest the
//! archive: every verb, sets for series and themes, selective harvesting by datestamp, resumption
//! tokens, and deleted items (in `archive/_trash`) as deleted records.
//!
//! Datestamps are the items' file times (`archive::stamp`), not their lecture dates. Deletions
//! are `transient`: they are reported as long as the file stays in the trash. Protocol errors
//! are OAI documents with status 200, as the protocol requires. Reads only.

mod render;
pub mod request;

use std::time::SystemTime;

use axum::body::Bytes;
use axum::extract::{RawQuery, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;

use super::records::{self, Deleted, Stamped};
use super::xml::utc;
use super::{site, AppState};
use crate::archive::slug::slugify;
use crate::archive::Item;
use request::{ListQuery, OaiError, Request};

pub use render::{identifier, item_id};

/// The OAI-PMH endpoint: GET with a query string, or POST with a form body.
pub fn router() -> Router<AppState> {
    Router::new().route("/oai", get(oai_get).post(oai_post))
}

/// A record as listed: a live item, or a deleted one (with its last known metadata, if any).
#[derive(Debug, Clone)]
pub struct Entry<'a> {
    pub id: &'a str,
    pub changed: SystemTime,
    pub item: Option<&'a Item>,
    pub deleted: bool,
}

async fn oai_get(State(state): State<AppState>, RawQuery(raw): RawQuery) -> Response {
    answer(&state, raw.as_deref().unwrap_or("")).await
}

async fn oai_post(State(state): State<AppState>, body: Bytes) -> Response {
    answer(&state, &String::from_utf8_lossy(&body)).await
}

async fn answer(state: &AppState, raw: &str) -> Response {
    let Ok(pairs) = serde_urlencoded::from_str::<Vec<(String, String)>>(raw) else {
        let error = OaiError::new("badArgument", "the arguments are not valid URL encoding");
        return xml(render::envelope(&[], &render::error(&error)));
    };
    let request = match request::parse(&pairs) {
        Ok(request) => request,
        Err(error) => return error_document(&pairs, &error),
    };
    let live = match records::live(state).await {
        Ok(live) => live,
        Err(e) => return e.json(),
    };
    let deleted = match records::deleted(state, &live).await {
        Ok(deleted) => deleted,
        Err(e) => return e.json(),
    };
    match respond(&request, &live, &entries(&live, &deleted)) {
        Ok(body) => xml(render::envelope(&pairs, &body)),
        Err(error) => error_document(&pairs, &error),
    }
}

fn error_document(pairs: &[(String, String)], error: &OaiError) -> Response {
    let echoed: &[(String, String)] = if error.hides_arguments() { &[] } else { pairs };
    xml(render::envelope(echoed, &render::error(error)))
}

fn xml(body: String) -> Response {
    ([(header::CONTENT_TYPE, "text/xml; charset=utf-8")], body).into_response()
}

fn respond(request: &Request, live: &[Stamped], entries: &[Entry<'_>]) -> Result<String, OaiError> {
    match request {
        Request::Identify => {
            let earliest = entries.iter().map(|e| e.changed).min();
            Ok(render::identify(&utc(
                earliest.unwrap_or(SystemTime::UNIX_EPOCH)
            )))
        }
        Request::ListMetadataFormats { identifier } => {
            if let Some(identifier) = identifier {
                find(entries, identifier)?;
            }
            Ok(render::metadata_formats())
        }
        Request::ListSets => Ok(render::sets(&all_sets(live))),
        Request::GetRecord { identifier } => {
            let entry = find(entries, identifier)?;
            Ok(format!(
                "<GetRecord>\n{}</GetRecord>\n",
                render::record(entry)
            ))
        }
        Request::List { records, query } => list(entries, *records, query),
    }
}

/// Live and deleted items in one list, sorted by id.
fn entries<'a>(live: &'a [Stamped], deleted: &'a [Deleted]) -> Vec<Entry<'a>> {
    let mut entries: Vec<Entry<'a>> = live
        .iter()
        .map(|s| Entry {
            id: &s.item.id,
            changed: s.changed,
            item: Some(&s.item),
            deleted: false,
        })
        .chain(deleted.iter().map(|d| Entry {
            id: &d.id,
            changed: d.changed,
            item: d.item.as_ref(),
            deleted: true,
        }))
        .collect();
    entries.sort_by(|a, b| a.id.cmp(b.id));
    entries
}

fn find<'e, 'a>(entries: &'e [Entry<'a>], identifier: &str) -> Result<&'e Entry<'a>, OaiError> {
    item_id(identifier)
        .and_then(|id| entries.iter().find(|e| e.id == id))
        .ok_or_else(|| {
            OaiError::new(
                "idDoesNotExist",
                format!(
                    "`{identifier}` is not an item of this repository (identifiers look like {})",
                    identifier_example()
                ),
            )
        })
}

fn identifier_example() -> String {
    render::identifier("2022-some-lecture")
}

fn list(entries: &[Entry<'_>], records: bool, query: &ListQuery) -> Result<String, OaiError> {
    let selected: Vec<&Entry<'_>> = entries.iter().filter(|e| selects(query, e)).collect();
    let rest: Vec<&Entry<'_>> = selected
        .iter()
        .copied()
        .filter(|e| query.after.as_deref().is_none_or(|after| e.id > after))
        .collect();
    if selected.is_empty() {
        return Err(OaiError::new(
            "noRecordsMatch",
            "no records match these arguments",
        ));
    }
    if rest.is_empty() {
        return Err(OaiError::new(
            "badResumptionToken",
            "the resumption token points past the end of the list (the archive changed): harvest again from the start",
        ));
    }
    let page = &rest[..rest.len().min(site::oai_page_size())];
    let (verb, one): (&str, fn(&Entry<'_>) -> String) = if records {
        ("ListRecords", render::record)
    } else {
        ("ListIdentifiers", render::header)
    };
    let mut out = format!("<{verb}>\n");
    for entry in page {
        out.push_str(&one(entry));
    }
    let more = rest.len() > page.len();
    if more || query.after.is_some() {
        let token = match (more, page.last()) {
            (true, Some(last)) => query.token_after(last.id, page.len()),
            _ => String::new(),
        };
        out.push_str(&format!(
            "<resumptionToken completeListSize=\"{}\" cursor=\"{}\">{}</resumptionToken>\n",
            selected.len(),
            query.cursor,
            super::xml::escape(&token)
        ));
    }
    out.push_str(&format!("</{verb}>\n"));
    Ok(out)
}

fn selects(query: &ListQuery, entry: &Entry<'_>) -> bool {
    let stamp = utc(entry.changed);
    query.from.as_ref().is_none_or(|from| &stamp >= from)
        && query.until.as_ref().is_none_or(|until| &stamp <= until)
        && query.set.as_ref().is_none_or(|set| in_set(entry.item, set))
}

/// Set membership: `series` and `theme` hold every item with a series or a theme;
/// `series:{slug}` and `theme:{slug}` the items with that one.
fn in_set(item: Option<&Item>, set: &str) -> bool {
    let Some(item) = item else { return false };
    match set.split_once(':') {
        None if set == "series" => item.series.is_some(),
        None if set == "theme" => !item.themes.is_empty(),
        Some(("series", slug)) => item.series.as_ref().is_some_and(|s| slugify(s) == slug),
        Some(("theme", slug)) => item.themes.iter().any(|t| slugify(t) == slug),
        _ => false,
    }
}

/// Every set: the two parents, then each series and each theme (spec, name).
fn all_sets(live: &[Stamped]) -> Vec<(String, String)> {
    let mut leaves = std::collections::BTreeMap::new();
    for item in live.iter().map(|s| &s.item) {
        if let Some(series) = &item.series {
            leaves.insert(format!("series:{}", slugify(series)), series.clone());
        }
        for theme in &item.themes {
            leaves.insert(format!("theme:{}", slugify(theme)), theme.clone());
        }
    }
    let mut sets = vec![
        ("series".to_string(), "Series".to_string()),
        ("theme".to_string(), "Themes".to_string()),
    ];
    sets.extend(leaves);
    sets
}
