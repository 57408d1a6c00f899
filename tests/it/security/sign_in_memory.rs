//! Item 2 as a memory regression test: the real server, over real sockets, under a flood of
//! concurrent bogus sign-ins, may not grow its peak memory (VmHWM in /proc) past a bound.
//!
//! The bound: argon2 needs 19 MiB of working memory per check. With at most
//! `PASSWORD_CHECKS` (4) checks at once and that memory pooled (`users::verify`), the pool
//! holds at most 4 x 19 = 76 MiB; the rest of a sign-in is a few KB. [`MAX_GROWTH_MB`] allows
//! that plus as much again for threads, allocator arenas and buffers. Without the semaphore,
//! the 32 clients here run 32 checks at once: 608 MiB at the least. Without the pool, the
//! allocator's arenas fragmented until 4 checks held about 1 GB (measured by hand, item 2).
//! Linux only (it reads /proc).

use std::io::{Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use lectern::web::admin::users;

use crate::admin::{hidden, PASSWORD};
use crate::support::TestArchive;

/// How much the server's peak RSS may grow over its RSS before the flood.
const MAX_GROWTH_MB: u64 = 160;
const CLIENTS: usize = 32;
const FLOOD: Duration = Duration::from_secs(8);

struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// One HTTP/1.1 request on its own connection: (status, head, body).
fn exchange(port: u16, request: &str) -> std::io::Result<(u16, String, String)> {
    let mut stream = TcpStream::connect(("127.0.0.1", port))?;
    stream.set_read_timeout(Some(Duration::from_secs(30)))?;
    stream.write_all(request.as_bytes())?;
    let mut response = String::new();
    stream.read_to_string(&mut response)?;
    let status = response
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let (head, body) = response.split_once("\r\n\r\n").unwrap_or((&response, ""));
    Ok((status, head.to_string(), body.to_string()))
}

/// The sign-in form's cookie (`name=value`) and hidden token.
fn login_form(port: u16) -> (String, String) {
    let (status, head, body) = exchange(
        port,
        "GET /admin/login HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
    )
    .unwrap();
    assert_eq!(status, 200, "{head}");
    let cookie = head
        .lines()
        .filter_map(|line| line.strip_prefix("set-cookie: "))
        .find(|value| value.starts_with("lectern_login_csrf="))
        .and_then(|value| value.split(';').next())
        .unwrap_or_else(|| panic!("no sign-in cookie in {head}"))
        .to_string();
    (cookie, hidden(&body, "csrf"))
}

fn sign_in(port: u16, (cookie, csrf): &(String, String), user: &str) -> u16 {
    let body = serde_urlencoded::to_string([
        ("user", user),
        ("password", "fout wachtwoord"),
        ("csrf", csrf),
    ])
    .unwrap();
    let request = format!(
        "POST /admin/login HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nCookie: {cookie}\r\n\
         Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    );
    exchange(port, &request).map_or(0, |(status, _, _)| status)
}

/// A `VmRSS`/`VmHWM` line of /proc/<pid>/status, in MB.
fn memory_mb(pid: u32, key: &str) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    status
        .lines()
        .find_map(|line| line.strip_prefix(key))
        .and_then(|rest| {
            rest.trim()
                .trim_end_matches("kB")
                .trim()
                .parse::<u64>()
                .ok()
        })
        .unwrap_or_else(|| panic!("no {key} in {status}"))
        / 1024
}

#[test]
fn a_sign_in_flood_keeps_the_servers_peak_memory_bounded() {
    let archive = TestArchive::sample_plus(&[]);
    let users_file = archive.dir.path().join("users.toml");
    users::set_password(&users_file, "anna", PASSWORD).unwrap();
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let server = Server(
        Command::new(env!("CARGO_BIN_EXE_lectern"))
            .args(["--archive", archive.archive().to_str().unwrap()])
            .args(["--index", archive.index().to_str().unwrap()])
            .args(["--log", "warn"])
            .args(["serve", "--addr", &format!("127.0.0.1:{port}")])
            .args(["--users", users_file.to_str().unwrap()])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap(),
    );
    let pid = server.0.id();
    let started = Instant::now();
    let form = loop {
        match exchange(
            port,
            "GET /readyz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
        ) {
            Ok((200, _, _)) => break login_form(port),
            _ if started.elapsed() < Duration::from_secs(120) => {
                std::thread::sleep(Duration::from_millis(100))
            }
            other => panic!("the server did not get ready: {other:?}"),
        }
    };
    let before = memory_mb(pid, "VmRSS:");
    let flood_ends = Instant::now() + FLOOD;
    let clients: Vec<_> = (0..CLIENTS)
        .map(|client| {
            let form = form.clone();
            std::thread::spawn(move || {
                let mut statuses = Vec::new();
                let mut n = 0;
                while Instant::now() < flood_ends {
                    n += 1;
                    // A new name each time: the throttle (per name and address) never holds it.
                    statuses.push(sign_in(port, &form, &format!("nobody-{client}-{n}")));
                }
                statuses
            })
        })
        .collect();
    let statuses: Vec<u16> = clients
        .into_iter()
        .flat_map(|client| client.join().unwrap())
        .collect();
    let peak = memory_mb(pid, "VmHWM:");
    let checked = statuses.iter().filter(|s| **s == 401).count();
    let busy = statuses.iter().filter(|s| **s == 503).count();
    let other: Vec<_> = statuses
        .iter()
        .filter(|s| ![401, 503].contains(*s))
        .collect();
    assert!(other.is_empty(), "unexpected answers: {other:?}");
    assert!(checked >= CLIENTS, "too few password checks ran: {checked}");
    let growth = peak.saturating_sub(before);
    assert!(
        growth <= MAX_GROWTH_MB,
        "{} sign-ins ({checked} checked, {busy} busy): the server's RSS was {before} MB, its peak {peak} MB (+{growth} MB, at most +{MAX_GROWTH_MB} allowed)",
        statuses.len()
    );
    eprintln!(
        "{} sign-ins ({checked} checked, {busy} busy): RSS {before} MB before, peak {peak} MB",
        statuses.len()
    );
}
