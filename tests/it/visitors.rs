//! Visitors (issue 4), through the real router: facets and sorting in the API, passages with
//! anchors and why-matched, the year histogram, help when nothing matches, suggestions,
//! speaker, series, theme, year and item pages, both languages, and page weight.
//! The same flows in a real browser, with axe-core: tests/browser/visitor.mjs (run by .ci/run).

use axum::http::StatusCode;
use lectern::web::{app, AppState};
use serde_json::Value;

use crate::support::{get, get_with, json, TestArchive};

/// A transcript with timed cues, as `lectern add` writes them from .vtt/.srt files.
const TIMED: &str = "+++\ntitle = \"Gesprek over buurtnetwerken (transcript)\"\ndate = \"2024-03-14\"\nkind = \"interview\"\nspeakers = [{ name = \"B. Oudeweg\", role = \"interviewer\" }, \"Marloes van Dalsum\"]\nlanguage = \"nl\"\n+++\n\n[00:05] Welkom bij dit gesprek.\n\n[03:10] Wat houdt een buurt samen?\n\n[12:40] Een zeldzaam woord: stoepkrijtavond, waar bewoners elkaar leren kennen.\n";

fn setup() -> (TestArchive, axum::Router) {
    let archive = TestArchive::sample_plus(&[("interviews/2024-gesprek.md", TIMED)]);
    archive.build();
    let router = app(AppState::new(&archive.index()));
    (archive, router)
}

fn count_of(json: &Value, facet: &str, value: &str) -> u64 {
    json["facets"][facet]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["value"] == value)
        .map(|v| v["count"].as_u64().unwrap())
        .unwrap_or(0)
}

