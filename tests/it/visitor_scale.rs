//! Visitor pages on an archive of 10,952 items (issue 15): the UN General Debate speeches of
//! ../shared, imported as items (one speaker each, series "UN General Debate", 1946-2024).
//! Pages stay small and readable where the sample archive is too small to tell.

use std::io::{BufRead, Write};

use axum::http::StatusCode;
use lectern::web::{app, AppState};
use serde_json::{json, Value};

use crate::support::{get, shared, TestArchive};

/// The speeches as Lectern import lines, in a file beside the archive.
fn un_archive() -> TestArchive {
    let archive = TestArchive::new(&[]);
    let corpus = shared().join("data/corpora/ungdc/speeches.jsonl.gz");
    let reader = std::io::BufReader::new(flate2::read::GzDecoder::new(
        std::fs::File::open(corpus).unwrap(),
    ));
    let lines = archive.dir.path().join("un.jsonl");
    let mut out = std::io::BufWriter::new(std::fs::File::create(&lines).unwrap());
    for line in reader.lines() {
        let speech: Value = serde_json::from_str(&line.unwrap()).unwrap();
        let text = speech["text"].as_str().unwrap_or("");
        let mut item = json!({
            "id": format!("ungd-{}", speech["id"].as_str().unwrap().to_lowercase().replace('_', "-")),
            "title": format!("{}: general debate, session {}", speech["country"].as_str().or(speech["country_iso"].as_str()).unwrap_or("Unknown"), speech["session"]),
            "date": speech["year"].to_string(),
            "kind": "lecture",
            "series": "UN General Debate",
            "language": "en",
            "body": if text.trim().is_empty() { "(no text)".to_string() } else { text.replace('\n', "\n\n") },
        });
        if let Some(speaker) = speech["speaker"].as_str().filter(|s| !s.is_empty()) {
            item["speakers"] = json!([speaker]);
        }
        writeln!(out, "{item}").unwrap();
    }
    out.flush().unwrap();
    drop(out);
    let mut errors = Vec::new();
    let mut keep = |error: &str| errors.push(error.to_string());
    let report =
        lectern::ingest::bulk::import(&archive.archive(), &lines, false, &mut keep).unwrap();
    assert_eq!(report.errors, 0, "{errors:?}");
    archive.build();
    archive
}

#[tokio::test]
#[ignore = "needs ../shared"]
async fn pages_of_an_archive_of_ten_thousand_speeches_stay_small_and_readable() {
    let archive = un_archive();
    let app = app(AppState::new(&archive.index()));
    let size = |page: &str| page.len();

    // A speaker page lists the people who shared an item: nobody here (444 KB before).
    let (_, all) = get(&app, "/api/search?facets=1").await;
    let all: Value = serde_json::from_str(&all).unwrap();
    assert!(all["total"].as_u64().unwrap() >= 10_000);
    let busiest = all["facets"]["speaker"][0]["value"]
        .as_str()
        .unwrap()
        .to_string();
    let slug = lectern::archive::slug::slugify(&busiest);
    let (status, page) = get(&app, &format!("/speakers/{slug}")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(!page.contains("<dt>Samen met</dt>"), "{busiest}");
    assert!(size(&page) < 100_000, "{} bytes", size(&page));

    // 79 years: one label per decade, the Years facet by decade.
    let (_, page) = get(&app, "/search?q=poverty&year=1990..1999").await;
    let axis = &page[page.find("<ol class=\"axis\"").unwrap()..];
    let axis = &axis[..axis.find("</ol>").unwrap()];
    assert_eq!(axis.matches("<li>").count(), 9, "{axis}");
    assert!(page.contains("aria-current=\"true\"><span>1990–1999</span>"));
    assert!(page.contains("<details class=\"filters\"><summary>Filters (1)</summary>"));

    // Several years, OR-ed.
    let count = |body: &str| {
        serde_json::from_str::<Value>(body).unwrap()["total"]
            .as_u64()
            .unwrap()
    };
    let (_, both) = get(&app, "/api/search?year=2019&year=2022").await;
    let (_, one) = get(&app, "/api/search?year=2019").await;
    let (_, other) = get(&app, "/api/search?year=2022").await;
    assert_eq!(count(&both), count(&one) + count(&other));

    // The chronology has numbered pages up to the last one; past it, the query is kept.
    let (_, page) = get(&app, "/series/un-general-debate?page=50").await;
    assert!(page.contains("aria-current=\"page\""));
    assert!(page.contains("href=\"/series/un-general-debate?page=110\""));
    let (status, page) = get(&app, "/search?q=poverty&page=2000").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("Pagina 2000 bestaat niet"));
    assert!(page.contains("value=\"poverty\""));

    // Thousands of speakers: A–Z, one letter a page.
    let (_, page) = get(&app, "/speakers").await;
    assert!(page.contains("href=\"/speakers?letter=B\""));
    let (_, page) = get(&app, "/speakers?letter=B").await;
    assert!(page.contains("<h2 id=\"letter-B\">B</h2>"));
    assert!(size(&page) < 150_000, "{} bytes", size(&page));
    let (_, page) = get(&app, "/years").await;
    assert!(page.contains("id=\"decade-1940\"") && page.contains("href=\"/years/2024\""));

    // Suggestions for the search box's combobox (asked 200 ms after the last keystroke):
    // at most 8 of the thousands of speakers, fast enough to follow typing.
    let started = std::time::Instant::now();
    let (_, body) = get(&app, "/api/suggest?q=ba").await;
    let took = started.elapsed();
    let found: Value = serde_json::from_str(&body).unwrap();
    let suggestions = found["suggestions"].as_array().unwrap();
    assert!((1..=8).contains(&suggestions.len()), "{body}");
    eprintln!("/api/suggest?q=ba over {} items: {took:?}", all["total"]);
    assert!(took < std::time::Duration::from_secs(2), "{took:?}");

    // Typo matches only for a word found nowhere as typed, then every hit says so.
    let (_, exact) = get(&app, "/api/search?q=poverty&limit=50").await;
    let exact: Value = serde_json::from_str(&exact).unwrap();
    assert!(exact["hits"]
        .as_array()
        .unwrap()
        .iter()
        .all(|h| h["approximate"] == false));
    let (_, typo) = get(&app, "/api/search?q=povrety&limit=50").await;
    let typo: Value = serde_json::from_str(&typo).unwrap();
    assert!(typo["total"].as_u64().unwrap() > 0, "{typo}");
    assert!(typo["hits"]
        .as_array()
        .unwrap()
        .iter()
        .all(|h| h["approximate"] == true));
}
