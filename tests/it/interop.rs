//! Interoperability over the router: Atom feeds, OAI-PMH, OpenSearch, JSON-LD and citation
//! tags, sitemap and robots.txt, and the OpenAPI document checked against the API's answers.
//! (tests/interop/run.sh checks the same documents with real clients and the official schemas.)

use axum::http::StatusCode;
use lectern::web::{app, AppState};
use serde_json::Value;

use crate::support::{get, get_with, report_item, TestArchive, REPORT_FILE, REPORT_ID};

const BASE: &str = "http://127.0.0.1:3000";

const TRASHED: &str = "+++\ntitle = \"Een verwijderde lezing\"\ndate = \"2017-03-01\"\nspeakers = [\"Iemand Anders\"]\nseries = \"Marie Kamphuis Lezing\"\nlanguage = \"nl\"\n+++\nWeg.\n";

fn setup() -> (TestArchive, axum::Router, usize) {
    let archive = TestArchive::sample_plus(&[
        (REPORT_FILE, &report_item()),
        ("_trash/marie-kamphuis-lezing/2017-weg.md", TRASHED),
    ]);
    let generation = archive.build();
    let count = generation.reader.searcher().num_docs() as usize;
    let state = AppState::with_archive(&archive.index(), &archive.archive()).with_oai_page_size(5);
    (archive, app(state), count)
}

fn between<'a>(text: &'a str, start: &str, end: &str) -> Vec<&'a str> {
    text.split(start)
        .skip(1)
        .filter_map(|rest| rest.split(end).next())
        .collect()
}

