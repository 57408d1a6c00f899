//! Item 4: the server over real sockets on 127.0.0.1: a slowloris does not stop `/healthz` or
//! a search, slow and idle connections are closed at the header deadline, a slow body gets 408,
//! and connections beyond the limit wait.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::{Duration, Instant};

use lectern::web::server::{serve_with, Limits};
use lectern::web::AppState;
use tokio::net::TcpListener;
use tokio::sync::oneshot;

use crate::support::TestArchive;

struct Running {
    address: SocketAddr,
    stop: Option<oneshot::Sender<()>>,
    _archive: TestArchive,
}

impl Drop for Running {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

async fn start(limits: Limits) -> Running {
    let archive = TestArchive::sample_plus(&[]);
    archive.build();
    let state = AppState::new(&archive.index());
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let (stop, stopped) = oneshot::channel::<()>();
    tokio::spawn(serve_with(listener, state, limits, async {
        let _ = stopped.await;
    }));
    Running {
        address,
        stop: Some(stop),
        _archive: archive,
    }
}

/// Sends `request` on a new connection and reads the answer (blocking); (status, elapsed).
fn exchange(address: SocketAddr, request: &[u8]) -> (u16, Duration) {
    let started = Instant::now();
    let mut stream = TcpStream::connect(address).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    stream.write_all(request).unwrap();
    let mut answer = Vec::new();
    stream
        .read_to_end(&mut answer)
        .expect("an answer within 10 s");
    let text = String::from_utf8_lossy(&answer);
    let status = text
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    (status, started.elapsed())
}

fn get(path: &str) -> Vec<u8> {
    format!("GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n").into_bytes()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn healthz_and_search_answer_under_a_slowloris_that_the_deadline_ends() {
    let server = start(Limits {
        header_read: Duration::from_secs(2),
        ..Limits::default()
    })
    .await;
    let address = server.address;
    tokio::task::spawn_blocking(move || {
        let mut slow = Vec::new();
        for _ in 0..200 {
            let mut stream = TcpStream::connect(address).unwrap();
            stream
                .write_all(b"GET /search?q=zorg HTTP/1.1\r\nHost: localhost\r\n")
                .unwrap();
            slow.push(stream);
        }
        let started = Instant::now();
        while started.elapsed() < Duration::from_millis(2500) {
            for path in ["/healthz", "/search?q=zorg"] {
                let (status, took) = exchange(address, &get(path));
                assert_eq!(status, 200, "{path}");
                assert!(took < Duration::from_secs(1), "{path} took {took:?}");
            }
            // A header line now and then keeps a slowloris alive on a server without a deadline.
            for stream in &mut slow {
                let _ = stream.write_all(b"X-Slow: 1\r\n");
            }
            std::thread::sleep(Duration::from_millis(300));
        }
        for mut stream in slow {
            stream
                .set_read_timeout(Some(Duration::from_secs(2)))
                .unwrap();
            let mut rest = Vec::new();
            let closed = match stream.read_to_end(&mut rest) {
                Ok(_) => true,
                Err(e) => {
                    e.kind() != std::io::ErrorKind::WouldBlock
                        && e.kind() != std::io::ErrorKind::TimedOut
                }
            };
            assert!(
                closed,
                "a slow connection is still open after the header deadline"
            );
        }
    })
    .await
    .unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_request_whose_body_never_ends_gets_408() {
    let server = start(Limits {
        request: Duration::from_secs(1),
        ..Limits::default()
    })
    .await;
    let request = b"POST /oai HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\nverb=Ident";
    let address = server.address;
    let answer = tokio::task::spawn_blocking(move || {
        let mut stream = TcpStream::connect(address).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(5)))
            .unwrap();
        stream.write_all(request).unwrap();
        let mut answer = Vec::new();
        stream
            .read_to_end(&mut answer)
            .expect("the server answers at its request deadline");
        answer
    })
    .await
    .unwrap();
    let text = String::from_utf8_lossy(&answer);
    assert!(text.starts_with("HTTP/1.1 408"), "{text}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn connections_beyond_the_limit_wait_for_a_free_one() {
    let server = start(Limits {
        connections: 4,
        ..Limits::default()
    })
    .await;
    let mut idle = Vec::new();
    for _ in 0..4 {
        idle.push(TcpStream::connect(server.address).unwrap());
    }
    tokio::time::sleep(Duration::from_millis(100)).await;
    let address = server.address;
    let waiting = tokio::task::spawn_blocking(move || exchange(address, &get("/healthz")));
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert!(
        !waiting.is_finished(),
        "a fifth connection was served while four were open"
    );
    drop(idle.pop());
    let (status, _) = tokio::time::timeout(Duration::from_secs(5), waiting)
        .await
        .expect("served once a connection closed")
        .unwrap();
    assert_eq!(status, 200);
}
