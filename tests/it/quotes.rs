//! Who said what, end to end on our own fixtures: a visitor's `citaat:` search finds the quoted
//! words and says whose they are; the person's page lists the quotation with a link to its
//! paragraph; the archivist's correction in the front matter wins over the text; bad `quotes`
//! front matter is named with its path and line; an unmatched correction is a warning; the API
//! shapes (`/api/items/{id}`, `/api/quotes`).
//!
//! Attributions here come from front-matter corrections (or from the correction overruling an
//! unmistakable "zei ..." in the text), so these tests hold for any extraction that finds a
//! quotation between typographic marks.

use axum::http::StatusCode;
use lectern::web::{app, AppState};

use crate::ingest::lectern;
use crate::support::{get, ids, json, run, TestArchive};

/// A report whose quotation the text gives to Anna Smit and the front matter to Peter ten Have.
const CORRECTED: &str = "+++\ntitle = \"Avond over vaste gezichten\"\ndate = \"2024-05-02\"\nkind = \"report\"\nlanguage = \"nl\"\nspeakers = [\"Lotte Brink\"]\n\n[[quotes]]\ntext = \"Continuiteit is de VOORWAARDE\"\nspeaker = \"Peter ten Have\"\n+++\n\nLotte Brink opende de avond.\n\n“Continuïteit is de voorwaarde voor vertrouwen in de wijk”, zei Anna Smit.\n\nDaarna volgde een gesprek met de zaal.\n";

/// An older report that has the word, but not inside a quotation.
const PLAIN: &str = "+++\ntitle = \"Notities over de wijk\"\ndate = \"2021-01-10\"\nkind = \"essay\"\nlanguage = \"nl\"\n+++\n\nOver continuïteit in de wijk schreef niemand iets tussen aanhalingstekens.\n";

/// An even older report with another quotation of Peter ten Have (newest first on his page).
const OLDER: &str = "+++\ntitle = \"Terugblik op de buurtteams\"\ndate = \"2019-09-01\"\nkind = \"report\"\nlanguage = \"nl\"\n\n[[quotes]]\ntext = \"Een vast gezicht\"\nspeaker = \"Peter ten Have\"\n+++\n\nIn de terugblik stond één zin centraal.\n\nHij zei het zo: “Een vast gezicht opent meer deuren dan een folder.”\n";

fn setup() -> (TestArchive, axum::Router) {
    let archive = TestArchive::new(&[
        ("2024-avond.md", CORRECTED),
        ("2021-notities.md", PLAIN),
        ("2019-terugblik.md", OLDER),
        // A theme in the query is searched with its translation, but not within quotations.
        (
            "themes.toml",
            "[[theme]]\nnl = \"continuïteit\"\nen = \"continuity\"\n",
        ),
    ]);
    archive.build();
    let router = app(AppState::new(&archive.index()));
    (archive, router)
}

#[tokio::test]
async fn a_citaat_search_finds_the_quoted_words_and_shows_whose_they_are() {
    let (archive, app) = setup();
    let generation = lectern::index::open(&archive.index()).unwrap();
    // Plain words find both; within quotations only the report that quotes them.
    assert_eq!(run(&generation, "continuïteit", |_| {}).total, 2);
    let quoted = run(&generation, "citaat:continuiteit", |_| {});
    assert_eq!(ids(&quoted), ["2024-avond"]);
    assert!(run(&generation, "quote:gesprek", |_| {}).hits.is_empty());
    let passage = &quoted.hits[0].passages[0];
    assert_eq!(passage.anchor, "p-2");
    assert_eq!(
        passage.quote.as_ref().and_then(|q| q.speaker.as_deref()),
        Some("Peter ten Have")
    );

    // The visitor's page: the hit, its quotation passage and whose it is.
    let (status, page) = get(&app, "/search?q=citaat%3Acontinu%C3%AFteit").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("Avond over vaste gezichten"), "{page}");
    assert!(!page.contains("Notities over de wijk"), "{page}");
    assert!(page.contains("Citaat van Peter ten Have:"), "{page}");
    assert!(page.contains("/items/2024-avond#p-2"), "{page}");
    // The people facet, with the roles.
    assert!(page.contains("facet-person"), "{page}");
    assert!(page.contains("geciteerd"), "{page}");
    // The JSON answer says the same.
    let found = json(&app, "/api/search?q=citaat%3Acontinuiteit").await;
    assert_eq!(found["total"], 1);
    assert_eq!(
        found["hits"][0]["passages"][0]["quote"]["speaker"],
        "Peter ten Have"
    );
    assert!(found["facets"]["person"]
        .as_array()
        .unwrap()
        .iter()
        .any(|v| v["value"] == "Peter ten Have"));
    // The people filter.
    let filtered = json(&app, "/api/search?person=Peter+ten+Have").await;
    assert_eq!(filtered["total"], 2);
    assert_eq!(filtered["filters"]["person"][0], "Peter ten Have");
}

