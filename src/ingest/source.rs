//! Turning an outside file (Markdown, text, PDF, WebVTT, SubRip) into a Markdown body, plus the
//! metadata the file itself carries. Pure apart from the PDF parser: name and bytes in.

use super::encoding::decode;
use super::subtitles::{self, Format};
use crate::analysis::cleanup::clean_text;
use crate::archive::front_matter::{parse_item, split};
use crate::archive::Item;

/// The kinds of file `lectern add` and the editor accept, by extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceKind {
    Markdown,
    Text,
    Pdf,
    Vtt,
    Srt,
}

impl SourceKind {
    pub fn from_name(name: &str) -> Option<SourceKind> {
        let ext = name.rsplit_once('.')?.1.to_ascii_lowercase();
        Some(match ext.as_str() {
            "md" | "markdown" => SourceKind::Markdown,
            "txt" | "text" => SourceKind::Text,
            "pdf" => SourceKind::Pdf,
            "vtt" => SourceKind::Vtt,
            "srt" => SourceKind::Srt,
            _ => return None,
        })
    }
}

/// What a file gave: the body as Markdown, an item when it was a complete `.md` item file, the
/// voices of a subtitle file, and notes for the user (conversions done).
#[derive(Debug, Clone, Default)]
pub struct Source {
    pub body: String,
    pub item: Option<Item>,
    /// The file's own text when it was a valid `.md` item: copied as is unless flags change it.
    pub original: Option<String>,
    pub voices: Vec<String>,
    pub timed: bool,
    pub notes: Vec<String>,
}

/// Reads one file's bytes; `name` (its file name) picks the format. The error says what to do.
pub fn read_source(name: &str, bytes: &[u8]) -> Result<Source, super::Unusable> {
    read(name, bytes).map_err(super::Unusable)
}

fn read(name: &str, bytes: &[u8]) -> Result<Source, String> {
    let kind = SourceKind::from_name(name).ok_or_else(|| {
        format!("{name}: unknown file type: add .md, .txt, .pdf, .vtt or .srt files")
    })?;
    let mut notes = Vec::new();
    if kind == SourceKind::Pdf {
        let text = super::pdf::extract(bytes).map_err(|e| format!("{name}: {e}"))?;
        notes.push("text extracted from the PDF and cleaned up".to_string());
        return Ok(Source {
            body: clean_text(&text),
            notes,
            ..Source::default()
        });
    }
    let decoded = decode(bytes).map_err(|e| format!("{name}: {e}"))?;
    if decoded.converted() {
        notes.push(format!("converted from {} to UTF-8", decoded.encoding));
    }
    let text = decoded.text;
    let mut source = match kind {
        SourceKind::Markdown => markdown(name, &text)?,
        SourceKind::Text => {
            notes.push("text cleaned up: line-break hyphens, paragraphs, headings".into());
            Source {
                body: clean_text(&text),
                ..Source::default()
            }
        }
        SourceKind::Vtt | SourceKind::Srt => {
            let format = if kind == SourceKind::Vtt {
                Format::Vtt
            } else {
                Format::Srt
            };
            let cues = subtitles::parse(&text, format).map_err(|e| format!("{name}:{e}"))?;
            notes.push(format!(
                "{} cues, each a paragraph starting with its time",
                cues.len()
            ));
            Source {
                body: subtitles::to_markdown(&cues),
                voices: subtitles::voices(&cues),
                timed: true,
                ..Source::default()
            }
        }
        SourceKind::Pdf => unreachable!("handled above"),
    };
    source.notes.splice(0..0, notes);
    Ok(source)
}

/// A `.md` file: a whole item (validated) or, without front matter, just a body.
fn markdown(name: &str, text: &str) -> Result<Source, String> {
    if split(text).is_err()
        && !text.trim_start().starts_with("+++")
        && !text.trim_start().starts_with("---")
    {
        return Ok(Source {
            body: text.trim().to_string(),
            ..Source::default()
        });
    }
    let item = parse_item(text, name).map_err(|problems| {
        problems
            .iter()
            .map(|p| format!("{name}:{}: {}", p.line, p.message))
            .collect::<Vec<_>>()
            .join("\n")
    })?;
    Ok(Source {
        body: item.body.clone(),
        item: Some(item),
        original: Some(text.to_string()),
        ..Source::default()
    })
}
