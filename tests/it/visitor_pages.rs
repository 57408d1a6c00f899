//! Visitor pages at archive scale and on a phone (issue 15), through the real router: notices
//! that do not mislead (stop words, approximate matches), several years OR-ed and a
//! readable histogram, bilingual themes counted once, "Filters (n)" above the results,
//! numbered pages and a page past the end, "all values" links and the directory pages.
//! Layout on a 390 px screen is checked in headless Chromium: tests/browser/visitor.mjs.

use axum::http::StatusCode;
use lectern::web::{app, AppState};
use serde_json::Value;

use crate::support::{get, json, TestArchive};

fn sample_with(files: &[(&str, &str)]) -> (TestArchive, axum::Router) {
    let archive = TestArchive::sample_plus(files);
    archive.build();
    let router = app(AppState::new(&archive.index()));
    (archive, router)
}

fn ids(found: &Value) -> Vec<&str> {
    found["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["id"].as_str().unwrap())
        .collect()
}

/// A minimal item file.
fn item(title: &str, date: &str, extra: &str, body: &str) -> String {
    format!(
        "+++\ntitle = \"{title}\"\ndate = \"{date}\"\nlanguage = \"nl\"\n{extra}+++\n\n{body}\n"
    )
}

#[tokio::test]
async fn a_title_typed_in_full_is_not_missing_its_stop_words() {
    let (_archive, app) = sample_with(&[]);
    for (query, id) in [
        (
            "marie kamphuis sociaal werk onder druk",
            "marie-kamphuis-lezing-2022-de-monnink",
        ),
        (
            "poverty is not a private problem",
            "social-work-futures-2022-okafor-poverty",
        ),
    ] {
        let found = json(&app, &format!("/api/search?q={}", query.replace(' ', "+"))).await;
        assert_eq!(
            found["warnings"],
            serde_json::json!([]),
            "{query}: no word is missing"
        );
        assert_eq!(ids(&found)[0], id, "{query}");
    }
}

#[tokio::test]
async fn approximate_matches_are_labelled_and_only_shown_when_no_item_has_the_word() {
    // The sample writes "Mönnink"; "Mönink" is one letter away.
    let (_archive, app) = sample_with(&[]);
    let found = json(&app, "/api/search?q=M%C3%B6nink&limit=50").await;
    let hits = found["hits"].as_array().unwrap();
    assert!(hits.len() > 1);
    assert!(
        hits.iter().all(|h| h["approximate"] == true),
        "every hit has only the near spelling"
    );
    let (_, page) = get(&app, "/search?q=M%C3%B6nink").await;
    assert!(page.contains("Ook gevonden: woorden die lijken op “Mönink”"));
    assert_eq!(
        page.matches("<p class=\"approximate\">").count(),
        hits.len().min(10)
    );
    // A word found as typed is not labelled at all.
    let (_, page) = get(&app, "/search?q=continu%C3%AFteit").await;
    assert!(!page.contains("class=\"approximate"));
}

#[tokio::test]
async fn far_typo_matches_are_not_shown_when_the_word_is_found_as_typed() {
    // One item writes "Mönink" (in 2010); every other Mönnink item is one letter away.
    let (_archive, app) = sample_with(&[(
        "typo.md",
        &item(
            "Een verslag",
            "2010",
            "",
            "Een verslag over Mönink en zijn lezing.",
        ),
    )]);
    for sort in ["", "&sort=newest"] {
        let found = json(&app, &format!("/api/search?q=M%C3%B6nink&limit=50{sort}")).await;
        assert_eq!(ids(&found), ["typo"], "only the exact match ({sort})");
        assert_eq!(found["hits"][0]["approximate"], false);
        assert_eq!(found["total"], 1);
    }
    let (_, page) = get(&app, "/search?q=M%C3%B6nink").await;
    assert!(!page.contains("Ook gevonden") && !page.contains("class=\"approximate"));
    // Filtered to a year without it: nothing, not the near spellings of that year, and the
    // way to the exact match without the filter.
    let found = json(&app, "/api/search?q=M%C3%B6nink&year=2022").await;
    assert_eq!(found["total"], 0, "{found}");
    assert_eq!(found["without_filters"], 1, "{found}");
}

#[tokio::test]
async fn several_years_are_or_ed_and_marked_in_the_histogram_and_facet() {
    let (_archive, app) = sample_with(&[]);
    let found = json(&app, "/api/search?year=2019&year=2022&limit=50").await;
    let years: std::collections::BTreeSet<u64> = found["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["year"].as_u64().unwrap())
        .collect();
    assert_eq!(years.into_iter().collect::<Vec<_>>(), [2019, 2022]);
    assert_eq!(found["filters"]["year"], "2019,2022");
    let (_, page) = get(&app, "/search?year=2019&year=2022").await;
    assert_eq!(page.matches("class=\"bar on\"").count(), 2, "both bars");
    assert_eq!(
        page.matches("<rect class=\"active\"").count(),
        2,
        "both shaded"
    );
    // Each can be removed on its own; the other stays.
    assert!(page.contains("href=\"/search?year=2022\""));
    assert!(page.contains("href=\"/search?year=2019\""));
}

#[tokio::test]
async fn a_long_span_of_years_is_drawn_by_decade() {
    let (_archive, app) = sample_with(&[
        ("old/1946.md", &item("Een oude rede", "1946", "", "Tekst.")),
        (
            "old/1975.md",
            &item("Een latere rede", "1975", "", "Tekst."),
        ),
    ]);
    let (_, page) = get(&app, "/search?year=1970..1979").await;
    let axis = &page[page.find("<ol class=\"axis\"").unwrap()..];
    let axis = &axis[..axis.find("</ol>").unwrap()];
    // 1940 to 2029: one label per decade, not 90 years.
    assert_eq!(axis.matches("<li>").count(), 9, "{axis}");
    assert!(axis.contains("<li>1940</li>") && axis.contains("<li>2020</li>"));
    assert_eq!(page.matches("<line class=\"tick\"").count(), 9);
    assert!(page.contains("<rect class=\"active\""), "the range shaded");
    // The Years facet lists decades, the chosen one marked.
    let facet = &page[page.find("aria-labelledby=\"facet-year\"").unwrap()..];
    let facet = &facet[..facet.find("</ul>").unwrap()];
    assert!(
        facet.contains("aria-current=\"true\"><span>1970–1979</span>"),
        "{facet}"
    );
    assert!(facet.contains("<span>1940–1949</span>"));
}

#[tokio::test]
async fn a_theme_and_its_translation_are_one_theme_in_the_interface_language() {
    let (_archive, app) = sample_with(&[]);
    let (_, home) = get(&app, "/?ui=en").await;
    let browse = &home[home.find("id=\"browse-theme\"").unwrap()..];
    let browse = &browse[..browse.find("</section>").unwrap()];
    assert_eq!(browse.matches("<span>social work</span>").count(), 1);
    assert!(!browse.contains("sociaal werk"), "English labels: {browse}");
    // "armoede" on the home page counts what its page lists.
    let (_, home) = get(&app, "/").await;
    let at = home
        .find("<span>armoede</span>")
        .expect("armoede on the home page");
    let count: u64 = home[at..]
        .split("<span class=\"count\">")
        .nth(1)
        .and_then(|s| s.split('<').next())
        .unwrap()
        .parse()
        .unwrap();
    let (_, theme_page) = get(&app, "/themes/armoede").await;
    assert!(
        theme_page.contains(&format!("<p>{count} items</p>")),
        "{count}"
    );
    // Typed and filtered: the translation is named once.
    let found = json(&app, "/api/search?q=armoede&theme=armoede").await;
    assert_eq!(found["also_searched"], serde_json::json!(["poverty"]));
    let (_, page) = get(&app, "/search?theme=armoede&ui=en").await;
    assert!(page.contains("Themes: poverty ✕"), "the filter in English");
}

#[tokio::test]
async fn without_filters_counts_what_its_link_finds() {
    let (_archive, app) = sample_with(&[]);
    let found = json(&app, "/api/search?q=armoede&kind=interview&year=2018").await;
    assert_eq!(found["total"], 0);
    let promised = found["without_filters"].as_u64().unwrap();
    let (_, page) = get(&app, "/search?q=armoede&kind=interview&year=2018").await;
    assert!(page.contains("href=\"/search?q=armoede\""));
    let linked = json(&app, "/api/search?q=armoede").await;
    assert_eq!(linked["total"].as_u64().unwrap(), promised);
}

#[tokio::test]
async fn filters_sit_above_the_results_behind_one_control() {
    let (_archive, app) = sample_with(&[]);
    let (_, page) = get(&app, "/search?q=sociaal&speaker=Bram+Oudeweg&year=2019").await;
    let h1 = page.find("<h1 id=\"results-heading\">").unwrap();
    let control = page
        .find("<details class=\"filters\"><summary>Filters (2)</summary>")
        .expect("the control, counting the filters in force");
    let first_hit = page.find("<ol class=\"results\">").unwrap();
    assert!(h1 < control && control < first_hit);
    assert!(!page.contains("<details class=\"filters\" open"));
    // Nothing to filter (nothing found): no empty column.
    let (_, page) = get(&app, "/search?q=qqqqqqqq").await;
    assert!(page.contains("class=\"layout no-facets\"") && !page.contains("<details"));
}

#[tokio::test]
async fn pages_are_numbered_and_a_page_past_the_end_keeps_the_query() {
    let (_archive, app) = sample_with(&[]);
    let (_, page) = get(&app, "/search?q=sociaal&limit=1&page=5").await;
    let pager = &page[page.find("<nav class=\"pager\"").unwrap()..];
    let pager = &pager[..pager.find("</nav>").unwrap()];
    for n in [1, 3, 4, 6, 7] {
        assert!(pager.contains(&format!(">{n}</a>")), "{n}: {pager}");
    }
    assert!(pager.contains("aria-current=\"page\""));
    assert!(pager.contains('…'), "a gap before the last page");
    let (status, page) = get(&app, "/search?q=sociaal&page=101").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("Pagina 101 bestaat niet"), "in Dutch");
    assert!(
        page.contains("value=\"sociaal\""),
        "the query kept in the box"
    );
    assert!(
        page.contains("href=\"/search?q=sociaal\""),
        "the first page"
    );
    let (_, page) = get(&app, "/search?q=sociaal&page=101&ui=en").await;
    assert!(page.contains("There is no page 101"));
    let (status, _) = get(&app, "/search?q=sociaal&page=0").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn a_facet_with_more_values_links_to_all_of_them() {
    let mut files = Vec::new();
    for n in 0..20 {
        files.push((
            format!("many/{n}.md"),
            item(
                &format!("Gesprek {n}"),
                "2015",
                &format!("speakers = [\"Spreker Nummer {n}\"]\n"),
                "Over buurtwerk.",
            ),
        ));
    }
    let files: Vec<(&str, &str)> = files
        .iter()
        .map(|(p, c)| (p.as_str(), c.as_str()))
        .collect();
    let (_archive, app) = sample_with(&files);
    let (_, page) = get(&app, "/search?q=buurtwerk").await;
    let facet = |page: &str| {
        let at = page.find("aria-labelledby=\"facet-speaker\"").unwrap();
        page[at..at + page[at..].find("</ul>").unwrap()]
            .matches("<li>")
            .count()
    };
    assert_eq!(facet(&page), 15);
    assert!(page
        .contains("href=\"/search?q=buurtwerk&amp;more=speaker#facet-speaker\">Alle sprekers</a>"));
    let (_, all) = get(&app, "/search?q=buurtwerk&more=speaker").await;
    assert!(facet(&all) >= 20);
    assert!(all.contains(">Minder</a>"));
}

#[tokio::test]
async fn directory_pages_list_every_value_by_letter_and_years_by_decade() {
    let (_archive, app) = sample_with(&[("old/1975.md", &item("Een rede", "1975", "", "Tekst."))]);
    let (status, page) = get(&app, "/speakers").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("href=\"#letter-H\""), "letter jumps");
    assert!(page.contains("<h2 id=\"letter-H\">H</h2>"));
    assert!(page.contains("href=\"/speakers/herman-de-monnink\">Herman de Mönnink</a>"));
    let (_, themes) = get(&app, "/themes?ui=en").await;
    assert_eq!(themes.matches(">social work</a>").count(), 1);
    assert!(!themes.contains(">sociaal werk</a>"));
    let (_, series) = get(&app, "/series").await;
    assert!(series.contains("href=\"/series/marie-kamphuis-lezing\""));
    let (_, years) = get(&app, "/years").await;
    assert!(years.contains("<h2 id=\"decade-1970\">1970–1979"));
    assert!(years.contains("href=\"/years/1975\""));
    assert!(
        years.find("decade-2020").unwrap() < years.find("decade-1970").unwrap(),
        "newest first"
    );
}

#[tokio::test]
async fn a_letter_with_more_names_than_a_page_is_paged() {
    // 450 speakers under M: more than one letter page holds (400).
    let files: Vec<(String, String)> = (0..450)
        .map(|n| {
            let speakers = format!("speakers = [\"Maria Spreker {n:03}\"]\n");
            (
                format!("m/{n:03}.md"),
                item(&format!("Lezing {n}"), "2020", &speakers, "Tekst."),
            )
        })
        .collect();
    let archive = TestArchive::owned(&files);
    archive.build();
    let app = app(AppState::new(&archive.index()));
    let (status, first) = get(&app, "/speakers?letter=M").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        first.matches("href=\"/speakers/maria-spreker-").count(),
        400
    );
    assert!(first.contains("href=\"/speakers/maria-spreker-000\""));
    assert!(
        first.contains("href=\"/speakers?letter=M&amp;page=2\""),
        "no link to the letter's second page"
    );
    let (_, second) = get(&app, "/speakers?letter=M&page=2").await;
    assert_eq!(
        second.matches("href=\"/speakers/maria-spreker-").count(),
        50
    );
    assert!(second.contains("href=\"/speakers/maria-spreker-449\""));
    let (_, past) = get(&app, "/speakers?letter=M&page=9").await;
    assert!(
        past.contains("href=\"/speakers/maria-spreker-449\"")
            && past.matches("href=\"/speakers/maria-spreker-").count() == 50,
        "a page past the end shows the last"
    );
}

