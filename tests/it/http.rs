//! The router without a socket: pages and JSON, including bad queries that must not give a 500.

use axum::http::StatusCode;
use lectern::web::{app, AppState};

use crate::support::{
    get, get_with, report_item, TestArchive, REPORT_FILE, REPORT_ID, REPORT_TITLE,
};

fn setup() -> (TestArchive, axum::Router) {
    let archive = TestArchive::sample_plus(&[(REPORT_FILE, &report_item())]);
    archive.build();
    let router = app(AppState::new(&archive.index()));
    (archive, router)
}

#[tokio::test]
async fn api_search_returns_the_documented_shape() {
    let (_archive, app) = setup();
    let (status, body) = get(&app, "/api/search?q=monnink&year=2022").await;
    assert_eq!(status, StatusCode::OK);
    let json: serde_json::Value = serde_json::from_str(&body).unwrap();
    let hit = json["hits"]
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["id"] == REPORT_ID)
        .expect("the report");
    for key in [
        "id",
        "title",
        "date",
        "year",
        "kind",
        "language",
        "speakers",
        "themes",
        "series",
        "snippet",
        "highlights",
        "url",
    ] {
        assert!(hit.get(key).is_some(), "hit lacks {key}");
    }
    assert_eq!(hit["year"], 2022);
    let snippet: Vec<char> = hit["snippet"].as_str().unwrap().chars().collect();
    let [start, end] = [
        hit["highlights"][0][0].as_u64().unwrap() as usize,
        hit["highlights"][0][1].as_u64().unwrap() as usize,
    ];
    let marked: String = snippet[start..end].iter().collect();
    assert_eq!(marked, "Mönnink");
    for facet in ["speaker", "year", "theme", "series", "kind", "language"] {
        assert!(json["facets"][facet].is_array(), "facet {facet}");
    }
    let (status, body) = get(&app, "/api/search?q=monnink&year=2021").await;
    assert_eq!(status, StatusCode::OK);
    assert!(!body.contains(REPORT_ID));
}

#[tokio::test]
async fn api_item_returns_the_full_text() {
    let (_archive, app) = setup();
    let (status, body) = get(&app, &format!("/api/items/{REPORT_ID}")).await;
    assert_eq!(status, StatusCode::OK);
    let json: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(json["date"], "2022-10-06");
    assert!(json["body"].as_str().unwrap().contains("Versnippering"));
    let (status, _) = get(&app, "/api/items/no-such-item").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn search_page_marks_the_match_and_facets_narrow() {
    let (_archive, app) = setup();
    let (status, page) = get(
        &app,
        "/search?q=continuiteit&speaker=Herman+de+M%C3%B6nnink",
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        page.contains("<mark>continuïteit</mark>") || page.contains("<mark>Continuïteit</mark>"),
        "{page}"
    );
    assert!(page.contains(REPORT_TITLE));
    assert!(
        page.contains("Verwijder filter"),
        "active filter is removable"
    );
}

#[tokio::test]
async fn bad_queries_get_a_hint_never_a_500() {
    let (_archive, app) = setup();
    let long = "woord%20".repeat(700);
    for uri in [
        "/search?q=%22lange+relatie",
        "/search?q=auteur%3Aengbersen",
        &format!("/search?q={long}"),
        "/search?q=-",
        "/search?q=%22%22",
        "/search?q=de+het+een",
    ] {
        let (status, page) = get(&app, uri).await;
        assert!(
            status == StatusCode::OK || status == StatusCode::BAD_REQUEST,
            "{uri}: {status}"
        );
        assert!(page.contains("</html>"));
    }
    let (_, page) = get(&app, "/search?q=%22lange+relatie").await;
    assert!(page.contains("aanhalingsteken"), "unbalanced quote hint");
    let (_, page) = get(&app, "/search?q=auteur%3Aengbersen").await;
    assert!(page.contains("auteur:"), "unknown prefix hint");
    let (status, page) = get(&app, "/search?page=abc").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(page.contains("page"));
}

#[tokio::test]
async fn pages_for_items_speakers_themes_series_years_and_404() {
    let (_archive, app) = setup();
    let (status, page) = get(&app, &format!("/items/{REPORT_ID}")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        page.contains("/speakers/herman-de-monnink")
            && page.contains("/series/marie-kamphuis-lezing")
            && page.contains("/years/2022")
    );
    for uri in [
        "/speakers/herman-de-monnink",
        "/themes/sociaal-werk",
        "/series/marie-kamphuis-lezing",
        "/years/2022",
        "/",
    ] {
        let (status, page) = get(&app, uri).await;
        assert_eq!(status, StatusCode::OK, "{uri}");
        assert!(page.contains(REPORT_TITLE) || uri == "/", "{uri}");
    }
    let (status, _) = get(&app, "/speakers/nobody-at-all").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _) = get(&app, "/nothing/here").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn interface_language_follows_the_browser() {
    let (_archive, app) = setup();
    let (_, dutch) = get(&app, "/search?q=armoede").await;
    assert!(dutch.contains("lang=\"nl\"") && dutch.contains("Zoeken"));
    let (_, english) = get_with(
        &app,
        "/search?q=armoede",
        &[("accept-language", "en-GB,en;q=0.9")],
    )
    .await;
    assert!(english.contains("lang=\"en\"") && english.contains("Search"));
}

/// A browse page lists every item of its value, a hundred a page, with the true total: an
/// archive can have more items of a theme or a year than one page shows.
#[tokio::test]
async fn browse_pages_page_through_all_items_of_a_value() {
    let files: Vec<(String, String)> = (1..=130)
        .map(|n| {
            (
                format!("reports/2005-verslag-{n:03}.md"),
                format!(
                    "+++\ntitle = \"Verslag {n}\"\ndate = \"2005-{month:02}\"\nkind = \"report\"\n\
                     speakers = [\"Anna de Vries\"]\nthemes = [\"buurtwerk\"]\nlanguage = \"nl\"\n+++\n\n\
                     Verslag nummer {n} over buurtwerk.\n",
                    month = n % 12 + 1
                ),
            )
        })
        .collect();
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(p, c)| (p.as_str(), c.as_str()))
        .collect();
    let archive = TestArchive::sample_plus(&refs);
    archive.build();
    let app = app(AppState::new(&archive.index()));
    for path in [
        "/themes/buurtwerk",
        "/speakers/anna-de-vries",
        "/years/2005",
    ] {
        let (status, first) = get(&app, path).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        assert!(
            first.contains("130 items") && !first.contains("100 items"),
            "{path}: the total, not the page's 100"
        );
        assert!(
            first.contains(&format!("{path}?page=2")),
            "{path}: a link to page 2"
        );
        let (status, second) = get(&app, &format!("{path}?page=2")).await;
        assert_eq!(status, StatusCode::OK, "{path}?page=2");
        let listed = |page: &str| {
            (1..=130)
                .filter(|n| page.contains(&format!("/items/reports-2005-verslag-{n:03}\"")))
                .count()
        };
        assert_eq!(
            listed(&first) + listed(&second),
            130,
            "{path}: every item on one page"
        );
        assert_eq!(
            get(&app, &format!("{path}?page=3")).await.0,
            StatusCode::NOT_FOUND
        );
    }
}
