//! Saving items into the archive: choosing a path (and so an id), writing atomically without
//! overwriting, moving to and from the trash, and bringing the index up to date afterwards.
//!
//! Every write is atomic (temporary file, fsync, rename or link): a crash leaves the old file
//! or the new one. New files are linked into place, which fails if the name was taken in the
//! meantime, so two saves at the same moment never overwrite each other.

use std::path::{Path, PathBuf};

use crate::archive::load::is_item_path;
use crate::archive::render::render;
use crate::archive::slug::slugify;
use crate::archive::write::{write_atomically, write_new_atomically};
use crate::archive::Item;
use crate::index::{self, SyncReport};

/// The folder for deleted items, inside the archive (never loaded as items).
pub const TRASH: &str = crate::archive::stamp::TRASH_DIR;

#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    #[error("{0} already exists: pass --replace to overwrite it, or --id to choose another id")]
    Exists(String),
    #[error("`{0}` is not a usable item path: use lowercase letters, digits, hyphens and `/`, ending in .md")]
    BadPath(String),
    #[error("{path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
}

/// How to treat an existing file at the chosen path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Refuse.
    New,
    /// Choose `-2`, `-3`, ... until a free name (the editor: two archivists never collide).
    NewUnique,
    /// Overwrite.
    Replace,
}

/// The relative path for a new item: `<series>/<year>-<title words>.md`, or `<id>.md`.
pub fn path_for(item: &Item, id: Option<&str>) -> Result<String, SaveError> {
    if let Some(id) = id {
        let slug = slugify(id);
        if slug.is_empty() || slug != id {
            return Err(SaveError::BadPath(id.to_string()));
        }
        return Ok(format!("{slug}.md"));
    }
    const TRAILING: [&str; 14] = [
        "de", "het", "een", "van", "voor", "en", "of", "in", "op", "met", "the", "a", "and", "for",
    ];
    let mut title: Vec<String> = slugify(&item.title)
        .split('-')
        .take(6)
        .map(str::to_string)
        .collect();
    while title.len() > 1 && title.last().is_some_and(|w| TRAILING.contains(&w.as_str())) {
        title.pop();
    }
    let name = format!("{}-{}", item.date.year, title.join("-"));
    Ok(
        match item
            .series
            .as_deref()
            .map(slugify)
            .filter(|s| !s.is_empty())
        {
            Some(folder) => format!("{folder}/{name}.md"),
            None => format!("{name}.md"),
        },
    )
}

/// Checks a relative path from outside (import, editor): inside the archive, an item file.
pub fn check_path(relative: &str) -> Result<(), SaveError> {
    let path = Path::new(relative);
    let safe = !relative.is_empty()
        && path.is_relative()
        && path
            .components()
            .all(|c| matches!(c, std::path::Component::Normal(_)))
        && is_item_path(path);
    if safe {
        Ok(())
    } else {
        Err(SaveError::BadPath(relative.to_string()))
    }
}

/// Writes the item (or `text`, a file's own text) under `archive`; fills in its `id` and `path`.
pub fn save(
    archive: &Path,
    item: &mut Item,
    text: Option<&str>,
    relative: &str,
    mode: Mode,
) -> Result<(), SaveError> {
    check_path(relative)?;
    let mut relative = relative.to_string();
    // A taken name gets `-2`, `-3`, ... after the whole name: "Deel 1" again is `deel-1-2`,
    // never `deel-2`, which belongs to "Deel 2".
    let stem = relative.trim_end_matches(".md").to_string();
    // For a new unique name, the ids other files already give (a listing, nothing parsed):
    // `2024-x.md` is taken when `2024/x.md` exists, though the path is free.
    let taken = match mode {
        Mode::NewUnique => crate::archive::scan::ids(archive).unwrap_or_default(),
        _ => Default::default(),
    };
    for attempt in 1.. {
        item.path = relative.clone();
        item.id = Item::id_for_path(Path::new(&relative));
        if taken.get(&item.id).is_some_and(|other| *other != relative) && attempt < 100 {
            relative = format!("{stem}-{}.md", attempt + 1);
            continue;
        }
        let bytes = text.map(str::to_string).unwrap_or_else(|| render(item));
        let path = archive.join(&relative);
        let io = |source| SaveError::Io {
            path: path.display().to_string(),
            source,
        };
        let result = match mode {
            Mode::Replace => write_atomically(&path, bytes.as_bytes()).map_err(io),
            Mode::New | Mode::NewUnique => match write_new_atomically(&path, bytes.as_bytes()) {
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                    Err(SaveError::Exists(path.display().to_string()))
                }
                other => other.map_err(io),
            },
        };
        match result {
            Err(SaveError::Exists(_)) if mode == Mode::NewUnique && attempt < 100 => {
                relative = format!("{stem}-{}.md", attempt + 1);
            }
            other => return other,
        }
    }
    unreachable!("the loop returns")
}

