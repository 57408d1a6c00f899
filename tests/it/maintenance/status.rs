//! `lectern status` and incremental `lectern index`: exit codes, what is stale, what changed;
//! upgrades: a generation built by another analyzer is served, flagged, and rebuilt.

use std::time::Duration;

use super::{current, run, stdout, Server};
use crate::support::TestArchive;

#[test]
fn status_exits_zero_when_current_and_one_when_stale() {
    let archive = TestArchive::sample_plus(&[]);
    let missing = run(&archive, &["status"]);
    assert_eq!(missing.status.code(), Some(1), "no index is not current");
    assert!(stdout(&missing).contains("missing: run `lectern index`"));

    assert_eq!(run(&archive, &["index"]).status.code(), Some(0));
    let fresh = run(&archive, &["status"]);
    assert_eq!(fresh.status.code(), Some(0), "{}", stdout(&fresh));
    assert!(stdout(&fresh).contains("analyzer v"));
    assert!(stdout(&fresh).contains("MB on disk"));

    let first = std::fs::read_dir(archive.archive().join("essays"))
        .unwrap()
        .flatten()
        .next()
        .unwrap()
        .path();
    let mut text = std::fs::read_to_string(&first).unwrap();
    text.push_str("\nEen extra alinea.\n");
    std::fs::write(&first, text).unwrap();
    archive.write(
        "new/talk.md",
        b"+++\ntitle = \"Nieuw\"\ndate = \"2024\"\n+++\ntekst\n",
    );
    let stale = run(&archive, &["status", "--json"]);
    assert_eq!(stale.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&stale.stdout).unwrap();
    assert_eq!(json["current"], false);
    assert_eq!(json["stale"].as_array().unwrap().len(), 1);
    assert_eq!(json["missing"], serde_json::json!(["new-talk"]));

    let index = run(&archive, &["index"]);
    assert!(
        stdout(&index).contains("1 added, 1 updated, 0 removed"),
        "{}",
        stdout(&index)
    );
    assert_eq!(run(&archive, &["status"]).status.code(), Some(0));
    let again = run(&archive, &["index"]);
    assert!(
        stdout(&again).contains("0 added, 0 updated, 0 removed"),
        "{}",
        stdout(&again)
    );
}

#[test]
fn an_index_from_another_analyzer_is_served_flagged_then_rebuilt() {
    let archive = TestArchive::sample_plus(&[]);
    assert_eq!(run(&archive, &["index"]).status.code(), Some(0));
    let old = current(&archive.index());
    pretend_built_by_analyzer(&archive, 0);
    let outdated = run(&archive, &["status"]);
    assert_eq!(outdated.status.code(), Some(1));
    assert!(
        stdout(&outdated).contains("outdated"),
        "{}",
        stdout(&outdated)
    );

    // In the router: the old generation answers, and /readyz says it is outdated.
    let state = lectern::web::AppState::new(&archive.index());
    let app = lectern::web::app(state);
    let rt = tokio::runtime::Runtime::new().unwrap();
    let (status, body) = rt.block_on(crate::support::get(&app, "/readyz"));
    assert_eq!(status, 200);
    assert!(
        body.contains("analyzer v0") && body.contains("rebuild"),
        "{body}"
    );
    let (status, _) = rt.block_on(crate::support::get(&app, "/api/search?q=sociaal"));
    assert_eq!(status, 200);

    // The real server rebuilds in the background and switches.
    let server = Server::start(&archive);
    server.wait_for(
        "/readyz",
        |_, body| !body.contains(&old) && body.starts_with("ready"),
        Duration::from_secs(60),
    );
    assert_eq!(run(&archive, &["status"]).status.code(), Some(0));
}

/// Rewrites the live generation's commit payload as if another analyzer version built it.
fn pretend_built_by_analyzer(archive: &TestArchive, version: u32) {
    let meta = archive
        .index()
        .join(current(&archive.index()))
        .join("meta.json");
    let text = std::fs::read_to_string(&meta).unwrap();
    let analyzer = format!("\\\"analyzer\\\":{}", lectern::analysis::ANALYZER_VERSION);
    assert!(text.contains(&analyzer), "{text}");
    std::fs::write(
        &meta,
        text.replace(&analyzer, &format!("\\\"analyzer\\\":{version}")),
    )
    .unwrap();
}
