//! `lectern reindex` while the real server answers: no failed request, an atomic switch, and a
//! `kill -9` midway that leaves the live generation serving and the next run clean.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use super::{current, lectern, many_items, run, stdout, Server};
use crate::smoke::http_get;
use crate::support::TestArchive;

#[test]
fn reindex_under_load_fails_no_request() {
    let archive = TestArchive::sample_plus(&[]);
    many_items(&archive, 200);
    let server = Server::start(&archive);
    let before = current(&archive.index());
    let stop = Arc::new(AtomicBool::new(false));
    let (ok, failed) = (Arc::new(AtomicUsize::new(0)), Arc::new(AtomicUsize::new(0)));
    let load: Vec<_> = (0..3)
        .map(|i| {
            let (stop, ok, failed, port) = (stop.clone(), ok.clone(), failed.clone(), server.port);
            std::thread::spawn(move || {
                let queries = ["item7", "sociaal+werk", "spreker%3A%22Spreker+3%22"];
                while !stop.load(Ordering::SeqCst) {
                    match http_get(port, &format!("/api/search?q={}", queries[i])) {
                        Ok((200, body))
                            if body.contains("\"total\":") && !body.contains("\"total\":0") =>
                        {
                            ok.fetch_add(1, Ordering::SeqCst)
                        }
                        other => {
                            eprintln!("failed request: {other:?}");
                            failed.fetch_add(1, Ordering::SeqCst)
                        }
                    };
                }
            })
        })
        .collect();
    for _ in 0..2 {
        let output = run(&archive, &["reindex"]);
        assert_eq!(
            output.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        assert!(
            stdout(&output).contains("full rebuild"),
            "{}",
            stdout(&output)
        );
    }
    let after = current(&archive.index());
    server.wait_for(
        "/readyz",
        |_, body| body.contains(&after),
        Duration::from_secs(10),
    );
    std::thread::sleep(Duration::from_millis(300));
    stop.store(true, Ordering::SeqCst);
    for thread in load {
        thread.join().unwrap();
    }
    assert_ne!(before, after, "reindex switched to a new generation");
    assert_eq!(
        failed.load(Ordering::SeqCst),
        0,
        "failed requests during reindex"
    );
    assert!(ok.load(Ordering::SeqCst) > 20, "the load generator ran");
    let folders = gen_folders(&archive);
    assert_eq!(folders, vec![after], "old generations are removed");
}

#[test]
fn kill_9_mid_reindex_keeps_serving_the_old_generation() {
    let archive = TestArchive::sample_plus(&[]);
    many_items(&archive, 1500);
    let server = Server::start(&archive);
    let live = current(&archive.index());

    let mut reindex = lectern(&archive)
        .arg("reindex")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while gen_folders(&archive).len() < 2 {
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "the rebuild never started"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
    std::thread::sleep(Duration::from_millis(100));
    assert!(
        reindex.try_wait().unwrap().is_none(),
        "the rebuild was still running when killed"
    );
    reindex.kill().unwrap(); // SIGKILL
    reindex.wait().unwrap();

    // The live generation is untouched and still served.
    assert_eq!(current(&archive.index()), live);
    assert!(server.get("/readyz").1.contains(&live));
    assert_eq!(server.total("item42"), Some(1));
    let status = run(&archive, &["status"]);
    assert_eq!(status.status.code(), Some(0), "{}", stdout(&status));
    assert!(stdout(&status).contains(&live), "{}", stdout(&status));
    assert!(
        stdout(&status).contains("interrupted rebuild"),
        "{}",
        stdout(&status)
    );

    // The next run removes the leftover and switches cleanly; the server follows.
    let output = run(&archive, &["reindex"]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let fresh = current(&archive.index());
    assert_ne!(fresh, live);
    assert_eq!(gen_folders(&archive), vec![fresh.clone()]);
    server.wait_for(
        "/readyz",
        |_, body| body.contains(&fresh),
        Duration::from_secs(10),
    );
    drop(server);

    // After a restart everything is consistent.
    let server = Server::start(&archive);
    assert_eq!(server.total("item42"), Some(1));
    assert_eq!(current(&archive.index()), fresh);
    assert_eq!(run(&archive, &["status"]).status.code(), Some(0));
}

fn gen_folders(archive: &TestArchive) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(archive.index())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("gen-"))
        .collect();
    names.sort();
    names
}

#[test]
fn two_reindexes_at_once_take_turns_and_leave_one_generation() {
    let archive = TestArchive::sample_plus(&[]);
    many_items(&archive, 100);
    let spawn = || {
        lectern(&archive)
            .arg("reindex")
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap()
    };
    let (first, second) = (spawn(), spawn());
    for child in [first, second] {
        let output = child.wait_with_output().unwrap();
        assert_eq!(
            output.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    assert_eq!(gen_folders(&archive), vec![current(&archive.index())]);
    assert_eq!(run(&archive, &["status"]).status.code(), Some(0));
}
