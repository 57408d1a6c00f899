//! Records for harvesters, feeds and crawlers come from the index by key and in pages: a full
//! OAI-PMH harvest of an archive of hundreds of items gives every record once, in id order,
//! across segments and updates, and no request loads the archive folder.

use axum::http::StatusCode;
use lectern::archive::load::reads_in;
use lectern::web::{app, AppState};

use crate::support::{get, TestArchive};

fn item(n: usize, series: &str) -> String {
    format!(
        "+++\ntitle = \"Lezing {n}\"\ndate = \"{}-03-01\"\nspeakers = [\"Spreker {}\"]\nseries = \"{series}\"\nthemes = [\"thema {}\"]\nlanguage = \"nl\"\n+++\nTekst van lezing {n} over buurtwerk.\n",
        1990 + n % 30,
        n % 7,
        n % 3
    )
}

/// Every record of a list, following resumption tokens: (ids in order, pages, sizes announced).
async fn harvest(app: &axum::Router, first: &str) -> (Vec<String>, usize, Vec<usize>) {
    let mut query = first.to_string();
    let (mut ids, mut pages, mut sizes) = (Vec::new(), 0, Vec::new());
    loop {
        let (status, body) = get(app, &format!("/oai?{query}")).await;
        assert_eq!(status, StatusCode::OK);
        pages += 1;
        for header in body.split("<identifier>").skip(1) {
            let identifier = header.split("</identifier>").next().unwrap();
            ids.push(identifier.rsplit(':').next().unwrap().to_string());
        }
        let Some(token) = body.split("<resumptionToken").nth(1) else {
            break;
        };
        let size = token.split("completeListSize=\"").nth(1).unwrap();
        sizes.push(size.split('"').next().unwrap().parse().unwrap());
        let token = token.split('>').nth(1).unwrap().split('<').next().unwrap();
        if token.is_empty() {
            break;
        }
        let token = serde_urlencoded::to_string([("resumptionToken", token)]).unwrap();
        query = format!("verb=ListIdentifiers&{token}");
    }
    (ids, pages, sizes)
}

#[tokio::test]
async fn a_full_harvest_reads_pages_from_the_index_and_never_loads_the_archive() {
    let files: Vec<(String, String)> = (0..250)
        .map(|n| {
            let series = if n % 5 == 0 { "Reeks A" } else { "Reeks B" };
            (format!("lezing-{n:03}.md"), item(n, series))
        })
        .collect();
    let archive = TestArchive::owned(&files);
    archive.build();
    // A second commit: edited items are deleted from the first segment and added to another,
    // so the pages must merge segments and skip deleted documents.
    for n in [3, 120, 249] {
        archive.write(&format!("lezing-{n:03}.md"), item(n, "Reeks A").as_bytes());
    }
    archive.write("_trash/lezing-999.md", item(999, "Reeks A").as_bytes());
    let generation = archive.build();
    assert!(generation.reader.searcher().segment_readers().len() >= 2);
    let root = archive.archive();
    let reads = reads_in(&root);
    let state = AppState::with_archive(&archive.index(), &root).with_oai_page_size(100);
    let app = app(state);

    let (ids, pages, sizes) = harvest(&app, "verb=ListIdentifiers&metadataPrefix=oai_dc").await;
    let mut expected: Vec<String> = (0..250).map(|n| format!("lezing-{n:03}")).collect();
    expected.push("lezing-999".into());
    assert_eq!(
        ids, expected,
        "every record once, in id order, the deleted one too"
    );
    assert_eq!(pages, 3);
    assert_eq!(sizes, [251, 251, 251]);

    // A set: the 50 items of Reeks A, the two moved there (120 was in it), the deleted one.
    let (ids, _, sizes) = harvest(
        &app,
        "verb=ListIdentifiers&metadataPrefix=oai_dc&set=series:reeks-a",
    )
    .await;
    assert_eq!(ids.len(), 53, "{ids:?}");
    assert_eq!(sizes.first(), None, "one page, no token");
    assert!(ids.windows(2).all(|w| w[0] < w[1]));

    // Datestamps from the index: nothing is changed after the year 2999.
    let (status, body) = get(
        &app,
        "/oai?verb=ListIdentifiers&metadataPrefix=oai_dc&from=2999-01-01",
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("noRecordsMatch"), "{body}");

    let (_, record) = get(
        &app,
        "/oai?verb=GetRecord&metadataPrefix=oai_dc&identifier=oai:127.0.0.1:lezing-120",
    )
    .await;
    assert!(
        record.contains("<dc:relation>Reeks A</dc:relation>"),
        "{record}"
    );

    for uri in [
        "/feed.atom",
        "/sitemap.xml",
        "/oai?verb=Identify",
        "/oai?verb=ListSets",
    ] {
        let (status, body) = get(&app, uri).await;
        assert_eq!(status, StatusCode::OK, "{uri}");
        assert!(!body.is_empty());
    }
    let (_, sitemap) = get(&app, "/sitemap.xml").await;
    assert_eq!(sitemap.matches("/items/").count(), 250);
    let (_, feed) = get(&app, "/feed.atom").await;
    assert_eq!(feed.matches("<entry").count(), 30);

    assert_eq!(
        reads_in(&root),
        reads,
        "no request may load the archive or read or stat its item files"
    );
}

/// Writes a trashed item whose file was last changed an hour ago (a stamp old enough to trust).
fn trash_settled(archive: &TestArchive, n: usize) {
    let path = format!("_trash/lezing-{n:03}.md");
    archive.write(&path, item(n, "Reeks A").as_bytes());
    let hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    std::fs::File::options()
        .write(true)
        .open(archive.archive().join(&path))
        .unwrap()
        .set_modified(hour_ago)
        .unwrap();
}

#[tokio::test]
async fn the_trash_is_parsed_again_only_when_it_changed() {
    let files: Vec<(String, String)> = (0..5)
        .map(|n| (format!("lezing-{n:03}.md"), item(n, "Reeks B")))
        .collect();
    let archive = TestArchive::owned(&files);
    trash_settled(&archive, 901);
    trash_settled(&archive, 902);
    archive.build();
    let root = archive.archive();
    let trash = root.join("_trash");
    let app = app(AppState::with_archive(&archive.index(), &root).with_oai_page_size(2));
    let list = "verb=ListIdentifiers&metadataPrefix=oai_dc";

    let (ids, pages, _) = harvest(&app, list).await;
    assert_eq!(ids.len(), 7, "{ids:?}");
    assert_eq!(pages, 4);
    let parsed = reads_in(&trash);
    assert!(parsed > 0, "the first page parses the trash");
    let (again, _, _) = harvest(&app, list).await;
    assert_eq!(again, ids);
    assert_eq!(
        reads_in(&trash),
        parsed,
        "the pages after the first read the unchanged trash's listing only"
    );

    trash_settled(&archive, 903);
    let (ids, _, _) = harvest(&app, list).await;
    assert!(ids.contains(&"lezing-903".to_string()), "{ids:?}");
    assert!(reads_in(&trash) > parsed, "a new file is parsed again");
}
