//! Live updates: files added, edited, moved and removed by hand while the real server runs are
//! searchable (or gone) within 2 s, without a restart; SIGTERM stops it cleanly.

use std::time::Duration;

use super::{current, run, Server};
use crate::support::TestArchive;

const LIMIT: Duration = Duration::from_secs(2);

fn item(title: &str, body: &str) -> String {
    format!("+++\ntitle = \"{title}\"\ndate = \"2024-05-01\"\nlanguage = \"nl\"\n+++\n\n{body}\n")
}

#[test]
fn edits_in_the_archive_are_searchable_within_two_seconds() {
    let archive =
        TestArchive::sample_plus(&[("live/talk.md", &item("Een lezing", "over wijkteams"))]);
    let server = Server::start(&archive);
    assert_eq!(server.total("zeppelinvaart"), Some(0));

    // Edited by hand (not atomically, the way an editor or `echo >>` does it).
    std::fs::write(
        archive.archive().join("live/talk.md"),
        item("Een lezing", "over wijkteams en zeppelinvaart"),
    )
    .unwrap();
    let took = server.wait_for(
        "/api/search?q=zeppelinvaart",
        has_hits(1),
        Duration::from_secs(30),
    );
    assert!(took < LIMIT, "an edit took {took:?} to become searchable");

    // Added.
    archive.write("live/new.md", item("Nieuw", "ballonvaarders").as_bytes());
    let took = server.wait_for(
        "/api/search?q=ballonvaarders",
        has_hits(1),
        Duration::from_secs(30),
    );
    assert!(took < LIMIT, "a new file took {took:?}");

    // Moved: the old id goes, the new one comes.
    std::fs::create_dir_all(archive.archive().join("moved")).unwrap();
    std::fs::rename(
        archive.archive().join("live/new.md"),
        archive.archive().join("moved/new.md"),
    )
    .unwrap();
    let took = server.wait_for(
        "/api/search?q=ballonvaarders",
        |status, body| {
            status == 200 && body.contains("\"moved-new\"") && !body.contains("\"live-new\"")
        },
        Duration::from_secs(30),
    );
    assert!(took < LIMIT, "a move took {took:?}");

    // Removed.
    std::fs::remove_file(archive.archive().join("live/talk.md")).unwrap();
    let took = server.wait_for(
        "/api/search?q=zeppelinvaart",
        has_hits(0),
        Duration::from_secs(30),
    );
    assert!(took < LIMIT, "a removal took {took:?}");

    // The server kept the index current, so status agrees.
    assert_eq!(run(&archive, &["status"]).status.code(), Some(0));
}

#[test]
fn sigterm_finishes_requests_and_leaves_a_clean_index() {
    let archive = TestArchive::sample_plus(&[]);
    super::many_items(&archive, 300);
    let mut server = Server::start(&archive);
    let generation = current(&archive.index());
    // Touch every generated file so the watcher is syncing when the signal comes.
    for i in 0..300 {
        let path = archive
            .archive()
            .join(format!("gen/s{}/item-{i}.md", i % 20));
        let text = std::fs::read_to_string(&path).unwrap();
        std::fs::write(&path, text.replace("Lezing item", "Lezing herzien item")).unwrap();
    }
    std::thread::sleep(Duration::from_millis(400));
    let pid = server.child.id().to_string();
    assert!(std::process::Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .unwrap()
        .success());
    let exit = wait_exit(&mut server.child, Duration::from_secs(30));
    assert_eq!(exit, Some(0), "the server exits 0 on SIGTERM");
    // Whatever the sync had done was committed or rolled back whole: the index opens, the same
    // generation is live, no writer lock is held, and an incremental run finishes the job.
    assert_eq!(current(&archive.index()), generation);
    let output = run(&archive, &["index"]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(run(&archive, &["status"]).status.code(), Some(0));
}

fn wait_exit(child: &mut std::process::Child, limit: Duration) -> Option<i32> {
    let started = std::time::Instant::now();
    while started.elapsed() < limit {
        if let Some(status) = child.try_wait().unwrap() {
            return status.code();
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    panic!("the server did not stop within {limit:?}");
}

pub fn has_hits(n: u64) -> impl Fn(u16, &str) -> bool {
    move |status, body| {
        status == 200
            && serde_json::from_str::<serde_json::Value>(body)
                .ok()
                .and_then(|json| json["total"].as_u64())
                == Some(n)
    }
}

#[test]
fn editing_speakers_toml_while_serving_reindexes_within_two_seconds() {
    let archive = TestArchive::sample_plus(&[]);
    let server = Server::start(&archive);
    let variant_count = |body: &str| {
        let json: serde_json::Value = serde_json::from_str(body).unwrap_or_default();
        json["facets"]["speaker"]
            .as_array()
            .into_iter()
            .flatten()
            .find(|f| f["value"] == "H. de Mönnink")
            .and_then(|f| f["count"].as_u64())
            .unwrap_or(0)
    };
    assert_eq!(
        variant_count(&server.get("/api/search").1),
        0,
        "the sample maps the variant"
    );
    archive.write(
        "speakers.toml",
        "[[speaker]]\nname = \"Herman de Mönnink\"\naliases = []\n".as_bytes(),
    );
    let took = server.wait_for(
        "/api/search",
        |status, body| status == 200 && variant_count(body) == 1,
        Duration::from_secs(30),
    );
    assert!(took < LIMIT, "a speaker list edit took {took:?}");
    assert_eq!(run(&archive, &["status"]).status.code(), Some(0));
}
