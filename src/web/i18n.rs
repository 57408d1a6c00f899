//! Interface strings in Dutch and English, and choosing between them.
//!
//! Dutch by default; English when `?ui=en` or the browser's Accept-Language prefers it.

use crate::archive::ItemDate;
use crate::index::Dimension;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ui {
    Nl,
    En,
}

impl Ui {
    pub fn code(self) -> &'static str {
        match self {
            Ui::Nl => "nl",
            Ui::En => "en",
        }
    }

    pub fn other(self) -> Ui {
        match self {
            Ui::Nl => Ui::En,
            Ui::En => Ui::Nl,
        }
    }

    /// A count as this language writes it: `10.952` or `10,952`.
    pub fn number(self, n: u64) -> String {
        let n = usize::try_from(n).unwrap_or(usize::MAX);
        match self {
            Ui::Nl => thousands(n, '.'),
            Ui::En => thousands(n, ','),
        }
    }

    /// The Dutch or the English text: for strings used in one place only (the editor,
    /// `web::admin`), which read better beside their markup than in the tables below.
    pub fn pick(self, nl: &'static str, en: &'static str) -> &'static str {
        match self {
            Ui::Nl => nl,
            Ui::En => en,
        }
    }

    /// `?ui=` wins; then the first of nl/en in Accept-Language by weight; then Dutch.
    pub fn choose(explicit: Option<&str>, accept_language: Option<&str>) -> Ui {
        match explicit {
            Some("en") => return Ui::En,
            Some("nl") => return Ui::Nl,
            _ => {}
        }
        let Some(header) = accept_language else {
            return Ui::Nl;
        };
        let mut best: Option<(f32, Ui)> = None;
        for part in header.split(',') {
            let mut pieces = part.trim().split(';');
            let tag = pieces.next().unwrap_or("").trim().to_ascii_lowercase();
            let weight = pieces
                .find_map(|p| {
                    p.trim()
                        .strip_prefix("q=")
                        .and_then(|q| q.parse::<f32>().ok())
                })
                .unwrap_or(1.0);
            let ui = if tag == "nl" || tag.starts_with("nl-") {
                Ui::Nl
            } else if tag == "en" || tag.starts_with("en-") {
                Ui::En
            } else {
                continue;
            };
            if best.is_none_or(|(w, _)| weight > w) {
                best = Some((weight, ui));
            }
        }
        best.map(|(_, ui)| ui).unwrap_or(Ui::Nl)
    }

    pub fn t(self) -> &'static Texts {
        match self {
            Ui::Nl => &NL,
            Ui::En => &EN,
        }
    }

    /// `6 oktober 2022` / `6 October 2022`, `oktober 2022`, `2022`.
    pub fn date(self, date: &ItemDate) -> String {
        let months = &self.t().months;
        match (date.month, date.day) {
            (Some(m), Some(d)) => format!("{d} {} {}", months[m as usize - 1], date.year),
            (Some(m), None) => format!("{} {}", months[m as usize - 1], date.year),
            _ => date.year.to_string(),
        }
    }

    /// The name of a facet dimension.
    pub fn dimension(self, dimension: Dimension) -> &'static str {
        let t = self.t();
        match dimension {
            Dimension::Speaker => t.speakers,
            Dimension::Year => t.years,
            Dimension::Theme => t.themes,
            Dimension::Series => t.series,
            Dimension::Kind => t.kind,
            Dimension::Language => t.language,
            Dimension::Person => self.pick("Personen", "People"),
            Dimension::Quoted => self.pick("Geciteerd", "Quoted"),
            Dimension::Mentioned => self.pick("Genoemd", "Mentioned"),
        }
    }

    /// The display name of a kind or language value.
    pub fn value(self, dimension: Dimension, value: &str) -> String {
        let t = self.t();
        let named = match (dimension, value) {
            (Dimension::Kind, "lecture") => t.kinds[0],
            (Dimension::Kind, "report") => t.kinds[1],
            (Dimension::Kind, "essay") => t.kinds[2],
            (Dimension::Kind, "interview") => t.kinds[3],
            (Dimension::Kind, "panel") => t.kinds[4],
            (Dimension::Kind, "other") => t.kinds[5],
            (Dimension::Language, "nl") => t.languages[0],
            (Dimension::Language, "en") => t.languages[1],
            _ => return value.to_string(),
        };
        named.to_string()
    }

    /// The display name of a speaker's role (`speakers = [{ name, role }]`).
    pub fn speaker_role(self, role: &str) -> String {
        match ROLES.iter().position(|r| *r == role) {
            Some(i) => self.t().roles[i].to_string(),
            None => role.to_string(),
        }
    }
}

