//! The audit log: one JSON line per change (who, when, what item, what changed), appended to
//! `archive/_audit.log` (inside the archive, so it travels with it; `_` keeps it out of items).

use std::io::Write;
use std::path::Path;
use std::sync::Mutex;
use std::time::SystemTime;

pub const AUDIT_LOG: &str = "_audit.log";

static APPEND: Mutex<()> = Mutex::new(());

/// Appends one entry; a failure is logged, never lost silently.
pub fn record(
    archive: &Path,
    user: &str,
    action: &str,
    item: &str,
    path: &str,
    changed: &[String],
) {
    let entry = serde_json::json!({
        "at": utc_now(),
        "user": user,
        "action": action,
        "item": item,
        "path": path,
        "changed": changed,
    });
    let _guard = APPEND.lock().unwrap_or_else(|e| e.into_inner());
    let result = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(archive.join(AUDIT_LOG))
        .and_then(|mut file| {
            file.write_all(format!("{entry}\n").as_bytes())?;
            file.sync_data()
        });
    if let Err(e) = result {
        tracing::error!("could not append to the audit log: {e} (entry: {entry})");
    }
}

/// The current time as `YYYY-MM-DDTHH:MM:SSZ`.
pub fn utc_now() -> String {
    crate::archive::stamp::utc(SystemTime::now())
}
