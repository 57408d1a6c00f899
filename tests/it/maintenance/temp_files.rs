//! Issue 13 item 13: temporary files that an interrupted archive write left behind (a full disk,
//! a `kill -9` between writing `.<name>.md.new-<pid>-<n>` and renaming it) are listed by
//! `lectern status` and removed by `lectern index` and by a running server, once stale; other
//! files, and a write that may be in progress, are left alone.

use std::path::Path;
use std::time::{Duration, Instant, SystemTime};

use super::{run, stdout, Server};
use crate::support::TestArchive;

const STALE: &str = "essays/.2024-onderbroken.md.new-4242-0";
const FRESH: &str = ".2024-bezig.md.new-4242-1";
/// Not ours, however old: never removed.
const OTHERS: [&str; 3] = [
    "essays/.2024-onderbroken.md.swp",
    ".users.toml.new-4242-2",
    "essays/notities.md.new-4242-3",
];

/// Writes `path` in the archive, last modified `age` ago.
fn plant(archive: &TestArchive, path: &str, age: Duration) {
    archive.write(path, b"+++\ntitle = \"Half\"\n");
    let file = std::fs::File::options()
        .write(true)
        .open(archive.archive().join(path))
        .unwrap();
    file.set_modified(SystemTime::now() - age).unwrap();
}

fn stderr(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn status_lists_leftover_temp_files_and_index_removes_the_stale_ones() {
    let archive = TestArchive::sample_plus(&[]);
    let hour = Duration::from_secs(3600);
    plant(&archive, STALE, hour);
    plant(&archive, FRESH, Duration::ZERO);
    for other in OTHERS {
        plant(&archive, other, hour);
    }
    let status = run(&archive, &["status"]);
    let shown = stdout(&status);
    assert!(shown.contains("temp files"), "{shown}");
    assert!(shown.contains(&format!("{STALE} (")), "{shown}");
    assert!(shown.contains("left by an interrupted write"), "{shown}");
    assert!(shown.contains(&format!("{FRESH} (0 s old")), "{shown}");
    for other in OTHERS {
        assert!(!shown.contains(other), "{shown}");
    }
    let json = run(&archive, &["status", "--json"]);
    let json: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(json["temp_files"].as_array().unwrap().len(), 2, "{json}");

    let index = run(&archive, &["index"]);
    assert_eq!(index.status.code(), Some(0), "{}", stderr(&index));
    assert!(
        stderr(&index).contains(&format!("removed {STALE}: a temporary file")),
        "{}",
        stderr(&index)
    );
    let exists = |path: &str| archive.archive().join(path).exists();
    assert!(!exists(STALE));
    assert!(
        exists(FRESH),
        "a write that may be in progress is left alone"
    );
    for other in OTHERS {
        assert!(exists(other), "{other} is not ours");
    }
    let status = stdout(&run(&archive, &["status"]));
    assert!(
        !status.contains(STALE) && status.contains(FRESH),
        "{status}"
    );
}

#[test]
fn a_running_server_removes_stale_temp_files() {
    let archive = TestArchive::sample_plus(&[]);
    assert_eq!(run(&archive, &["index"]).status.code(), Some(0));
    plant(&archive, STALE, Duration::from_secs(3600));
    plant(&archive, OTHERS[0], Duration::from_secs(3600));
    let _server = Server::start(&archive);
    let stale = archive.archive().join(STALE);
    let started = Instant::now();
    while stale.exists() {
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "the server left {STALE}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    assert!(Path::new(&archive.archive().join(OTHERS[0])).exists());
}