#[tokio::test]
async fn every_page_has_an_icon_and_the_browsers_default_request_finds_it() {
    let (_archive, app) = sample_with(&[]);
    let (_, home) = get(&app, "/").await;
    assert!(
        home.contains("<link rel=\"icon\" type=\"image/svg+xml\" href=\"/static/favicon.svg\">")
    );
    for uri in ["/favicon.ico", "/static/favicon.svg"] {
        let (status, body) = get(&app, uri).await;
        assert_eq!(status, StatusCode::OK, "{uri}");
        assert!(body.starts_with("<svg"), "{uri}");
    }
}

#[tokio::test]
async fn every_page_header_links_the_directories_and_the_other_language() {
    let (_archive, app) = sample_with(&[]);
    let (_, page) = get(&app, "/search?q=sociaal&ui=en").await;
    let header = &page[page.find("<header").unwrap()..page.find("</header>").unwrap()];
    for link in [
        "href=\"/speakers?ui=en\">Speakers",
        "href=\"/themes?ui=en\">Themes",
        "href=\"/series?ui=en\">Series",
        "href=\"/years?ui=en\">Years",
        "hreflang=\"nl\">Nederlands",
    ] {
        assert!(header.contains(link), "{link}: {header}");
    }
}

#[tokio::test]
async fn an_item_page_reads_well_year_only_dates_themes_in_the_language_citations_folded() {
    let (_archive, app) = sample_with(&[(
        "old/2015.md",
        &item(
            "Een rede over armoede",
            "2015",
            "themes = [\"armoede\"]\n",
            "Tekst.",
        ),
    )]);
    let (_, page) = get(&app, "/items/old-2015?ui=en").await;
    assert!(!page.contains("2015 · "), "the year once");
    assert!(page.contains("<a href=\"/years/2015?ui=en\">2015</a>"));
    assert!(page.contains(">poverty</a>"), "the theme in English");
    assert!(page.contains("<details><summary>BibTeX</summary>"));
}

