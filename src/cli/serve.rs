//! `lectern serve`: serve pages and the API, and keep the index in step with the archive.
//!
//! With no index it builds one first. With one built by another analyzer version it serves
//! that one (saying so in the log and on `/readyz`) while the watcher rebuilds, then switches.
//! The watcher (`index::live`) is the server's only index writer; on SIGTERM/SIGINT the server
//! stops taking connections, finishes the requests in flight, then lets a sync in progress
//! commit before the process exits.
//!
//! `--read-only` serves without writing anything: no build, no watcher, no editor; it follows
//! `index/CURRENT` and new commits like any server (every 500 ms), so a writing server (or
//! `lectern index` run by hand) keeps it current. With no index yet it answers 503 until one
//! appears.

use std::net::SocketAddr;
use std::path::Path;
use std::time::{Duration, Instant};

use anyhow::{Context, Result};

use crate::index::{self, IndexError, SyncReport};
use crate::web;

/// How often the watcher looks at the archive.
const WATCH_INTERVAL: Duration = Duration::from_millis(250);

pub fn run(
    archive: &Path,
    index_root: &Path,
    addr: SocketAddr,
    admin: super::AdminArgs,
    read_only: bool,
    ranking: crate::search::Ranking,
    identity: crate::config::Identity,
) -> Result<i32> {
    web::site::set_identity(identity);
    if !read_only {
        prepare(archive, index_root)?;
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    let watcher = runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind(addr).await.with_context(|| {
            format!("cannot listen on {addr} (is another server running? use --addr)")
        })?;
        let config = web::admin::AdminConfig {
            archive: archive.to_path_buf(),
            users: admin
                .users
                .clone()
                .unwrap_or_else(|| crate::service::users::default_path(archive)),
            secure_cookies: !admin.insecure_cookies,
            upload_limit: admin.upload_limit_mb << 20,
            trusted_proxies: admin.trusted_proxies.clone(),
        };
        let (state, watcher) = if read_only {
            tracing::info!(
                "read-only: serving {} as it is, following its CURRENT",
                index_root.display()
            );
            (web::AppState::with_archive(index_root, archive), None)
        } else {
            // Without a user there is no one to sign in, so no sign-in routes at all.
            let state = if crate::service::users::any(&config.users) {
                web::AppState::with_admin(index_root, config)
            } else {
                tracing::info!(
                    "the editor at /admin is off: no users in {} (add one with `lectern user add NAME`, then restart)",
                    config.users.display()
                );
                web::AppState::with_archive(index_root, archive)
            };
            let watcher = watch(archive, index_root, state.clone());
            (state, Some(watcher))
        };
        state.set_ranking(ranking);
        web::site::warn_when_unset();
        println!(
            "Lectern serves {} on http://{}",
            archive.display(),
            listener.local_addr()?
        );
        web::serve(listener, state).await?;
        Ok::<_, anyhow::Error>(watcher)
    })?;
    if let Some(watcher) = watcher {
        tracing::info!("requests finished; letting the index writer finish");
        watcher.stop();
    }
    tracing::info!("stopped");
    Ok(0)
}

/// Builds the index first when there is nothing to serve; says so when it will be rebuilt.
fn prepare(archive: &Path, index_root: &Path) -> Result<()> {
    match index::open_for_serving(index_root) {
        Ok(live) if live.outdated => tracing::warn!(
            "the index generation {} was built by analyzer v{} / schema v{}; this version needs v{} / v{}: rebuilding in the background and serving the old generation meanwhile",
            live.name,
            live.versions.analyzer,
            live.versions.schema,
            crate::analysis::ANALYZER_VERSION,
            index::SCHEMA_VERSION
        ),
        Ok(_) => {}
        Err(IndexError::Missing(_)) | Err(IndexError::Outdated { .. }) => {
            tracing::info!("no index that this version can serve: building it before serving");
            let started = Instant::now();
            let progress = super::progress::for_stderr();
            let report = index::sync_archive(index_root, archive, progress.as_ref())
                .with_context(|| format!("cannot index the archive {}", archive.display()))?;
            log_sync(&report, started.elapsed());
        }
        Err(e) => return Err(e.into()),
    }
    Ok(())
}

fn watch(archive: &Path, index_root: &Path, state: web::AppState) -> index::live::Watcher {
    index::live::watch(
        index_root.to_path_buf(),
        archive.to_path_buf(),
        WATCH_INTERVAL,
        super::progress::log_lines(),
        Box::new(move |report, took| {
            log_sync(report, took);
            state.metrics().record_sync(took);
            state.refresh();
        }),
    )
}

fn log_sync(report: &SyncReport, took: Duration) {
    for error in &report.errors {
        tracing::warn!("{error}");
    }
    if report.changed() {
        tracing::info!(
            "index updated in {:.2} s: {} added, {} updated, {} removed{}; {} items, {} files with problems",
            took.as_secs_f64(),
            report.added,
            report.updated,
            report.removed,
            if report.rebuilt { " (full rebuild)" } else { "" },
            report.items,
            report.errors.len()
        );
    }
}
