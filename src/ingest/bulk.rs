//! `import` and `export` over files: JSON Lines, gzip-compressed when the name ends in `.gz`.
//! A bad line is reported with its number and skipped; the rest is imported.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;

use super::jsonl::Record;
use super::save::{check_path, path_for, save, Mode, SaveError};
use crate::archive::load::load_archive;
use crate::archive::Item;

/// What an import did; `errors` are `line N: message`.
#[derive(Debug, Default)]
pub struct ImportReport {
    pub added: Vec<String>,
    pub replaced: Vec<String>,
    pub unchanged: usize,
    pub errors: Vec<String>,
}

/// Opens a file for reading, decompressing gzip (by name or by its magic bytes).
fn open(path: &Path) -> std::io::Result<Box<dyn BufRead>> {
    let mut file = BufReader::new(std::fs::File::open(path)?);
    let gz =
        path.extension().is_some_and(|e| e == "gz") || file.fill_buf()?.starts_with(&[0x1f, 0x8b]);
    Ok(if gz {
        Box::new(BufReader::new(flate2::read::MultiGzDecoder::new(file)))
    } else {
        Box::new(file)
    })
}

/// Imports every line of `file` into `archive`. Existing items with other content are skipped
/// (reported) unless `replace`.
pub fn import(archive: &Path, file: &Path, replace: bool) -> std::io::Result<ImportReport> {
    let mut report = ImportReport::default();
    std::fs::create_dir_all(archive)?;
    let loaded = load_archive(archive)?;
    let mut ids: std::collections::HashMap<String, String> = loaded
        .items
        .iter()
        .map(|l| (l.item.id.clone(), l.item.path.clone()))
        .collect();
    let reader = open(file)?;
    for (n, line) in reader.split(b'\n').enumerate() {
        let number = n + 1;
        let line = line?;
        let line = String::from_utf8_lossy(&line);
        if line.trim().is_empty() {
            continue;
        }
        match import_line(archive, &line, replace, &mut ids) {
            Ok(Outcome::Added(id)) => report.added.push(id),
            Ok(Outcome::Replaced(id)) => report.replaced.push(id),
            Ok(Outcome::Unchanged) => report.unchanged += 1,
            Err(message) => report
                .errors
                .push(format!("{}:{number}: {message}", file.display())),
        }
    }
    Ok(report)
}

enum Outcome {
    Added(String),
    Replaced(String),
    Unchanged,
}

fn import_line(
    archive: &Path,
    line: &str,
    replace: bool,
    ids: &mut std::collections::HashMap<String, String>,
) -> Result<Outcome, String> {
    let record: Record =
        serde_json::from_str(line).map_err(|e| format!("not a valid record: {e}"))?;
    let relative = match (&record.path, &record.id) {
        (Some(path), _) => path.clone(),
        (None, Some(id)) => path_for_id(id)?,
        (None, None) => {
            let (_, item) = record.to_file_text("new.md")?;
            path_for(&item, None).map_err(|e| e.to_string())?
        }
    };
    check_path(&relative).map_err(|e| e.to_string())?;
    let (text, mut item) = record.to_file_text(&relative)?;
    if let Some(id) = &record.id {
        if *id != item.id {
            return Err(format!(
                "`id` {id} does not match `path` {relative} (which gives {}): leave one out",
                item.id
            ));
        }
    }
    if let Some(other) = ids.get(&item.id).filter(|p| **p != relative) {
        return Err(format!("id {} is already used by {other}", item.id));
    }
    let target = archive.join(&relative);
    let exists = target.exists();
    if exists && std::fs::read_to_string(&target).is_ok_and(|old| old == text) {
        return Ok(Outcome::Unchanged);
    }
    if exists && !replace {
        return Err(format!(
            "{relative} already exists with other content: pass --replace to overwrite it"
        ));
    }
    let mode = if exists { Mode::Replace } else { Mode::New };
    save(archive, &mut item, Some(&text), &relative, mode).map_err(|e: SaveError| e.to_string())?;
    ids.insert(item.id.clone(), relative);
    Ok(if exists {
        Outcome::Replaced(item.id)
    } else {
        Outcome::Added(item.id)
    })
}

fn path_for_id(id: &str) -> Result<String, String> {
    let probe = Item::id_for_path(Path::new(&format!("{id}.md")));
    if probe != id {
        return Err(format!("`id` {id} is not a valid id (lowercase letters, digits and hyphens): give a `path` instead"));
    }
    Ok(format!("{id}.md"))
}

/// Writes every item of the archive, one JSON object a line, sorted by id; gzip when `gzip`.
pub fn export(archive: &Path, out: impl Write, gzip: bool) -> anyhow::Result<(usize, Vec<String>)> {
    let loaded = load_archive(archive)?;
    let mut out: Box<dyn Write> = if gzip {
        Box::new(flate2::write::GzEncoder::new(
            out,
            flate2::Compression::default(),
        ))
    } else {
        Box::new(out)
    };
    for loaded in &loaded.items {
        serde_json::to_writer(&mut out, &Record::from_item(&loaded.item))?;
        out.write_all(b"\n")?;
    }
    out.flush()?;
    drop(out);
    Ok((
        loaded.items.len(),
        loaded.errors.iter().map(|e| e.to_string()).collect(),
    ))
}

/// Reads a whole file (gzip or not) as bytes; used by tests and the editor.
pub fn read_all(path: &Path) -> std::io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    open(path)?.read_to_end(&mut bytes)?;
    Ok(bytes)
}