/// Moves an item file into `_trash/<its path>`; returns the trash path.
pub fn trash(archive: &Path, relative: &str) -> Result<PathBuf, SaveError> {
    check_path(relative)?;
    let to = archive.join(TRASH).join(relative);
    move_file(&archive.join(relative), &to)?;
    Ok(to)
}

/// Moves `_trash/<path>` back to `<path>`, refusing to overwrite an item saved there since.
pub fn restore(archive: &Path, relative: &str) -> Result<(), SaveError> {
    check_path(relative)?;
    let to = archive.join(relative);
    if to.exists() {
        return Err(SaveError::Exists(to.display().to_string()));
    }
    move_file(&archive.join(TRASH).join(relative), &to)
}

/// The paths (relative, with `/`) of the items in the trash. Symbolic links are not followed
/// (two links to the trash folder inside it made this walk run for ever).
pub fn trashed(archive: &Path) -> Vec<String> {
    let root = archive.join(TRASH);
    let mut out = Vec::new();
    let mut stack = vec![root.clone()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            let path = entry.path();
            let Ok(file_type) = entry.file_type() else {
                continue;
            };
            if file_type.is_dir() {
                stack.push(path);
            } else if !file_type.is_file() {
                continue;
            } else if let Ok(relative) = path.strip_prefix(&root) {
                let relative = crate::archive::load::relative_string(relative);
                if check_path(&relative).is_ok() {
                    out.push(relative);
                }
            }
        }
    }
    out.sort();
    out
}

fn move_file(from: &Path, to: &Path) -> Result<(), SaveError> {
    let io = |source| SaveError::Io {
        path: from.display().to_string(),
        source,
    };
    if let Some(dir) = to.parent() {
        std::fs::create_dir_all(dir).map_err(io)?;
    }
    std::fs::rename(from, to).map_err(io)?;
    if let Some(dir) = to.parent().and_then(|d| std::fs::File::open(d).ok()) {
        let _ = dir.sync_all();
    }
    Ok(())
}

/// Syncs the index with the archive by content hash, parsing only what changed (waits for the
/// index writer if another process has it).
pub fn reindex(archive: &Path, index_root: &Path) -> anyhow::Result<SyncReport> {
    Ok(index::sync_archive(index_root, archive, &index::Quiet)?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::archive::front_matter::parse_item;

    fn item(title: &str) -> Item {
        let text = format!(
            "+++\ntitle = \"{title}\"\ndate = \"2024-05-01\"\nlanguage = \"nl\"\n+++\nTekst.\n"
        );
        parse_item(&text, "x.md").unwrap()
    }

    #[test]
    fn a_taken_name_gets_a_number_after_the_whole_name() {
        let dir = tempfile::tempdir().unwrap();
        let mut ids = Vec::new();
        for title in ["Deel 1", "Deel 1", "Deel 1", "Deel 2"] {
            let mut new = item(title);
            let relative = path_for(&new, None).unwrap();
            save(dir.path(), &mut new, None, &relative, Mode::NewUnique).unwrap();
            ids.push(new.id);
        }
        assert_eq!(
            ids,
            [
                "2024-deel-1",
                "2024-deel-1-2",
                "2024-deel-1-3",
                "2024-deel-2"
            ]
        );
    }
}
