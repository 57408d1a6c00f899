//! A draft item: metadata from the flags (or form), else from the file, else suggested, with
//! where each value came from so the user can check the suggestions before saving.

use std::collections::BTreeMap;

use super::source::Source;
use super::suggest::{first_date, mentioned, Known};
use crate::archive::language::detect_language;
use crate::archive::slug::fold;
use crate::archive::{Item, ItemDate, ItemField, Kind, Language, Speaker};

/// Metadata given by the person adding the item (command-line flags or the editor's form).
#[derive(Debug, Clone, Default)]
pub struct Metadata {
    pub title: Option<String>,
    pub date: Option<String>,
    pub speakers: Vec<String>,
    pub themes: Vec<String>,
    pub series: Option<String>,
    pub event: Option<String>,
    pub kind: Option<String>,
    pub language: Option<String>,
    pub summary: Option<String>,
}

/// Where a value came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    Given,
    File,
    /// Suggested, with the reason (`found in the text: "6 oktober 2022"`).
    Suggested(String),
}

/// An item ready to save (id and path not chosen yet), with the origin of each field.
#[derive(Debug, Clone)]
pub struct Draft {
    pub item: Item,
    pub origins: BTreeMap<ItemField, Origin>,
    pub notes: Vec<String>,
    /// The `.md` file's own text, to copy unchanged when nothing was given on top of it.
    pub original: Option<String>,
}

impl Draft {
    pub fn suggestions(&self) -> impl Iterator<Item = (&'static str, &String)> {
        self.origins
            .iter()
            .filter_map(|(field, origin)| match origin {
                Origin::Suggested(why) => Some((field.as_str(), why)),
                _ => None,
            })
    }
}

/// Builds the draft; the error lists every field that is missing or wrong and how to give it.
pub fn build(source: Source, given: &Metadata, known: &Known) -> Result<Draft, Vec<String>> {
    let mut origins = BTreeMap::new();
    let mut problems = Vec::new();
    let file = source.item.as_ref();
    let mut body = source.body.clone();

    let title = match (&given.title, file) {
        (Some(title), _) if !title.trim().is_empty() => {
            Some((title.trim().to_string(), Origin::Given))
        }
        (_, Some(item)) => Some((item.title.clone(), Origin::File)),
        _ => {
            first_heading(&body).map(|h| (h, Origin::Suggested("the text's first heading".into())))
        }
    };
    let title = match title {
        Some((title, origin)) => {
            origins.insert(ItemField::Title, origin);
            title
        }
        None => {
            problems.push(
                "no title: give one (the Title field in the editor, `--title \"...\"` for lectern add)"
                    .to_string(),
            );
            String::new()
        }
    };
    body = without_title_heading(&body, &title);

    let date = match (&given.date, file) {
        (Some(text), _) => match ItemDate::parse(text) {
            Ok(date) => Some((date, Origin::Given)),
            Err(e) => {
                problems.push(format!("date: {e}"));
                None
            }
        },
        (None, Some(item)) => Some((item.date, Origin::File)),
        (None, None) => first_date(&body).map(|(d, words)| {
            (
                d,
                Origin::Suggested(format!("found in the text: \"{words}\"")),
            )
        }),
    };
    let date = match date {
        Some((date, origin)) => {
            origins.insert(ItemField::Date, origin);
            Some(date)
        }
        None if given.date.is_none() => {
            problems.push(
                "no date found in the text: give one as YYYY-MM-DD, YYYY-MM or YYYY (the Date field in the editor, `--date` for lectern add)"
                    .to_string(),
            );
            None
        }
        None => None,
    };

    let kind = match (&given.kind, file) {
        (Some(text), _) => Kind::parse(text).map(|k| (k, Origin::Given)).or_else(|| {
            problems.push(format!(
                "kind: unknown kind `{text}`: use one of {}",
                Kind::ALL.map(Kind::as_str).join(", ")
            ));
            None
        }),
        (None, Some(item)) => Some((item.kind, Origin::File)),
        (None, None) if source.timed => Some((
            Kind::Lecture,
            Origin::Suggested("a timed transcript".into()),
        )),
        (None, None) => None,
    };
    let kind = kind
        .map(|(k, o)| {
            origins.insert(ItemField::Kind, o);
            k
        })
        .unwrap_or(Kind::Other);

    let speakers: Vec<Speaker> = if !given.speakers.is_empty() {
        origins.insert(ItemField::Speakers, Origin::Given);
        given
            .speakers
            .iter()
            .map(|n| Speaker::new(n.trim(), None))
            .collect()
    } else if let Some(item) = file.filter(|i| !i.speakers.is_empty()) {
        origins.insert(ItemField::Speakers, Origin::File);
        item.speakers.clone()
    } else {
        let mut names = source.voices.clone();
        for name in mentioned(&known.speakers, &body) {
            if !names.iter().any(|n| fold(n) == fold(&name)) {
                names.push(name);
            }
        }
        if !names.is_empty() {
            origins.insert(
                ItemField::Speakers,
                Origin::Suggested("named in the text".into()),
            );
        }
        names
            .into_iter()
            .map(|name| Speaker::new(&name, None))
            .collect()
    };

    let themes = if !given.themes.is_empty() {
        origins.insert(ItemField::Themes, Origin::Given);
        given.themes.iter().map(|t| t.trim().to_string()).collect()
    } else if let Some(item) = file.filter(|i| !i.themes.is_empty()) {
        origins.insert(ItemField::Themes, Origin::File);
        item.themes.clone()
    } else {
        let themes = mentioned(&known.themes, &body);
        if !themes.is_empty() {
            origins.insert(
                ItemField::Themes,
                Origin::Suggested("themes of the archive the text mentions".into()),
            );
        }
        themes
    };

    let series = match (&given.series, file.and_then(|i| i.series.clone())) {
        (Some(series), _) => {
            origins.insert(ItemField::Series, Origin::Given);
            Some(series.trim().to_string())
        }
        (None, Some(series)) => {
            origins.insert(ItemField::Series, Origin::File);
            Some(series)
        }
        (None, None) => {
            let found = mentioned(&known.series, &format!("{title}\n{body}"))
                .into_iter()
                .next();
            if found.is_some() {
                origins.insert(
                    ItemField::Series,
                    Origin::Suggested("a series of the archive the text mentions".into()),
                );
            }
            found
        }
    };
    let event = given
        .event
        .clone()
        .inspect(|_| {
            origins.insert(ItemField::Event, Origin::Given);
        })
        .or_else(|| file.and_then(|i| i.event.clone()));
    let summary = given
        .summary
        .clone()
        .filter(|s| !s.trim().is_empty())
        .or_else(|| file.and_then(|i| i.summary.clone()));

    let language = match (&given.language, file.filter(|i| !i.language_detected)) {
        (Some(text), _) => Language::parse(text)
            .map(|l| (l, Origin::Given))
            .or_else(|| {
                problems.push(format!("language: unknown language `{text}`: use nl or en"));
                None
            }),
        (None, Some(item)) => Some((item.language, Origin::File)),
        (None, None) => Some((
            detect_language(&format!("{title}\n{body}")),
            Origin::Suggested("detected from the text".into()),
        )),
    };
    let language = language
        .map(|(l, o)| {
            origins.insert(ItemField::Language, o);
            l
        })
        .unwrap_or(Language::Nl);

    if body.trim().is_empty() {
        problems.push("the file has no text".to_string());
    }
    let (Some(date), true) = (date, problems.is_empty()) else {
        return Err(problems);
    };
    let nothing_given = given.title.is_none()
        && given.date.is_none()
        && given.speakers.is_empty()
        && given.themes.is_empty()
        && given.series.is_none()
        && given.event.is_none()
        && given.kind.is_none()
        && given.language.is_none();
    Ok(Draft {
        item: Item {
            id: String::new(),
            path: String::new(),
            title,
            date,
            kind,
            speakers,
            themes,
            series,
            event,
            organisation: file.and_then(|i| i.organisation.clone()),
            language,
            language_detected: false,
            source: file.and_then(|i| i.source.clone()),
            url: file.and_then(|i| i.url.clone()),
            summary,
            body,
            // An archivist's corrections in the file's own front matter stay with it.
            quotes: file.map(|i| i.quotes.clone()).unwrap_or_default(),
            attributions: Default::default(),
        },
        origins,
        notes: source.notes,
        original: source.original.filter(|_| nothing_given),
    })
}

