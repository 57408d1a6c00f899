//! A relevance test collection on disk: `docs.jsonl`, `queries.tsv` and `qrels.trec`.
//!
//! Reading and parsing only; every problem names the file, the line and what to fix. Knows
//! nothing of the index or of metrics.

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::{bail, Context, Result};

use crate::archive::{Item, ItemDate, Kind, Language};

/// Fields of a collection document that hold its title; the first one present is used.
const TITLE_FIELDS: [&str; 1] = ["title"];
/// Fields that hold its text, in the order they are joined into the body.
const TEXT_FIELDS: [&str; 4] = ["contents", "text", "abstract", "body"];

/// A collection: documents as archive items, queries by id, judgments by query.
pub struct Collection {
    pub items: Vec<Item>,
    /// (query id, text) in file order.
    pub queries: Vec<(String, String)>,
    /// query id -> doc id -> grade (as given; `>= 1` counts as relevant).
    pub qrels: BTreeMap<String, BTreeMap<String, i32>>,
}

impl Collection {
    /// Reads a collection folder; every document becomes an item in `language`.
    pub fn read(dir: &Path, language: Language) -> Result<Collection> {
        let docs = read_file(dir, "docs.jsonl")?;
        let queries = read_file(dir, "queries.tsv")?;
        let qrels = read_file(dir, "qrels.trec")?;
        Ok(Collection {
            items: parse_docs(&docs, language).with_context(|| where_(dir, "docs.jsonl"))?,
            queries: parse_queries(&queries).with_context(|| where_(dir, "queries.tsv"))?,
            qrels: parse_qrels(&qrels).with_context(|| where_(dir, "qrels.trec"))?,
        })
    }
}

fn where_(dir: &Path, name: &str) -> String {
    format!("in {}", dir.join(name).display())
}

fn read_file(dir: &Path, name: &str) -> Result<String> {
    let path = dir.join(name);
    std::fs::read_to_string(&path).with_context(|| {
        format!(
            "cannot read {} (a collection folder holds docs.jsonl, queries.tsv and qrels.trec)",
            path.display()
        )
    })
}

/// One JSON object a line with an `id` and text fields (`title`, `text`, `contents`, ...).
pub fn parse_docs(text: &str, language: Language) -> Result<Vec<Item>> {
    let mut items = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let value: serde_json::Value = serde_json::from_str(line)
            .with_context(|| format!("line {}: not a JSON object", n + 1))?;
        let id = match value.get("id") {
            Some(serde_json::Value::String(s)) => s.clone(),
            Some(serde_json::Value::Number(n)) => n.to_string(),
            _ => bail!("line {}: no `id` (each document needs one)", n + 1),
        };
        let field = |name: &str| value.get(name).and_then(|v| v.as_str()).unwrap_or("");
        let title = TITLE_FIELDS
            .iter()
            .map(|f| field(f))
            .find(|t| !t.is_empty());
        let body: Vec<&str> = TEXT_FIELDS
            .iter()
            .map(|f| field(f))
            .filter(|t| !t.is_empty())
            .collect();
        items.push(Item {
            id: id.clone(),
            path: id,
            title: title.unwrap_or_default().to_string(),
            date: ItemDate {
                year: 2000,
                month: None,
                day: None,
            },
            kind: Kind::Other,
            speakers: Vec::new(),
            themes: Vec::new(),
            series: None,
            event: None,
            organisation: None,
            language,
            language_detected: false,
            source: None,
            url: None,
            summary: None,
            body: body.join("\n\n"),
            quotes: Vec::new(),
            attributions: Default::default(),
        });
    }
    Ok(items)
}

/// `query-id<TAB>text`, one a line.
pub fn parse_queries(text: &str) -> Result<Vec<(String, String)>> {
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let Some((id, query)) = line.split_once('\t') else {
            bail!("line {}: expected `query-id<TAB>text`", n + 1);
        };
        out.push((id.trim().to_string(), query.trim().to_string()));
    }
    Ok(out)
}

/// TREC qrels: `query-id iteration doc-id grade`, one a line.
pub fn parse_qrels(text: &str) -> Result<BTreeMap<String, BTreeMap<String, i32>>> {
    let mut out: BTreeMap<String, BTreeMap<String, i32>> = BTreeMap::new();
    for (n, line) in text.lines().enumerate() {
        let parts: Vec<&str> = line.split_whitespace().collect();
        match parts.as_slice() {
            [] => continue,
            [query, _, doc, grade] => {
                let grade: i32 = grade.parse().with_context(|| {
                    format!("line {}: grade `{grade}` is not a whole number", n + 1)
                })?;
                out.entry(query.to_string())
                    .or_default()
                    .insert(doc.to_string(), grade);
            }
            _ => bail!(
                "line {}: expected `query-id iteration doc-id grade` (4 fields)",
                n + 1
            ),
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_three_files() {
        let items = parse_docs(
            "{\"id\": \"7\", \"title\": \"T\", \"text\": \"body\"}\n",
            Language::En,
        )
        .unwrap();
        assert_eq!(
            (items[0].id.as_str(), items[0].body.as_str()),
            ("7", "body")
        );
        assert_eq!(parse_queries("1\tword one\n").unwrap()[0].1, "word one");
        let qrels = parse_qrels("1 0 7 2\n1 Q0 8 -1\n").unwrap();
        assert_eq!(qrels["1"]["8"], -1);
        assert!(parse_qrels("1 0 7\n")
            .unwrap_err()
            .to_string()
            .contains("line 1"));
    }
}
