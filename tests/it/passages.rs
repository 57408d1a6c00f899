//! Passages come from the index's positions (issue 8): a match far down a long body still gives
//! its passage with the right highlights, through compound parts (`beleid` in `wijkenbeleid`),
//! undoubled vowels (`maatregel` is stemmed `matregel`) and stems that do not start like the
//! word (`dying` -> `die`); Markdown links, emphasis and cue times do not shift them.

use axum::http::StatusCode;
use lectern::web::{app, AppState};
use serde_json::Value;

use crate::support::{get, TestArchive};

const FILLER: &str = "De bewoners van de stad kwamen samen in het buurthuis om te praten over de toekomst van hun straat en de plannen voor het park.";
const MATCH: &str = "Het wijkenbeleid van de gemeente hielp, zeker de maatregelen voor jongeren.";

/// 150 sentences, the match the 140th: as paragraphs (blank lines) or as one paragraph.
fn long_item(between: &str) -> String {
    let mut body = String::new();
    for n in 0..150 {
        let paragraph = if n == 139 { MATCH } else { FILLER };
        body.push_str(paragraph);
        body.push_str(between);
    }
    format!("+++\ntitle = \"Een lange lezing\"\ndate = \"2024-05-01\"\nkind = \"lecture\"\nspeakers = [\"Anna de Vries\"]\nlanguage = \"nl\"\n+++\n\n{body}")
}

#[tokio::test]
async fn a_match_far_down_a_long_body_gets_its_passage_with_highlights() {
    let item = long_item("\n\n");
    assert!(item.len() > 18_000);
    let archive = TestArchive::new(&[("lectures/2024-lange-lezing.md", &item)]);
    archive.build();
    let app = app(AppState::new(&archive.index()));
    let (status, body) = get(&app, "/api/search?q=beleid+maatregel").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let found: Value = serde_json::from_str(&body).unwrap();
    let passages = found["hits"][0]["passages"].as_array().unwrap();
    assert_eq!(passages.len(), 1, "{passages:?}");
    let passage = &passages[0];
    assert_eq!(passage["anchor"], "p-140");
    assert_eq!(passage["text"], MATCH);
    assert_eq!(marked(passage), ["wijkenbeleid", "maatregelen"]);
    let matched = found["hits"][0]["matched"].as_array().unwrap();
    assert_eq!(matched, &[Value::from("text")]);
}

#[tokio::test]
async fn a_match_far_down_one_long_paragraph_is_highlighted_in_its_excerpt() {
    let item = long_item("\n");
    let archive = TestArchive::new(&[("lectures/2024-lange-lezing.md", &item)]);
    archive.build();
    let app = app(AppState::new(&archive.index()));
    let (_, body) = get(&app, "/api/search?q=beleid+maatregel").await;
    let found: Value = serde_json::from_str(&body).unwrap();
    let passage = &found["hits"][0]["passages"][0];
    assert_eq!(passage["anchor"], "p-1");
    assert_eq!(marked(passage), ["wijkenbeleid", "maatregelen"]);
}

/// The words a passage marks.
fn marked(passage: &Value) -> Vec<String> {
    let text: Vec<char> = passage["text"].as_str().unwrap().chars().collect();
    passage["highlights"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let [a, b] = [r[0].as_u64().unwrap(), r[1].as_u64().unwrap()].map(|n| n as usize);
            text[a..b].iter().collect()
        })
        .collect()
}

#[tokio::test]
async fn stems_unlike_the_word_and_markdown_around_it_still_mark_the_right_words() {
    let item = "+++\ntitle = \"On care\"\ndate = \"2023-03-01\"\nkind = \"lecture\"\nspeakers = [\"Ann Lee\"]\nlanguage = \"en\"\n+++\n\n\
        [00:05] See [the report](https://example.org/dies/died/2021) and **our** notes.\n\n\
        [00:40] Care for the *dying* is work for cities; the city died twice.\n";
    let archive = TestArchive::new(&[("lectures/2023-care.md", item)]);
    archive.build();
    let app = app(AppState::new(&archive.index()));
    let (_, body) = get(&app, "/api/search?q=die+city").await;
    let found: Value = serde_json::from_str(&body).unwrap();
    let passages = found["hits"][0]["passages"].as_array().unwrap();
    assert_eq!(passages.len(), 1, "{passages:?}");
    assert_eq!(passages[0]["anchor"], "t=00:40");
    assert_eq!(marked(&passages[0]), ["dying", "cities", "city", "died"]);
}

#[tokio::test]
async fn facet_values_are_cut_to_the_number_asked_for() {
    let item = |speaker: &str| {
        format!("+++\ntitle = \"Zorg\"\ndate = \"2023-03-01\"\nkind = \"lecture\"\nspeakers = [\"{speaker}\"]\nlanguage = \"nl\"\n+++\n\nOver zorg.\n")
    };
    let (a, b, c) = (item("Ann Lee"), item("Bea Bos"), item("Cor Dam"));
    let archive = TestArchive::new(&[
        ("lectures/a.md", a.as_str()),
        ("lectures/b.md", b.as_str()),
        ("lectures/c.md", c.as_str()),
    ]);
    archive.build();
    let app = app(AppState::new(&archive.index()));
    let speakers = |body: &str| {
        let found: Value = serde_json::from_str(body).unwrap();
        found["facets"]["speaker"].as_array().unwrap().len()
    };
    let (_, body) = get(&app, "/api/search?q=zorg").await;
    assert_eq!(speakers(&body), 3);
    let (_, body) = get(&app, "/api/search?q=zorg&facets=2").await;
    assert_eq!(speakers(&body), 2);
    let (status, body) = get(&app, "/api/search?q=zorg&facets=0").await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    assert!(body.contains("facets=0"), "{body}");
}
