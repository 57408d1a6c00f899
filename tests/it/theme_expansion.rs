//! The bilingual theme list (`archive/themes.toml`): a search for a theme in one language also
//! searches the other, and says so in the results, the JSON and the page.

use lectern::web::{app, AppState};

use crate::support::{get, ids, run, TestArchive};

#[test]
fn a_dutch_theme_finds_english_items_and_says_what_it_added() {
    let archive = TestArchive::sample_plus(&[]);
    let generation = archive.build();
    let results = run(&generation, "sociaal werk", |_| {});
    assert_eq!(results.also_searched, ["social work"]);
    let found = ids(&results);
    assert!(
        found.iter().any(|id| id.starts_with("social-work-futures")),
        "{found:?}"
    );
    assert!(
        found
            .iter()
            .any(|id| id.starts_with("marie-kamphuis-lezing")),
        "{found:?}"
    );

    let results = run(&generation, "poverty", |_| {});
    assert_eq!(results.also_searched, ["armoede"]);
    let results = run(&generation, "", |r| {
        r.filters.themes = vec!["armoede".into()]
    });
    assert!(
        ids(&results).contains(&"social-work-futures-2022-okafor-poverty".to_string()),
        "thema:armoede also takes items tagged poverty"
    );
    assert!(run(&generation, "sociaal", |_| {}).also_searched.is_empty());
}

#[test]
fn editing_the_theme_list_takes_effect_on_the_next_sync() {
    let archive = TestArchive::sample_plus(&[]);
    archive.build();
    archive.write(
        "themes.toml",
        b"[[theme]]\nnl = \"buurtwerk\"\nen = \"community development\"\n",
    );
    let generation = archive.build();
    assert_eq!(
        run(&generation, "buurtwerk", |_| {}).also_searched,
        ["community development"]
    );
    assert!(run(&generation, "armoede", |_| {}).also_searched.is_empty());
}

#[tokio::test]
async fn the_page_and_the_json_show_the_added_terms() {
    let archive = TestArchive::sample_plus(&[]);
    archive.build();
    let app = app(AppState::new(&archive.index()));
    let (status, page) = get(&app, "/search?q=sociaal+werk").await;
    assert!(status.is_success());
    assert!(page.contains("Ook gezocht: social work"), "{page}");
    let (_, page) = get(&app, "/search?q=poverty&ui=en").await;
    assert!(page.contains("Also searched: armoede"));
    let (_, json) = get(&app, "/api/search?q=sociaal+werk").await;
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(json["also_searched"][0], "social work");
}
