//! `lectern import FILE.jsonl[.gz]` and `lectern export`: the archive as JSON Lines.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use crate::ingest::bulk;
use crate::ingest::save::reindex;

pub fn import(archive: &Path, index_root: &Path, file: &Path, replace: bool) -> Result<i32> {
    let mut print = |error: &str| eprintln!("{error} (line skipped)");
    let report = bulk::import(archive, file, replace, &mut print)
        .with_context(|| format!("cannot read {}", file.display()))?;
    if report.stopped {
        eprintln!(
            "{}: stopped after {} bad lines; what came before them was imported: fix the file and import it again",
            file.display(),
            report.errors
        );
    }
    if !report.added.is_empty() || !report.replaced.is_empty() {
        reindex(archive, index_root)?;
    }
    println!(
        "{} added, {} replaced, {} unchanged, {} lines skipped",
        report.added.len(),
        report.replaced.len(),
        report.unchanged,
        report.errors
    );
    Ok(i32::from(report.errors > 0))
}

pub fn export(archive: &Path, output: Option<&PathBuf>) -> Result<i32> {
    let (count, errors) = match output {
        Some(path) => {
            let gzip = path.extension().is_some_and(|e| e == "gz");
            let tmp = path.with_extension("partial");
            let file = std::fs::File::create(&tmp)
                .with_context(|| format!("cannot write {}", tmp.display()))?;
            let result = bulk::export(archive, std::io::BufWriter::new(file), gzip)?;
            std::fs::rename(&tmp, path)?;
            result
        }
        None => bulk::export(archive, std::io::stdout().lock(), false)?,
    };
    for error in &errors {
        eprintln!("{error} (not exported)");
    }
    eprintln!("{count} items exported");
    Ok(i32::from(!errors.is_empty()))
}
