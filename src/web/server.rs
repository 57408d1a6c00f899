//! The HTTP/1.1 server loop: at most [`Limits::connections`] connections at once, a deadline
//! for a request's headers and one for the whole request, and a graceful shutdown.
//!
//! `axum::serve` has none of these limits: idle or half-sent requests stayed open for ever,
//! and 300 of them used up the process's file descriptors (issue 13, item 4). Here each
//! connection holds a permit of a semaphore while it is open (the next is accepted only when
//! one is free; the kernel's backlog holds the rest), hyper closes a connection that has not
//! sent a request's headers within [`Limits::header_read`] (also an idle keep-alive
//! connection: the deadline starts when hyper waits for the next request), and a request that
//! takes longer than [`Limits::request`] in all (a body sent slowly, too) gets 408.

use std::convert::Infallible;
use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::body::Body;
use axum::extract::{ConnectInfo, Request};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::net::TcpListener;
use tokio::sync::{watch, Semaphore};
use tower::ServiceExt;

use super::AppState;

/// The server's limits; [`Limits::default`] is what `lectern serve` uses.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Connections open at once.
    pub connections: usize,
    /// From waiting for a request to having its headers.
    pub header_read: Duration,
    /// From having a request's headers to the end of its response's headers.
    pub request: Duration,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            connections: 512,
            header_read: Duration::from_secs(10),
            request: Duration::from_secs(60),
        }
    }
}

/// Serves `app(state)` on an already bound listener until `signal` completes, then stops
/// accepting and lets every request in flight finish.
pub async fn serve_with(
    listener: TcpListener,
    state: AppState,
    limits: Limits,
    signal: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let router = super::app(state);
    let permits = Arc::new(Semaphore::new(limits.connections));
    // Dropped when the signal comes: every connection then shuts down gracefully.
    let (stop_tx, stop_rx) = watch::channel(());
    tokio::spawn(async move {
        signal.await;
        drop(stop_rx);
    });
    // Each connection holds a receiver; when all are dropped, every connection has ended.
    let (done_tx, done_rx) = watch::channel(());
    loop {
        let permit = tokio::select! {
            permit = permits.clone().acquire_owned() => permit.expect("the semaphore is never closed"),
            _ = stop_tx.closed() => break,
        };
        let (stream, remote) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(e) => {
                    // Out of file descriptors, or the client left: wait a little, go on.
                    tracing::warn!("cannot accept a connection: {e}");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            _ = stop_tx.closed() => break,
        };
        let router = router.clone();
        let service = hyper::service::service_fn(move |request: Request<hyper::body::Incoming>| {
            let mut request = request.map(Body::new);
            request.extensions_mut().insert(ConnectInfo(remote));
            let router = router.clone();
            async move {
                let response =
                    match tokio::time::timeout(limits.request, router.oneshot(request)).await {
                        Ok(response) => response.unwrap_or_else(|e: Infallible| match e {}),
                        Err(_) => timed_out(limits.request),
                    };
                Ok::<_, Infallible>(response)
            }
        });
        let stop = stop_tx.clone();
        let done = done_rx.clone();
        tokio::spawn(async move {
            let mut builder = hyper::server::conn::http1::Builder::new();
            builder
                .timer(TokioTimer::new())
                .header_read_timeout(limits.header_read);
            let connection = builder.serve_connection(TokioIo::new(stream), service);
            tokio::pin!(connection);
            tokio::select! {
                result = connection.as_mut() => log_end(result, remote),
                _ = stop.closed() => {
                    connection.as_mut().graceful_shutdown();
                    log_end(connection.await, remote);
                }
            }
            drop((permit, done));
        });
    }
    drop(listener);
    // Wait until every connection task has dropped its receiver.
    drop(done_rx);
    done_tx.closed().await;
    Ok(())
}

fn log_end(result: Result<(), hyper::Error>, remote: SocketAddr) {
    if let Err(e) = result {
        tracing::debug!("connection from {remote} ended: {e}");
    }
}

fn timed_out(limit: Duration) -> Response {
    (
        StatusCode::REQUEST_TIMEOUT,
        [(header::CONNECTION, "close")],
        format!("the request took longer than {} seconds\n", limit.as_secs()),
    )
        .into_response()
}
