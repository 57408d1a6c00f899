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
    let response = http_get_raw(port, path)?;
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

/// A plain HTTP/1.1 GET; returns the whole response, status line and headers included.
fn http_get_raw(port: u16, path: &str) -> std::io::Result<String> {
    let mut stream = TcpStream::connect(("127.0.0.1", port))?;
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
    )?;
    let mut response = String::new();
    stream.read_to_string(&mut response)?;
    Ok(response)
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

/// `[site]` in the settings file: the organisation's name, tagline, logo and colours are what a
/// visitor sees, in page titles, the header, the footer, the stylesheet and the feeds; a colour
/// that would make links unreadable stops the start with the file, line and a colour that works.
#[test]
fn the_site_identity_of_the_settings_file_is_what_visitors_see() {
    let archive = TestArchive::sample_plus(&[]);
    let dir = archive.archive().parent().unwrap().to_path_buf();
    std::fs::write(
        dir.join("logo.svg"),
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 40"><rect width="120" height="40" fill="#7a1f3d"/></svg>"##,
    )
    .unwrap();
    let settings = dir.join("lectern.toml");
    std::fs::write(
        &settings,
        "[site]\nname = \"Kamphuis Archief\"\ntagline = \"Lezingen over sociaal werk\"\n\
         tagline_en = \"Lectures on social work\"\norganisation = \"Stichting <Kamphuis>\"\n\
         organisation_url = \"https://example.org/stichting\"\nlogo = \"logo.svg\"\n\
         [site.colours]\naccent = \"#7a1f3d\"\nband = \"#f6eef1\"\n",
    )
    .unwrap();
    let (_server, port) = start(&archive, &["--config", settings.to_str().unwrap()]);
    assert!(wait_for(port, "/", Duration::from_secs(60), |s, _| s == 200));
    let (_, home) = http_get(port, "/").unwrap();
    assert!(home.contains("· Kamphuis Archief</title>"), "{home}");
    assert!(home.contains("Lezingen over sociaal werk"), "{home}");
    assert!(
        home.contains(r#"href="https://example.org/stichting">Stichting &lt;Kamphuis&gt;</a>"#),
        "the organisation, escaped, with its link: {home}"
    );
    let logo = home
        .split("<img src=\"")
        .nth(1)
        .expect("a logo in the header");
    let logo_url = &logo[..logo.find('"').unwrap()];
    assert!(logo_url.starts_with("/static/logo.svg?v="), "{logo_url}");
    assert!(logo.contains(r#"alt="" width="120" height="40""#), "{logo}");
    let (_, english) = http_get(port, "/?ui=en").unwrap();
    assert!(english.contains("Lectures on social work"), "{english}");
    assert!(english.contains("An archive of"), "{english}");
    // The stylesheet the page names carries the colours; its address changes with them.
    let sheet = home.split("rel=\"stylesheet\" href=\"").nth(1).unwrap();
    let sheet = &sheet[..sheet.find('"').unwrap()];
    assert!(sheet.starts_with("/static/style.css?v="), "{sheet}");
    let (status, css) = http_get(port, sheet).unwrap();
    assert_eq!(status, 200);
    assert!(
        css.contains(":root{--link:#7a1f3d;--band:#f6eef1}"),
        "{css}"
    );
    // The logo runs nothing even when opened on its own.
    let response = http_get_raw(port, logo_url).unwrap().to_lowercase();
    assert!(response.starts_with("http/1.1 200"), "{response}");
    assert!(
        response.contains("content-type: image/svg+xml"),
        "{response}"
    );
    assert!(response.contains("sandbox"), "{response}");
    let (_, feed) = http_get(port, "/feed.atom").unwrap();
    assert!(
        feed.contains("<title>Kamphuis Archief: nieuwe items</title>"),
        "{feed}"
    );
    assert!(
        feed.contains("<name>Stichting &lt;Kamphuis&gt;</name>"),
        "{feed}"
    );

    // Links in a pale pink would be unreadable on white: refused, with where and what instead.
    std::fs::write(
        &settings,
        "[site]\nname = \"X\"\n\n[site.colours]\naccent = \"#f0a0c0\"\n",
    )
    .unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_lectern"))
        .arg("--config")
        .arg(&settings)
        .arg("config")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let error = String::from_utf8_lossy(&output.stderr);
    assert!(
        error.contains(
            "lectern.toml:5: [site] colours.accent: links and buttons: #f0a0c0 has a contrast of"
        ),
        "{error}"
    );
    assert!(error.contains(": use #"), "{error}");
}
