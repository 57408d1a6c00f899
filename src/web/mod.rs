//! The web layer: routes, pages (maud), the JSON API and the XML formats (axum). The only module
//! that knows HTTP or HTML; the JSON shapes are `service::json`'s, shared with the CLI.
//!
//! [`app`] builds the router that tests drive without a socket; [`serve`] runs it on an
//! already bound listener. Search work runs off the async runtime (`spawn_blocking`).

pub mod admin;
pub(crate) mod api;
pub(crate) mod browse;
pub(crate) mod cite;
pub(crate) mod directory;
pub(crate) mod error;
pub(crate) mod feeds;
pub(crate) mod i18n;
pub(crate) mod item_page;
pub(crate) mod metrics;
pub mod oai;
pub(crate) mod openapi;
pub(crate) mod opensearch;
pub(crate) mod ops;
pub(crate) mod pages;
pub(crate) mod params;
pub(crate) mod people;
pub(crate) mod quotes_api;
pub(crate) mod records;
pub(crate) mod results;
pub(crate) mod security;
pub mod server;
pub(crate) mod site;
pub(crate) mod sitemap;
pub(crate) mod structured;
pub(crate) mod views;
pub(crate) mod xml;
pub(crate) mod years;

use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};

use std::time::Duration;

use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use tokio::net::TcpListener;

use crate::archive::Item;
use crate::index::Generation;
use crate::search::{self, SearchRequest, SearchResults};
use crate::service::library::Library;
use error::WebError;

/// What every handler shares: where the index lives and the generation being served.
#[derive(Clone)]
pub struct AppState {
    inner: Arc<Inner>,
}

struct Inner {
    /// The live index generation (`service::library`).
    library: Library,
    /// The archive folder, when known: datestamps and deleted items (OAI-PMH, feeds) read it.
    archive_root: Option<PathBuf>,
    admin: Option<Arc<admin::Admin>>,
    metrics: metrics::Metrics,
    /// Index work runs at most this many at a time (two per core), in arrival order.
    index_slots: tokio::sync::Semaphore,
    /// Records per OAI-PMH list response (`LECTERN_OAI_PAGE_SIZE`, read once).
    oai_page_size: usize,
    /// How searches are ranked (the `feedback` setting); the default unless set.
    ranking: RwLock<search::Ranking>,
}

/// How many requests work on the index at once: two per core. Many more would only share the
/// cores out between more threads (each request then takes as long as all of them together:
/// under 64 connections that doubled the slowest answers), and every blocking thread keeps
/// memory of its own; exactly one per core left a core idle while the next request was handed
/// over (measured in docs/benchmarks.md). The others wait in a fair, first-come queue.
fn index_slots() -> usize {
    2 * std::thread::available_parallelism().map_or(2, |n| n.get())
}

impl AppState {
    /// Opens the live index generation if there is one; pages answer 503 until there is.
    pub fn new(index_root: &Path) -> AppState {
        AppState::build(index_root, None, None)
    }

    /// Like [`AppState::new`], and also reads file datestamps and the trash in `archive_root`.
    pub fn with_archive(index_root: &Path, archive_root: &Path) -> AppState {
        AppState::build(index_root, Some(archive_root.to_path_buf()), None)
    }

    /// With the web editor at `/admin` enabled (and the archive known, as in `with_archive`).
    pub fn with_admin(index_root: &Path, config: admin::AdminConfig) -> AppState {
        let archive_root = Some(config.archive.clone());
        AppState::build(
            index_root,
            archive_root,
            Some(Arc::new(admin::Admin::new(config))),
        )
    }

    fn build(
        index_root: &Path,
        archive_root: Option<PathBuf>,
        admin: Option<Arc<admin::Admin>>,
    ) -> AppState {
        AppState {
            inner: Arc::new(Inner {
                library: Library::open(index_root),
                archive_root,
                admin,
                metrics: metrics::Metrics::default(),
                index_slots: tokio::sync::Semaphore::new(index_slots()),
                oai_page_size: site::oai_page_size(),
                ranking: RwLock::new(search::Ranking::default()),
            }),
        }
    }

    /// With another OAI-PMH page size than `LECTERN_OAI_PAGE_SIZE` gives (for tests); only
    /// right after construction, before the state is shared.
    pub fn with_oai_page_size(mut self, records: usize) -> AppState {
        if let Some(inner) = Arc::get_mut(&mut self.inner) {
            inner.oai_page_size = records.clamp(1, 1000);
        }
        self
    }

    /// Records per OAI-PMH list response.
    pub fn oai_page_size(&self) -> usize {
        self.inner.oai_page_size
    }

    /// Ranks every search from now on with `ranking` (`lectern serve` with `feedback = true`).
    pub fn set_ranking(&self, ranking: search::Ranking) {
        *self
            .inner
            .ranking
            .write()
            .unwrap_or_else(|e| e.into_inner()) = ranking;
    }

    pub fn admin(&self) -> Option<&Arc<admin::Admin>> {
        self.inner.admin.as_ref()
    }

