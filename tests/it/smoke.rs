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
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let _server = Server(child);
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