#[tokio::test]
async fn feeds_list_items_with_absolute_ids_and_speakers_as_authors() {
    let (_archive, app, count) = setup();
    let (status, feed) = get(&app, "/feed.atom").await;
    assert_eq!(status, StatusCode::OK);
    assert!(feed.contains("<feed xmlns=\"http://www.w3.org/2005/Atom\">"));
    assert_eq!(feed.matches("<entry").count(), count, "every item is new");
    assert!(feed.contains(&format!("<id>{BASE}/items/{REPORT_ID}</id>")));
    let (status, feed) = get(&app, "/speakers/herman-de-monnink/feed.atom").await;
    assert_eq!(status, StatusCode::OK);
    // Without LECTERN_BASE_URL links are relative (resolved against the feed's address); ids
    // stay absolute, as Atom wants.
    assert!(feed.contains("<link rel=\"self\" type=\"application/atom+xml\" href=\"/speakers/herman-de-monnink/feed.atom\"/>"));
    assert!(feed.contains(&format!(
        "<id>{BASE}/speakers/herman-de-monnink/feed.atom</id>"
    )));
    assert!(feed.contains("<author><name>Herman de Mönnink</name>"));
    assert!(feed.contains("<title>Lectern: Herman de Mönnink</title>"));
    for entry in feed.split("<entry").skip(1) {
        assert!(entry.contains("Mönnink"), "only his items: {entry}");
    }
    let (status, feed) = get(&app, "/search.atom?q=continuiteit&year=2022").await;
    assert_eq!(status, StatusCode::OK);
    assert!(feed.contains(REPORT_ID));
    assert!(
        feed.contains("q=continuiteit&amp;year=2022"),
        "self link keeps the query"
    );
    // Titles in the interface language: Dutch unless the reader asks for English.
    let (_, feed) = get(&app, "/search.atom?q=zorg&speaker=Herman+de+M%C3%B6nnink").await;
    assert!(
        feed.contains("<title>Lectern: zoeken “zorg” (spreker: Herman de Mönnink)</title>"),
        "{feed}"
    );
    let (_, feed) = get(&app, "/search.atom?q=zorg&ui=en").await;
    assert!(
        feed.contains("<title>Lectern: search “zorg”</title>"),
        "{feed}"
    );
    let (_, feed) = get_with(&app, "/feed.atom", &[("accept-language", "en-GB,en")]).await;
    assert!(feed.contains("<title>Lectern: new items</title>"));
    let (_, feed) = get(&app, "/feed.atom").await;
    assert!(feed.contains("<title>Lectern: nieuwe items</title>"));
    for uri in [
        "/series/marie-kamphuis-lezing/feed.atom",
        "/themes/sociaal-werk/feed.atom",
    ] {
        let (status, feed) = get(&app, uri).await;
        assert_eq!(status, StatusCode::OK, "{uri}");
        assert!(feed.contains(REPORT_ID), "{uri}");
    }
    let (status, _) = get(&app, "/speakers/nobody-at-all/feed.atom").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    // A feed has the items of its page: a value by its key, so `werk` is no theme of its own
    // (not "sociaal werk" or "methodisch werken") for the page and the feed alike.
    assert_eq!(get(&app, "/themes/werk").await.0, StatusCode::NOT_FOUND);
    assert_eq!(
        get(&app, "/themes/werk/feed.atom").await.0,
        StatusCode::NOT_FOUND
    );
    let (status, _) = get(&app, "/search.atom?page=0").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn pages_link_their_feeds_and_the_search_description() {
    let (_archive, app, _) = setup();
    for (uri, feed) in [
        ("/", "/feed.atom"),
        ("/search?q=armoede", "/search.atom?q=armoede"),
        (
            "/speakers/herman-de-monnink",
            "/speakers/herman-de-monnink/feed.atom",
        ),
        (
            "/series/marie-kamphuis-lezing",
            "/series/marie-kamphuis-lezing/feed.atom",
        ),
        ("/themes/sociaal-werk", "/themes/sociaal-werk/feed.atom"),
    ] {
        let (status, page) = get(&app, uri).await;
        assert_eq!(status, StatusCode::OK, "{uri}");
        assert!(
            page.contains("rel=\"search\" type=\"application/opensearchdescription+xml\""),
            "{uri}"
        );
        let feeds = between(
            &page,
            "<link rel=\"alternate\" type=\"application/atom+xml\"",
            ">",
        );
        assert!(
            feeds
                .iter()
                .any(|link| link.contains(&format!("href=\"{feed}\""))),
            "{uri} links {feed}: {feeds:?}"
        );
    }
}

async fn oai(app: &axum::Router, query: &str) -> String {
    let (status, body) = get(app, &format!("/oai?{query}")).await;
    assert_eq!(status, StatusCode::OK, "{query}");
    body
}

#[tokio::test]
async fn oai_pmh_harvests_every_record_through_resumption_tokens() {
    let (_archive, app, count) = setup();
    let identify = oai(&app, "verb=Identify").await;
    assert!(identify.contains(&format!("<baseURL>{BASE}/oai</baseURL>")));
    assert!(identify.contains("<deletedRecord>transient</deletedRecord>"));
    let mut query = "verb=ListRecords&metadataPrefix=oai_dc".to_string();
    let (mut live, mut deleted, mut pages) = (0, 0, 0);
    loop {
        let body = oai(&app, &query).await;
        pages += 1;
        live += body.matches("<oai_dc:dc").count();
        deleted += body.matches("status=\"deleted\"").count();
        let token = between(&body, "\">", "</resumptionToken>")
            .into_iter()
            .last();
        match token.filter(|t| !t.is_empty() && body.contains("<resumptionToken")) {
            Some(token) => query = format!("verb=ListRecords&resumptionToken={}", urlencode(token)),
            None => break,
        }
    }
    assert_eq!(live, count, "every live item once");
    assert_eq!(deleted, 1, "the trashed item as a deleted record");
    assert_eq!(pages, (count + 1).div_ceil(5), "pages of 5");
    let record = oai(
        &app,
        &format!("verb=GetRecord&metadataPrefix=oai_dc&identifier=oai:127.0.0.1:{REPORT_ID}"),
    )
    .await;
    for part in [
        "<dc:creator>Herman de Mönnink</dc:creator>",
        "<dc:creator>Radboud Engbersen</dc:creator>",
        "<dc:date>2022-10-06</dc:date>",
        "<dc:subject xml:lang=\"nl\">continuïteit</dc:subject>",
        "<dc:relation>Marie Kamphuis Lezing</dc:relation>",
        "<setSpec>series:marie-kamphuis-lezing</setSpec>",
    ] {
        assert!(record.contains(part), "{part} in {record}");
    }
    let gone = oai(&app, "verb=GetRecord&metadataPrefix=oai_dc&identifier=oai:127.0.0.1:marie-kamphuis-lezing-2017-weg").await;
    assert!(gone.contains("<header status=\"deleted\">") && !gone.contains("<metadata>"));
}

fn urlencode(text: &str) -> String {
    serde_urlencoded::to_string([("x", text)]).unwrap()[2..].to_string()
}

#[tokio::test]
async fn oai_pmh_selects_by_set_and_datestamp_and_answers_errors_with_codes() {
    let (_archive, app, _) = setup();
    let series = oai(
        &app,
        "verb=ListIdentifiers&metadataPrefix=oai_dc&set=series:marie-kamphuis-lezing",
    )
    .await;
    assert!(
        series.contains(REPORT_ID) && series.contains("2017-weg"),
        "deleted records in their set too"
    );
    assert!(!series.contains("social-work-futures"));
    let sets = oai(&app, "verb=ListSets").await;
    assert!(sets.contains("<setSpec>theme:sociaal-werk</setSpec><setName>sociaal werk</setName>"));
    let all = oai(
        &app,
        "verb=ListIdentifiers&metadataPrefix=oai_dc&from=2000-01-01",
    )
    .await;
    assert!(all.contains("<header>"));
    for (query, code) in [
        ("verb=Nonsense", "badVerb"),
        ("", "badVerb"),
        ("verb=ListRecords", "badArgument"),
        (
            "verb=ListRecords&metadataPrefix=oai_dc&from=yesterday",
            "badArgument",
        ),
        ("verb=Identify&verb=Identify", "badVerb"),
        (
            "verb=ListRecords&metadataPrefix=marc21",
            "cannotDisseminateFormat",
        ),
        (
            "verb=GetRecord&metadataPrefix=oai_dc&identifier=oai:127.0.0.1:nothing",
            "idDoesNotExist",
        ),
        (
            "verb=ListMetadataFormats&identifier=nothing",
            "idDoesNotExist",
        ),
        (
            "verb=ListRecords&metadataPrefix=oai_dc&set=series:nothing",
            "noRecordsMatch",
        ),
        (
            "verb=ListRecords&metadataPrefix=oai_dc&until=2000-01-01",
            "noRecordsMatch",
        ),
        (
            "verb=ListRecords&metadataPrefix=oai_dc&from=2999-01-01",
            "noRecordsMatch",
        ),
        (
            "verb=ListRecords&resumptionToken=garbage",
            "badResumptionToken",
        ),
    ] {
        let body = oai(&app, query).await;
        assert!(
            body.contains(&format!("<error code=\"{code}\">")),
            "{query}: {body}"
        );
        if code == "badVerb" || code == "badArgument" {
            assert!(
                body.contains("<request>"),
                "no arguments echoed after {code}"
            );
        }
    }
}

fn json_ld(page: &str) -> Vec<Value> {
    between(page, "<script type=\"application/ld+json\">", "</script>")
        .into_iter()
        .map(|text| serde_json::from_str(text).expect("JSON-LD parses"))
        .collect()
}

#[tokio::test]
async fn item_pages_carry_json_ld_citation_and_opengraph_tags() {
    let (_archive, app, _) = setup();
    let (_, page) = get(&app, &format!("/items/{REPORT_ID}")).await;
    let data = json_ld(&page);
    let work = &data[0];
    assert_eq!(work["@type"], "CreativeWork");
    assert_eq!(work["datePublished"], "2022-10-06");
    let authors: Vec<&str> = work["author"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["name"].as_str().unwrap())
        .collect();
    assert_eq!(authors, ["Herman de Mönnink", "Radboud Engbersen"]);
    assert_eq!(work["author"][0]["@type"], "Person");
    assert_eq!(work["recordedAt"]["@type"], "Event");
    assert_eq!(work["recordedAt"]["name"], "Wijkavond over buurtwerk");
    assert_eq!(work["isPartOf"]["name"], "Marie Kamphuis Lezing");
    for tag in [
        "<meta name=\"citation_title\" content=\"Gereedschap voor de lange adem\">",
        "<meta name=\"citation_author\" content=\"Herman de Mönnink\">",
        "<meta name=\"citation_author\" content=\"Radboud Engbersen\">",
        "<meta name=\"citation_publication_date\" content=\"2022/10/06\">",
        "<meta name=\"citation_language\" content=\"nl\">",
        "<meta property=\"og:title\" content=\"Gereedschap voor de lange adem\">",
    ] {
        assert!(page.contains(tag), "{tag}");
    }
    // Without LECTERN_BASE_URL no canonical link nor og:url (never the fallback address nor
    // the request's Host header); JSON-LD names site paths, resolved against the page.
    assert!(!page.contains("rel=\"canonical\"") && !page.contains("og:url"));
    assert!(!page.contains(BASE) && !page.contains("citation_public_url"));
    let (status, person) = get(&app, "/people/herman-de-monnink").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        !person.contains(BASE) && !person.contains("rel=\"canonical\""),
        "a person page names a guessed address: {person}"
    );
    let (_, page) = get(&app, "/speakers/herman-de-monnink").await;
    let person = &json_ld(&page)[0];
    assert_eq!(person["@type"], "Person");
    assert!(person["subjectOf"]
        .as_array()
        .unwrap()
        .iter()
        .any(|w| w["url"] == format!("/items/{REPORT_ID}")));
    let (_, page) = get(&app, "/series/marie-kamphuis-lezing").await;
    let series = &json_ld(&page)[0];
    assert_eq!(series["@type"], "CreativeWorkSeries");
    assert!(series["hasPart"].as_array().unwrap().len() >= 5);
}