#[tokio::test]
async fn api_facets_or_within_and_across_with_what_if_counts_sort_and_year_ranges() {
    let (_archive, app) = setup();
    let all = json(&app, "/api/search").await;
    let bram = count_of(&all, "speaker", "Bram Oudeweg");
    let marloes = count_of(&all, "speaker", "Marloes van Dalsum");
    let either = json(
        &app,
        "/api/search?speaker=Bram+Oudeweg&speaker=Marloes+van+Dalsum",
    )
    .await;
    let total = either["total"].as_u64().unwrap();
    assert!(
        total >= bram.max(marloes) && total <= bram + marloes,
        "OR within a facet"
    );
    // What-if: the filtered dimension is counted without its own filter.
    assert_eq!(count_of(&either, "speaker", "Herman de Mönnink"), 2);
    let and = json(&app, "/api/search?speaker=Bram+Oudeweg&kind=report").await;
    assert!(and["total"].as_u64().unwrap() < bram, "AND across facets");
    assert!(and["hits"]
        .as_array()
        .unwrap()
        .iter()
        .all(|h| h["kind"] == "report"));
    let newest = json(&app, "/api/search?q=sociaal&sort=newest&limit=50").await;
    assert_eq!(newest["sort"], "newest");
    let dates: Vec<&str> = newest["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["date"].as_str().unwrap())
        .collect();
    assert!(dates.windows(2).all(|w| w[0] >= w[1]), "{dates:?}");
    for uri in [
        "/api/search?q=jaar:2019..2021&limit=50",
        "/api/search?from=2019&to=2021&limit=50",
    ] {
        let ranged = json(&app, uri).await;
        let years: Vec<u64> = ranged["hits"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| h["year"].as_u64().unwrap())
            .collect();
        assert!(
            !years.is_empty() && years.iter().all(|y| (2019..=2021).contains(y)),
            "{uri}: {years:?}"
        );
        assert_eq!(ranged["filters"]["year"], "2019..2021");
    }
}

#[tokio::test]
async fn hits_say_why_they_matched_and_link_to_up_to_three_passages() {
    let (_archive, app) = setup();
    let found = json(&app, "/api/search?q=continu%C3%AFteit").await;
    let hits = found["hits"].as_array().unwrap();
    let lecture = hits
        .iter()
        .find(|h| h["id"] == "marie-kamphuis-lezing-2023-el-idrissi")
        .unwrap();
    let matched: Vec<&str> = lecture["matched"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m.as_str().unwrap())
        .collect();
    assert_eq!(matched, ["title", "theme", "text"]);
    // The typed word ranks first (items in Dutch, which use it: which of them first is BM25F's
    // call); the theme's translation (continuity of care) is searched too.
    let first = hits[0]["id"].as_str().unwrap();
    assert!(!first.starts_with("social-work-futures"), "{first}");
    assert_eq!(found["also_searched"][0], "continuity of care");
    for hit in hits {
        let passages = hit["passages"].as_array().unwrap();
        assert!(passages.len() <= 3);
        for passage in passages {
            let url = passage["url"].as_str().unwrap();
            assert!(
                url.starts_with(&format!("/items/{}#p-", hit["id"].as_str().unwrap())),
                "{url}"
            );
            let text: Vec<char> = passage["text"].as_str().unwrap().chars().collect();
            let [a, b] = [
                passage["highlights"][0][0].as_u64().unwrap() as usize,
                passage["highlights"][0][1].as_u64().unwrap() as usize,
            ];
            let marked = text[a..b].iter().collect::<String>().to_lowercase();
            assert!(
                ["continuïteit", "continuity", "care"].contains(&marked.as_str()),
                "{marked}"
            );
        }
    }
    // The anchor is on the item page, on the paragraph that has the word.
    let passage = &lecture["passages"][0];
    let anchor = passage["anchor"].as_str().unwrap();
    let (_, page) = get(&app, "/items/marie-kamphuis-lezing-2023-el-idrissi").await;
    let at = page
        .find(&format!("id=\"{anchor}\""))
        .expect("anchor on the item page");
    assert!(
        page[at..at + 200].contains("Continuïteit"),
        "{}",
        &page[at..at + 200]
    );
    // A speaker's name matches as a speaker, not as text.
    let by_name = json(&app, "/api/search?q=oudeweg").await;
    assert!(by_name["hits"]
        .as_array()
        .unwrap()
        .iter()
        .all(|h| h["matched"]
            .as_array()
            .unwrap()
            .iter()
            .any(|m| m == "speaker")));
    // Filters alone are no reason.
    let filtered = json(&app, "/api/search?theme=armoede").await;
    assert!(filtered["hits"][0]["matched"]
        .as_array()
        .unwrap()
        .is_empty());
}

#[tokio::test]
async fn timed_transcripts_link_passages_to_the_time() {
    let (_archive, app) = setup();
    let found = json(&app, "/api/search?q=stoepkrijtavond").await;
    let passage = &found["hits"][0]["passages"][0];
    assert_eq!(passage["anchor"], "t=12:40");
    assert_eq!(passage["time"], "12:40");
    assert_eq!(passage["url"], "/items/interviews-2024-gesprek#t=12:40");
    let (_, page) = get(&app, "/items/interviews-2024-gesprek").await;
    assert!(
        page.contains(
            "<p id=\"t=12:40\"><a class=\"cue\" href=\"#t=12:40\">12:40</a> Een zeldzaam woord"
        ),
        "cue anchor on the page"
    );
    assert!(page.contains("<p id=\"t=00:05\">"));
    let (_, results) = get(&app, "/search?q=stoepkrijtavond").await;
    assert!(results.contains("href=\"/items/interviews-2024-gesprek#t=12:40\""));
}

#[tokio::test]
async fn result_page_has_a_year_histogram_whose_bars_filter_and_a_range_control() {
    let (_archive, app) = setup();
    let (_, page) = get(&app, "/search?q=sociaal").await;
    let svg = &page[page.find("<svg").expect("an inline SVG")..page.find("</svg>").unwrap()];
    assert!(
        svg.contains("href=\"/search?q=sociaal&amp;year=2022\""),
        "{svg}"
    );
    assert!(svg.contains("<rect"));
    assert!(!page.contains("<script>"), "no inline script needed");
    assert!(
        page.contains("name=\"from\"") && page.contains("name=\"to\""),
        "range control"
    );
    let (_, filtered) = get(&app, "/search?q=sociaal&year=2022").await;
    assert!(
        filtered.contains("class=\"bar on\""),
        "the chosen year's bar stands out"
    );
}

#[tokio::test]
async fn nothing_found_offers_a_respelling_and_the_query_without_filters() {
    let (_archive, app) = setup();
    // Two letters off: beyond typo tolerance (one letter, issue 3), so nothing is found.
    let found = json(&app, "/api/search?q=kontinuiteyt").await;
    assert_eq!(found["total"], 0);
    assert_eq!(found["suggestion"], "continuïteit");
    let respelled = json(&app, "/api/search?q=continu%C3%AFteit").await;
    assert!(respelled["total"].as_u64().unwrap() > 0);
    // One letter off is found at once; a letter added at the end is not taken as a typo.
    assert!(
        json(&app, "/api/search?q=mönink").await["total"]
            .as_u64()
            .unwrap()
            > 0
    );
    // (Not a doubled final letter: the Dutch stemmer undoubles those, mönninkk = mönnink.)
    let found = json(&app, "/api/search?q=mönninkx").await;
    assert_eq!(found["suggestion"], "mönnink");
    let (_, page) = get(&app, "/search?q=kontinuiteyt").await;
    assert!(page.contains("Bedoelde u") && page.contains("href=\"/search?q=continu%C3%AFteit\""));
    let filtered = json(
        &app,
        "/api/search?q=continu%C3%AFteit+spreker:ashcombe&kind=essay",
    )
    .await;
    assert_eq!(filtered["total"], 0);
    assert!(filtered["without_filters"].as_u64().unwrap() > 0);
    let (_, page) = get(
        &app,
        "/search?q=continu%C3%AFteit+spreker:ashcombe&kind=essay",
    )
    .await;
    assert!(
        page.contains("href=\"/search?q=continu%C3%AFteit\""),
        "the query without its filters"
    );
    assert!(page.contains("Zonder filters: "));
    assert_eq!(
        json(&app, "/api/search?q=qqqqqqqqqq").await["suggestion"],
        Value::Null
    );
}

#[tokio::test]
async fn suggest_finds_speakers_themes_and_series_by_accent_free_prefix() {
    let (_archive, app) = setup();
    for q in ["monn", "MÖNN", "herm"] {
        let found = json(&app, &format!("/api/suggest?q={}", urlencode(q))).await;
        let first = &found["suggestions"][0];
        assert_eq!(first["type"], "speaker", "{q}");
        assert_eq!(first["value"], "Herman de Mönnink", "{q}");
        assert_eq!(first["query"], "spreker:\"Herman de Mönnink\"");
        assert_eq!(first["url"], "/speakers/herman-de-monnink");
    }
    let found = json(&app, "/api/suggest?q=continui&ui=en").await;
    assert_eq!(found["suggestions"][0]["value"], "continuïteit");
    assert_eq!(found["suggestions"][0]["query"], "theme:continuïteit");
    let found = json(&app, "/api/suggest?q=kamph").await;
    assert!(found["suggestions"]
        .as_array()
        .unwrap()
        .iter()
        .any(|s| s["type"] == "series" && s["value"] == "Marie Kamphuis Lezing"));
    // Items by their title, after the names: a word typed in full (any form the title's
    // analyzer gives the same stem) and the word being typed as the start of one.
    for q in [
        "kamphuis lezing 20",
        "sociaal werk onder dru",
        "lezingen kamph",
    ] {
        let found = json(&app, &format!("/api/suggest?q={}", urlencode(q))).await;
        let titles: Vec<&Value> = found["suggestions"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|s| s["type"] == "title")
            .collect();
        assert!(!titles.is_empty(), "{q}: {found}");
        assert!(
            titles
                .iter()
                .all(|s| s["url"].as_str().unwrap().starts_with("/items/")),
            "{q}: {found}"
        );
        assert!(
            titles
                .iter()
                .any(|s| s["value"] == "Marie Kamphuis Lezing 2022: sociaal werk onder druk"),
            "{q}: {found}"
        );
    }
    let found = json(&app, "/api/suggest?q=zzqx").await;
    assert!(
        found["suggestions"].as_array().unwrap().is_empty(),
        "{found}"
    );
    assert!(json(&app, "/api/suggest?q=").await["suggestions"]
        .as_array()
        .unwrap()
        .is_empty());
    let (_, page) = get(&app, "/").await;
    // No <datalist> (a browser filters its options by what was typed): the script makes the
    // box a combobox, with its strings from the box's attributes (tests/browser/visitor.mjs
    // drives it); without the script the box is a plain search field.
    assert!(page.contains("src=\"/static/suggest.js\"") && !page.contains("datalist"));
    assert!(page.contains("data-suggestions-found=\"{n} suggesties"));
    assert!(
        !page.contains("role=\"combobox\""),
        "a combobox only when the script runs"
    );
    let (status, script) = get(&app, "/static/suggest.js").await;
    assert_eq!(status, StatusCode::OK);
    for part in [
        "/api/suggest",
        "aria-activedescendant",
        "aria-expanded",
        "listbox",
    ] {
        assert!(script.contains(part), "{part}");
    }
}

fn urlencode(text: &str) -> String {
    serde_urlencoded::to_string([("q", text)]).unwrap()[2..].to_string()
}

#[tokio::test]
async fn speaker_page_merges_name_variants_with_roles_co_speakers_and_years() {
    let (_archive, app) = setup();
    let (status, page) = get(&app, "/speakers/herman-de-monnink").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("Marie Kamphuis Lezing 2022: sociaal werk onder druk"));
    assert!(
        page.contains("Wat de lezingen ons leren"),
        "the item that writes H. de Mönnink"
    );
    assert!(page.contains("Ook geschreven als") && page.contains("H. de Mönnink"));
    assert!(page.contains("2022–2023"), "years active");
    assert!(page.contains("/speakers/samira-el-idrissi"), "co-speakers");
    assert!(page.contains("<td>lezinggever</td>"), "role per appearance");
    let (status, _) = get(&app, "/speakers/h-de-monnink").await;
    assert_eq!(
        status,
        StatusCode::PERMANENT_REDIRECT,
        "a variant leads to the person"
    );
    let all = json(&app, "/api/search").await;
    assert_eq!(
        count_of(&all, "speaker", "H. de Mönnink"),
        0,
        "variants are not separate people"
    );
    // Seven items write "Bram Oudeweg", two (one of them the transcript above) "B. Oudeweg".
    assert_eq!(count_of(&all, "speaker", "Bram Oudeweg"), 9);
    let found = json(&app, "/api/search?q=%22B.+Oudeweg%22").await;
    assert!(
        found["total"].as_u64().unwrap() >= 2,
        "the spelling in the file still finds him"
    );
}

