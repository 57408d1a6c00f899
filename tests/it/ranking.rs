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
