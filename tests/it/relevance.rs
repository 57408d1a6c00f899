//! `lectern eval` on a real test collection: CACM's MAP must stay at or above Anserini's Lucene
//! BM25 (0.3123), the run file is valid TREC, and a broken collection gives a clear message.

use std::process::Command;

use lectern::archive::Language;
use lectern::eval::evaluate_dir;

use crate::support::shared;

/// Anserini's BM25 (k1=0.9, b=0.4, Porter, stop words) on CACM.
const ANSERINI_CACM_MAP: f64 = 0.3123;

#[test]
#[ignore = "needs ../shared"]
fn cacm_map_is_at_least_anserinis_bm25() {
    let evaluation = evaluate_dir(&shared().join("data/relevance/cacm"), Language::En).unwrap();
    assert_eq!((evaluation.documents, evaluation.judged), (3204, 52));
    assert!(
        evaluation.measures.map >= ANSERINI_CACM_MAP,
        "CACM MAP {:.4} fell below {ANSERINI_CACM_MAP}",
        evaluation.measures.map
    );
    let run = evaluation.trec_run("lectern");
    let first = run.lines().next().unwrap();
    let fields: Vec<&str> = first.split(' ').collect();
    assert_eq!(
        (fields.len(), fields[1], fields[3]),
        (6, "Q0", "1"),
        "{first}"
    );
    assert!(evaluation.run.values().all(|docs| docs.len() <= 1000));
}

#[test]
fn the_command_writes_a_run_and_explains_a_broken_collection() {
    let dir = tempfile::TempDir::new().unwrap();
    std::fs::write(
        dir.path().join("docs.jsonl"),
        "{\"id\": \"d1\", \"title\": \"Sociaal werk\", \"text\": \"De sociaal werker in de wijk.\"}\n{\"id\": \"d2\", \"text\": \"Het beleid van de gemeente.\"}\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("queries.tsv"), "1\twijkwerker sociaal\n").unwrap();
    std::fs::write(dir.path().join("qrels.trec"), "1 0 d1 1\n").unwrap();
    let run_file = dir.path().join("out/run.txt");
    let output = Command::new(env!("CARGO_BIN_EXE_lectern"))
        .args(["eval", "--lang", "nl", "--collection"])
        .arg(dir.path())
        .arg("--run")
        .arg(&run_file)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{stdout}");
    assert!(stdout.contains("MAP      1.0000"), "{stdout}");
    assert_eq!(
        std::fs::read_to_string(&run_file)
            .unwrap()
            .lines()
            .next()
            .unwrap()
            .split(' ')
            .nth(2),
        Some("d1")
    );

    std::fs::write(dir.path().join("qrels.trec"), "1 0 d1\n").unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_lectern"))
        .args(["eval", "--collection"])
        .arg(dir.path())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success());
    assert!(
        stderr.contains("qrels.trec") && stderr.contains("line 1"),
        "{stderr}"
    );
}