#[tokio::test]
async fn editing_speakers_toml_reindexes_under_the_new_names() {
    let archive = TestArchive::sample_plus(&[]);
    archive.build();
    archive.write(
        "speakers.toml",
        b"[[speaker]]\nname = \"Herman de M\xc3\xb6nnink\"\naliases = []\n",
    );
    let loaded = lectern::archive::load_archive(&archive.archive()).unwrap();
    let report = lectern::index::sync(&archive.index(), &loaded).unwrap();
    assert!(report.updated > 0);
    let app = app(AppState::new(&archive.index()));
    let all = json(&app, "/api/search").await;
    assert_eq!(count_of(&all, "speaker", "H. de Mönnink"), 1);
    archive.write("speakers.toml", b"[[speaker]]\nname = \"X\"\nalias = []\n");
    let loaded = lectern::archive::load_archive(&archive.archive()).unwrap();
    let error = loaded.errors[0].to_string();
    assert!(
        error.contains("speakers.toml:3:") && error.contains("aliases"),
        "{error}"
    );
}

#[tokio::test]
async fn series_page_is_a_chronology_newest_first() {
    let (_archive, app) = setup();
    let (_, page) = get(&app, "/series/marie-kamphuis-lezing").await;
    let positions: Vec<usize> = ["2023", "2022", "2021", "2019"]
        .iter()
        .map(|y| {
            page.find(&format!("<a href=\"/years/{y}\">{y}</a>"))
                .unwrap_or_else(|| panic!("{y}"))
        })
        .collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "newest first");
    assert!(page.contains("Samira El Idrissi") && page.contains("(lezinggever)"));
    assert!(page.contains("/themes/continuiteit"));
    assert!(page.contains("<th scope=\"col\">Thema's</th>"));
}

