//! OAI-PMH 2.0 at `/oai`, with `oai_dc`, so that libraries and heritage portals can harvest the
//! archive: every verb, sets for series and themes, selective harvesting by datestamp, resumption
//! tokens, and deleted items (in `archive/_trash`) as deleted records.
//!
//! Datestamps are the items' file times (`archive::stamp`), not their lecture dates. Deletions
//! are `transient`: they are reported as long as the file stays in the trash. Protocol errors
//! are OAI documents with status 200, as the protocol requires. Reads only.

mod render;
pub mod request;

use std::collections::BTreeMap;
use std::path::Path;
use std::time::SystemTime;

use axum::body::Bytes;
use axum::extract::{RawQuery, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;

use super::records::{trashed, Deleted};
use super::xml::{parse_utc, utc};
use super::AppState;
use crate::archive::slug::slugify;
use crate::archive::Item;
use crate::index::{Dimension, Generation};
use crate::search::records::{self, Record, RecordFilter, Set};
use crate::search::{self, FacetCount};
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
    let archive = state.archive_root().map(Path::to_path_buf);
    let page_size = state.oai_page_size();
    let answered = state
        .with_index(move |generation| {
            let repository = Repository {
                generation,
                archive: archive.as_deref(),
                page_size,
            };
            repository.respond(&request)
        })
        .await;
    match answered {
        Ok(Ok(body)) => xml(render::envelope(&pairs, &body)),
        Ok(Err(error)) => error_document(&pairs, &error),
        Err(e) => e.xml(),
    }
}

fn error_document(pairs: &[(String, String)], error: &OaiError) -> Response {
    let echoed: &[(String, String)] = if error.hides_arguments() { &[] } else { pairs };
    xml(render::envelope(echoed, &render::error(error)))
}

fn xml(body: String) -> Response {
    ([(header::CONTENT_TYPE, "text/xml; charset=utf-8")], body).into_response()
}

/// What one request reads: live records from the index by key and in pages
/// (`search::records`), deleted ones from the trash. Never the whole archive.
struct Repository<'a> {
    generation: &'a Generation,
    archive: Option<&'a Path>,
    page_size: usize,
}

/// A verb's answer, a protocol error, or a failure of the index.
type Answer = tantivy::Result<Result<String, OaiError>>;

impl Repository<'_> {
    fn respond(&self, request: &Request) -> Answer {
        match request {
            Request::Identify => {
                let live = records::earliest(self.generation)?;
                let trashed = self.deleted()?.iter().map(|d| d.changed).min();
                let earliest = live.into_iter().chain(trashed).min();
                Ok(Ok(render::identify(&utc(
                    earliest.unwrap_or(SystemTime::UNIX_EPOCH)
                ))))
            }
            Request::ListMetadataFormats { identifier } => {
                if let Some(identifier) = identifier {
                    if let Err(error) = self.find(identifier)? {
                        return Ok(Err(error));
                    }
                }
                Ok(Ok(render::metadata_formats()))
            }
            Request::ListSets => {
                let facets = search::all_facets(self.generation)?;
                Ok(Ok(render::sets(&all_sets(&facets))))
            }
            Request::GetRecord { identifier } => Ok(self.find(identifier)?.map(|found| {
                format!(
                    "<GetRecord>\n{}</GetRecord>\n",
                    render::record(&found.entry())
                )
            })),
            Request::List { records, query } => self.list(*records, query),
        }
    }

    /// The deleted items (in the trash) that are not live again, sorted by id.
    fn deleted(&self) -> tantivy::Result<Vec<Deleted>> {
        let Some(archive) = self.archive else {
            return Ok(Vec::new());
        };
        let found = trashed(archive).map_err(tantivy::TantivyError::from)?;
        let mut kept = Vec::with_capacity(found.len());
        for deleted in found.iter() {
            if !records::contains(self.generation, &deleted.id)? {
                kept.push(deleted.clone());
            }
        }
        kept.sort_by(|a, b| a.id.cmp(&b.id));
        kept.dedup_by(|a, b| a.id == b.id);
        Ok(kept)
    }

    fn find(&self, identifier: &str) -> tantivy::Result<Result<Found, OaiError>> {
        let missing = || {
            OaiError::new(
                "idDoesNotExist",
                format!(
                    "`{identifier}` is not an item of this repository (identifiers look like {})",
                    identifier_example()
                ),
            )
        };
        let Some(id) = item_id(identifier) else {
            return Ok(Err(missing()));
        };
        if let Some(record) = records::get(self.generation, id)? {
            return Ok(Ok(Found::Live(record)));
        }
        Ok(self
            .deleted()?
            .into_iter()
            .find(|d| d.id == id)
            .map(Found::Deleted)
            .ok_or_else(missing))
    }

    fn list(&self, records: bool, query: &ListQuery) -> Answer {
        let no_match = || {
            Ok(Err(OaiError::new(
                "noRecordsMatch",
                "no records match these arguments",
            )))
        };
        let set = match query.set.as_deref().map(parse_set) {
            None => None,
            Some(Some(set)) => Some(set),
            Some(None) => return no_match(),
        };
        let seconds = |bound: &Option<String>| {
            bound
                .as_deref()
                .and_then(parse_utc)
                .map(records::seconds_of)
        };
        let filter = RecordFilter {
            from: seconds(&query.from),
            until: seconds(&query.until),
            set,
        };
        let deleted: Vec<Deleted> = self
            .deleted()?
            .into_iter()
            .filter(|d| selects(query, d.changed, d.item.as_ref()))
            .collect();
        let total = records::count(self.generation, &filter)? + deleted.len();
        if total == 0 {
            return no_match();
        }
        let after = query.after.as_deref();
        let live = records::page(self.generation, &filter, after, self.page_size)?;
        let mut page: Vec<Found> = live
            .records
            .into_iter()
            .map(Found::Live)
            .chain(
                deleted
                    .into_iter()
                    .filter(|d| after.is_none_or(|after| d.id.as_str() > after))
                    .map(Found::Deleted),
            )
            .collect();
        page.sort_by(|a, b| a.id().cmp(b.id()));
        let more = live.more || page.len() > self.page_size;
        page.truncate(self.page_size);
        if page.is_empty() {
            return Ok(Err(OaiError::new(
                "badResumptionToken",
                "the resumption token points past the end of the list (the archive changed): harvest again from the start",
            )));
        }
        let (verb, one): (&str, fn(&Entry<'_>) -> String) = if records {
            ("ListRecords", render::record)
        } else {
            ("ListIdentifiers", render::header)
        };
        let mut out = format!("<{verb}>\n");
        for found in &page {
            out.push_str(&one(&found.entry()));
        }
        if more || query.after.is_some() {
            let token = match (more, page.last()) {
                (true, Some(last)) => query.token_after(last.id(), page.len()),
                _ => String::new(),
            };
            out.push_str(&format!(
                "<resumptionToken completeListSize=\"{total}\" cursor=\"{}\">{}</resumptionToken>\n",
                query.cursor,
                super::xml::escape(&token)
            ));
        }
        out.push_str(&format!("</{verb}>\n"));
        Ok(Ok(out))
    }
}

