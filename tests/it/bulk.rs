//! `lectern import` and `lectern export`: JSON Lines (also gzip), lossless round trips, and bad
//! lines reported with their number and skipped; import bombs (issue 13 item 12) refused in
//! bounded memory and time.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

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

/// A gzip file of `lines`, each repeated as given: (bytes of one line, how many times).
fn gzip_file(path: &Path, lines: &[(&[u8], usize)]) {
    let file = std::fs::File::create(path).unwrap();
    let mut encoder = flate2::write::GzEncoder::new(file, flate2::Compression::fast());
    for (line, times) in lines {
        for _ in 0..*times {
            encoder.write_all(line).unwrap();
        }
    }
    encoder.finish().unwrap();
}

/// Runs `lectern import FILE` with its address space limited to `memory_mb` (by the shell's
/// `ulimit -v`), killed if it runs longer than `seconds`: (exit code, stdout, stderr).
fn import_within(
    archive: &TestArchive,
    file: &Path,
    memory_mb: u64,
    seconds: u64,
) -> (Option<i32>, String, String) {
    let out = archive.dir.path().join("import.out");
    let err = archive.dir.path().join("import.err");
    let mut child = Command::new("sh")
        .arg("-c")
        .arg(format!("ulimit -v {}; exec \"$@\"", memory_mb * 1024))
        .arg("sh")
        .arg(env!("CARGO_BIN_EXE_lectern"))
        .arg("--archive")
        .arg(archive.archive())
        .arg("--index")
        .arg(archive.index())
        .arg("import")
        .arg(file)
        .stdout(Stdio::from(std::fs::File::create(&out).unwrap()))
        .stderr(Stdio::from(std::fs::File::create(&err).unwrap()))
        .spawn()
        .unwrap();
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > Duration::from_secs(seconds) {
            child.kill().unwrap();
            child.wait().unwrap();
            panic!("the import ran longer than {seconds} s");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let read = |path: &Path| String::from_utf8_lossy(&std::fs::read(path).unwrap()).into_owned();
    (status.code(), read(&out), read(&err))
}

/// A 200 KB gzip holding one 200 MiB line: refused with its line number in 100 MB of address
/// space (it took more than the whole line before); the lines around it are imported.
#[test]
fn a_huge_line_is_refused_with_its_number_in_bounded_memory() {
    let archive = TestArchive::new(&[]);
    let bomb = archive.dir.path().join("bomb.jsonl.gz");
    let huge: &[u8] = &[b'x'; 1 << 20];
    gzip_file(&bomb, &[(b"\n", 2), (huge, 200), (b"\n", 1)]);
    assert!(std::fs::metadata(&bomb).unwrap().len() < 1 << 20);
    let (code, out, err) = import_within(&archive, &bomb, 100, 60);
    assert_eq!(code, Some(1), "{err}");
    assert!(
        err.contains("bomb.jsonl.gz:3: the line is longer than 16 MiB"),
        "{err}"
    );
    assert!(
        out.contains("0 added, 0 replaced, 0 unchanged, 1 lines skipped"),
        "{out}"
    );

    // The lines before and after a line over the limit are imported (no memory limit here:
    // indexing them needs the index writer's threads).
    let mixed = archive.dir.path().join("mixed.jsonl.gz");
    let good = |id: &str| {
        format!("{{\"id\": \"{id}\", \"title\": \"Lezing\", \"date\": \"2019\", \"body\": \"Over de wijk.\"}}\n")
    };
    let (first, last) = (good("voor"), good("na"));
    let long: &[u8] = &[b' '; 1 << 20];
    gzip_file(
        &mixed,
        &[
            (first.as_bytes(), 1),
            (long, 17),
            (b"\n", 1),
            (last.as_bytes(), 1),
        ],
    );
    let output = lectern(&archive, &["import", mixed.to_str().unwrap()]);
    let err = String::from_utf8_lossy(&output.stderr);
    assert!(
        err.contains("mixed.jsonl.gz:2: the line is longer than 16 MiB"),
        "{err}"
    );
    assert!(
        String::from_utf8_lossy(&output.stdout).contains("2 added"),
        "{}",
        String::from_utf8_lossy(&output.stdout)
    );
}

/// A gzip of a million bad lines (a 100-million-line one reached 3.8 GB with nothing printed):
/// each error is printed as it comes, and the import stops after 100 of them with a summary.
#[test]
fn a_flood_of_bad_lines_stops_after_a_hundred_errors() {
    let archive = TestArchive::new(&[]);
    let flood = archive.dir.path().join("flood.jsonl.gz");
    gzip_file(&flood, &[(b"kapot\n", 1_000_000)]);
    let (code, out, err) = import_within(&archive, &flood, 100, 60);
    assert_eq!(code, Some(1), "{err}");
    assert_eq!(err.matches("(line skipped)").count(), 100, "{err}");
    assert!(
        err.contains("flood.jsonl.gz:100: not a valid record"),
        "{err}"
    );
    assert!(!err.contains("flood.jsonl.gz:101:"), "{err}");
    assert!(err.contains("stopped after 100 bad lines"), "{err}");
    assert!(out.contains("100 lines skipped"), "{out}");
}
