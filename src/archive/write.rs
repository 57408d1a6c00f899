//! Atomic file writes: a temporary file in the same folder, fsync, rename, fsync the folder.
//!
//! A crash leaves either the old file or the new one, never a half-written one. A full disk or
//! a `kill -9` between creating the temporary file and renaming it leaves the temporary file
//! (`.<name>.new-<pid>-<n>`) behind: [`is_temp_name`] recognises our names, and
//! `archive::scan::temp_files` finds them so that `lectern index` and the server remove them.

use std::io::Write;
use std::path::Path;

pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let tmp = tempfile_in(dir, path)?;
    {
        let mut file = std::fs::File::create(&tmp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
    }
    if let Err(e) = std::fs::rename(&tmp, path) {
        let _ = std::fs::remove_file(&tmp);
        return Err(e);
    }
    if let Ok(dir) = std::fs::File::open(dir) {
        let _ = dir.sync_all();
    }
    Ok(())
}

/// Like [`write_atomically`], but fails with `AlreadyExists` instead of replacing a file: the
/// temporary file is hard-linked into place, which no other writer can race.
pub fn write_new_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let tmp = tempfile_in(dir, path)?;
    {
        let mut file = std::fs::File::create(&tmp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
    }
    let linked = std::fs::hard_link(&tmp, path);
    let _ = std::fs::remove_file(&tmp);
    linked?;
    if let Ok(dir) = std::fs::File::open(dir) {
        let _ = dir.sync_all();
    }
    Ok(())
}

/// Whether a file name is one of the temporary names [`write_atomically`] and
/// [`write_new_atomically`] give an item file: `.<name>.md.new-<pid>-<n>` (or `.markdown`).
/// Nothing else matches, so removing these never removes someone else's file.
pub fn is_temp_name(name: &str) -> bool {
    let Some(rest) = name.strip_prefix('.') else {
        return false;
    };
    let Some((file, counter)) = rest.rsplit_once(".new-") else {
        return false;
    };
    let numbers = counter
        .split_once('-')
        .is_some_and(|(pid, n)| digits(pid) && digits(n));
    let item = [".md", ".markdown"]
        .iter()
        .any(|ext| file.len() > ext.len() && file.ends_with(ext));
    numbers && item
}

fn digits(text: &str) -> bool {
    !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit())
}

/// A temporary name beside `path`, unique per process and call.
fn tempfile_in(dir: &Path, path: &Path) -> std::io::Result<std::path::PathBuf> {
    static COUNTER: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let n = COUNTER.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    Ok(dir.join(format!(".{name}.new-{}-{n}", std::process::id())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_our_temporary_item_names_match() {
        let dir = tempfile::tempdir().unwrap();
        let ours = tempfile_in(dir.path(), &dir.path().join("2024-lezing.md")).unwrap();
        let name = ours.file_name().unwrap().to_str().unwrap();
        assert!(is_temp_name(name), "{name}");
        assert!(is_temp_name(".talk.markdown.new-1-0"));
        for other in [
            "2024-lezing.md",
            ".2024-lezing.md",
            ".2024-lezing.md.swp",
            ".users.toml.new-12-0",
            ".md.new-1-2",
            ".a.md.new-12",
            ".a.md.new-12-x",
            ".a.md.new--1",
            "a.md.new-1-2",
            ".git",
        ] {
            assert!(!is_temp_name(other), "{other}");
        }
    }
}