/// The first `## ` heading of a body, if the body starts with it.
fn first_heading(body: &str) -> Option<String> {
    leading_heading(body).map(|(text, _)| text.to_string())
}

/// The heading the body opens with (after blank lines), in either Markdown form: `# Title`
/// (levels 1 to 6, closing `#`s dropped) or a line underlined with `===` or `---`; with the
/// rest of the body after it.
fn leading_heading(body: &str) -> Option<(&str, &str)> {
    let body = body.trim_start_matches(['\n', '\r', ' ', '\t']);
    let (first, rest) = body.split_once('\n').unwrap_or((body, ""));
    let first = first.trim_end();
    let hashes = first.len() - first.trim_start_matches('#').len();
    if (1..=6).contains(&hashes) {
        let text = first[hashes..].strip_prefix([' ', '\t'])?;
        let text = text.trim().trim_end_matches('#').trim();
        return (!text.is_empty()).then_some((text, rest));
    }
    let (underline, after) = rest.split_once('\n').unwrap_or((rest, ""));
    let underline = underline.trim();
    let setext = underline.len() >= 2
        && (underline.bytes().all(|b| b == b'=') || underline.bytes().all(|b| b == b'-'));
    (setext && !first.trim().is_empty()).then(|| (first.trim(), after))
}

/// Drops a first heading that repeats the title (PDFs start with it; the page shows the title).
fn without_title_heading(body: &str, title: &str) -> String {
    match leading_heading(body) {
        Some((heading, rest)) if fold(heading) == fold(title.trim()) => {
            rest.trim_start().to_string()
        }
        _ => body.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_heading_in_any_markdown_form_is_the_title() {
        for body in [
            "# Een kop\n\nTekst.",
            "\n## Een kop ##\nTekst.",
            "Een kop\n=======\n\nTekst.",
            "Een kop\n---\nTekst.",
        ] {
            assert_eq!(first_heading(body).as_deref(), Some("Een kop"), "{body:?}");
            assert_eq!(without_title_heading(body, "Een kop"), "Tekst.", "{body:?}");
        }
        for body in [
            "#hashtag\nTekst.",
            "Tekst zonder kop.\nNog meer.",
            "#######  Zeven\n",
        ] {
            assert_eq!(first_heading(body), None, "{body:?}");
        }
        assert_eq!(
            without_title_heading("# Iets anders\nTekst.", "Een kop"),
            "# Iets anders\nTekst."
        );
    }
}
