//! The bilingual theme list, `themes.toml` at the top of the archive: pairs of a Dutch and an
//! English term (`sociaal werk` <-> `social work`) that archivists edit by hand.
//!
//! Reading and parsing; a bad entry is a `path:line` problem and the list
//! is left empty rather than half-read. Matching ignores case and accents.

use std::path::Path;

use serde::{Deserialize, Serialize};

use super::load::FileError;

/// The file name, at the top of the archive folder.
pub const FILE: &str = "themes.toml";

/// One theme in both languages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ThemePair {
    pub nl: String,
    pub en: String,
}

/// Every theme pair, in file order.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThemeList {
    #[serde(default, rename = "theme")]
    pub pairs: Vec<ThemePair>,
}

impl ThemeList {
    /// Parses the text of a theme file; `path` is only used in the message.
    pub fn parse(text: &str, path: &Path) -> Result<ThemeList, FileError> {
        let list: ThemeList = toml::from_str(text).map_err(|e| FileError {
            path: path.to_path_buf(),
            line: e
                .span()
                .map(|span| text[..span.start.min(text.len())].lines().count().max(1))
                .unwrap_or(1),
            message: format!(
                "{} (each entry is [[theme]] with nl = \"...\" and en = \"...\")",
                e.message()
            ),
        })?;
        if let Some(empty) = list
            .pairs
            .iter()
            .find(|p| p.nl.trim().is_empty() || p.en.trim().is_empty())
        {
            return Err(FileError {
                path: path.to_path_buf(),
                line: 1,
                message: format!(
                    "a theme has an empty term (nl = {:?}, en = {:?}): give both, or remove the entry",
                    empty.nl, empty.en
                ),
            });
        }
        Ok(list)
    }

    /// Reads `themes.toml` at the top of `archive`; no file is an empty list.
    pub fn load(archive: &Path) -> Result<ThemeList, FileError> {
        let path = archive.join(FILE);
        match std::fs::read_to_string(&path) {
            Ok(text) => ThemeList::parse(&text, &path),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(ThemeList::default()),
            Err(e) => Err(FileError {
                path,
                line: 1,
                message: format!("cannot read the theme list: {e} (save it as UTF-8 text)"),
            }),
        }
    }

    /// The other-language terms of `term` (either side of a pair, case and accents ignored).
    pub fn translations(&self, term: &str) -> Vec<&str> {
        let key = fold(term);
        let mut out = Vec::new();
        for pair in &self.pairs {
            if fold(&pair.nl) == key {
                out.push(pair.en.as_str());
            } else if fold(&pair.en) == key {
                out.push(pair.nl.as_str());
            }
        }
        out
    }
}

/// Lowercase, accents off, words separated by single spaces: how terms are compared.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split(|c: char| !c.is_alphanumeric()) {
        if word.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().flat_map(char::to_lowercase).map(strip_accent));
    }
    out
}

fn strip_accent(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ä' | 'ã' | 'å' => 'a',
        'è' | 'é' | 'ê' | 'ë' => 'e',
        'ì' | 'í' | 'î' | 'ï' => 'i',
        'ò' | 'ó' | 'ô' | 'ö' | 'õ' => 'o',
        'ù' | 'ú' | 'û' | 'ü' => 'u',
        'ç' => 'c',
        'ñ' => 'n',
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_pairs_and_translates_both_ways() {
        let list = ThemeList::parse(
            "[[theme]]\nnl = \"sociaal werk\"\nen = \"social work\"\n\n[[theme]]\nnl = \"continuïteit\"\nen = \"continuity of care\"\n",
            Path::new("themes.toml"),
        )
        .unwrap();
        assert_eq!(list.translations("Sociaal  Werk"), ["social work"]);
        assert_eq!(list.translations("social work"), ["sociaal werk"]);
        assert_eq!(list.translations("continuiteit"), ["continuity of care"]);
        assert!(list.translations("armoede").is_empty());
    }

    #[test]
    fn a_bad_entry_names_its_line() {
        let error = ThemeList::parse(
            "[[theme]]\nnl = \"armoede\"\nen = \"poverty\"\n\n[[theme]]\nnl = \"x\"\nengels = \"y\"\n",
            Path::new("themes.toml"),
        )
        .unwrap_err();
        assert!(error.line >= 5, "{error}");
        assert!(error.to_string().contains("[[theme]]"), "{error}");
    }
}