/// `10963` as `10.963` (Dutch, `sep` '.') or `10,963` (English, ',').
pub fn thousands(n: usize, sep: char) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

/// The speaker roles the archive format names, in the order of `Texts::roles`.
pub const ROLES: [&str; 8] = [
    "lecturer",
    "speaker",
    "panel",
    "moderator",
    "author",
    "interviewer",
    "interviewee",
    "quoted",
];

/// Every interface string.
pub struct Texts {
    /// Before the organisation's name in the footer ("An archive of").
    pub archive_of: &'static str,
    pub tagline: &'static str,
    pub skip: &'static str,
    pub search_label: &'static str,
    pub search_placeholder: &'static str,
    pub search_button: &'static str,
    pub results: &'static str,
    pub result_count: fn(usize) -> String,
    pub no_results: &'static str,
    pub try_without_filters: &'static str,
    pub filters: &'static str,
    pub remove_filter: &'static str,
    pub clear_filters: &'static str,
    pub speakers: &'static str,
    pub years: &'static str,
    pub themes: &'static str,
    pub series: &'static str,
    pub kind: &'static str,
    pub language: &'static str,
    pub event: &'static str,
    pub organisation: &'static str,
    pub source: &'static str,
    pub date: &'static str,
    pub summary: &'static str,
    pub text: &'static str,
    pub recent: &'static str,
    pub browse: &'static str,
    pub previous: &'static str,
    pub next: &'static str,
    pub page: &'static str,
    pub sort: &'static str,
    pub sorts: [&'static str; 3],
    pub kinds: [&'static str; 6],
    pub languages: [&'static str; 2],
    pub months: [&'static str; 12],
    pub not_found: &'static str,
    pub not_found_text: &'static str,
    pub bad_request: &'static str,
    pub unavailable: &'static str,
    pub items: &'static str,
    pub other_language: &'static str,
    pub hints: &'static str,
    /// Before the theme terms a search added: "ook gezocht: social work".
    pub also_searched: &'static str,
    pub syntax_help: &'static str,
    pub home: &'static str,
    pub passages: &'static str,
    pub matched_in: &'static str,
    pub matched_parts: [&'static str; 6],
    pub paragraph: &'static str,
    pub at_time: &'static str,
    pub per_year: &'static str,
    pub per_year_bar: fn(&str, u64) -> String,
    pub year_range: &'static str,
    pub from_year: &'static str,
    pub to_year: &'static str,
    pub apply: &'static str,
    pub did_you_mean: &'static str,
    pub without_filters_count: fn(usize) -> String,
    pub chronology: &'static str,
    pub year: &'static str,
    pub speaker: &'static str,
    pub title: &'static str,
    pub role: &'static str,
    pub appearances: &'static str,
    pub also_written: &'static str,
    pub co_speakers: &'static str,
    pub years_active: &'static str,
    pub roles: [&'static str; 8],
    pub related: &'static str,
    pub in_series: &'static str,
    pub previous_in_series: &'static str,
    pub next_in_series: &'static str,
    pub cite: &'static str,
    pub cite_plain: &'static str,
    pub previous_year: &'static str,
    pub next_year: &'static str,
    pub all_of: &'static str,
    pub suggestions_label: &'static str,
    /// Announced when suggestions appear; `{n}` is their number.
    pub suggestions_found: &'static str,
    pub item_count: fn(usize) -> String,
    pub main_nav: &'static str,
    pub interface_language: &'static str,
    /// Above results some of which match a word only approximately (the words).
    pub approximate_note: fn(&str) -> String,
    /// On such a hit.
    pub approximate_hit: &'static str,
    /// The page links' label.
    pub pages: &'static str,
    /// A page number past the last page (the page asked for, the number of pages).
    pub past_the_end: fn(usize, usize) -> String,
    pub first_page: &'static str,
    pub last_page: &'static str,
    /// The directory pages: how many values, the letter and decade jumps.
    pub value_count: fn(usize) -> String,
    pub letters: &'static str,
    pub decades: &'static str,
    /// A facet's link to all its values (`more_of("sprekers")`).
    pub more_values: fn(&str) -> String,
    pub fewer_values: &'static str,
}

pub static NL: Texts = Texts {
    archive_of: "Een archief van",
    tagline: "Archief van lezingen, debatten en verslagen",
    skip: "Naar de inhoud",
    search_label: "Zoek in het archief",
    search_placeholder: "bijv. continuïteit spreker:mönnink jaar:2022",
    search_button: "Zoeken",
    results: "Resultaten",
    result_count: |n| match n {
        1 => "1 resultaat".to_string(),
        n => format!("{} resultaten", thousands(n, '.')),
    },
    no_results: "Niets gevonden.",
    try_without_filters: "Zoek zonder filters",
    filters: "Filters",
    remove_filter: "Verwijder filter",
    clear_filters: "Alle filters weg",
    speakers: "Sprekers",
    years: "Jaren",
    themes: "Thema's",
    series: "Series",
    kind: "Soort",
    language: "Taal",
    event: "Evenement",
    organisation: "Organisatie",
    source: "Bron",
    date: "Datum",
    summary: "Samenvatting",
    text: "Tekst",
    recent: "Recent toegevoegd",
    browse: "Bladeren",
    previous: "Vorige",
    next: "Volgende",
    page: "Pagina",
    sort: "Sorteren",
    sorts: ["relevantie", "nieuwste eerst", "oudste eerst"],
    kinds: ["lezing", "verslag", "essay", "interview", "panel", "overig"],
    languages: ["Nederlands", "Engels"],
    months: [
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
    ],
    not_found: "Niet gevonden",
    not_found_text: "Deze pagina bestaat niet (meer). Zoek in het archief:",
    bad_request: "Dat verzoek begrijpen we niet",
    unavailable: "Zoeken is even niet beschikbaar",
    items: "Items",
    other_language: "English",
    hints: "Let op",
    also_searched: "Ook gezocht",
    syntax_help: "Tip: \"woordgroep\", -uitsluiten, spreker:, jaar:2018..2022, thema:, serie:",
    home: "Home",
    passages: "Fragmenten",
    matched_in: "Gevonden in",
    matched_parts: [
        "titel",
        "spreker",
        "thema",
        "serie",
        "samenvatting",
        "tekst",
    ],
    paragraph: "alinea",
    at_time: "op",
    per_year: "Resultaten per jaar",
    per_year_bar: |year, n| {
        format!(
            "{year}: {n} {}, toon alleen {year}",
            if n == 1 { "resultaat" } else { "resultaten" }
        )
    },
    year_range: "Van jaar tot jaar",
    from_year: "Van",
    to_year: "Tot en met",
    apply: "Toepassen",
    did_you_mean: "Bedoelde u",
    without_filters_count: |n| match n {
        0 => "Zonder filters: ook niets".to_string(),
        1 => "Zonder filters: 1 resultaat".to_string(),
        n => format!("Zonder filters: {n} resultaten"),
    },
    chronology: "Chronologie, nieuwste eerst",
    year: "Jaar",
    speaker: "Spreker",
    title: "Titel",
    role: "Rol",
    appearances: "Optredens",
    also_written: "Ook geschreven als",
    co_speakers: "Samen met",
    years_active: "Actief",
    roles: [
        "lezinggever",
        "spreker",
        "panellid",
        "gespreksleider",
        "auteur",
        "interviewer",
        "geïnterviewde",
        "geciteerd",
    ],
    related: "Verwante items",
    in_series: "In deze serie",
    previous_in_series: "Vorige",
    next_in_series: "Volgende",
    cite: "Citeer dit item",
    cite_plain: "Platte tekst",
    previous_year: "Vorig jaar",
    next_year: "Volgend jaar",
    all_of: "Alles over",
    suggestions_label: "Suggesties",
    suggestions_found: "{n} suggesties: kies met pijltje omlaag en Enter",
    item_count: |n| match n {
        1 => "1 item".to_string(),
        n => format!("{} items", thousands(n, '.')),
    },
    main_nav: "Hoofdmenu",
    interface_language: "Taal van de site",
    approximate_note: |words| {
        format!("Ook gevonden: woorden die lijken op {words}. Die resultaten staan onder de exacte en zijn gemarkeerd als benaderend.")
    },
    approximate_hit: "Benaderend: een woord lijkt op uw zoekwoord",
    pages: "Pagina's",
    past_the_end: |page, pages| match pages {
        1 => format!("Pagina {page} bestaat niet: deze zoekvraag heeft 1 pagina met resultaten."),
        n => {
            format!("Pagina {page} bestaat niet: deze zoekvraag heeft {n} pagina's met resultaten.")
        }
    },
    first_page: "Naar de eerste pagina",
    last_page: "Naar de laatste pagina",
    value_count: |n| match n {
        1 => "1 naam".to_string(),
        n => format!("{} namen", thousands(n, '.')),
    },
    letters: "Naar letter",
    decades: "Naar decennium",
    more_values: |what| format!("Alle {what}"),
    fewer_values: "Minder",
};

pub static EN: Texts = Texts {
    archive_of: "An archive of",
    tagline: "Archive of lectures, debates and reports",
    skip: "Skip to content",
    search_label: "Search the archive",
    search_placeholder: "e.g. continuity speaker:mönnink year:2022",
    search_button: "Search",
    results: "Results",
    result_count: |n| match n {
        1 => "1 result".to_string(),
        n => format!("{} results", thousands(n, ',')),
    },
    no_results: "Nothing found.",
    try_without_filters: "Search without filters",
    filters: "Filters",
    remove_filter: "Remove filter",
    clear_filters: "Clear all filters",
    speakers: "Speakers",
    years: "Years",
    themes: "Themes",
    series: "Series",
    kind: "Kind",
    language: "Language",
    event: "Event",
    organisation: "Organisation",
    source: "Source",
    date: "Date",
    summary: "Summary",
    text: "Text",
    recent: "Recently added",
    browse: "Browse",
    previous: "Previous",
    next: "Next",
    page: "Page",
    sort: "Sort",
    sorts: ["relevance", "newest first", "oldest first"],
    kinds: ["lecture", "report", "essay", "interview", "panel", "other"],
    languages: ["Dutch", "English"],
    months: [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
    not_found: "Not found",
    not_found_text: "This page does not exist (any more). Search the archive:",
    bad_request: "We do not understand that request",
    unavailable: "Search is unavailable for a moment",
    items: "Items",
    other_language: "Nederlands",
    hints: "Note",
    also_searched: "Also searched",
    syntax_help: "Tip: \"a phrase\", -exclude, speaker:, year:2018..2022, theme:, series:",
    home: "Home",
    passages: "Passages",
    matched_in: "Matched in",
    matched_parts: ["title", "speaker", "theme", "series", "summary", "text"],
    paragraph: "paragraph",
    at_time: "at",
    per_year: "Results per year",
    per_year_bar: |year, n| {
        format!(
            "{year}: {n} {}, show only {year}",
            if n == 1 { "result" } else { "results" }
        )
    },
    year_range: "From year to year",
    from_year: "From",
    to_year: "To",
    apply: "Apply",
    did_you_mean: "Did you mean",
    without_filters_count: |n| match n {
        0 => "Without filters: nothing either".to_string(),
        1 => "Without filters: 1 result".to_string(),
        n => format!("Without filters: {n} results"),
    },
    chronology: "Chronology, newest first",
    year: "Year",
    speaker: "Speaker",
    title: "Title",
    role: "Role",
    appearances: "Appearances",
    also_written: "Also written as",
    co_speakers: "Co-speakers",
    years_active: "Years active",
    roles: [
        "lecturer",
        "speaker",
        "panel member",
        "moderator",
        "author",
        "interviewer",
        "interviewee",
        "quoted",
    ],
    related: "Related items",
    in_series: "In this series",
    previous_in_series: "Previous",
    next_in_series: "Next",
    cite: "Cite this item",
    cite_plain: "Plain text",
    previous_year: "Previous year",
    next_year: "Next year",
    all_of: "Everything on",
    suggestions_label: "Suggestions",
    suggestions_found: "{n} suggestions: choose with the down arrow and Enter",
    item_count: |n| match n {
        1 => "1 item".to_string(),
        n => format!("{} items", thousands(n, ',')),
    },
    main_nav: "Main menu",
    interface_language: "Site language",
    approximate_note: |words| {
        format!("Also found: words similar to {words}. Those results come after the exact ones and are marked as approximate.")
    },
    approximate_hit: "Approximate: a word resembles your search word",
    pages: "Pages",
    past_the_end: |page, pages| match pages {
        1 => format!("There is no page {page}: this search has 1 page of results."),
        n => format!("There is no page {page}: this search has {n} pages of results."),
    },
    first_page: "Go to the first page",
    last_page: "Go to the last page",
    value_count: |n| match n {
        1 => "1 name".to_string(),
        n => format!("{} names", thousands(n, ',')),
    },
    letters: "Jump to letter",
    decades: "Jump to decade",
    more_values: |what| format!("All {what}"),
    fewer_values: "Fewer",
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_have_thousands_separators_per_language() {
        assert_eq!((NL.result_count)(10963), "10.963 resultaten");
        assert_eq!((EN.item_count)(1234567), "1,234,567 items");
        assert_eq!((EN.result_count)(999), "999 results");
        // Facet and directory counts too (a series of 10,952 speeches).
        assert_eq!(Ui::Nl.number(10952), "10.952");
        assert_eq!(Ui::En.number(1939), "1,939");
        assert_eq!(Ui::En.number(7), "7");
    }

    #[test]
    fn accept_language_by_weight() {
        assert_eq!(Ui::choose(None, Some("en-GB,en;q=0.9,nl;q=0.8")), Ui::En);
        assert_eq!(Ui::choose(None, Some("de,nl;q=0.5,en;q=0.4")), Ui::Nl);
        assert_eq!(Ui::choose(None, None), Ui::Nl);
        assert_eq!(Ui::choose(Some("en"), Some("nl")), Ui::En);
    }
}
