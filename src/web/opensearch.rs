//! OpenSearch: the description at `/opensearch.xml`, so browsers can add Lectern as a search
//! engine, and its suggestions at `/opensearch/suggest?q=` in the
//! `application/x-suggestions+json` format: `[query, [completions], [descriptions], [urls]]`.
//!
//! Suggestions are speakers, series and themes whose names contain a word starting with what
//! was typed (diacritics and case ignored), taken from the index's facet values. Independent of
//! `/api/suggest`, which has its own JSON shape.

use axum::extract::{RawQuery, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;

use super::xml::escape;
use super::{site, AppState};
use crate::archive::slug::slugify;
use crate::index::Dimension;
use crate::search::{self, FacetCount};

/// How many suggestions one answer gives.
const SUGGESTIONS: usize = 8;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/opensearch.xml", get(description))
        .route("/opensearch/suggest", get(suggest_handler))
}

async fn description() -> Response {
    let base = site::base_url();
    let body = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<OpenSearchDescription xmlns=\"http://a9.com/-/spec/opensearch/1.1/\">\n<ShortName>{short}</ShortName>\n<Description>Search the archive of lectures, talks and event reports</Description>\n<InputEncoding>UTF-8</InputEncoding>\n<Language>nl</Language>\n<Language>en</Language>\n<Url type=\"text/html\" method=\"get\" template=\"{b}/search?q={{searchTerms}}\"/>\n<Url type=\"application/atom+xml\" template=\"{b}/search.atom?q={{searchTerms}}\"/>\n<Url type=\"application/x-suggestions+json\" template=\"{b}/opensearch/suggest?q={{searchTerms}}\"/>\n<Url type=\"application/opensearchdescription+xml\" rel=\"self\" template=\"{b}/opensearch.xml\"/>\n</OpenSearchDescription>\n",
        b = escape(&base),
        short = escape(&short_name(site::name())),
    );
    (
        [(
            header::CONTENT_TYPE,
            "application/opensearchdescription+xml; charset=utf-8",
        )],
        body,
    )
        .into_response()
}

async fn suggest_handler(State(state): State<AppState>, RawQuery(raw): RawQuery) -> Response {
    let q = serde_urlencoded::from_str::<Vec<(String, String)>>(raw.as_deref().unwrap_or(""))
        .unwrap_or_default()
        .into_iter()
        .find(|(k, _)| k == "q")
        .map(|(_, v)| v)
        .unwrap_or_default();
    let facets = match state.with_index(search::all_facets).await {
        Ok(facets) => facets,
        Err(e) => return e.json(),
    };
    let found = suggest(&q, &facets);
    let body = serde_json::json!([
        q,
        found.iter().map(|s| &s.value).collect::<Vec<_>>(),
        found
            .iter()
            .map(|s| format!("{} · {}", s.dimension, s.count))
            .collect::<Vec<_>>(),
        found
            .iter()
            .map(|s| site::absolute(&s.path))
            .collect::<Vec<_>>(),
    ]);
    (
        [(header::CONTENT_TYPE, "application/x-suggestions+json")],
        body.to_string(),
    )
        .into_response()
}

/// One completion: a facet value and where its page is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suggestion {
    pub value: String,
    pub dimension: Dimension,
    pub count: u64,
    pub path: String,
}

/// Speakers, series and themes with a word that starts with `typed`: names that start with it
/// first, then by how many items they have.
pub fn suggest(
    typed: &str,
    facets: &std::collections::BTreeMap<Dimension, Vec<FacetCount>>,
) -> Vec<Suggestion> {
    let typed = slugify(typed);
    if typed.is_empty() {
        return Vec::new();
    }
    let mut found: Vec<(bool, Suggestion)> = Vec::new();
    for (dimension, folder) in [
        (Dimension::Speaker, "speakers"),
        (Dimension::Series, "series"),
        (Dimension::Theme, "themes"),
    ] {
        for value in facets.get(&dimension).into_iter().flatten() {
            let slug = slugify(&value.value);
            let starts = slug.starts_with(&typed);
            if starts || slug.contains(&format!("-{typed}")) {
                found.push((
                    starts,
                    Suggestion {
                        value: value.value.clone(),
                        dimension,
                        count: value.count,
                        path: format!("/{folder}/{slug}"),
                    },
                ));
            }
        }
    }
    found.sort_by(|(a_starts, a), (b_starts, b)| {
        b_starts
            .cmp(a_starts)
            .then(b.count.cmp(&a.count))
            .then_with(|| a.value.cmp(&b.value))
    });
    found
        .into_iter()
        .map(|(_, s)| s)
        .take(SUGGESTIONS)
        .collect()
}

/// OpenSearch's `ShortName` holds at most 16 characters.
fn short_name(name: &str) -> String {
    name.chars()
        .take(16)
        .collect::<String>()
        .trim_end()
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_word_starts_without_diacritics() {
        let mut facets = std::collections::BTreeMap::new();
        let count = |value: &str, count| FacetCount {
            value: value.into(),
            count,
        };
        facets.insert(
            Dimension::Speaker,
            vec![count("Herman de Mönnink", 2), count("Ann Mons", 1)],
        );
        facets.insert(Dimension::Theme, vec![count("armoede", 3)]);
        let values: Vec<String> = suggest("mon", &facets)
            .into_iter()
            .map(|s| s.value)
            .collect();
        assert_eq!(values, ["Herman de Mönnink", "Ann Mons"]);
        assert_eq!(suggest("Arm", &facets)[0].path, "/themes/armoede");
        assert!(suggest("", &facets).is_empty());
    }
}
