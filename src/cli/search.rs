//! `lectern search`: readable results, or exactly what `/api/search` returns with `--json`.

use std::fmt::Write as _;
use std::io::{IsTerminal, Write as _};
use std::path::Path;

use anyhow::{Context, Result};

use super::SearchArgs;
use crate::index;
use crate::search::{self, Filters, SearchRequest, Sort, YearRange};
use crate::service::json::{SearchResponse, FACET_VALUES};

pub fn run(index_root: &Path, args: SearchArgs, ranking: search::Ranking) -> Result<i32> {
    let generation = index::open(index_root)?;
    let years = match &args.year {
        Some(text) => Some(YearRange::parse(text).with_context(|| {
            format!("--year {text}: write a year (2022) or a range (2018..2022)")
        })?),
        None => None,
    };
    let sort = Sort::parse(&args.sort)
        .with_context(|| format!("--sort {}: use relevance, newest or oldest", args.sort))?;
    let request = SearchRequest {
        query: args.query.clone(),
        filters: Filters {
            speakers: args.speaker,
            years,
            themes: args.theme,
            series: args.series,
            kinds: args.kind,
            languages: args.lang,
            more_years: Vec::new(),
            people: args.person,
            quoted: Vec::new(),
        },
        sort,
        offset: 0,
        limit: args.limit.clamp(1, search::MAX_LIMIT),
        any_word: false,
        facet_limit: Some(FACET_VALUES),
        exact_values: false,
        counts_as_filtered: false,
        ranking,
    };
    let results = search::search(&generation, &request)?;
    if args.json {
        let json = serde_json::to_string_pretty(&SearchResponse::new(&results))?;
        write_stdout(&format!("{json}\n"))?;
        return Ok(0);
    }
    write_stdout(&render_results(&results))?;
    Ok(0)
}

/// Writes to stdout; a reader that stopped early (`lectern search x | head`) is not an error.
fn write_stdout(text: &str) -> Result<()> {
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(e.into()),
        _ => Ok(()),
    }
}

/// The readable result list, as text.
fn render_results(results: &search::SearchResults) -> String {
    let mut out = String::new();
    let bold = std::io::stdout().is_terminal();
    let mark = |text: &str, ranges: &[std::ops::Range<usize>]| -> String {
        let (open, close) = if bold {
            ("\x1b[1m", "\x1b[0m")
        } else {
            ("[", "]")
        };
        let mut out = String::new();
        let mut at = 0;
        for r in ranges {
            if r.start < at
                || r.end > text.len()
                || !text.is_char_boundary(r.start)
                || !text.is_char_boundary(r.end)
            {
                continue;
            }
            out.push_str(&text[at..r.start]);
            out.push_str(open);
            out.push_str(&text[r.clone()]);
            out.push_str(close);
            at = r.end;
        }
        out.push_str(&text[at..]);
        out
    };
    for warning in &results.warnings {
        let _ = writeln!(out, "note: {}", warning.message("en"));
    }
    if !results.also_searched.is_empty() {
        let _ = writeln!(out, "also searched: {}", results.also_searched.join(", "));
    }
    let _ = writeln!(out, "{} results", results.total);
    if let Some(suggestion) = &results.suggestion {
        let _ = writeln!(out, "did you mean: {suggestion}");
    }
    if let Some(n) = results.without_filters {
        let _ = writeln!(out, "without the filters: {n} results");
    }
    for (i, hit) in results.hits.iter().enumerate() {
        let item = &hit.item;
        let speakers: Vec<&str> = item.speaker_names().collect();
        let _ = writeln!(
            out,
            "\n{}. {} ({})",
            i + 1,
            mark(&item.title, &hit.title_highlights),
            item.date
        );
        let mut meta = vec![speakers.join(", ")];
        meta.extend(item.series.clone());
        meta.push(item.kind.to_string());
        meta.retain(|m| !m.is_empty());
        let _ = writeln!(out, "   {}", meta.join(" · "));
        let _ = writeln!(
            out,
            "   {}",
            mark(&hit.snippet.replace('\n', " "), &hit.highlights)
        );
        if !hit.matched.is_empty() {
            let parts: Vec<&str> = hit.matched.iter().map(|m| m.as_str()).collect();
            let _ = writeln!(out, "   matched in: {}", parts.join(", "));
        }
        for quote in hit.passages.iter().filter_map(|p| p.quote.as_ref()) {
            let who = quote.speaker.as_deref().unwrap_or("speaker unknown");
            let _ = writeln!(out, "   quotation of {who}: “{}”", quote.text);
        }
        for passage in hit.passages.iter().filter(|p| p.text != hit.snippet) {
            let _ = writeln!(
                out,
                "   #{}: {}",
                passage.anchor,
                mark(&passage.text, &passage.highlights)
            );
        }
        let _ = writeln!(out, "   /items/{}", item.id);
    }
    out
}