#[tokio::test]
async fn a_later_page_of_a_long_list_is_its_own_canonical_page() {
    let mut files = Vec::new();
    for n in 0..105 {
        files.push((
            format!("reeks/{n}.md"),
            item(
                &format!("Aflevering {n}"),
                "2016",
                "series = \"Lange Reeks\"\nthemes = [\"armoede\"]\n",
                "Tekst.",
            ),
        ));
    }
    let files: Vec<(&str, &str)> = files
        .iter()
        .map(|(p, c)| (p.as_str(), c.as_str()))
        .collect();
    let (_archive, app) = sample_with(&files);
    // Without LECTERN_BASE_URL a page names no canonical address at all (the one it would
    // name with it, `?page=2` kept, is checked in tests/it/maintenance/config.rs).
    let (_, first) = get(&app, "/series/lange-reeks").await;
    assert!(first.contains("<h1>Lange Reeks</h1>") && !first.contains("rel=\"canonical\""));
    let (_, second) = get(&app, "/series/lange-reeks?page=2").await;
    assert!(!second.contains("rel=\"canonical\"") && !second.contains("127.0.0.1"));
    let (_, theme) = get(&app, "/themes/armoede?ui=en&page=2").await;
    assert!(theme.contains("<h1>poverty</h1>"));
}