#[tokio::test]
async fn theme_and_year_pages_list_items_and_lead_on() {
    let (_archive, app) = setup();
    let (status, page) = get(&app, "/themes/continuiteit").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("<h1>continuïteit</h1>"));
    let (_, page) = get(&app, "/years/2022").await;
    assert!(page.contains("href=\"/years/2021\"") && page.contains("href=\"/years/2023\""));
    let (status, _) = get(&app, "/years/1900").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn item_page_has_related_items_series_neighbours_anchors_and_citations() {
    let (_archive, app) = setup();
    let (_, page) = get_with(
        &app,
        "/items/marie-kamphuis-lezing-2022-de-monnink",
        &[("host", "archief.example")],
    )
    .await;
    let related = &page[page.find("id=\"related\"").expect("related items")..];
    assert!(related.contains("<li>"));
    assert!(
        !related[..related.find("</section>").unwrap()]
            .contains("/items/marie-kamphuis-lezing-2022-de-monnink\""),
        "not itself"
    );
    assert!(page.contains("rel=\"prev\" href=\"/items/marie-kamphuis-lezing-2021-hoogstraten\""));
    assert!(page.contains("rel=\"next\" href=\"/items/marie-kamphuis-lezing-2023-el-idrissi\""));
    assert!(
        page.contains("<h2 id=\"p-1\">Over deze lezing</h2>") && page.contains("<p id=\"p-2\">")
    );
    // Without LECTERN_BASE_URL the citation names no address: not the Host header the
    // request was sent with (anyone can set it), not the fallback.
    assert!(page.contains("Herman de Mönnink (2022-10-06). Marie Kamphuis Lezing 2022: sociaal werk onder druk. Marie Kamphuis Lezing, De agenda van sociaal werk 2022, Movisie.</pre>"));
    assert!(!page.contains("archief.example") && !page.contains("UR  - "));
    assert!(
        page.contains("@misc{marie-kamphuis-lezing-2022-de-monnink,")
            && page.contains("author = {de Mönnink, Herman}")
    );
    assert!(
        page.contains("TY  - SLIDE")
            && page.contains("AU  - de Mönnink, Herman")
            && page.contains("ER  - ")
    );
    let (_, page) = get(&app, "/items/essays-2023-terugblik-marie-kamphuis-lezingen").await;
    assert!(
        page.contains("/speakers/herman-de-monnink"),
        "canonical name on the item page"
    );
}

