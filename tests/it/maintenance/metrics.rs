//! `/healthz`, `/readyz` and `/metrics`: the metrics parse as Prometheus text format (checked by
//! a small parser of the format's line grammar) and count what happened.

use std::collections::{BTreeMap, HashMap};

use crate::support::{get, TestArchive};

#[tokio::test]
async fn health_and_readiness() {
    let archive = TestArchive::sample_plus(&[]);
    let app = lectern::web::app(lectern::web::AppState::new(&archive.index()));
    assert_eq!(get(&app, "/healthz").await.0, 200);
    let (status, body) = get(&app, "/readyz").await;
    assert_eq!(status, 503, "no index yet: {body}");
    archive.build();
    let app = lectern::web::app(lectern::web::AppState::new(&archive.index()));
    let (status, body) = get(&app, "/readyz").await;
    assert_eq!(status, 200);
    assert!(body.contains("gen-"), "{body}");
}

#[tokio::test]
async fn metrics_parse_as_prometheus_text_and_count_requests() {
    let archive = TestArchive::sample_plus(&[]);
    archive.build();
    let app = lectern::web::app(lectern::web::AppState::new(&archive.index()));
    for _ in 0..3 {
        assert_eq!(get(&app, "/search?q=sociaal").await.0, 200);
    }
    assert_eq!(get(&app, "/api/search?q=werk").await.0, 200);
    assert_eq!(get(&app, "/no-such-page").await.0, 404);
    assert_eq!(get(&app, "/another/missing/page").await.0, 404);
    let (status, text) = get(&app, "/metrics").await;
    assert_eq!(status, 200);
    let families = parse(&text).unwrap_or_else(|e| panic!("{e}\n{text}"));

    assert_eq!(families["lectern_http_requests_total"].kind, "counter");
    let searches = families["lectern_http_requests_total"]
        .samples
        .iter()
        .find(|s| s.labels.get("route").map(String::as_str) == Some("/search"))
        .expect("a sample for /search");
    assert_eq!(searches.value, 3.0);
    assert_eq!(searches.labels["status"], "200");
    // Pages that do not exist count under one label, not one per path.
    let missing = families["lectern_http_requests_total"]
        .samples
        .iter()
        .find(|s| s.labels.get("route").map(String::as_str) == Some("unmatched"))
        .expect("a sample for requests that matched no route");
    assert_eq!(
        (missing.value, missing.labels["status"].as_str()),
        (2.0, "404")
    );
    let latency = &families["lectern_http_request_duration_seconds"];
    assert_eq!(latency.kind, "histogram");
    let search = &families["lectern_search_duration_seconds"];
    assert_eq!(search.kind, "histogram");
    let count = search
        .samples
        .iter()
        .find(|s| s.name.ends_with("_count"))
        .unwrap();
    assert_eq!(count.value, 4.0, "three pages and one API search");
    let documents = &families["lectern_index_documents"].samples[0];
    assert!(documents.value >= 10.0, "{text}");
    assert_eq!(families["lectern_index_outdated"].samples[0].value, 0.0);
    assert!(families.contains_key("lectern_last_reindex_duration_seconds"));
    assert!(families["lectern_last_reindex_duration_seconds"].samples[0].value > 0.0);
}

#[derive(Debug, Default)]
struct Family {
    kind: String,
    samples: Vec<Sample>,
}

#[derive(Debug)]
struct Sample {
    name: String,
    labels: HashMap<String, String>,
    value: f64,
}

