//! `lectern search`: readable results, or exactly what `/api/search` returns with `--json`.

use std::io::IsTerminal;
use std::path::Path;

use anyhow::{Context, Result};

use super::SearchArgs;
use crate::index;
use crate::search::{self, Filters, SearchRequest, Sort, YearRange};
use crate::web;

pub fn run(index_root: &Path, args: SearchArgs) -> Result<i32> {
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
        },
        sort,
        offset: 0,
        limit: args.limit.clamp(1, search::MAX_LIMIT),
        any_word: false,
    };
    let results = search::search(&generation, &request)?;
    if args.json {
        println!(
            "{}",
            serde_json::to_string_pretty(&web::api::SearchResponse::new(&results))?
        );
        return Ok(0);
    }
    print_results(&results);
    Ok(0)
}

fn print_results(results: &search::SearchResults) {
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
        println!("note: {}", warning.message("en"));
    }
    if !results.also_searched.is_empty() {
        println!("also searched: {}", results.also_searched.join(", "));
    }
    println!("{} results", results.total);
    if let Some(suggestion) = &results.suggestion {
        println!("did you mean: {suggestion}");
    }
    if let Some(n) = results.without_filters {
        println!("without the filters: {n} results");
    }
    for (i, hit) in results.hits.iter().enumerate() {
        let item = &hit.item;
        let speakers: Vec<&str> = item.speaker_names().collect();
        println!(
            "\n{}. {} ({})",
            i + 1,
            mark(&item.title, &hit.title_highlights),
            item.date
        );
        let mut meta = vec![speakers.join(", ")];
        meta.extend(item.series.clone());
        meta.push(item.kind.to_string());
        meta.retain(|m| !m.is_empty());
        println!("   {}", meta.join(" · "));
        println!(
            "   {}",
            mark(&hit.snippet.replace('\n', " "), &hit.highlights)
        );
        if !hit.matched.is_empty() {
            let parts: Vec<&str> = hit.matched.iter().map(|m| m.as_str()).collect();
            println!("   matched in: {}", parts.join(", "));
        }
        for passage in hit.passages.iter().filter(|p| p.text != hit.snippet) {
            println!(
                "   #{}: {}",
                passage.anchor,
                mark(&passage.text, &passage.highlights)
            );
        }
        println!("   /items/{}", item.id);
    }
}
