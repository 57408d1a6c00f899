//! Routes for operators: `/healthz` (the process answers), `/readyz` (an index is loaded),
//! `/metrics` (Prometheus text), and the middleware that times every routed request.

use std::time::Instant;

use axum::extract::{MatchedPath, Request, State};
use axum::http::{header, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;

use super::metrics::IndexGauges;
use super::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/healthz", get(healthz))
        .route("/readyz", get(readyz))
        .route("/metrics", get(metrics))
}

async fn healthz() -> &'static str {
    "ok\n"
}

async fn readyz(State(state): State<AppState>) -> Response {
    match state.generation_opt() {
        Some(live) if live.outdated => (
            StatusCode::OK,
            format!(
                "ready: serving generation {} built by analyzer v{} while a rebuild runs\n",
                live.name, live.versions.analyzer
            ),
        )
            .into_response(),
        Some(live) => (
            StatusCode::OK,
            format!("ready: serving generation {}\n", live.name),
        )
            .into_response(),
        None => (
            StatusCode::SERVICE_UNAVAILABLE,
            "not ready: no index loaded yet\n",
        )
            .into_response(),
    }
}

async fn metrics(State(state): State<AppState>) -> Response {
    let Ok((state, gauges)) = tokio::task::spawn_blocking(move || {
        let gauges = index_gauges(&state);
        (state, gauges)
    })
    .await
    else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    (
        [(
            header::CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8",
        )],
        state.inner.metrics.render(&gauges),
    )
        .into_response()
}

/// Gauges read from the served generation and `index/last-reindex.json` (file IO: off the runtime).
fn index_gauges(state: &AppState) -> IndexGauges {
    let live = state.generation_opt();
    let last = crate::index::generations::last_reindex(state.index_root());
    IndexGauges {
        documents: live.as_ref().map(|g| g.reader.searcher().num_docs()),
        outdated: live.as_ref().is_some_and(|g| g.outdated),
        last_reindex_seconds: last.as_ref().map(|l| l.seconds),
        last_reindex_finished: last.map(|l| l.finished),
    }
}

/// Counts and times every request, labelled by the route's pattern (`unmatched` for the
/// fallback's 404s) and its method (`other` for any method but the standard ones): a label
/// never holds what a client sent, so the metrics cannot grow without bound.
pub async fn track(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map(|p| p.as_str().to_string())
        .unwrap_or_else(|| "unmatched".to_string());
    let method = method_label(request.method());
    let started = Instant::now();
    let response = next.run(request).await;
    state.inner.metrics.record_request(
        &route,
        &method,
        response.status().as_u16(),
        started.elapsed(),
    );
    response
}

/// The standard methods by name; anything else is `other`.
fn method_label(method: &axum::http::Method) -> String {
    use axum::http::Method;
    let known = [
        Method::GET,
        Method::HEAD,
        Method::POST,
        Method::PUT,
        Method::DELETE,
        Method::OPTIONS,
        Method::PATCH,
        Method::CONNECT,
        Method::TRACE,
    ];
    if known.contains(method) {
        method.as_str().to_string()
    } else {
        "other".to_string()
    }
}
