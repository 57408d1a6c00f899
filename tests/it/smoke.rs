//! The real binary: `lectern serve` on a free port, talked to over TCP.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::support::{report_item, TestArchive, REPORT_FILE, REPORT_ID};

struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// A plain HTTP/1.1 GET; returns (status, body).
pub fn http_get(port: u16, path: &str) -> std::io::Result<(u16, String)> {
    let mut stream = TcpStream::connect(("127.0.0.1", port))?;
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
    )?;
    let mut response = String::new();
    stream.read_to_string(&mut response)?;
    let status = response
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let body = response
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_string())
        .unwrap_or_default();
    Ok((status, body))
}

#[test]
fn serve_indexes_and_answers_over_http() {
    let archive = TestArchive::sample_plus(&[(REPORT_FILE, &report_item())]);
    let (_server, port) = start(&archive, &[]);
    let started = Instant::now();
    let (status, body) = loop {
        match http_get(port, "/api/search?q=spreker%3Am%C3%B6nnink+jaar%3A2022") {
            Ok(answer) => break answer,
            Err(_) if started.elapsed() < Duration::from_secs(60) => {
                std::thread::sleep(Duration::from_millis(100))
            }
            Err(e) => panic!("the server did not answer: {e}"),
        }
    };
    assert_eq!(status, 200);
    assert!(body.contains(REPORT_ID), "{body}");
    let (status, page) = http_get(port, "/search?q=monnink").unwrap();
    assert_eq!(status, 200);
    assert!(
        page.contains("<mark>Mönnink</mark>"),
        "the page marks the match"
    );
}

/// Starts `lectern serve` with `extra` arguments on a free port; returns the guard and the port.
fn start(archive: &TestArchive, extra: &[&str]) -> (Server, u16) {
    let port = free_port();
    let child = Command::new(env!("CARGO_BIN_EXE_lectern"))
        .args([
            "--archive",
            archive.archive().to_str().unwrap(),
            "--index",
            archive.index().to_str().unwrap(),
            "serve",
            "--addr",
            &format!("127.0.0.1:{port}"),
        ])
        .args(extra)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    (Server(child), port)
}

/// Polls `path` until `done` holds for the answer, for at most `limit`.
fn wait_for(port: u16, path: &str, limit: Duration, done: impl Fn(u16, &str) -> bool) -> bool {
    let started = Instant::now();
    while started.elapsed() < limit {
        if let Ok((status, body)) = http_get(port, path) {
            if done(status, &body) {
                return true;
            }
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    false
}

/// Every file below `dir` with its size and modification time.
fn snapshot(dir: &std::path::Path) -> Vec<(std::path::PathBuf, u64, std::time::SystemTime)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            let meta = entry.metadata().unwrap();
            if meta.is_dir() {
                stack.push(entry.path());
            } else {
                out.push((entry.path(), meta.len(), meta.modified().unwrap()));
            }
        }
    }
    out.sort();
    out
}

#[test]
fn a_read_only_server_never_writes_and_follows_what_a_writer_commits() {
    let archive = TestArchive::sample_plus(&[(REPORT_FILE, &report_item())]);
    // Without an index it answers 503 and builds nothing.
    let (server, port) = start(&archive, &["--read-only"]);
    assert!(wait_for(
        port,
        "/healthz",
        Duration::from_secs(60),
        |s, _| s == 200
    ));
    let (status, _) = http_get(port, "/api/search?q=monnink").unwrap();
    assert_eq!(status, 503, "no index yet");
    // The harvesting endpoint answers XML even then, with when to retry.
    let (status, body) = http_get(port, "/oai?verb=Identify").unwrap();
    assert_eq!(status, 503, "no index yet: {body}");
    assert!(
        body.starts_with("<?xml") && body.contains("<error status=\"503\">"),
        "OAI-PMH answers an XML error, not JSON: {body}"
    );
    std::thread::sleep(Duration::from_millis(700));
    assert!(
        !archive.index().join("CURRENT").exists(),
        "a reader built an index"
    );
    drop(server);

    archive.build();
    let before = snapshot(&archive.index());
    let (_server, port) = start(&archive, &["--read-only"]);
    let search = "/api/search?q=buurtkracht";
    assert!(wait_for(
        port,
        "/api/search?q=monnink",
        Duration::from_secs(60),
        |s, b| { s == 200 && b.contains(REPORT_ID) }
    ));
    // An edit in the archive is not indexed by a reader...
    archive.write(
        "2024-buurtkracht.md",
        b"+++\ntitle = \"Buurtkracht\"\ndate = \"2024-02-01\"\nlanguage = \"nl\"\n+++\nOver buurtkracht.\n",
    );
    std::thread::sleep(Duration::from_millis(1500));
    let (_, body) = http_get(port, search).unwrap();
    assert!(!body.contains("2024-buurtkracht"), "{body}");
    assert_eq!(
        snapshot(&archive.index()),
        before,
        "the reader wrote to the index"
    );
    assert!(
        http_get(port, "/admin").unwrap().0 == 404,
        "no editor on a reader"
    );
    // ...but what a writer commits is served within a second or so.
    let output = Command::new(env!("CARGO_BIN_EXE_lectern"))
        .arg("--archive")
        .arg(archive.archive())
        .arg("--index")
        .arg(archive.index())
        .arg("index")
        .output()
        .unwrap();
    assert!(output.status.success());
    assert!(wait_for(port, search, Duration::from_secs(5), |s, b| {
        s == 200 && b.contains("2024-buurtkracht")
    }));
}
