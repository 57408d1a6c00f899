//! Item 14: symbolic links in the trash are not followed, so a loop cannot hang `/admin`.

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
