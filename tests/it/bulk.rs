//! `lectern import` and `lectern export`: JSON Lines (also gzip), lossless round trips, and bad
//! lines reported with their number and skipped.

use std::io::Write;

use lectern::index;

use crate::ingest::lectern;
use crate::support::{ids, run, TestArchive};

#[test]
fn import_export_import_loses_nothing() {
    let source = TestArchive::sample_plus(&[]);
    let first = lectern(
        &source,
        &[
            "export",
            "-o",
            source.dir.path().join("all.jsonl.gz").to_str().unwrap(),
        ],
    );
    assert!(
        first.status.success(),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    let exported = source.dir.path().join("all.jsonl.gz");

    let target = TestArchive::new(&[]);
    let imported = lectern(&target, &["import", exported.to_str().unwrap()]);
    assert!(
        imported.status.success(),
        "{}",
        String::from_utf8_lossy(&imported.stderr)
    );
    let again = lectern(&target, &["export"]);
    let original = lectern(&source, &["export"]);
    assert_eq!(
        String::from_utf8_lossy(&again.stdout),
        String::from_utf8_lossy(&original.stdout)
    );
    let count = String::from_utf8_lossy(&again.stdout).lines().count();
    assert!(count >= 10);
    // Importing the same file again changes nothing.
    let twice = lectern(&target, &["import", exported.to_str().unwrap()]);
    let summary = format!("0 added, 0 replaced, {count} unchanged, 0 lines skipped");
    assert!(
        String::from_utf8_lossy(&twice.stdout).contains(&summary),
        "{}",
        String::from_utf8_lossy(&twice.stdout)
    );
    // The imported items are searchable at once.
    let generation = index::open(&target.index()).unwrap();
    assert!(!ids(&run(&generation, "spreker:mönnink", |_| {})).is_empty());
}

#[test]
fn a_bad_line_is_reported_with_its_number_and_skipped() {
    let archive = TestArchive::new(&[]);
    let file = archive.dir.path().join("batch.jsonl");
    let mut out = std::fs::File::create(&file).unwrap();
    writeln!(out, r#"{{"id": "lezing-2019", "title": "Lezing", "date": "2019-04-01", "speakers": [{{"name": "Ann de Vries", "role": "lecturer"}}, "Bo"], "themes": ["armoede"], "body": "Over armoedebeleid in de wijk."}}"#).unwrap();
    writeln!(
        out,
        r#"{{"id": "kapot", "title": "Kapot", "date": "2019-02-30", "body": "x"}}"#
    )
    .unwrap();
    writeln!(out, "not json").unwrap();
    writeln!(out, r#"{{"title": "Zonder id", "date": "2020", "series": "Reeks", "speeker": "x", "body": "y"}}"#).unwrap();
    writeln!(
        out,
        r#"{{"path": "../buiten.md", "title": "Ontsnapt", "date": "2020", "body": "y"}}"#
    )
    .unwrap();
    writeln!(
        out,
        r#"{{"title": "Zonder id", "date": "2020", "series": "Reeks", "body": "Tekst."}}"#
    )
    .unwrap();
    drop(out);
    let output = lectern(&archive, &["import", file.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1));
    for line in [
        ":2: ",
        ":3: not a valid record",
        ":4: not a valid record",
        ":5: ",
    ] {
        assert!(stderr.contains(line), "{line} missing in {stderr}");
    }
    assert!(stderr.contains("28 days"), "{stderr}");
    assert!(stderr.contains("speeker"), "{stderr}");
    assert!(String::from_utf8_lossy(&output.stdout).contains("2 added"));
    let text = std::fs::read_to_string(archive.archive().join("lezing-2019.md")).unwrap();
    assert!(
        text.contains("{ name = \"Ann de Vries\", role = \"lecturer\" }"),
        "{text}"
    );
    assert!(archive.archive().join("reeks/2020-zonder-id.md").exists());
    assert!(!archive.dir.path().join("buiten.md").exists());
}
