//! `lectern serve`: bring the index up to date, then serve pages and the API until stopped.

use std::net::SocketAddr;
use std::path::Path;

use anyhow::{Context, Result};

use crate::index;
use crate::web;

pub fn run(
    archive: &Path,
    index_root: &Path,
    addr: SocketAddr,
    admin: super::AdminArgs,
) -> Result<i32> {
    let loaded = super::load(archive)?;
    super::report_errors(&loaded);
    let report = index::sync(index_root, &loaded)?;
    tracing::info!(
        "index ready: {} items ({} added, {} updated, {} removed{})",
        loaded.items.len(),
        report.added,
        report.updated,
        report.removed,
        if report.rebuilt { ", rebuilt" } else { "" }
    );
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind(addr).await.with_context(|| {
            format!("cannot listen on {addr} (is another server running? use --addr)")
        })?;
        let config = web::admin::AdminConfig {
            archive: archive.to_path_buf(),
            users: admin
                .users
                .clone()
                .unwrap_or_else(|| web::admin::users::default_path(archive)),
            secure_cookies: !admin.insecure_cookies,
            upload_limit: admin.upload_limit_mb << 20,
        };
        let state = web::AppState::with_admin(index_root, config);
        println!(
            "Lectern serves {} items on http://{}",
            loaded.items.len(),
            listener.local_addr()?
        );
        web::serve(listener, state).await?;
        Ok::<_, anyhow::Error>(())
    })?;
    Ok(0)
}
