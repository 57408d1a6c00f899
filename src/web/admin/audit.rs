//! The audit log: one JSON line per change (who, when, what item, what changed), appended to
//! `archive/_audit.log` (inside the archive, so it travels with it; `_` keeps it out of items).

use std::io::Write;
use std::path::Path;
use std::sync::Mutex;
use std::time::{SystemTime, UNIX_EPOCH};

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
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    let (days, rest) = (secs / 86_400, secs % 86_400);
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        rest / 3600,
        rest / 60 % 60,
        rest % 60
    )
}
