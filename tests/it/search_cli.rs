//! Searching an archive that holds the seed: words, diacritics, speaker, year, theme, prefixes.

use lectern::search::{Filters, YearRange};

use crate::support::{ids, report_item, run, TestArchive, REPORT_FILE, REPORT_ID};

fn archive() -> TestArchive {
    TestArchive::sample_plus(&[(REPORT_FILE, &report_item())])
}

#[test]
fn the_seed_is_found_by_words_names_years_themes_and_prefixes() {
    let archive = archive();
    let generation = archive.build();
    let found = |query: &str, edit: &dyn Fn(&mut lectern::search::SearchRequest)| {
        ids(&run(&generation, query, |r| edit(r))).contains(&REPORT_ID.to_string())
    };
    assert!(found("monnink", &|_| {}), "monnink without the umlaut");
    assert!(found("Mönnink", &|_| {}));
    assert!(
        found("continuiteit", &|_| {}),
        "continuiteit without the trema"
    );
    assert!(found("", &|r| r.filters.speakers =
        vec!["Herman de Mönnink".into()]));
    assert!(found("", &|r| r.filters.years = YearRange::parse("2022")));
    assert!(!found("", &|r| r.filters.years = YearRange::parse("2021")));
    assert!(found("", &|r| r.filters.themes = vec!["sociaal werk".into()]));
    assert!(found("spreker:mönnink jaar:2022", &|_| {}));
    assert!(found("speaker:monnink year:2018..2022", &|_| {}));
    assert!(!found("spreker:mönnink jaar:2021", &|_| {}));
    assert!(found("\"sociaal werk\" -voetbal", &|_| {}));
    assert!(!found("sociaal -gereedschapskist", &|_| {}));
}

#[test]
fn filters_combine_and_facets_count() {
    let archive = archive();
    let generation = archive.build();
    let all = run(&generation, "", |_| {});
    assert!(all.total >= 16);
    let series = run(&generation, "", |r| {
        r.filters = Filters {
            series: vec!["Marie Kamphuis Lezing".into()],
            ..Filters::default()
        }
    });
    assert!(series.total >= 5);
    assert!(series
        .hits
        .iter()
        .all(|h| h.item.series.as_deref() == Some("Marie Kamphuis Lezing")));
    let speakers = &series.facets["speaker"];
    let monnink = speakers
        .iter()
        .find(|f| f.value == "Herman de Mönnink")
        .unwrap();
    assert_eq!(
        monnink.count, 2,
        "the sample 2022 lecture and the seed report"
    );
    // Counting a dimension the request filters on ignores that filter ("what if" counts).
    let series_counts = &series.facets["series"];
    assert!(series_counts
        .iter()
        .any(|f| f.value != "Marie Kamphuis Lezing"));
}

#[test]
fn highlights_mark_the_matched_words() {
    let archive = archive();
    let generation = archive.build();
    let results = run(&generation, "gereedschapskist", |_| {});
    let hit = results
        .hits
        .iter()
        .find(|h| h.item.id == REPORT_ID)
        .unwrap();
    let marked: Vec<&str> = hit
        .highlights
        .iter()
        .map(|r| &hit.snippet[r.clone()])
        .collect();
    assert!(
        marked
            .iter()
            .any(|m| m.eq_ignore_ascii_case("gereedschapskist")),
        "{marked:?}"
    );
}

#[test]
fn newest_and_oldest_sort_by_date() {
    let archive = archive();
    let generation = archive.build();
    let newest = run(&generation, "", |r| r.sort = lectern::search::Sort::Newest);
    let dates: Vec<_> = newest.hits.iter().map(|h| h.item.date).collect();
    assert!(dates.windows(2).all(|w| w[0] >= w[1]), "{dates:?}");
    let oldest = run(&generation, "", |r| r.sort = lectern::search::Sort::Oldest);
    assert_eq!(
        oldest.hits.first().map(|h| h.item.date),
        dates.last().copied()
    );
}