#[tokio::test]
async fn every_page_type_speaks_both_languages_with_dates_per_language() {
    let (_archive, app) = setup();
    let pages = [
        "/",
        "/search?q=sociaal",
        "/search?q=qqqq",
        "/items/marie-kamphuis-lezing-2022-de-monnink",
        "/speakers/herman-de-monnink",
        "/series/marie-kamphuis-lezing",
        "/themes/continuiteit",
        "/years/2022",
        "/nope",
    ];
    for uri in pages {
        let sep = if uri.contains('?') { '&' } else { '?' };
        let (_, dutch) = get(&app, uri).await;
        let (_, english) = get(&app, &format!("{uri}{sep}ui=en")).await;
        assert!(
            dutch.contains("<html lang=\"nl\">") && english.contains("<html lang=\"en\">"),
            "{uri}"
        );
        assert!(
            dutch.contains("hreflang=\"en\"") && english.contains("hreflang=\"nl\""),
            "{uri}: the switch"
        );
        for word in [
            "Zoeken",
            "Naar de inhoud",
            "Resultaten",
            "Verwante",
            "Ook geschreven",
            "Chronologie",
            "Vorig jaar",
            "Niets gevonden",
            "Gevonden in",
        ] {
            assert!(
                !english.contains(word),
                "{uri}: Dutch `{word}` on the English page"
            );
        }
    }
    let (_, english) = get_with(
        &app,
        "/items/marie-kamphuis-lezing-2022-de-monnink",
        &[("accept-language", "en")],
    )
    .await;
    assert!(
        english.contains("6 October 2022")
            && english.contains("Cite this item")
            && english.contains("Related items")
    );
    let (_, dutch) = get(&app, "/items/marie-kamphuis-lezing-2022-de-monnink").await;
    assert!(dutch.contains("6 oktober 2022") && dutch.contains("Citeer dit item"));
}