#[tokio::test]
async fn the_correction_in_front_matter_wins_over_the_text() {
    let (_archive, app) = setup();
    let item = json(&app, "/api/items/2024-avond").await;
    let quotes = item["quotes"].as_array().unwrap();
    assert_eq!(quotes.len(), 1, "{item}");
    assert_eq!(quotes[0]["speaker"], "Peter ten Have");
    assert_eq!(quotes[0]["corrected"], true);
    assert_eq!(quotes[0]["anchor"], "p-2");
    assert_eq!(quotes[0]["url"], "/items/2024-avond#p-2");
    assert!(quotes[0]["text"]
        .as_str()
        .unwrap()
        .starts_with("Continuïteit is de voorwaarde"));
    let people = item["people"].as_array().unwrap();
    let roles_of = |name: &str| {
        people
            .iter()
            .find(|p| p["name"] == name)
            .map(|p| p["roles"].clone())
    };
    assert_eq!(roles_of("Lotte Brink").unwrap()[0], "speaker");
    assert!(roles_of("Peter ten Have")
        .unwrap()
        .as_array()
        .unwrap()
        .contains(&"quoted".into()));
    // Whoever else an extraction finds, nobody but Peter ten Have is quoted here.
    assert!(people
        .iter()
        .filter(|p| p["roles"].as_array().unwrap().contains(&"quoted".into()))
        .all(|p| p["name"] == "Peter ten Have"));

    // The item page marks the quotation and says whose it is; nothing unescaped.
    let (status, page) = get(&app, "/items/2024-avond").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        page.contains("<span class=\"quote\">“Continuïteit"),
        "{page}"
    );
    assert!(
        page.contains("<span class=\"who\">(Peter ten Have)</span>"),
        "{page}"
    );
    assert!(page.contains("Personen in dit item"), "{page}");
    assert!(page.contains("href=\"/people/peter-ten-have\""), "{page}");
    // JSON-LD: the quotation and its creator.
    assert!(page.contains("\"@type\":\"Quotation\""), "{page}");
}

#[tokio::test]
async fn the_persons_page_lists_what_they_said_newest_first_with_paragraph_links() {
    let (_archive, app) = setup();
    let (status, page) = get(&app, "/people/peter-ten-have").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("<h1>Peter ten Have</h1>"), "{page}");
    let newest = page
        .find("/items/2024-avond#p-2")
        .expect("the 2024 quotation");
    let older = page
        .find("/items/2019-terugblik#p-2")
        .expect("the 2019 quotation");
    assert!(newest < older, "newest first");
    assert!(
        page.contains("Een vast gezicht opent meer deuren"),
        "{page}"
    );
    assert!(page.contains("geciteerd 2"), "{page}");
    let (status, _) = get(&app, "/people/niemand-bekend").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _) = get(&app, "/people/niemand").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    // The directory lists everyone quoted, with the role counts.
    let (status, directory) = get(&app, "/people").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        directory.contains("href=\"/people/peter-ten-have\""),
        "{directory}"
    );
    assert!(directory.contains("geciteerd 2"), "{directory}");
    assert!(
        directory.contains("href=\"/people/lotte-brink\""),
        "{directory}"
    );
}

#[tokio::test]
async fn api_quotes_pages_a_persons_quotations() {
    let (_archive, app) = setup();
    let found = json(&app, "/api/quotes?person=peter-ten-have&limit=1").await;
    assert_eq!(found["person"], "Peter ten Have");
    assert_eq!(found["total_items"], 2);
    assert_eq!(found["items"].as_array().unwrap().len(), 1);
    assert_eq!(found["items"][0]["id"], "2024-avond");
    assert_eq!(
        found["items"][0]["quotes"][0]["url"],
        "/items/2024-avond#p-2"
    );
    let second = json(&app, "/api/quotes?person=Peter+ten+Have&limit=1&page=2").await;
    assert_eq!(second["items"][0]["id"], "2019-terugblik");
    let words = json(&app, "/api/quotes?q=deuren").await;
    assert_eq!(words["items"][0]["id"], "2019-terugblik");
    for bad in [
        "/api/quotes",
        "/api/quotes?person=x&limit=51",
        "/api/quotes?q=x&page=0",
    ] {
        let (status, body) = get(&app, bad).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{bad}: {body}");
        assert!(body.contains("\"error\""), "{body}");
    }
}

#[test]
fn bad_quotes_front_matter_is_named_with_its_path_and_line() {
    let archive = TestArchive::new(&[(
        "fout.md",
        "+++\ntitle = \"Fout\"\ndate = \"2024\"\n\n[[quotes]]\ntext = \"Iets\"\nspreker = \"Peter ten Have\"\n+++\n\nTekst.\n",
    )]);
    let output = lectern(&archive, &["check"]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("fout.md:5:"), "{stderr}");
    assert!(stderr.contains("did you mean `speaker`"), "{stderr}");
}

