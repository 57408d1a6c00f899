//! Counters and latency histograms the server keeps, written out in Prometheus text format.
//!
//! Hand-written: a few counters and histograms behind mutexes are less code than a metrics
//! crate's registry, and the exposition format is a handful of line shapes. Knows nothing of
//! routes; `ops` feeds it and serves it.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::Mutex;
use std::time::Duration;

/// Upper bounds (seconds) of the latency buckets.
const BUCKETS: [f64; 12] = [
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0,
];

#[derive(Debug, Default, Clone)]
struct Histogram {
    counts: [u64; BUCKETS.len()],
    count: u64,
    sum: f64,
}

impl Histogram {
    fn observe(&mut self, seconds: f64) {
        for (bound, count) in BUCKETS.iter().zip(self.counts.iter_mut()) {
            if seconds <= *bound {
                *count += 1;
            }
        }
        self.count += 1;
        self.sum += seconds;
    }

    fn write(&self, out: &mut String, name: &str, labels: &str) {
        let sep = if labels.is_empty() { "" } else { "," };
        for (bound, count) in BUCKETS.iter().zip(self.counts.iter()) {
            let _ = writeln!(out, "{name}_bucket{{{labels}{sep}le=\"{bound}\"}} {count}");
        }
        let _ = writeln!(
            out,
            "{name}_bucket{{{labels}{sep}le=\"+Inf\"}} {}",
            self.count
        );
        let braces = if labels.is_empty() {
            String::new()
        } else {
            format!("{{{labels}}}")
        };
        let _ = writeln!(out, "{name}_sum{braces} {}", self.sum);
        let _ = writeln!(out, "{name}_count{braces} {}", self.count);
    }
}

/// What the server counts. Cheap to update from every request.
#[derive(Debug, Default)]
pub struct Metrics {
    requests: Mutex<BTreeMap<(String, String, u16), u64>>,
    latency: Mutex<BTreeMap<String, Histogram>>,
    search: Mutex<Histogram>,
    last_sync: Mutex<Option<f64>>,
}

/// Gauges read from the index when metrics are scraped.
#[derive(Debug, Default)]
pub struct IndexGauges {
    pub documents: Option<u64>,
    pub outdated: bool,
    pub last_reindex_seconds: Option<f64>,
    pub last_reindex_finished: Option<u64>,
}

impl Metrics {
    pub fn record_request(&self, route: &str, method: &str, status: u16, took: Duration) {
        let key = (route.to_string(), method.to_string(), status);
        *lock(&self.requests).entry(key).or_default() += 1;
        lock(&self.latency)
            .entry(route.to_string())
            .or_default()
            .observe(took.as_secs_f64());
    }

    pub fn record_search(&self, took: Duration) {
        lock(&self.search).observe(took.as_secs_f64());
    }

    pub fn record_sync(&self, took: Duration) {
        *lock(&self.last_sync) = Some(took.as_secs_f64());
    }

    /// Everything in Prometheus text exposition format (version 0.0.4).
    pub fn render(&self, index: &IndexGauges) -> String {
        let mut out = String::new();
        header(
            &mut out,
            "lectern_http_requests_total",
            "counter",
            "HTTP requests by route, method and status.",
        );
        for ((route, method, status), count) in lock(&self.requests).iter() {
            let _ = writeln!(
                out,
                "lectern_http_requests_total{{route=\"{}\",method=\"{}\",status=\"{status}\"}} {count}",
                escape(route),
                escape(method)
            );
        }
        let name = "lectern_http_request_duration_seconds";
        header(
            &mut out,
            name,
            "histogram",
            "HTTP request latency by route.",
        );
        for (route, histogram) in lock(&self.latency).iter() {
            histogram.write(&mut out, name, &format!("route=\"{}\"", escape(route)));
        }
        let name = "lectern_search_duration_seconds";
        header(
            &mut out,
            name,
            "histogram",
            "Time to run one search (query, collect, snippets).",
        );
        lock(&self.search).write(&mut out, name, "");
        gauge(
            &mut out,
            "lectern_index_documents",
            "Items in the served index generation.",
            index.documents.map(|d| d as f64),
        );
        gauge(
            &mut out,
            "lectern_index_outdated",
            "1 while serving a generation built by another analyzer version.",
            Some(f64::from(u8::from(index.outdated))),
        );
        gauge(
            &mut out,
            "lectern_last_reindex_duration_seconds",
            "How long the last full rebuild took.",
            index.last_reindex_seconds,
        );
        gauge(
            &mut out,
            "lectern_last_reindex_timestamp_seconds",
            "When the last full rebuild finished (Unix time).",
            index.last_reindex_finished.map(|t| t as f64),
        );
        gauge(
            &mut out,
            "lectern_last_sync_duration_seconds",
            "How long the server's last archive sync took.",
            *lock(&self.last_sync),
        );
        out
    }
}

fn header(out: &mut String, name: &str, kind: &str, help: &str) {
    let _ = writeln!(out, "# HELP {name} {help}");
    let _ = writeln!(out, "# TYPE {name} {kind}");
}

fn gauge(out: &mut String, name: &str, help: &str, value: Option<f64>) {
    header(out, name, "gauge", help);
    if let Some(value) = value {
        let _ = writeln!(out, "{name} {value}");
    }
}

fn escape(value: &str) -> String {
    value
        .replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|e| e.into_inner())
}