#[tokio::test]
async fn a_result_page_weighs_under_60_kb_and_loads_nothing_from_other_hosts() {
    let (_archive, app) = setup();
    let (_, css) = get(&app, "/static/style.css").await;
    for uri in [
        "/search?q=sociaal+werk",
        "/search?q=sociaal+werk&ui=en",
        "/search?q=",
    ] {
        let (_, html) = get(&app, uri).await;
        let weight = html.len() + css.len();
        assert!(weight < 60 * 1024, "{uri}: {weight} bytes");
        for attribute in ["src=\"http", "src=\"//", "href=\"//"] {
            assert!(!html.contains(attribute), "{uri}: {attribute}");
        }
        assert!(!html.contains("rel=\"stylesheet\" href=\"http"));
    }
    assert!(!css.contains("url("), "the stylesheet loads nothing");
}

#[tokio::test]
async fn browse_pages_list_exact_values_only() {
    let (_archive, app) = setup();
    // "zorg" is a word of the themes "informele zorg" and "jeugdzorg", but not a theme.
    let (status, _) = get(&app, "/themes/zorg").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (_, page) = get(&app, "/themes/informele-zorg").await;
    assert!(page.contains("<h1>informele zorg</h1>"));
    let (status, _) = get(&app, "/speakers/herman").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn hits_of_an_annual_lecture_show_year_speaker_and_series() {
    let (_archive, app) = setup();
    let (_, page) = get(&app, "/search?series=Marie+Kamphuis+Lezing&q=lezing").await;
    let list = &page[page.find("<ol class=\"results\">").unwrap()..];
    let hits: Vec<&str> = list.split("<li><h3>").skip(1).collect();
    assert!(hits.len() >= 4);
    for hit in hits {
        assert!(hit.contains("<time datetime=\"20"), "a date");
        assert!(hit.contains("href=\"/speakers/"), "a speaker");
        assert!(
            hit.contains("href=\"/series/marie-kamphuis-lezing\""),
            "the series"
        );
    }
}

/// The "with" list of a speaker page: each linked name and the count after it.
fn co_speakers(page: &str) -> Vec<(String, u64)> {
    let Some(at) = page.find("<dt>Samen met</dt>") else {
        return Vec::new();
    };
    let dd = &page[at..];
    let dd = &dd[..dd.find("</dd>").unwrap()];
    dd.split("<a href=\"/speakers/")
        .skip(1)
        .map(|part| {
            let name = &part[part.find('>').unwrap() + 1..part.find("</a>").unwrap()];
            let count = part[part.find(" (").unwrap() + 2..part.find(')').unwrap()]
                .parse()
                .unwrap();
            (name.to_string(), count)
        })
        .collect()
}

#[tokio::test]
async fn co_speakers_are_the_people_who_shared_an_item_with_how_many() {
    let (_archive, app) = setup();
    let (_, page) = get(&app, "/speakers/bram-oudeweg").await;
    let listed = co_speakers(&page);
    // What his items say: every other speaker on them, with the number of items shared.
    let items = json(&app, "/api/search?speaker=Bram+Oudeweg&limit=100").await;
    let mut expected: std::collections::BTreeMap<String, u64> = Default::default();
    for hit in items["hits"].as_array().unwrap() {
        for speaker in hit["speakers"].as_array().unwrap() {
            let name = speaker.as_str().unwrap();
            if name != "Bram Oudeweg" {
                *expected.entry(name.to_string()).or_default() += 1;
            }
        }
    }
    assert!(!expected.is_empty());
    let listed_map: std::collections::BTreeMap<String, u64> = listed.iter().cloned().collect();
    assert_eq!(listed_map, expected, "{listed:?}");
    assert!(
        !listed.iter().any(|(name, _)| name == "Herman de Mönnink"),
        "never on an item with him"
    );
    let counts: Vec<u64> = listed.iter().map(|c| c.1).collect();
    assert!(counts.windows(2).all(|w| w[0] >= w[1]), "most shared first");
}