#[test]
fn an_index_of_another_version_is_refused_with_the_command_to_run() {
    let archive = archive();
    archive.build();
    // Pretend an older Lectern built it: rewrite the payload of the live generation.
    let current = std::fs::read_to_string(archive.index().join("CURRENT")).unwrap();
    let meta_path = archive.index().join(current.trim()).join("meta.json");
    let meta = std::fs::read_to_string(&meta_path).unwrap();
    let mut json: serde_json::Value = serde_json::from_str(&meta).unwrap();
    json["payload"] = serde_json::Value::String(r#"{"analyzer":0,"schema":1}"#.into());
    std::fs::write(&meta_path, json.to_string()).unwrap();
    let error = lectern::index::open(&archive.index())
        .err()
        .expect("an outdated index is refused");
    assert!(
        error.to_string().contains("lectern index --full"),
        "{error}"
    );
    // `sync` rebuilds it.
    let loaded = lectern::archive::load_archive(&archive.archive()).unwrap();
    let report = lectern::index::sync(&archive.index(), &loaded).unwrap();
    assert!(report.rebuilt);
    assert!(lectern::index::open(&archive.index()).is_ok());
}

/// A search filtered on one dimension runs once, the filter checked per match, where several
/// filters take a pass per filtered dimension: both ways give the same hits and counts. A
/// filter on both languages (every item) forces the second way without changing the results.
/// In this 16-item archive most of these filters let through a fifth or more of the items,
/// enough to be split; the single year (2 items) is not.
#[test]
fn one_filter_in_one_pass_counts_as_a_pass_per_filter() {
    let archive = archive();
    let generation = archive.build();
    type Edit = fn(&mut lectern::search::SearchRequest);
    let cases: [(&str, &str, Edit); 5] = [
        ("sociaal", "speaker", |r| {
            r.filters.speakers = vec!["Herman de Mönnink".into()]
        }),
        ("", "year", |r| {
            r.filters.years = YearRange::parse("2019..2021")
        }),
        ("\"sociaal werk\"", "theme", |r| {
            r.filters.themes = vec!["armoede".into()]
        }),
        ("werk", "series", |r| {
            r.filters.series = vec!["Marie Kamphuis Lezing".into()];
            r.sort = lectern::search::Sort::Newest;
        }),
        ("continuïteit", "year", |r| {
            r.filters.years = YearRange::parse("2023");
            r.sort = lectern::search::Sort::Newest;
        }),
    ];
    for (query, dimension, edit) in cases {
        let one = run(&generation, query, edit);
        let two = run(&generation, query, |r| {
            edit(r);
            r.filters.languages = vec!["nl".into(), "en".into()];
        });
        assert!(one.total > 0, "{query} {dimension}");
        assert_eq!(one.total, two.total, "{query} {dimension}");
        assert_eq!(ids(&one), ids(&two), "{query} {dimension}");
        assert_eq!(
            one.facets[dimension], two.facets[dimension],
            "{query} {dimension}"
        );
        assert_eq!(one.facets["speaker"], two.facets["speaker"], "{query}");
        // What if: the filtered dimension counts more than the filter lets through.
        let counted: u64 = one.facets[dimension].iter().map(|f| f.count).sum();
        assert!(
            counted > one.total as u64 || dimension == "speaker",
            "{query} {dimension}"
        );
    }
}

/// Two words written as one find nothing; "did you mean" offers them apart when the archive
/// has both words together, and nothing when it never has them together.
#[test]
fn two_words_written_as_one_are_offered_apart() {
    let archive = archive();
    let generation = archive.build();
    for (typed, apart) in [
        ("sociaalwerk", "sociaal werk"),
        ("Socialwork", "Social work"),
    ] {
        let results = run(&generation, typed, |_| {});
        assert_eq!(results.total, 0, "{typed}");
        assert_eq!(results.suggestion.as_deref(), Some(apart), "{typed}");
        assert!(run(&generation, apart, |_| {}).total > 0, "{apart}");
    }
    // Both halves are words of the archive, but no item has them together.
    let results = run(&generation, "povertywerk", |_| {});
    assert_eq!((results.total, results.suggestion), (0, None));
}
