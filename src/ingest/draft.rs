//! A draft item: metadata from the flags (or form), else from the file, else suggested, with
//! where each value came from so the user can check the suggestions before saving.

use std::collections::BTreeMap;

use super::source::Source;
use super::suggest::{first_date, mentioned, Known};
use crate::archive::language::detect_language;
use crate::archive::slug::fold;
use crate::archive::{Item, ItemDate, Kind, Language, Speaker};

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
    pub origins: BTreeMap<&'static str, Origin>,
    pub notes: Vec<String>,
    /// The `.md` file's own text, to copy unchanged when nothing was given on top of it.
    pub original: Option<String>,
}

impl Draft {
    pub fn suggestions(&self) -> impl Iterator<Item = (&'static str, &String)> {
        self.origins
            .iter()
            .filter_map(|(field, origin)| match origin {
                Origin::Suggested(why) => Some((*field, why)),
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
            origins.insert("title", origin);
            title
        }
        None => {
            problems.push("no title: give one with --title \"...\"".to_string());
            String::new()
        }
    };
    body = without_title_heading(&body, &title);

    let date = match (&given.date, file) {
        (Some(text), _) => match ItemDate::parse(text) {
            Ok(date) => Some((date, Origin::Given)),
            Err(e) => {
                problems.push(format!("--date: {e}"));
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
            origins.insert("date", origin);
            Some(date)
        }
        None if given.date.is_none() => {
            problems.push(
                "no date found in the text: give one with --date YYYY-MM-DD (or YYYY-MM, YYYY)"
                    .to_string(),
            );
            None
        }
        None => None,
    };

    let kind = match (&given.kind, file) {
        (Some(text), _) => Kind::parse(text).map(|k| (k, Origin::Given)).or_else(|| {
            problems.push(format!(
                "--kind: unknown kind `{text}`: use one of {}",
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
            origins.insert("kind", o);
            k
        })
        .unwrap_or(Kind::Other);

    let speakers: Vec<Speaker> = if !given.speakers.is_empty() {
        origins.insert("speakers", Origin::Given);
        given
            .speakers
            .iter()
            .map(|n| Speaker::new(n.trim(), None))
            .collect()
    } else if let Some(item) = file.filter(|i| !i.speakers.is_empty()) {
        origins.insert("speakers", Origin::File);
        item.speakers.clone()
    } else {
        let mut names = source.voices.clone();
        for name in mentioned(&known.speakers, &body) {
            if !names.iter().any(|n| fold(n) == fold(&name)) {
                names.push(name);
            }
        }
        if !names.is_empty() {
            origins.insert("speakers", Origin::Suggested("named in the text".into()));
        }
        names
            .into_iter()
            .map(|name| Speaker::new(&name, None))
            .collect()
    };

    let themes = if !given.themes.is_empty() {
        origins.insert("themes", Origin::Given);
        given.themes.iter().map(|t| t.trim().to_string()).collect()
    } else if let Some(item) = file.filter(|i| !i.themes.is_empty()) {
        origins.insert("themes", Origin::File);
        item.themes.clone()
    } else {
        let themes = mentioned(&known.themes, &body);
        if !themes.is_empty() {
            origins.insert(
                "themes",
                Origin::Suggested("themes of the archive the text mentions".into()),
            );
        }
        themes
    };

    let series = match (&given.series, file.and_then(|i| i.series.clone())) {
        (Some(series), _) => {
            origins.insert("series", Origin::Given);
            Some(series.trim().to_string())
        }
        (None, Some(series)) => {
            origins.insert("series", Origin::File);
            Some(series)
        }
        (None, None) => {
            let found = mentioned(&known.series, &format!("{title}\n{body}"))
                .into_iter()
                .next();
            if found.is_some() {
                origins.insert(
                    "series",
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
            origins.insert("event", Origin::Given);
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
                problems.push(format!("--lang: unknown language `{text}`: use nl or en"));
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
            origins.insert("language", o);
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
    let first = body.lines().next()?;
    first.strip_prefix("## ").map(|h| h.trim().to_string())
}

/// Drops a first heading that repeats the title (PDFs start with it; the page shows the title).
fn without_title_heading(body: &str, title: &str) -> String {
    match body.split_once('\n') {
        Some((first, rest))
            if first
                .strip_prefix("## ")
                .is_some_and(|h| fold(h.trim()) == fold(title.trim())) =>
        {
            rest.trim_start().to_string()
        }
        None if body
            .strip_prefix("## ")
            .is_some_and(|h| fold(h.trim()) == fold(title.trim())) =>
        {
            String::new()
        }
        _ => body.to_string(),
    }
}
