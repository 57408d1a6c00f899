//! Ranking that phrases and neighbouring words decide (issue 8 moved both to a second step that
//! rescores the best candidates): a phrase that occurs more often ranks above its words that
//! merely occur more often, and query words next to each other rank above the same words apart.

use lectern::search::{self, SearchRequest};

use crate::support::{ids, TestArchive};

fn item(date: &str, body: &str) -> String {
    format!("+++\ntitle = \"Verslag\"\ndate = \"{date}\"\nkind = \"report\"\nspeakers = [\"Anna de Vries\"]\nlanguage = \"nl\"\n+++\n\n{body}\n")
}

fn search(archive: &TestArchive, query: &str) -> Vec<String> {
    let generation = archive.build();
    let request = SearchRequest {
        query: query.to_string(),
        limit: 10,
        ..SearchRequest::default()
    };
    ids(&search::search(&generation, &request).unwrap())
}

#[test]
fn a_phrase_found_more_often_ranks_above_its_words_found_more_often() {
    // The same length; `b` has the words far more often, `a` the phrase three times.
    let a = item(
        "2020-01-01",
        "Sociaal werk is vak. Het sociaal werk groeit. Goed sociaal werk blijft. \
         De stad kijkt mee en de buurt ook, met de mensen van de straat en het plein.",
    );
    let b = item(
        "2024-01-01",
        "Sociaal werk is vak. Sociaal beleid, sociaal plan, sociaal fonds, sociaal huis. \
         Werk aan werk, werk na werk, werk voor werk, werk en werk, werk.",
    );
    let archive = TestArchive::new(&[("reports/a.md", &a), ("reports/b.md", &b)]);
    assert_eq!(
        search(&archive, "\"sociaal werk\""),
        ["reports-a", "reports-b"]
    );
}

#[test]
fn words_next_to_each_other_rank_above_the_same_words_apart() {
    // The same words, as often, in texts of the same length; the newer one has them apart.
    let near = item(
        "2020-01-01",
        "Over het wijkteam en de jeugdzorg in de stad, door de jaren heen besproken.",
    );
    let apart = item(
        "2024-01-01",
        "Over het wijkteam in de stad en door de jaren heen, de jeugdzorg besproken.",
    );
    let archive = TestArchive::new(&[("reports/near.md", &near), ("reports/apart.md", &apart)]);
    assert_eq!(
        search(&archive, "wijkteam jeugdzorg"),
        ["reports-near", "reports-apart"]
    );
}

fn english(title: &str, date: &str, themes: &str, body: &str) -> String {
    format!("+++\ntitle = \"{title}\"\ndate = \"{date}\"\nkind = \"lecture\"\nthemes = [{themes}]\nlanguage = \"en\"\n+++\n\n{body}\n")
}

/// BM25F (issue 14): a word's title, theme and body frequencies are added before they saturate,
/// so a word named once in a short title (or as a theme) does not outweigh the same word used
/// throughout another item's text. Scored per field and summed, the title alone won.
#[test]
fn a_word_used_throughout_the_text_ranks_above_the_same_word_only_in_the_title() {
    let filler = "The evening began with a walk through the old harbour district, where the speaker \
                  met residents, shop owners and teachers who talked about schools, rents, work and \
                  the long waiting lists for housing in the neighbourhood.";
    let titled = english(
        "Poverty in the harbour",
        "2024-01-01",
        "\"Poverty\"",
        filler,
    );
    let about = english(
        "An evening in the harbour",
        "2020-01-01",
        "",
        &format!(
            "{filler} Poverty was the thread: poverty among children, poverty after a job is \
             lost, and what a city can do against poverty. Poverty is not fate."
        ),
    );
    let archive = TestArchive::new(&[
        ("lectures/titled.md", &titled),
        ("lectures/about.md", &about),
    ]);
    assert_eq!(
        search(&archive, "poverty"),
        ["lectures-about", "lectures-titled"]
    );
}

/// A word the tokenizer splits is its pieces, each a word of the query (issue 14): `JAM-A`
/// finds an English item although `a` is an English stop word (it asked the Dutch fields for
/// `a` and found nothing), and `HIV-positive` finds the items that have `HIV` when none has
/// both, as two separate words would.
#[test]
fn a_split_word_is_searched_as_its_pieces() {
    let jam = english(
        "Barrier proteins",
        "2024-01-01",
        "",
        "Mice lacking the junctional adhesion molecule JAM-A show a leaky gut.",
    );
    let hiv = english(
        "Clinics",
        "2023-01-01",
        "",
        "Testing for HIV in rural clinics, and what the results meant for treatment.",
    );
    let archive = TestArchive::new(&[("lectures/jam.md", &jam), ("lectures/hiv.md", &hiv)]);
    assert_eq!(search(&archive, "JAM-A"), ["lectures-jam"]);
    assert_eq!(search(&archive, "HIV-positive"), ["lectures-hiv"]);
}

/// Pseudo-relevance feedback (RM3) with `lectern eval --feedback`: the best results' shared
/// words find a relevant document that lacks the query's word; without it that one is missed.
#[test]
fn eval_feedback_finds_a_document_through_the_words_the_best_results_share() {
    let dir = tempfile::TempDir::new().unwrap();
    let mut docs = String::new();
    for (id, text) in [
        ("a1", "apple orchard harvest pruning ladders"),
        ("a2", "apple orchard harvest pruning baskets"),
        ("r", "orchard harvest pruning season"),
    ] {
        docs += &format!("{{\"id\": \"{id}\", \"text\": \"{text}\"}}\n");
    }
    // Unrelated documents, so that the shared words are not common in the collection.
    let topics = [
        "railway",
        "timetable",
        "station",
        "bridge",
        "river",
        "museum",
        "library",
    ];
    for i in 0..40 {
        let (a, b) = (topics[i % topics.len()], topics[(i / 7 + 3) % topics.len()]);
        docs += &format!("{{\"id\": \"f{i}\", \"text\": \"{a} {b} number{i}\"}}\n");
    }
    std::fs::write(dir.path().join("docs.jsonl"), docs).unwrap();
    std::fs::write(dir.path().join("queries.tsv"), "1\tapple\n").unwrap();
    std::fs::write(
        dir.path().join("qrels.trec"),
        "1 0 a1 1\n1 0 a2 1\n1 0 r 1\n",
    )
    .unwrap();
    let eval = |extra: &[&str]| {
        let output = std::process::Command::new(env!("CARGO_BIN_EXE_lectern"))
            .arg("eval")
            .arg("--collection")
            .arg(dir.path())
            .args(extra)
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
        assert!(
            output.status.success(),
            "{stdout}{}",
            String::from_utf8_lossy(&output.stderr)
        );
        stdout
    };
    assert!(eval(&[]).contains("R@1000   0.6667"), "{}", eval(&[]));
    let with = eval(&["--feedback"]);
    assert!(with.contains("R@1000   1.0000"), "{with}");
    // A grid over settings names every combination and the leave-one-out choice.
    let grid = eval(&["--set", "typo=on,off", "--set", "k1=0.9"]);
    assert!(
        grid.contains("typo=off k1=0.9") && grid.contains("tuned on all"),
        "{grid}"
    );
}
