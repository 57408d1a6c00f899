//! `lectern add` on an archive that has an index: it reads nothing else of the archive (known
//! names come from the index, the new file alone is indexed), yet still refuses id clashes and
//! makes the item searchable at once.

use lectern::index;

use crate::ingest::lectern;
use crate::support::{ids, run, TestArchive};

/// A file whose front matter does not parse: a full load would report it.
const BROKEN: &str = "+++\ntitle = \"Kapot\"\ndate = \"2021-02-31\"\n+++\nTekst.\n";

#[test]
fn add_with_an_index_indexes_the_new_file_without_reading_the_others() {
    let archive = TestArchive::sample_plus(&[]);
    archive.build();
    archive.write("kapot.md", BROKEN.as_bytes());
    // Written by hand after the last sync: `add` leaves it to the next sync.
    archive.write(
        "met-de-hand.md",
        b"+++\ntitle = \"Met de hand\"\ndate = \"2021\"\n+++\nOver de zeldzaamwoordtoets.\n",
    );
    let text = archive.dir.path().join("verslag.txt");
    std::fs::write(
        &text,
        "Verslag\n\nHerman de Mönnink sprak over de kwartiermaker in de wijk.\n",
    )
    .unwrap();
    let output = lectern(
        &archive,
        &["add", text.to_str().unwrap(), "--date", "2024-03-01"],
    );
    let (out, err) = (
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr),
    );
    assert!(output.status.success(), "{err}");
    assert!(
        out.contains("added 2024-verslag -> /items/2024-verslag"),
        "{out}"
    );
    assert!(out.contains("index updated: 1 added, 0 updated"), "{out}");
    assert!(!err.contains("kapot.md"), "read another file: {err}");
    // The known speaker came from the index's facet values.
    assert!(err.contains("suggested speakers"), "{err}");
    let generation = index::open(&archive.index()).unwrap();
    assert_eq!(
        ids(&run(&generation, "kwartiermaker", |_| {})),
        ["2024-verslag"]
    );
    let item = lectern::search::get_item(&generation, "2024-verslag")
        .unwrap()
        .unwrap();
    assert_eq!(item.speakers[0].name, "Herman de Mönnink");
    assert!(ids(&run(&generation, "zeldzaamwoordtoets", |_| {})).is_empty());
    // The rest of the index is untouched: every sample item is still found.
    assert!(ids(&run(&generation, "continuïteit", |_| {}))
        .contains(&"marie-kamphuis-lezing-2023-el-idrissi".to_string()));
}

#[test]
fn add_with_an_index_still_refuses_a_clash_and_an_existing_file() {
    let archive = TestArchive::sample_plus(&[]);
    archive.build();
    let text = archive.dir.path().join("kort.txt");
    std::fs::write(&text, "Een korte tekst over de kwartiermaker.\n").unwrap();
    let text = text.to_str().unwrap();
    // Same id as marie-kamphuis-lezing/2023-el-idrissi.md, another path.
    let clash = "marie-kamphuis-lezing-2023-el-idrissi";
    let output = lectern(
        &archive,
        &[
            "add", text, "--title", "Kort", "--date", "2024", "--id", clash,
        ],
    );
    let err = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{err}");
    assert!(
        err.contains("is already used by marie-kamphuis-lezing/2023-el-idrissi.md"),
        "{err}"
    );
    assert!(!archive.archive().join(format!("{clash}.md")).exists());
    let args = [
        "add", text, "--title", "Kort", "--date", "2024", "--id", "kort",
    ];
    assert!(lectern(&archive, &args).status.success());
    let again = lectern(&archive, &args);
    assert_eq!(again.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&again.stderr).contains("--replace"));
    let replaced = lectern(&archive, &[&args[..], &["--replace"]].concat());
    let out = String::from_utf8_lossy(&replaced.stdout);
    assert!(out.contains("index updated: 0 added, 1 updated"), "{out}");
    let generation = index::open(&archive.index()).unwrap();
    assert_eq!(ids(&run(&generation, "kwartiermaker", |_| {})), ["kort"]);
}

#[test]
fn add_after_a_speaker_list_edit_brings_every_item_under_the_new_names() {
    let archive = TestArchive::sample_plus(&[]);
    archive.build();
    let speakers = archive.archive().join("speakers.toml");
    let mut list = std::fs::read_to_string(&speakers).unwrap();
    list.push_str("\n[[speaker]]\nname = \"S. El Idrissi\"\naliases = [\"Samira El Idrissi\"]\n");
    std::fs::write(&speakers, list).unwrap();
    let text = archive.dir.path().join("kort.txt");
    std::fs::write(&text, "Een korte tekst over de kwartiermaker.\n").unwrap();
    let output = lectern(
        &archive,
        &[
            "add",
            text.to_str().unwrap(),
            "--title",
            "Kort",
            "--date",
            "2024",
        ],
    );
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    // As a full sync does: the edited list re-indexes the items that name the speaker.
    let generation = index::open(&archive.index()).unwrap();
    let item = lectern::search::get_item(&generation, "marie-kamphuis-lezing-2023-el-idrissi")
        .unwrap()
        .unwrap();
    assert_eq!(item.speakers[0].name, "S. El Idrissi");
    assert_eq!(
        ids(&run(&generation, "kwartiermaker", |_| {})),
        ["2024-kort"]
    );
}

/// Issue 13 item 15: a file added by hand and not yet indexed holds its id. `add` and `import`
/// used to consult only the index (or only the files that parse), wrote a second file with the
/// same id, reported success, and the next index dropped one of the two.
#[test]
fn add_and_import_refuse_the_id_of_a_file_not_yet_indexed() {
    let archive = TestArchive::sample_plus(&[]);
    archive.build();
    archive.write(
        "zz/clash.md",
        b"+++\ntitle = \"Met de hand\"\ndate = \"2021\"\n+++\nOver de botsing.\n",
    );
    let text = archive.dir.path().join("kort.txt");
    std::fs::write(&text, "Een korte tekst over de kwartiermaker.\n").unwrap();
    let output = lectern(
        &archive,
        &[
            "add",
            text.to_str().unwrap(),
            "--title",
            "Kort",
            "--date",
            "2024",
            "--id",
            "zz-clash",
        ],
    );
    let err = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{err}");
    assert!(
        err.contains("zz-clash.md") && err.contains("is already used by zz/clash.md"),
        "{err}"
    );
    assert!(!archive.archive().join("zz-clash.md").exists());

    // The same for `import`, with a hand-written file that does not even parse.
    archive.write("yy/kapot.md", BROKEN.as_bytes());
    let batch = archive.dir.path().join("batch.jsonl");
    std::fs::write(
        &batch,
        "{\"id\": \"yy-kapot\", \"title\": \"Botsing\", \"date\": \"2024\", \"body\": \"x\"}\n",
    )
    .unwrap();
    let output = lectern(&archive, &["import", batch.to_str().unwrap()]);
    let err = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{err}");
    assert!(
        err.contains("yy-kapot.md") && err.contains("yy/kapot.md already has"),
        "{err}"
    );
    assert!(!archive.archive().join("yy-kapot.md").exists());
}
