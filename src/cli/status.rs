//! `lectern status`: the index against the archive and this binary; exit 0 only when current.

use std::path::Path;
use std::time::{SystemTime, UNIX_EPOCH};

use anyhow::{Context, Result};
use serde_json::json;

use crate::archive::scan::{TempFile, STALE_TEMP_AGE};
use crate::index::status::{status, Status};

pub fn run(archive: &Path, index_root: &Path, as_json: bool) -> Result<i32> {
    let status = status(index_root, archive).with_context(|| {
        format!(
            "cannot compare {} with {}",
            index_root.display(),
            archive.display()
        )
    })?;
    if as_json {
        println!("{}", serde_json::to_string_pretty(&to_json(&status))?);
    } else {
        print!("{}", render(&status, index_root));
    }
    Ok(i32::from(!status.current()))
}

fn verdict(status: &Status) -> &'static str {
    if status.generation.is_none() {
        "missing: run `lectern index`"
    } else if status.outdated() {
        "outdated (built by another version): run `lectern reindex`"
    } else if !status.current() {
        "stale: run `lectern index` (a running `lectern serve` does it within seconds)"
    } else {
        "current"
    }
}

fn render(s: &Status, index_root: &Path) -> String {
    let mut out = String::new();
    let mut line = |key: &str, value: String| out += &format!("{key:<13}{value}\n");
    line(
        "index",
        format!(
            "{} (generation {}), {:.1} MB on disk",
            index_root.display(),
            s.generation.as_deref().unwrap_or("none"),
            s.size_bytes as f64 / 1e6
        ),
    );
    let built = s.versions.as_ref().map_or("none".to_string(), |v| {
        format!("analyzer v{}, schema v{}", v.analyzer, v.schema)
    });
    line(
        "versions",
        format!(
            "{built} (this binary: analyzer v{}, schema v{})",
            s.analyzer, s.schema
        ),
    );
    line(
        "items",
        format!(
            "{} in the archive, {} in the index",
            s.archive_items, s.indexed_items
        ),
    );
    line("stale", list(&s.stale, "changed since they were indexed"));
    line("missing", list(&s.missing, "not in the index yet"));
    line(
        "removed",
        list(&s.removed, "in the index, file gone or broken"),
    );
    line(
        "problems",
        format!(
            "{} files with errors (`lectern check` lists them)",
            s.errors
        ),
    );
    if let Some(updated) = s.versions.as_ref().map(|v| v.updated).filter(|t| *t > 0) {
        line("last update", when(updated));
    }
    if let Some(last) = &s.last_reindex {
        line(
            "last reindex",
            format!(
                "{}, took {:.1} s for {} items",
                when(last.finished),
                last.seconds,
                last.items
            ),
        );
    }
    match &s.rebuild_running {
        Some(pid) => line(
            "rebuild",
            format!("running (pid {pid}): {}", s.other_generations.join(", ")),
        ),
        None if !s.other_generations.is_empty() => line(
            "leftovers",
            format!(
                "{} (from an interrupted rebuild; the next `lectern reindex` removes them)",
                s.other_generations.join(", ")
            ),
        ),
        None => {}
    }
    if !s.temp_files.is_empty() {
        line("temp files", temp_files(&s.temp_files));
    }
    for (path, texts) in &s.quote_warnings {
        line(
            "warning",
            format!(
                "{path}: `[[quotes]]` with text {} matches no quotation (check its first words)",
                texts
                    .iter()
                    .map(|t| format!("{t:?}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        );
    }
    line("state", verdict(s).to_string());
    out
}

/// `2 in the archive: a/.b.md.new-1-0 (3600 s old, left by an interrupted write), ...`
fn temp_files(temps: &[TempFile]) -> String {
    let shown: Vec<String> = temps
        .iter()
        .take(5)
        .map(|temp| {
            let why = if temp.stale() {
                "left by an interrupted write"
            } else {
                "a write in progress?"
            };
            format!("{} ({} s old, {why})", temp.path, temp.age.as_secs())
        })
        .collect();
    format!(
        "{} in the archive: {}{}; `lectern index` (and a running `lectern serve`) removes those older than {} min",
        temps.len(),
        shown.join(", "),
        if temps.len() > 5 { ", ..." } else { "" },
        STALE_TEMP_AGE.as_secs() / 60
    )
}

fn list(ids: &[String], what: &str) -> String {
    let shown: Vec<&str> = ids.iter().take(5).map(String::as_str).collect();
    match ids.len() {
        0 => "0".to_string(),
        n if n <= 5 => format!("{n} {what}: {}", shown.join(", ")),
        n => format!("{n} {what}: {}, ...", shown.join(", ")),
    }
}

fn to_json(s: &Status) -> serde_json::Value {
    json!({
        "current": s.current(),
        "state": verdict(s),
        "generation": s.generation,
        "index": s.versions.as_ref().map(|v| json!({"analyzer": v.analyzer, "schema": v.schema, "updated": v.updated})),
        "binary": {"analyzer": s.analyzer, "schema": s.schema},
        "archive_items": s.archive_items,
        "indexed_items": s.indexed_items,
        "stale": s.stale,
        "missing": s.missing,
        "removed": s.removed,
        "errors": s.errors,
        "size_bytes": s.size_bytes,
        "last_reindex": s.last_reindex,
        "rebuild_running": s.rebuild_running,
        "other_generations": s.other_generations,
        "quote_warnings": s.quote_warnings.iter().map(|(path, texts)| json!({"path": path, "unmatched": texts})).collect::<Vec<_>>(),
        "temp_files": s.temp_files.iter().map(|t| json!({"path": t.path, "age_seconds": t.age.as_secs(), "stale": t.stale()})).collect::<Vec<_>>(),
    })
}

/// `2026-11-28 15:40:00 UTC (12 s ago)` from Unix seconds.
fn when(seconds: u64) -> String {
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let stamp = crate::archive::stamp::utc(UNIX_EPOCH + std::time::Duration::from_secs(seconds));
    format!(
        "{} UTC ({} s ago)",
        stamp.trim_end_matches('Z').replace('T', " "),
        now.saturating_sub(seconds)
    )
}
