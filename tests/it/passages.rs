//! Passages in long texts (issue 8 follow-up): only paragraphs that can hold a query word are
//! analysed, and a match far down a long body still gives its passage with the right
//! highlights, through compound parts (`beleid` in `wijkenbeleid`) and undoubled vowels
//! (`maatregel` is stemmed `matregel`).

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
    let text: Vec<char> = MATCH.chars().collect();
    let marked: Vec<String> = passage["highlights"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let [a, b] = [r[0].as_u64().unwrap(), r[1].as_u64().unwrap()].map(|n| n as usize);
            text[a..b].iter().collect()
        })
        .collect();
    assert_eq!(marked, ["wijkenbeleid", "maatregelen"]);
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
    let text: Vec<char> = passage["text"].as_str().unwrap().chars().collect();
    let marked: Vec<String> = passage["highlights"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let [a, b] = [r[0].as_u64().unwrap(), r[1].as_u64().unwrap()].map(|n| n as usize);
            text[a..b].iter().collect()
        })
        .collect();
    assert_eq!(marked, ["wijkenbeleid", "maatregelen"]);
}