    pub fn index_root(&self) -> &Path {
        self.inner.library.index_root()
    }

    /// The live index generation and its switching (`service::library`).
    pub fn library(&self) -> &Library {
        &self.inner.library
    }

    /// Picks up a switched generation (`CURRENT` changed) or new commits in the live one.
    pub fn refresh(&self) {
        self.inner.library.refresh();
    }

    pub fn archive_root(&self) -> Option<&Path> {
        self.inner.archive_root.as_deref()
    }

    fn generation_opt(&self) -> Option<Arc<Generation>> {
        self.inner.library.live()
    }

    pub fn generation(&self) -> Result<Arc<Generation>, WebError> {
        Ok(self.inner.library.generation()?)
    }

    /// What the server counts, for `/metrics`.
    pub fn metrics(&self) -> &metrics::Metrics {
        &self.inner.metrics
    }

    /// Runs a search on a blocking thread.
    pub async fn search(&self, mut request: SearchRequest) -> Result<SearchResults, WebError> {
        request.ranking = *self.inner.ranking.read().unwrap_or_else(|e| e.into_inner());
        let state = self.clone();
        self.with_index(move |generation| {
            let started = std::time::Instant::now();
            let results = search::search(generation, &request);
            state.inner.metrics.record_search(started.elapsed());
            results
        })
        .await
    }

    /// Runs any search work on a blocking thread, when an index slot is free.
    pub async fn with_index<T, F>(&self, work: F) -> Result<T, WebError>
    where
        T: Send + 'static,
        F: FnOnce(&Generation) -> tantivy::Result<T> + Send + 'static,
    {
        let generation = self.generation()?;
        let _slot = self
            .inner
            .index_slots
            .acquire()
            .await
            .map_err(WebError::internal)?;
        tokio::task::spawn_blocking(move || work(&generation))
            .await
            .map_err(WebError::internal)?
            .map_err(WebError::internal)
    }

    /// Looks up one item on a blocking thread.
    pub async fn item(&self, id: String) -> Result<Option<Item>, WebError> {
        self.with_index(move |generation| search::get_item(generation, &id))
            .await
    }
}

/// The whole application as a router.
pub fn app(state: AppState) -> Router {
    Router::new()
        .merge(pages::router())
        .merge(api::router())
        .merge(admin::router(&state))
        .merge(browse::router())
        .merge(directory::router())
        .merge(people::router())
        .merge(ops::router())
        .merge(oai::router())
        .merge(feeds::router())
        .merge(opensearch::router())
        .merge(sitemap::router())
        .merge(openapi::router())
        .route("/static/style.css", get(style))
        .route("/static/suggest.js", get(script))
        .route("/static/favicon.svg", get(favicon))
        .route("/static/logo.svg", get(logo))
        .route("/static/logo.png", get(logo))
        .route("/favicon.ico", get(favicon))
        .fallback(pages::not_found)
        // After the fallback, so that requests for pages that do not exist are counted too
        // (as route "unmatched": the path itself would make a label per typo).
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            ops::track,
        ))
        .with_state(state)
        .layer(axum::middleware::from_fn(security::headers))
        .layer(tower_http::trace::TraceLayer::new_for_http())
}

async fn style() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        site::style_sheet().0.as_str(),
    )
}

async fn script() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        views::SCRIPT,
    )
}

/// The site's icon (browsers ask for `/favicon.ico` on every page: no 404 in the log).
async fn favicon() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "image/svg+xml"),
            (header::CACHE_CONTROL, "public, max-age=86400"),
        ],
        views::FAVICON,
    )
}

/// The logo of `[site]`, from memory; 404 without one. An SVG is served under a policy that
/// lets it run nothing, also when opened on its own (it was checked for scripts when read).
async fn logo() -> Response {
    let Some(logo) = site::identity().logo.as_ref() else {
        return StatusCode::NOT_FOUND.into_response();
    };
    (
        [
            (header::CONTENT_TYPE, logo.kind.content_type()),
            (header::CACHE_CONTROL, "public, max-age=86400"),
            (
                header::CONTENT_SECURITY_POLICY,
                "default-src 'none'; style-src 'unsafe-inline'; sandbox",
            ),
        ],
        // The identity lives as long as the process: its bytes are served as they are.
        logo.bytes.as_slice(),
    )
        .into_response()
}

/// Serves on an already bound listener until Ctrl-C or SIGTERM, within `server::Limits`;
/// refreshes the index every 500 ms.
pub async fn serve(listener: TcpListener, state: AppState) -> std::io::Result<()> {
    let refresher = state.clone();
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(Duration::from_millis(500));
        loop {
            tick.tick().await;
            let state = refresher.clone();
            let _ = tokio::task::spawn_blocking(move || state.refresh()).await;
        }
    });
    server::serve_with(
        listener,
        state,
        server::Limits::default(),
        shutdown_signal(),
    )
    .await
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        if let Ok(mut signal) =
            tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            signal.recv().await;
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = terminate => {},
    }
    tracing::info!("shutting down: finishing requests in flight");
}
