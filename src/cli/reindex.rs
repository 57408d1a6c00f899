//! `lectern reindex` (and `lectern index --full`): a whole new generation beside the live one.

use std::path::Path;
use std::time::Instant;

use anyhow::{Context, Result};

use crate::index;

pub fn run(archive: &Path, index_root: &Path) -> Result<i32> {
    let started = Instant::now();
    let progress = super::progress::for_stderr();
    let report = index::reindex(index_root, archive, progress.as_ref())
        .with_context(|| format!("cannot rebuild the index in {}", index_root.display()))?;
    super::print_summary(&report, started);
    Ok(i32::from(!report.errors.is_empty()))
}