#[test]
fn a_correction_that_matches_nothing_is_a_warning_naming_the_file() {
    let archive = TestArchive::new(&[(
        "2024-los.md",
        "+++\ntitle = \"Los\"\ndate = \"2024\"\nlanguage = \"nl\"\n\n[[quotes]]\ntext = \"Dit staat nergens\"\nspeaker = \"Peter ten Have\"\n+++\n\nGeen citaten hier.\n",
    )]);
    let output = lectern(&archive, &["index"]);
    assert!(output.status.success());
    let output = lectern(&archive, &["status"]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("2024-los.md"), "{stdout}");
    assert!(stdout.contains("Dit staat nergens"), "{stdout}");
    // The item is indexed all the same.
    let generation = lectern::index::open(&archive.index()).unwrap();
    assert_eq!(ids(&run(&generation, "citaten", |_| {})), ["2024-los"]);
}

#[test]
fn add_keeps_the_corrections_of_a_markdown_file() {
    let archive = TestArchive::new(&[]);
    let file = archive.dir.path().join("nieuw.md");
    std::fs::write(&file, CORRECTED).unwrap();
    let output = lectern(&archive, &["add", file.to_str().unwrap()]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let stored =
        std::fs::read_to_string(archive.archive().join("2024-avond-over-vaste-gezichten.md"))
            .unwrap();
    assert!(stored.contains("[[quotes]]"), "{stored}");
    assert!(stored.contains("speaker = \"Peter ten Have\""), "{stored}");
}

#[tokio::test]
async fn the_editor_keeps_the_corrections_when_it_saves() {
    use crate::admin::{editor, hidden, post_form, send, sign_in};
    let editor = editor(20 << 20);
    let (cookie, csrf) = sign_in(&editor.app, "anna").await;
    let id = "agenda-sociaal-werk-2025-verslag-buurtavond";
    let page = send(
        &editor.app,
        axum::http::Method::GET,
        &format!("/admin/items/{id}"),
        &cookie,
        "",
        Vec::new(),
    )
    .await;
    assert_eq!(page.status, StatusCode::OK);
    let unescape = |s: String| {
        s.replace("&quot;", "\"")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&amp;", "&")
    };
    let path = hidden(&page.body, "path");
    let base = hidden(&page.body, "base");
    let quotes = unescape(hidden(&page.body, "quotes"));
    assert!(quotes.contains("Marloes Kuipers"), "{quotes}");
    let original = std::fs::read_to_string(editor.archive.archive().join(&path)).unwrap();
    let item = lectern::archive::front_matter::parse_item(&original, &path).unwrap();
    let speakers = item
        .speakers
        .iter()
        .map(|s| match &s.role {
            Some(role) => format!("{} ({role})", s.name),
            None => s.name.clone(),
        })
        .collect::<Vec<_>>()
        .join("\n");
    let date = item.date.to_string();
    let themes = item.themes.join("\n");
    let fields = [
        ("csrf", csrf.as_str()),
        ("path", &path),
        ("base", &base),
        ("quotes", &quotes),
        ("title", "Buurtavond over continuïteit (herzien)"),
        ("date", &date),
        ("kind", item.kind.as_str()),
        ("speakers", &speakers),
        ("themes", &themes),
        ("language", item.language.code()),
        ("body", &item.body),
    ];
    let reply = post_form(&editor.app, "/admin/save", &cookie, &fields).await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.body);
    let saved = std::fs::read_to_string(editor.archive.archive().join(&path)).unwrap();
    assert!(saved.contains("(herzien)"), "{saved}");
    assert!(saved.contains("[[quotes]]"), "{saved}");
    assert!(saved.contains("speaker = \"Marloes Kuipers\""), "{saved}");
    let again = lectern::archive::front_matter::parse_item(&saved, &path).unwrap();
    assert_eq!(again.quotes, item.quotes);
}

#[tokio::test]
async fn the_sample_report_shows_who_said_what_and_variants_lead_to_the_person() {
    let archive = TestArchive::sample_plus(&[]);
    archive.build();
    let app = app(AppState::new(&archive.index()));
    // The sample report's correction names the alderman the text leaves unnamed.
    let (status, page) = get(&app, "/people/marloes-kuipers").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        page.contains("/items/agenda-sociaal-werk-2025-verslag-buurtavond#p-7"),
        "{page}"
    );
    // A spelling variant of `speakers.toml` leads to the person's page.
    let (status, _) = get(&app, "/people/h-de-monnink").await;
    assert_eq!(status, StatusCode::PERMANENT_REDIRECT);
    let (status, page) = get(&app, "/people/herman-de-monnink").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        page.contains("href=\"/speakers/herman-de-monnink\""),
        "{page}"
    );
}
