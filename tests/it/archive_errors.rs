//! Bad input: every bad file is named with its line, and every other item is still indexed.

use crate::support::{run, TestArchive};

const GOOD: &str = "+++\ntitle = \"Goede lezing over armoede\"\ndate = \"2020-05-01\"\nlanguage = \"nl\"\n+++\nArmoede en schulden in de wijk.\n";

fn bad_archive() -> TestArchive {
    let archive = TestArchive::new(&[
        ("good.md", GOOD),
        ("broken.md", "+++\ntitle = \"Kapot\"\ndate = \"2020\"\n"),
        (
            "unknown.md",
            "+++\ntitle = \"Typo\"\ndate = \"2020\"\nspeker = \"Ann\"\n+++\ntekst\n",
        ),
        (
            "baddate.md",
            "+++\ntitle = \"Datum\"\ndate = \"2020-13-01\"\n+++\ntekst\n",
        ),
        (
            "a/dup.md",
            "+++\ntitle = \"Een\"\ndate = \"2020\"\n+++\ntekst\n",
        ),
        (
            "a-dup.md",
            "+++\ntitle = \"Twee\"\ndate = \"2020\"\n+++\ntekst\n",
        ),
    ]);
    archive.write(
        "latin1.md",
        b"+++\ntitle = \"Caf\xe9\"\ndate = \"2020\"\n+++\n",
    );
    archive
}

#[test]
fn load_reports_each_bad_file_with_its_line_and_keeps_the_rest() {
    let archive = bad_archive();
    let loaded = lectern::archive::load_archive(&archive.archive()).unwrap();
    let messages: Vec<String> = loaded.errors.iter().map(|e| e.to_string()).collect();
    let find = |name: &str| {
        messages
            .iter()
            .find(|m| m.contains(name))
            .cloned()
            .unwrap_or_default()
    };
    assert!(
        find("broken.md").contains("broken.md:1:") && find("broken.md").contains("never closed"),
        "{messages:?}"
    );
    assert!(
        find("unknown.md").contains("unknown.md:4:") && find("unknown.md").contains("speakers"),
        "{messages:?}"
    );
    assert!(find("baddate.md").contains("baddate.md:3:"), "{messages:?}");
    assert!(
        find("latin1.md").contains("latin1.md:2:") && find("latin1.md").contains("UTF-8"),
        "{messages:?}"
    );
    assert!(find("dup.md").contains("duplicate id"), "{messages:?}");
    assert_eq!(loaded.errors.len(), 5, "{messages:?}");
    let titles: Vec<&str> = loaded.items.iter().map(|i| i.item.title.as_str()).collect();
    assert!(titles.contains(&"Goede lezing over armoede"));
    let generation = archive.build();
    assert_eq!(run(&generation, "armoede", |_| {}).total, 1);
}

#[test]
fn check_and_index_exit_1_and_name_every_bad_file() {
    let archive = bad_archive();
    let bin = env!("CARGO_BIN_EXE_lectern");
    for command in ["check", "index"] {
        let output = std::process::Command::new(bin)
            .args([
                "--archive",
                archive.archive().to_str().unwrap(),
                "--index",
                archive.index().to_str().unwrap(),
                command,
            ])
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(1), "{command}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        for name in [
            "broken.md:1:",
            "unknown.md:4:",
            "baddate.md:3:",
            "latin1.md:2:",
            "dup.md:1:",
        ] {
            assert!(
                stderr.contains(name),
                "{command} does not name {name}: {stderr}"
            );
        }
    }
    let output = std::process::Command::new(bin)
        .args([
            "--index",
            archive.index().to_str().unwrap(),
            "search",
            "--json",
            "armoede",
        ])
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["total"], 1);
}