/// What Lighthouse found (issue 15): every page has one meta description (an item its own
/// summary, the others their title with the site's tagline), and the hits' h3 titles sit
/// under an h2 whether the facets (h2 each) are shown or folded away.
#[tokio::test]
async fn every_page_has_a_meta_description_and_headings_in_order() {
    let (_archive, app) = sample_with(&[]);
    for url in [
        "/",
        "/?ui=en",
        "/search?q=sociaal",
        "/search?q=qqqq",
        "/items/marie-kamphuis-lezing-2022-de-monnink",
        "/speakers/herman-de-monnink",
        "/people/marloes-kuipers",
        "/themes/continuiteit",
        "/series/marie-kamphuis-lezing",
        "/years/2022",
        "/speakers",
        "/people",
        "/themes",
        "/series",
        "/years",
        "/no/such/page",
    ] {
        let (_, page) = get(&app, url).await;
        assert_eq!(
            page.matches("<meta name=\"description\" content=\"")
                .count(),
            1,
            "{url}"
        );
        assert!(
            !page.contains("<meta name=\"description\" content=\"\""),
            "{url}"
        );
        if let Some(list) = page.find("<ol class=\"results\"><li><h3>") {
            let before = &page[..list];
            let last = ["<h1", "<h2", "<h3"]
                .into_iter()
                .max_by_key(|tag| before.rfind(tag).map_or(0, |at| at + 1))
                .unwrap();
            assert_eq!(
                last, "<h2",
                "{url}: the items' h3 titles are not under an h2"
            );
        }
    }
    // Folded facets hide their h2s: the results have their own.
    let (_, page) = get(&app, "/search?q=sociaal").await;
    assert!(page.contains("<h2 class=\"visually-hidden\">Items</h2><ol class=\"results\">"));
    let (_, page) = get(&app, "/themes/continuiteit?ui=en").await;
    assert!(page.contains(" · Lectern: Archive of lectures, debates and reports\">"));
}
