//! Found by `scripts/fault-injection.sh`: `lectern index` killed after tantivy wrote a commit's
//! files (a delete bitset `<segment>.<opstamp>.del`) but before it wrote `meta.json` left an
//! index that no later `index`, sync or save could write to: the next writer starts from the
//! same opstamp, wants the same file name, and tantivy refuses to overwrite it
//! (`FileAlreadyExists`), every time. Opening a writer now first removes the files the last
//! commit does not use.

use lectern::archive::load::load_archive;
use lectern::index;

use crate::support::TestArchive;

fn sync(archive: &TestArchive) -> Result<(), String> {
    let loaded = load_archive(&archive.archive()).unwrap();
    index::sync(&archive.index(), &loaded)
        .map(|_| ())
        .map_err(|e| e.to_string())
}

#[test]
fn an_index_killed_between_its_files_and_its_commit_stays_writable() {
    let archive = TestArchive::sample_plus(&[]);
    sync(&archive).unwrap();
    let current = std::fs::read_to_string(archive.index().join("CURRENT")).unwrap();
    let meta = archive.index().join(current.trim()).join("meta.json");
    let before = std::fs::read(&meta).unwrap();
    let item = walk_first_item(&archive.archive());
    let mut text = std::fs::read_to_string(&item).unwrap();
    text.push_str("\nEen nieuwe alinea.\n");
    std::fs::write(&item, text).unwrap();
    sync(&archive).unwrap();
    // The commit before that sync put back, its new files left: what a kill -9 between
    // writing them and committing leaves.
    std::fs::write(&meta, before).unwrap();
    sync(&archive).expect("the index is writable again");
    sync(&archive).expect("and stays so");
}

fn walk_first_item(dir: &std::path::Path) -> std::path::PathBuf {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for path in &entries {
        if path.is_dir()
            && !path
                .file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with(['.', '_'])
        {
            return walk_first_item(path);
        }
    }
    entries
        .into_iter()
        .find(|p| p.extension().is_some_and(|e| e == "md") && !p.ends_with("README.md"))
        .unwrap()
}
