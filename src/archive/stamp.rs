//! When an archive file last changed, and the trash folder of deleted items.
//!
//! A file's *datestamp* is the later of its modification time and (on Unix) its status-change
//! time: editing a file changes both, and moving it (into `_trash`, or back out) changes the
//! latter, so a move is seen as a change even though `rename` keeps the modification time.
//! OAI-PMH and feeds use it; the item's own `date` is the lecture date, not a datestamp.
//! Pure file metadata; knows nothing of the index or HTTP.

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

use super::load::{load_archive, Loaded};

/// A datestamp as seconds since the epoch (a time before the epoch counts as the epoch).
pub fn seconds_of(time: SystemTime) -> u64 {
    time.duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// Seconds since the epoch as a datestamp.
pub fn stamp_of(seconds: u64) -> SystemTime {
    SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(seconds)
}

/// The folder inside the archive where deleted items are kept, under their original path.
pub const TRASH_DIR: &str = "_trash";

/// When the file at `path` last changed (content, or place).
pub fn changed_at(path: &Path) -> std::io::Result<SystemTime> {
    super::load::count_read(path.parent().unwrap_or(path));
    let metadata = std::fs::metadata(path)?;
    let modified = metadata.modified()?;
    Ok(status_changed(&metadata).map_or(modified, |c| c.max(modified)))
}

#[cfg(unix)]
fn status_changed(metadata: &std::fs::Metadata) -> Option<SystemTime> {
    use std::os::unix::fs::MetadataExt;
    let seconds = u64::try_from(metadata.ctime()).ok()?;
    let nanos = u32::try_from(metadata.ctime_nsec()).ok()?;
    SystemTime::UNIX_EPOCH.checked_add(std::time::Duration::new(seconds, nanos))
}

#[cfg(not(unix))]
fn status_changed(_metadata: &std::fs::Metadata) -> Option<SystemTime> {
    None
}

/// The trash folder of an archive.
pub fn trash_root(archive: &Path) -> PathBuf {
    archive.join(TRASH_DIR)
}

/// The deleted items: every item file in the trash, parsed as an archive of its own (so an
/// item's id is the id it had before it was deleted). No trash folder means no deleted items.
pub fn load_trash(archive: &Path) -> std::io::Result<Loaded> {
    let trash = trash_root(archive);
    if !trash.is_dir() {
        return Ok(Loaded::default());
    }
    load_archive(&trash)
}

/// `2024-05-01T09:30:00Z`: seconds, UTC. Valid as an OAI-PMH datestamp, an Atom date
/// (RFC 3339) and a sitemap `lastmod` (W3C datetime).
pub fn utc(time: SystemTime) -> String {
    let time = OffsetDateTime::from(time)
        .replace_nanosecond(0)
        .unwrap_or(OffsetDateTime::UNIX_EPOCH);
    time.format(&Rfc3339)
        .unwrap_or_else(|_| "1970-01-01T00:00:00Z".to_string())
}

/// Parses what [`utc`] writes (and any RFC 3339 time) back.
pub fn parse_utc(text: &str) -> Option<SystemTime> {
    OffsetDateTime::parse(text, &Rfc3339)
        .ok()
        .map(SystemTime::from)
}