/// Parses the Prometheus text exposition format (0.0.4): `# HELP`/`# TYPE` lines, then samples
/// `name{label="value",...} number`. Checks that each sample belongs to a declared family and
/// that histogram buckets are cumulative and end in `+Inf` equal to `_count`.
fn parse(text: &str) -> Result<BTreeMap<String, Family>, String> {
    let mut families: BTreeMap<String, Family> = BTreeMap::new();
    for (n, line) in text.lines().enumerate() {
        let err = |what: &str| format!("line {}: {what}: {line}", n + 1);
        if line.is_empty() {
            continue;
        }
        if let Some(rest) = line.strip_prefix("# ") {
            let mut parts = rest.splitn(3, ' ');
            let (keyword, name, tail) = (parts.next(), parts.next(), parts.next().unwrap_or(""));
            let name = name.ok_or_else(|| err("comment without a metric name"))?;
            check_name(name).map_err(|e| err(&e))?;
            match keyword {
                Some("HELP") => {}
                Some("TYPE") => {
                    let kinds = ["counter", "gauge", "histogram", "summary", "untyped"];
                    if !kinds.contains(&tail) {
                        return Err(err("unknown type"));
                    }
                    families.entry(name.to_string()).or_default().kind = tail.to_string();
                }
                _ => return Err(err("unknown comment")),
            }
            continue;
        }
        let (series, value) = line.rsplit_once(' ').ok_or_else(|| err("no value"))?;
        let value: f64 = match value {
            "+Inf" => f64::INFINITY,
            "-Inf" => f64::NEG_INFINITY,
            "NaN" => f64::NAN,
            v => v.parse().map_err(|_| err("value is not a number"))?,
        };
        let (name, labels) = match series.split_once('{') {
            Some((name, rest)) => (
                name,
                parse_labels(
                    rest.strip_suffix('}')
                        .ok_or_else(|| err("unclosed labels"))?,
                )
                .map_err(|e| err(&e))?,
            ),
            None => (series, HashMap::new()),
        };
        check_name(name).map_err(|e| err(&e))?;
        let family = ["_bucket", "_sum", "_count"]
            .iter()
            .find_map(|suffix| {
                name.strip_suffix(suffix)
                    .filter(|base| families.get(*base).is_some_and(|f| f.kind == "histogram"))
            })
            .unwrap_or(name);
        let family = families
            .get_mut(family)
            .ok_or_else(|| err("sample before its # TYPE"))?;
        family.samples.push(Sample {
            name: name.to_string(),
            labels,
            value,
        });
    }
    for (name, family) in &families {
        if family.kind == "histogram" {
            check_histogram(name, family)?;
        }
    }
    Ok(families)
}

fn check_histogram(name: &str, family: &Family) -> Result<(), String> {
    let mut by_series: BTreeMap<String, Vec<&Sample>> = BTreeMap::new();
    for sample in &family.samples {
        let mut labels: Vec<String> = sample
            .labels
            .iter()
            .filter(|(k, _)| *k != "le")
            .map(|(k, v)| format!("{k}={v}"))
            .collect();
        labels.sort();
        by_series.entry(labels.join(",")).or_default().push(sample);
    }
    for (series, samples) in by_series {
        let buckets: Vec<&&Sample> = samples
            .iter()
            .filter(|s| s.name.ends_with("_bucket"))
            .collect();
        let count = samples
            .iter()
            .find(|s| s.name.ends_with("_count"))
            .ok_or(format!("{name}{{{series}}}: no _count"))?;
        let last = buckets
            .last()
            .ok_or(format!("{name}{{{series}}}: no buckets"))?;
        if last.labels.get("le").map(String::as_str) != Some("+Inf") || last.value != count.value {
            return Err(format!(
                "{name}{{{series}}}: the +Inf bucket must equal _count"
            ));
        }
        if buckets.windows(2).any(|w| w[0].value > w[1].value) {
            return Err(format!("{name}{{{series}}}: buckets are not cumulative"));
        }
    }
    Ok(())
}

fn parse_labels(text: &str) -> Result<HashMap<String, String>, String> {
    let mut labels = HashMap::new();
    let mut rest = text;
    while !rest.is_empty() {
        let (key, after) = rest.split_once("=\"").ok_or("a label without =\"")?;
        check_name(key)?;
        let mut value = String::new();
        let mut chars = after.char_indices();
        let end = loop {
            match chars.next() {
                Some((_, '\\')) => match chars.next() {
                    Some((_, 'n')) => value.push('\n'),
                    Some((_, c)) => value.push(c),
                    None => return Err("a dangling escape".into()),
                },
                Some((i, '"')) => break i,
                Some((_, c)) => value.push(c),
                None => return Err("an unclosed label value".into()),
            }
        };
        labels.insert(key.to_string(), value);
        rest = after[end + 1..]
            .strip_prefix(',')
            .unwrap_or(&after[end + 1..]);
    }
    Ok(labels)
}

fn check_name(name: &str) -> Result<(), String> {
    let ok = !name.is_empty()
        && !name.starts_with(|c: char| c.is_ascii_digit())
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == ':');
    if ok {
        Ok(())
    } else {
        Err(format!("bad name `{name}`"))
    }
}
