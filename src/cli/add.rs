//! `lectern add FILE...`: adds transcripts and reports to the archive and indexes them at once.
//!
//! With a usable index, `add` reads nothing else of the archive: the known speakers, themes
//! and series (for suggestions) are the index's facet values, an id clash is looked up by id
//! in the index and among the archive's file names (`archive::scan::ids`: a listing, no file
//! read, so a file added by hand and not yet indexed counts too), and only the written files
//! are indexed (`index::upsert_files`). Without one it loads the archive whole and syncs it.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use clap::Args;

use crate::archive::render::render;
use crate::archive::Loaded;
use crate::index::{self, Generation};
use crate::ingest::save::{path_for, save, Mode};
use crate::ingest::{build, read_source, Draft, Known, Metadata};
use crate::search::{all_facets, get_item, values_of};
use crate::service::library::index_files;

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
    let mut catalog = Catalog::open(archive, index_root)?;
    let known = catalog.known()?;
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
    for file in &args.files {
        if let Err(message) = add_one(archive, file, &given, (&known, &mut catalog), &args) {
            eprintln!("{message}");
            failed += 1;
        }
    }
    if !catalog.written.is_empty() {
        let report = catalog.index_written(archive, index_root)?;
        for error in &report.errors {
            eprintln!("{error}");
        }
        println!(
            "index updated: {} added, {} updated",
            report.added, report.updated
        );
    }
    Ok(i32::from(failed > 0))
}

/// Adds one file (unless a dry run); records what it wrote in `catalog`.
fn add_one(
    archive: &Path,
    file: &Path,
    given: &Metadata,
    (known, catalog): (&Known, &mut Catalog),
    args: &AddArgs,
) -> Result<(), String> {
    let name = file.display().to_string();
    let bytes = std::fs::read(file).map_err(|e| format!("{name}: cannot read the file: {e}"))?;
    let source = read_source(&name, &bytes).map_err(|e| e.to_string())?;
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
        return Ok(());
    }
    let mode = if args.replace {
        Mode::Replace
    } else {
        Mode::New
    };
    let id = crate::archive::Item::id_for_path(Path::new(&relative));
    if let Some(other) = catalog.taken_elsewhere(&id, &relative)? {
        return Err(format!(
            "{name}: cannot write {relative}: the id {id} is already used by {other}: choose another with --id"
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
    catalog.written.insert(draft.item.id.clone(), relative);
    Ok(())
}

/// What `add` knows of the archive before writing, and what it wrote.
struct Catalog {
    source: Source,
    /// id -> relative path of the archive's item files when the run started, by file name
    /// (the first in sorted order when several give one id).
    on_disk: HashMap<String, String>,
    /// id -> relative path of every item this run wrote.
    written: HashMap<String, String>,
}

enum Source {
    /// A usable index: nothing else of the archive is read.
    Index(Box<Generation>),
    /// No usable index: the archive loaded whole.
    Loaded(Loaded),
}

impl Catalog {
    fn open(archive: &Path, index_root: &Path) -> Result<Catalog> {
        let source = match index::open(index_root) {
            Ok(generation) => Source::Index(Box::new(generation)),
            Err(_) => Source::Loaded(super::load(archive)?),
        };
        let on_disk = crate::archive::scan::ids(archive)
            .with_context(|| format!("cannot list the archive folder {}", archive.display()))?;
        Ok(Catalog {
            source,
            on_disk,
            written: HashMap::new(),
        })
    }

    /// The speakers, themes and series the archive already uses.
    fn known(&self) -> Result<Known> {
        let generation = match &self.source {
            Source::Loaded(loaded) => return Ok(Known::from_loaded(loaded)),
            Source::Index(generation) => generation,
        };
        let facets = all_facets(generation)?;
        Ok(Known::from_values(|dimension| {
            values_of(&facets, dimension)
        }))
    }

    /// The path of another item (not at `relative`) that has this id, if any: one this run
    /// wrote, an archive file whose path gives the id (indexed or not), or an indexed item.
    fn taken_elsewhere(&self, id: &str, relative: &str) -> Result<Option<String>, String> {
        if let Some(path) = self.written.get(id) {
            return Ok(Some(path.clone()).filter(|path| path != relative));
        }
        if let Some(path) = self.on_disk.get(id).filter(|path| *path != relative) {
            return Ok(Some(path.clone()));
        }
        let found = match &self.source {
            Source::Index(generation) => get_item(generation, id)
                .map_err(|e| format!("cannot look up the id {id} in the index: {e}"))?
                .map(|item| item.path),
            Source::Loaded(loaded) => loaded
                .items
                .iter()
                .find(|l| l.item.id == id)
                .map(|l| l.item.path.clone()),
        };
        Ok(found.filter(|path| path != relative))
    }

    /// Indexes what this run wrote, as the editor does after a save: only those files with a
    /// usable index, else a full sync (`service::library::index_files`).
    fn index_written(&self, archive: &Path, index_root: &Path) -> Result<index::SyncReport> {
        let written: Vec<String> = self.written.values().cloned().collect();
        Ok(index_files(index_root, archive, &written)?)
    }
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
