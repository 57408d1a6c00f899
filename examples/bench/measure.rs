//! Measuring: percentiles, timing a query mix on one or more threads, peak RSS, sizes on disk.

use std::path::Path;
use std::time::Instant;

use anyhow::Result;
use serde_json::{json, Value};

use crate::mix::MixQuery;

/// Prints one result object for the harness.
pub fn emit(value: Value) {
    println!("{value}");
}

/// The process's peak resident set size in MB (VmHWM), 0 where /proc is missing.
pub fn peak_rss_mb() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .map(|kb| kb / 1024.0)
        .unwrap_or(0.0)
}

/// Bytes below a folder, in MB.
pub fn dir_mb(path: &Path) -> f64 {
    dir_bytes(path) as f64 / 1_000_000.0
}

/// Bytes of the files below `path`.
pub fn dir_bytes(path: &Path) -> u64 {
    lectern::index::generations::size_on_disk(path)
}

/// The value at quantile `q` of sorted milliseconds.
fn quantile(sorted: &[f64], q: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let rank = ((q * sorted.len() as f64).ceil() as usize).clamp(1, sorted.len());
    sorted[rank - 1]
}

pub fn summary(mut ms: Vec<f64>) -> Value {
    ms.sort_by(|a, b| a.total_cmp(b));
    let mean = ms.iter().sum::<f64>() / ms.len().max(1) as f64;
    json!({
        "n": ms.len(),
        "p50_ms": quantile(&ms, 0.50),
        "p95_ms": quantile(&ms, 0.95),
        "p99_ms": quantile(&ms, 0.99),
        "max_ms": ms.last().copied().unwrap_or(0.0),
        "mean_ms": mean,
    })
}

/// Something that computes a result page for a query and returns the total.
pub trait Pager: Sync {
    fn page(&self, query: &MixQuery) -> Result<usize>;
}

/// Times a fixed mix (`rounds` times, one thread), its throughput on `threads` threads, and a
/// mix of distinct queries run once each.
pub fn run(
    pager: &dyn Pager,
    fixed: &[MixQuery],
    distinct: &[MixQuery],
    rounds: usize,
    threads: usize,
) -> Result<Value> {
    let mut totals = Vec::new();
    for query in fixed {
        totals.push(pager.page(query)?); // also warms the caches once
    }
    let mut latencies = Vec::new();
    let mut by_query: Vec<Vec<f64>> = vec![Vec::new(); fixed.len()];
    for _ in 0..rounds {
        for (query, times) in fixed.iter().zip(&mut by_query) {
            let started = Instant::now();
            pager.page(query)?;
            let ms = started.elapsed().as_secs_f64() * 1000.0;
            latencies.push(ms);
            times.push(ms);
        }
    }
    let per_query_p50: Vec<f64> = by_query
        .into_iter()
        .map(|mut times| {
            times.sort_by(|a, b| a.total_cmp(b));
            quantile(&times, 0.5)
        })
        .collect();
    let started = Instant::now();
    std::thread::scope(|scope| -> Result<()> {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| -> Result<()> {
                    for _ in 0..rounds {
                        for query in fixed {
                            pager.page(query)?;
                        }
                    }
                    Ok(())
                })
            })
            .collect();
        for worker in workers {
            worker.join().expect("a worker panicked")?;
        }
        Ok(())
    })?;
    let pages_per_s = (threads * rounds * fixed.len()) as f64 / started.elapsed().as_secs_f64();
    let mut distinct_ms = Vec::new();
    for query in distinct {
        let started = Instant::now();
        pager.page(query)?;
        distinct_ms.push(started.elapsed().as_secs_f64() * 1000.0);
    }
    Ok(json!({
        "fixed": summary(latencies),
        "per_query_p50_ms": per_query_p50,
        "totals": totals,
        "threads": threads,
        "pages_per_s": pages_per_s,
        "distinct": summary(distinct_ms),
        "peak_rss_mb": peak_rss_mb(),
    }))
}
