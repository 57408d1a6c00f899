//! `import` and `export` over files: JSON Lines, gzip-compressed when the name ends in `.gz`.
//! A bad line is reported with its number and skipped; the rest is imported. Import streams:
//! lines are capped at [`MAX_LINE_BYTES`], errors are handed on as they are found and not
//! kept, and [`MAX_ERRORS`] bad lines stop it, so a small gzip bomb costs neither memory nor
//! an endless run.

use std::io::{BufRead, BufReader, Write};
use std::path::Path;

use super::jsonl::Record;
use super::save::{check_path, path_for, save, Mode, SaveError};
use crate::archive::load::load_archive;
use crate::archive::Item;

/// The longest line `import` reads (`MAX_LINE_BYTES`, 16 MiB): a longer one is refused with
/// its number and skipped without being kept, so one huge line cannot take the memory.
pub const MAX_LINE_BYTES: usize = 16 << 20;

/// After this many bad lines `import` stops (`MAX_ERRORS`): a file of bad lines ends quickly,
/// with what was imported before it.
pub const MAX_ERRORS: usize = 100;

/// What an import did. Each bad line went to the caller as it was found (`path:N: message`).
#[derive(Debug, Default)]
pub struct ImportReport {
    pub added: Vec<String>,
    pub replaced: Vec<String>,
    pub unchanged: usize,
    /// How many lines were skipped as bad.
    pub errors: usize,
    /// True when the import stopped at [`MAX_ERRORS`] bad lines, before the end of the file.
    pub stopped: bool,
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

/// Imports every line of `file` into `archive`, streaming: one line in memory at a time, each
/// bad line handed to `on_error` at once. Existing items with other content are skipped
/// (reported) unless `replace`. Stops after [`MAX_ERRORS`] bad lines.
pub fn import(
    archive: &Path,
    file: &Path,
    replace: bool,
    on_error: &mut dyn FnMut(&str),
) -> std::io::Result<ImportReport> {
    let mut report = ImportReport::default();
    std::fs::create_dir_all(archive)?;
    // Ids by file name, not by parsing: a file that does not parse, or was added by hand and
    // not yet indexed, still holds its id.
    let mut ids = crate::archive::scan::ids(archive)?;
    let mut reader = open(file)?;
    let mut line = Vec::new();
    let mut number = 0;
    while let Some(fits) = read_line(&mut reader, &mut line, MAX_LINE_BYTES)? {
        number += 1;
        let outcome = if fits {
            let text = String::from_utf8_lossy(&line);
            if text.trim().is_empty() {
                continue;
            }
            import_line(archive, &text, replace, &mut ids)
        } else {
            Err(format!(
                "the line is longer than {} MiB: refused (one record a line, each at most that long)",
                MAX_LINE_BYTES >> 20
            ))
        };
        match outcome {
            Ok(Outcome::Added(id)) => report.added.push(id),
            Ok(Outcome::Replaced(id)) => report.replaced.push(id),
            Ok(Outcome::Unchanged) => report.unchanged += 1,
            Err(message) => {
                report.errors += 1;
                on_error(&format!("{}:{number}: {message}", file.display()));
                if report.errors >= MAX_ERRORS {
                    report.stopped = true;
                    break;
                }
            }
        }
    }
    Ok(report)
}

/// Reads one line (without its `\n`) into `line`: `None` at the end of the input, else whether
/// it fit in `max` bytes. A longer line is read to its end but not kept (`line` is left empty),
/// so memory stays at `max` whatever the input.
fn read_line(
    reader: &mut dyn BufRead,
    line: &mut Vec<u8>,
    max: usize,
) -> std::io::Result<Option<bool>> {
    line.clear();
    let mut read_any = false;
    let mut fits = true;
    loop {
        let available = reader.fill_buf()?;
        if available.is_empty() {
            return Ok(read_any.then_some(fits));
        }
        read_any = true;
        let end = available.iter().position(|b| *b == b'\n');
        let chunk = &available[..end.unwrap_or(available.len())];
        if fits && line.len() + chunk.len() <= max {
            line.extend_from_slice(chunk);
        } else {
            fits = false;
            line.clear();
        }
        let used = chunk.len() + usize::from(end.is_some());
        reader.consume(used);
        if end.is_some() {
            return Ok(Some(fits));
        }
    }
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
            let (_, item) = record.to_file_text("new.md").map_err(|e| e.0)?;
            path_for(&item, None).map_err(|e| e.to_string())?
        }
    };
    check_path(&relative).map_err(|e| e.to_string())?;
    let (text, mut item) = record.to_file_text(&relative).map_err(|e| e.0)?;
    if let Some(id) = &record.id {
        if *id != item.id {
            return Err(format!(
                "`id` {id} does not match `path` {relative} (which gives {}): leave one out",
                item.id
            ));
        }
    }
    if let Some(other) = ids.get(&item.id).filter(|p| **p != relative) {
        return Err(format!(
            "{relative} would have the id {}, which {other} already has: give another `id` or `path`",
            item.id
        ));
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

#[cfg(test)]
mod tests {
    use super::read_line;

    fn lines(input: &[u8], max: usize) -> Vec<Option<(bool, String)>> {
        let mut reader: &[u8] = input;
        let mut line = Vec::new();
        let mut out = Vec::new();
        loop {
            let next = read_line(&mut reader, &mut line, max).unwrap();
            out.push(next.map(|fits| (fits, String::from_utf8_lossy(&line).into_owned())));
            if next.is_none() {
                return out;
            }
        }
    }

    #[test]
    fn long_lines_are_flagged_and_not_kept() {
        let got = lines(b"ab\nabcdef\n\nxyz", 4);
        let want = [
            Some((true, "ab".to_string())),
            Some((false, String::new())),
            Some((true, String::new())),
            Some((true, "xyz".to_string())),
            None,
        ];
        assert_eq!(got, want);
        assert_eq!(lines(b"", 4), [None]);
        assert_eq!(lines(b"abcd\n", 4), [Some((true, "abcd".into())), None]);
    }
}
