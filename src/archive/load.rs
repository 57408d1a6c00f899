//! Reading the archive folder: finds item files, reads them, and collects items and problems.
//!
//! An item is a `.md` or `.markdown` file anywhere below the archive folder, except files
//! named `README.md` and anything inside a folder whose name starts with `.` or `_`
//! (`_trash`, `.git`). One bad file never stops the others.

use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use super::front_matter::parse_item;
use super::item::Item;
use super::speakers::SpeakerNames;
use super::themes::ThemeList;

/// A problem with one file, printed as `path:line: message`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileError {
    pub path: PathBuf,
    pub line: usize,
    pub message: String,
}

impl fmt::Display for FileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.path.display(), self.line, self.message)
    }
}

/// What loading found: the good items (sorted by id), each with a content hash, and the problems.
#[derive(Debug, Default)]
pub struct Loaded {
    pub items: Vec<LoadedItem>,
    pub errors: Vec<FileError>,
    /// Speaker name variants from `speakers.toml`, applied when items are indexed.
    pub speakers: SpeakerNames,
    /// The bilingual theme list (`themes.toml`); empty when there is none or it has problems.
    pub themes: ThemeList,
}

#[derive(Debug, Clone)]
pub struct LoadedItem {
    pub item: Item,
    /// FNV-1a of the file's bytes: tells the indexer whether the item changed.
    pub hash: u64,
    /// The file's datestamp when it was read (`stamp::changed_at`), kept in the index.
    pub changed: SystemTime,
}

/// How often each folder was loaded whole, or had an item file in it read or stamped, so that
/// tests can prove a request path never touches the archive's files. Keyed by folder, so the
/// map stays as small as the archive's folder tree.
static READS: std::sync::Mutex<Option<HashMap<PathBuf, u64>>> = std::sync::Mutex::new(None);

/// Counts one load of the folder `dir`, or one read or datestamp of a file in it.
pub(crate) fn count_read(dir: &Path) {
    let mut reads = READS.lock().unwrap_or_else(|e| e.into_inner());
    let reads = reads.get_or_insert_with(HashMap::new);
    // Every file read passes here: allocate a key only for a folder not seen before.
    match reads.get_mut(dir) {
        Some(count) => *count += 1,
        None => {
            reads.insert(dir.to_path_buf(), 1);
        }
    }
}

/// How many times this process loaded the folder `dir` whole, or read or stamped an item
/// file directly in it.
pub fn reads_in(dir: &Path) -> u64 {
    let reads = READS.lock().unwrap_or_else(|e| e.into_inner());
    reads
        .as_ref()
        .and_then(|map| map.get(dir).copied())
        .unwrap_or(0)
}

/// Loads every item below `root`. Fails only when `root` itself cannot be read.
pub fn load_archive(root: &Path) -> std::io::Result<Loaded> {
    count_read(root);
    let mut files = Vec::new();
    collect_item_files(root, root, &mut files)?;
    files.sort();
    let mut loaded = Loaded::default();
    match SpeakerNames::load(root) {
        Ok(names) => loaded.speakers = names,
        Err(error) => loaded.errors.push(error),
    }
    let mut seen: HashMap<String, PathBuf> = HashMap::new();
    for relative in files {
        let path = root.join(&relative);
        match load_file(&path, &relative) {
            Ok(item) => {
                if let Some(first) = seen.get(&item.item.id) {
                    loaded.errors.push(FileError {
                        path: path.clone(),
                        line: 1,
                        message: format!(
                            "duplicate id `{}`: {} gives the same id; rename one of the two files",
                            item.item.id,
                            first.display()
                        ),
                    });
                    continue;
                }
                seen.insert(item.item.id.clone(), path);
                loaded.items.push(item);
            }
            Err(mut errors) => loaded.errors.append(&mut errors),
        }
    }
    loaded.items.sort_by(|a, b| a.item.id.cmp(&b.item.id));
    match ThemeList::load(root) {
        Ok(list) => loaded.themes = list,
        Err(error) => loaded.errors.push(error),
    }
    Ok(loaded)
}

/// Reads and parses one item file; `relative` is its path inside the archive.
pub fn load_file(path: &Path, relative: &Path) -> Result<LoadedItem, Vec<FileError>> {
    let error = |line: usize, message: String| FileError {
        path: path.to_path_buf(),
        line,
        message,
    };
    count_read(path.parent().unwrap_or(path));
    let bytes =
        std::fs::read(path).map_err(|e| vec![error(1, format!("cannot read the file: {e}"))])?;
    let text = match std::str::from_utf8(&bytes) {
        Ok(text) => text,
        Err(e) => {
            let line = bytes[..e.valid_up_to()]
                .iter()
                .filter(|b| **b == b'\n')
                .count()
                + 1;
            return Err(vec![error(
                line,
                format!(
                    "the file is not UTF-8 (bad byte at offset {}): save it as UTF-8, or add it with `lectern add`, which converts Windows-1252 and UTF-16",
                    e.valid_up_to()
                ),
            )]);
        }
    };
    let relative = relative_string(relative);
    let item = parse_item(text, &relative).map_err(|problems| {
        problems
            .into_iter()
            .map(|p| error(p.line, p.message))
            .collect::<Vec<_>>()
    })?;
    Ok(LoadedItem {
        item,
        hash: fnv1a(&bytes),
        changed: super::stamp::changed_at(path).unwrap_or(SystemTime::UNIX_EPOCH),
    })
}

/// `a/b.md` with forward slashes on every platform.
pub fn relative_string(relative: &Path) -> String {
    relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// Whether a path (relative to the archive) names an item file.
pub fn is_item_path(relative: &Path) -> bool {
    let is_markdown = matches!(
        relative.extension().and_then(|e| e.to_str()),
        Some("md") | Some("markdown")
    );
    let is_readme = relative
        .file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.eq_ignore_ascii_case("readme.md"));
    let hidden = relative.components().any(|c| {
        let name = c.as_os_str().to_string_lossy();
        name.starts_with('.') || name.starts_with('_')
    });
    is_markdown && !is_readme && !hidden
}

fn collect_item_files(root: &Path, dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let path = entry.path();
        let relative = path.strip_prefix(root).unwrap_or(&path).to_path_buf();
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with('.') || name.starts_with('_') {
            continue;
        }
        let file_type = entry.file_type()?;
        if file_type.is_dir() {
            collect_item_files(root, &path, out)?;
        } else if file_type.is_symlink() && !super::scan::link_inside(root, &path) {
            tracing::warn!(
                "{}: a link to a file outside the archive is not an item (copy the file into the archive)",
                path.display()
            );
        } else if is_item_path(&relative) {
            out.push(relative);
        }
    }
    Ok(())
}

/// 64-bit FNV-1a: stable across Rust versions, unlike `DefaultHasher`.
pub fn fnv1a(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in bytes {
        hash ^= *byte as u64;
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}