#[tokio::test]
async fn opensearch_description_and_suggestions() {
    let (_archive, app, _) = setup();
    let (status, description) = get(&app, "/opensearch.xml").await;
    assert_eq!(status, StatusCode::OK);
    assert!(description.contains(&format!("template=\"{BASE}/search?q={{searchTerms}}\"")));
    assert!(description.contains("type=\"application/x-suggestions+json\""));
    let (status, body) = get(&app, "/opensearch/suggest?q=m%C3%B6nn").await;
    assert_eq!(status, StatusCode::OK);
    let json: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(json[0], "mönn");
    assert_eq!(json[1][0], "Herman de Mönnink");
    assert_eq!(json[3][0], format!("{BASE}/speakers/herman-de-monnink"));
    let (_, body) = get(&app, "/opensearch/suggest?q=").await;
    assert_eq!(body, "[\"\",[],[],[]]");
}

#[tokio::test]
async fn sitemap_lists_every_item_and_robots_points_to_it() {
    let (_archive, app, count) = setup();
    let (status, sitemap) = get(&app, "/sitemap.xml").await;
    assert_eq!(status, StatusCode::OK);
    let items: Vec<&str> = between(&sitemap, "<loc>", "</loc>")
        .into_iter()
        .filter(|u| u.contains("/items/"))
        .collect();
    assert_eq!(items.len(), count);
    assert!(sitemap.contains(&format!("<loc>{BASE}/speakers/herman-de-monnink</loc>")));
    assert!(sitemap.contains(&format!("<loc>{BASE}/years/2022</loc>")));
    assert!(
        !sitemap.contains("2017-weg"),
        "deleted items are not listed"
    );
    // The sitemap's own address must be absolute: without a base URL robots.txt does not
    // send crawlers to the fallback address (tests/it/maintenance/config.rs checks it with one).
    let (_, robots) = get(&app, "/robots.txt").await;
    assert!(robots.contains("Disallow: /search\n") && !robots.contains("Sitemap:"));
}

#[test]
fn moving_a_file_to_the_trash_changes_its_datestamp() {
    let dir = tempfile::TempDir::new().unwrap();
    let (path, moved) = (dir.path().join("a.md"), dir.path().join("_trash/a.md"));
    std::fs::write(&path, TRASHED).unwrap();
    let before = lectern::archive::stamp::changed_at(&path).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(50));
    std::fs::create_dir_all(moved.parent().unwrap()).unwrap();
    std::fs::rename(&path, &moved).unwrap();
    let modified = std::fs::metadata(&moved).unwrap().modified().unwrap();
    let after = lectern::archive::stamp::changed_at(&moved).unwrap();
    assert!(modified <= before, "rename keeps the modification time");
    assert!(
        after > before,
        "but the datestamp moves: a harvester sees the deletion"
    );
}
