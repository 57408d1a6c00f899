//! Long transcripts: a snippet comes from where the words are, however deep in the text, and
//! facet counts stay exact (the page's fast paths from the performance work, issue 8).

use crate::support::{run, TestArchive};

fn long_item(title: &str, speaker: &str, year: u16, middle: &str) -> String {
    // Dashes, accents and emoji around the match: cutting inside a character must not happen.
    let filler = "Délégués — the work goes on 😀 and on. ".repeat(400);
    format!(
        "+++\ntitle = \"{title}\"\ndate = \"{year}\"\nlanguage = \"en\"\nspeakers = [\"{speaker}\"]\n+++\n\n{filler}\n\n{middle}\n\n{filler}\n"
    )
}

#[test]
fn the_snippet_of_a_long_text_shows_the_match_deep_inside_it() {
    let archive = TestArchive::new(&[
        (
            "a.md",
            &long_item(
                "First",
                "Ann Smith",
                2001,
                "We call for nuclear disarmament now.",
            ),
        ),
        (
            "b.md",
            &long_item("Second", "Bo Jones", 2002, "Disarmament talks resumed."),
        ),
        (
            "c.md",
            &long_item("Third", "Ann Smith", 2003, "Nothing here."),
        ),
    ]);
    let generation = archive.build();
    let results = run(&generation, "nuclear disarmament", |_| {});
    assert_eq!(results.total, 1);
    let hit = &results.hits[0];
    assert!(
        hit.snippet.contains("nuclear disarmament"),
        "{}",
        hit.snippet
    );
    let marked: Vec<&str> = hit
        .highlights
        .iter()
        .map(|r| &hit.snippet[r.clone()])
        .collect();
    assert_eq!(marked, ["nuclear", "disarmament"]);

    let results = run(&generation, "disarmament", |_| {});
    assert_eq!(results.total, 2);
    assert!(results
        .hits
        .iter()
        .all(|h| h.snippet.to_lowercase().contains("disarmament")));
    let speakers: Vec<(String, u64)> = results.facets["speaker"]
        .iter()
        .map(|f| (f.value.clone(), f.count))
        .collect();
    assert_eq!(
        speakers,
        [("Ann Smith".to_string(), 1), ("Bo Jones".to_string(), 1)]
    );
    let years: Vec<&str> = results.facets["year"]
        .iter()
        .map(|f| f.value.as_str())
        .collect();
    assert_eq!(years, ["2002", "2001"]);
}
