//! `lectern add FILE...`: adds transcripts and reports to the archive and indexes them at once.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use clap::Args;

use crate::archive::render::render;
use crate::ingest::save::{path_for, reindex, save, Mode};
use crate::ingest::{build, read_source, Draft, Known, Metadata};

#[derive(Debug, Args)]
pub struct AddArgs {
    /// Files to add: .md (with front matter), .txt, .pdf, .vtt or .srt.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// The title (else the file's, else its first heading).
    #[arg(long)]
    pub title: Option<String>,
    /// The date: YYYY-MM-DD, YYYY-MM or YYYY (else the file's, else one found in the text).
    #[arg(long)]
    pub date: Option<String>,
    /// A speaker (repeat for several).
    #[arg(long)]
    pub speaker: Vec<String>,
    /// A theme (repeat for several).
    #[arg(long)]
    pub theme: Vec<String>,
    #[arg(long)]
    pub series: Option<String>,
    #[arg(long)]
    pub event: Option<String>,
    /// lecture, report, essay, interview, panel or other.
    #[arg(long)]
    pub kind: Option<String>,
    /// nl or en (else detected).
    #[arg(long)]
    pub lang: Option<String>,
    /// The item id (the file becomes <id>.md); only with one file.
    #[arg(long)]
    pub id: Option<String>,
    /// Print the item that would be written, with the suggestions marked; write nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Overwrite an existing item with the same id.
    #[arg(long)]
    pub replace: bool,
}

pub fn run(archive: &Path, index_root: &Path, args: AddArgs) -> Result<i32> {
    if args.id.is_some() && args.files.len() > 1 {
        anyhow::bail!("--id names one item: add the files one at a time");
    }
    std::fs::create_dir_all(archive)
        .with_context(|| format!("cannot create the archive folder {}", archive.display()))?;
    let loaded = super::load(archive)?;
    let known = Known::from_loaded(&loaded);
    let given = Metadata {
        title: args.title.clone(),
        date: args.date.clone(),
        speakers: args.speaker.clone(),
        themes: args.theme.clone(),
        series: args.series.clone(),
        event: args.event.clone(),
        kind: args.kind.clone(),
        language: args.lang.clone(),
        summary: None,
    };
    let mut failed = 0;
    let mut added = 0;
    for file in &args.files {
        match add_one(archive, file, &given, &known, &args) {
            Ok(true) => added += 1,
            Ok(false) => {}
            Err(message) => {
                eprintln!("{message}");
                failed += 1;
            }
        }
    }
    if added > 0 {
        let report = reindex(archive, index_root)?;
        println!(
            "index updated: {} added, {} updated",
            report.added, report.updated
        );
    }
    Ok(i32::from(failed > 0))
}

/// Adds one file; `Ok(true)` when something was written.
fn add_one(
    archive: &Path,
    file: &Path,
    given: &Metadata,
    known: &Known,
    args: &AddArgs,
) -> Result<bool, String> {
    let name = file.display().to_string();
    let bytes = std::fs::read(file).map_err(|e| format!("{name}: cannot read the file: {e}"))?;
    let source = read_source(&name, &bytes)?;
    let mut draft = build(source, given, known).map_err(|problems| {
        problems
            .iter()
            .map(|p| format!("{name}: {p}"))
            .collect::<Vec<_>>()
            .join("\n")
    })?;
    let relative = path_for(&draft.item, args.id.as_deref()).map_err(|e| format!("{name}: {e}"))?;
    for note in &draft.notes {
        eprintln!("{name}: {note}");
    }
    if args.dry_run {
        print!("{}", dry_run(&draft, &relative));
        return Ok(false);
    }
    let mode = if args.replace {
        Mode::Replace
    } else {
        Mode::New
    };
    let id = crate::archive::Item::id_for_path(Path::new(&relative));
    if let Some(other) = crate::ingest::save::id_taken_elsewhere(archive, &id, &relative) {
        return Err(format!(
            "{name}: the id {id} is already used by {other}: choose another with --id"
        ));
    }
    save(
        archive,
        &mut draft.item,
        draft.original.as_deref(),
        &relative,
        mode,
    )
    .map_err(|e| format!("{name}: {e}"))?;
    for (field, why) in draft.suggestions() {
        eprintln!(
            "{name}: suggested {field} ({why}): check it in {}",
            archive.join(&relative).display()
        );
    }
    println!(
        "added {} -> /items/{} ({})",
        draft.item.id,
        draft.item.id,
        archive.join(&relative).display()
    );
    Ok(true)
}

/// The file that would be written, each suggested field marked with a `# suggested` comment.
fn dry_run(draft: &Draft, relative: &str) -> String {
    let mut out = format!("# would write {relative}\n");
    for line in render(&draft.item).lines() {
        let field = line.split(" = ").next().unwrap_or("");
        let why = draft
            .suggestions()
            .find(|(f, _)| *f == field)
            .map(|(_, why)| why);
        match why {
            Some(why) => out.push_str(&format!("{line}  # suggested: {why}\n")),
            None => {
                out.push_str(line);
                out.push('\n');
            }
        }
    }
    out
}