/// A record found for a request: live (from the index) or deleted (from the trash).
enum Found {
    Live(Record),
    Deleted(Deleted),
}

impl Found {
    fn id(&self) -> &str {
        match self {
            Found::Live(record) => &record.item.id,
            Found::Deleted(deleted) => &deleted.id,
        }
    }

    fn entry(&self) -> Entry<'_> {
        match self {
            Found::Live(record) => Entry {
                id: &record.item.id,
                changed: record.changed,
                item: Some(&record.item),
                deleted: false,
            },
            Found::Deleted(deleted) => Entry {
                id: &deleted.id,
                changed: deleted.changed,
                item: deleted.item.as_ref(),
                deleted: true,
            },
        }
    }
}

fn identifier_example() -> String {
    render::identifier("2022-some-lecture")
}

/// A set spec as the index filters it; `None` for a spec that names no set of ours.
fn parse_set(spec: &str) -> Option<Set> {
    match spec.split_once(':') {
        None if spec == "series" => Some(Set::AnySeries),
        None if spec == "theme" => Some(Set::AnyTheme),
        Some(("series", slug)) if !slug.is_empty() => Some(Set::Series(slug.to_string())),
        Some(("theme", slug)) if !slug.is_empty() => Some(Set::Theme(slug.to_string())),
        _ => None,
    }
}

/// Whether a deleted record is in a list's datestamp range and set.
fn selects(query: &ListQuery, changed: SystemTime, item: Option<&Item>) -> bool {
    let stamp = utc(changed);
    query.from.as_ref().is_none_or(|from| &stamp >= from)
        && query.until.as_ref().is_none_or(|until| &stamp <= until)
        && query.set.as_ref().is_none_or(|set| in_set(item, set))
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
fn all_sets(facets: &BTreeMap<Dimension, Vec<FacetCount>>) -> Vec<(String, String)> {
    let mut leaves = BTreeMap::new();
    for (dimension, prefix) in [(Dimension::Series, "series"), (Dimension::Theme, "theme")] {
        for value in facets.get(&dimension).into_iter().flatten() {
            leaves.insert(
                format!("{prefix}:{}", slugify(&value.value)),
                value.value.clone(),
            );
        }
    }
    let mut sets = vec![
        ("series".to_string(), "Series".to_string()),
        ("theme".to_string(), "Themes".to_string()),
    ];
    sets.extend(leaves);
    sets
}
