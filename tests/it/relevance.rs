//! `lectern eval` on a real test collection: CACM's MAP must stay at or above Anserini's Lucene
//! BM25 (0.3123), the run file is valid TREC, and a broken collection gives a clear message.

use std::process::Command;

use lectern::archive::Language;
use lectern::eval::evaluate_dir;

use crate::support::{repo, shared};

/// Anserini's BM25 (k1=0.9, b=0.4, Porter, stop words) on CACM.
const ANSERINI_CACM_MAP: f64 = 0.3123;

/// Our own small Dutch collection (tests/fixtures/relevance-nl: 24 short texts, 12 queries
/// whose relevant texts hold other forms of the query words: plurals, compounds, diacritics,
/// adjectives). It runs on a bare clone, so a change to the Dutch analysis or the ranking that
/// loses these matches fails here before the shared collections are even read.
#[test]
fn our_dutch_collection_finds_other_forms_of_the_query_words() {
    let evaluation =
        evaluate_dir(&repo().join("tests/fixtures/relevance-nl"), Language::Nl).unwrap();
    assert_eq!((evaluation.documents, evaluation.judged), (24, 12));
    let measures = &evaluation.measures;
    // Written before the Dutch analysis of version 4 and not used to build it: version 3 got
    // MAP 0.849 and missed two texts (`opvang` in `opvangplekken`, `verzekeraar` in
    // `zorgverzekeraar`); version 4 finds every relevant text (MAP 0.977).
    assert!(measures.map >= 0.95, "MAP {:.4}", measures.map);
    assert!(
        measures.recall_100 >= 1.0,
        "R@100 {:.4}",
        measures.recall_100
    );
    for (query, relevant) in [
        ("5", "d10"),
        ("7", "d14"),
        ("8", "d13"),
        ("9", "d23"),
        ("10", "d24"),
    ] {
        let ranked = &evaluation.run[query];
        let first = ranked.first().map(|(doc, _)| doc.as_str());
        assert_eq!(first, Some(relevant), "query {query}: {ranked:?}");
    }
}

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
