//! Item 14: symbolic links in the trash are not followed, so a loop cannot hang `/admin`; an
//! item file that links outside the archive is not an item.

use std::time::Duration;

use crate::support::TestArchive;

#[cfg(unix)]
#[test]
fn a_symlink_loop_in_the_trash_does_not_hang_the_trash_listing() {
    let archive = TestArchive::new(&[(
        "_trash/2020-weg.md",
        "+++\ntitle = \"Weg\"\ndate = \"2020\"\n+++\nTekst\n",
    )]);
    let trash = archive.archive().join("_trash");
    std::os::unix::fs::symlink(&trash, trash.join("rondje")).unwrap();
    std::os::unix::fs::symlink(&trash, trash.join("nog-een-rondje")).unwrap();
    let root = archive.archive();
    let (done, result) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = done.send(lectern::ingest::save::trashed(&root));
    });
    let listed = result
        .recv_timeout(Duration::from_secs(5))
        .expect("the trash is listed within 5 s");
    assert_eq!(listed, vec!["2020-weg.md".to_string()]);
}

/// An item file that is a link to a file outside the archive is not indexed (the archive is
/// what is served, not whatever a link points to); a link inside the archive still is.
#[cfg(unix)]
#[test]
fn a_link_to_a_file_outside_the_archive_is_not_an_item() {
    use lectern::index::{self, Quiet};

    use crate::support::{ids, run};

    let item = |word: &str| {
        format!("+++\ntitle = \"Over {word}\"\ndate = \"2021\"\nlanguage = \"nl\"\n+++\nHet woord {word}.\n")
    };
    let archive = TestArchive::new(&[("echt.md", &item("zeldzaamheid"))]);
    let outside = archive.dir.path().join("geheim.md");
    std::fs::write(&outside, item("vertrouwelijkheid")).unwrap();
    std::os::unix::fs::symlink(&outside, archive.archive().join("lek.md")).unwrap();
    std::os::unix::fs::symlink(
        archive.archive().join("echt.md"),
        archive.archive().join("ook-echt.md"),
    )
    .unwrap();
    // Through a whole load (`index::sync` of a loaded archive) and through the listing the
    // server and `lectern index` use (`index::sync_archive`).
    let generation = archive.build();
    assert!(ids(&run(&generation, "vertrouwelijkheid", |_| {})).is_empty());
    let found = ids(&run(&generation, "zeldzaamheid", |_| {}));
    assert_eq!(found, ["echt", "ook-echt"]);
    std::fs::remove_dir_all(archive.index()).unwrap();
    index::sync_archive(&archive.index(), &archive.archive(), &Quiet).unwrap();
    let generation = index::open(&archive.index()).unwrap();
    assert!(ids(&run(&generation, "vertrouwelijkheid", |_| {})).is_empty());
    assert_eq!(ids(&run(&generation, "zeldzaamheid", |_| {})).len(), 2);
}
