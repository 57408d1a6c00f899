//! The site's identity: who runs the archive and how it looks (`[site]` in `lectern.toml`).
//!
//! Every value is checked when the settings are read, with `file:line` in the message: text
//! lengths, an http(s) address for the organisation, a PNG or SVG logo of at most
//! [`MAX_LOGO_BYTES`] with no script, event handler or outside reference in it, and colours
//! that keep the pages readable (WCAG AA, 4.5:1, the same rule `docs/design.md` holds the
//! default colours to); a colour that fails gets a suggestion that passes.
//!
//! ```toml
//! [site]
//! name = "Marie Kamphuis Archief"
//! tagline = "Lezingen over sociaal werk"      # Dutch pages
//! tagline_en = "Lectures on social work"      # English pages
//! organisation = "Stichting Marie Kamphuis"
//! organisation_url = "https://example.org"
//! logo = "logo.svg"                           # relative to this file
//!
//! [site.colours]
//! accent = "#7a1f3d"   # links and buttons, on white
//! band = "#f6eef1"     # the header's background
//! mark = "#ffe58a"     # highlighted words
//! ```

use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

/// The name shown when `[site]` names none.
pub const DEFAULT_NAME: &str = "Lectern";
/// The largest logo file accepted.
pub const MAX_LOGO_BYTES: usize = 256 * 1024;
/// The longest site name, in characters.
pub const MAX_NAME_CHARS: usize = 80;
/// The longest tagline or organisation name, in characters.
pub const MAX_TEXT_CHARS: usize = 200;
/// The longest organisation address, in bytes.
pub const MAX_URL_BYTES: usize = 500;
/// The contrast text needs against its background (WCAG 2 AA for normal text).
pub const MIN_CONTRAST: f64 = 4.5;

/// The page text and secondary text colours of `style.css` (`--ink`, `--muted`).
const INK: Rgb = Rgb(0x1b, 0x1b, 0x1b);
const MUTED: Rgb = Rgb(0x4a, 0x4a, 0x4a);
const WHITE: Rgb = Rgb(0xff, 0xff, 0xff);

/// The resolved identity. The default is Lectern's own look.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Identity {
    /// Shown in the header, page titles, feeds and OpenGraph; `None` for "Lectern".
    name: Option<String>,
    pub tagline_nl: Option<String>,
    pub tagline_en: Option<String>,
    pub organisation: Option<String>,
    /// An `http://` or `https://` address of the organisation.
    pub organisation_url: Option<String>,
    pub logo: Option<Logo>,
    pub colours: Colours,
}

/// A logo read and checked at startup, served from memory.
#[derive(Debug, Clone, PartialEq)]
pub struct Logo {
    pub bytes: Vec<u8>,
    pub kind: LogoKind,
    /// Its intrinsic size in pixels (for `width`/`height` attributes: no layout shift).
    pub width: u32,
    pub height: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogoKind {
    Png,
    Svg,
}

impl LogoKind {
    pub fn content_type(self) -> &'static str {
        match self {
            LogoKind::Png => "image/png",
            LogoKind::Svg => "image/svg+xml",
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            LogoKind::Png => "png",
            LogoKind::Svg => "svg",
        }
    }
}

/// The theme colours that replace `style.css`'s; each is checked for contrast.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Colours {
    /// Links, buttons and the current page (`--link`): against white.
    pub accent: Option<Rgb>,
    /// The header's background (`--band`): the header's links and text stay readable on it.
    pub band: Option<Rgb>,
    /// The background of highlighted words (`--mark`): under the page's text colour.
    pub mark: Option<Rgb>,
}

/// A colour as `#rrggbb`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl std::fmt::Display for Rgb {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }
}

impl Rgb {
    /// `#rgb` or `#rrggbb`.
    pub fn parse(text: &str) -> Option<Rgb> {
        let hex = text.trim().strip_prefix('#')?;
        if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        let digit = |i: usize, n: usize| u8::from_str_radix(&hex[i..i + n], 16).ok();
        match hex.len() {
            3 => Some(Rgb(digit(0, 1)? * 17, digit(1, 1)? * 17, digit(2, 1)? * 17)),
            6 => Some(Rgb(digit(0, 2)?, digit(2, 2)?, digit(4, 2)?)),
            _ => None,
        }
    }

    /// WCAG 2 relative luminance.
    fn luminance(self) -> f64 {
        let channel = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.039_28 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(self.0) + 0.7152 * channel(self.1) + 0.0722 * channel(self.2)
    }

    /// WCAG 2 contrast ratio, 1 to 21.
    pub fn contrast(self, other: Rgb) -> f64 {
        let (a, b) = (self.luminance(), other.luminance());
        (a.max(b) + 0.05) / (a.min(b) + 0.05)
    }

    /// This colour moved `step` of the way to `towards` (0 to 1).
    fn mix(self, towards: Rgb, step: f64) -> Rgb {
        let m = |a: u8, b: u8| (f64::from(a) + (f64::from(b) - f64::from(a)) * step).round() as u8;
        Rgb(
            m(self.0, towards.0),
            m(self.1, towards.1),
            m(self.2, towards.2),
        )
    }
}

impl Identity {
    /// The site's name ("Lectern" unless `[site] name` says otherwise).
    pub fn name(&self) -> &str {
        self.name.as_deref().unwrap_or(DEFAULT_NAME)
    }

    /// The stylesheet lines that put the theme's colours in place of the defaults (empty for
    /// the default look).
    pub fn theme_css(&self) -> String {
        let Colours { accent, band, mark } = self.colours;
        let vars: Vec<String> = [("--link", accent), ("--band", band), ("--mark", mark)]
            .into_iter()
            .filter_map(|(var, colour)| colour.map(|c| format!("{var}:{c}")))
            .collect();
        if vars.is_empty() {
            String::new()
        } else {
            format!("\n:root{{{}}}\n", vars.join(";"))
        }
    }

    /// For `lectern config`: the `[site]` section as it is in effect.
    pub fn to_toml(&self) -> String {
        let quoted = |s: &str| toml::Value::String(s.to_string()).to_string();
        let mut out = format!("\n[site]\nname = {}\n", quoted(self.name()));
        let texts = [
            ("tagline", &self.tagline_nl),
            ("tagline_en", &self.tagline_en),
            ("organisation", &self.organisation),
            ("organisation_url", &self.organisation_url),
        ];
        for (key, value) in texts {
            if let Some(value) = value {
                out += &format!("{key} = {}\n", quoted(value));
            }
        }
        if let Some(logo) = &self.logo {
            out += &format!(
                "# logo: {} bytes, {}x{} px ({})\n",
                logo.bytes.len(),
                logo.width,
                logo.height,
                logo.kind.content_type()
            );
        }
        let Colours { accent, band, mark } = self.colours;
        if accent.or(band).or(mark).is_some() {
            out += "\n[site.colours]\n";
            for (key, colour) in [("accent", accent), ("band", band), ("mark", mark)] {
                if let Some(colour) = colour {
                    out += &format!("{key} = \"{colour}\"\n");
                }
            }
        }
        out
    }
}

/// `[site]` as written in the file; spans give the line of a value that fails its check.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct SiteSettings {
    name: Option<Spanned<String>>,
    tagline: Option<Spanned<String>>,
    tagline_en: Option<Spanned<String>>,
    organisation: Option<Spanned<String>>,
    organisation_url: Option<Spanned<String>>,
    logo: Option<Spanned<PathBuf>>,
    colours: Option<ColourSettings>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ColourSettings {
    accent: Option<Spanned<String>>,
    band: Option<Spanned<String>>,
    mark: Option<Spanned<String>>,
}

impl SiteSettings {
    /// Checks every value; `file` and `text` are the settings file and its contents (for
    /// line numbers), `dir` the folder a relative logo path is read from.
    pub(super) fn resolve(self, file: &Path, text: &str, dir: &Path) -> Result<Identity, String> {
        let at = |offset: usize, key: &str, problem: String| {
            let line = text[..offset.min(text.len())].matches('\n').count() + 1;
            format!("{}:{line}: [site] {key}: {problem}", file.display())
        };
        let text_value = |value: Option<Spanned<String>>, key: &str, max: usize| {
            value
                .map(|v| {
                    let span = v.span().start;
                    let s = v.into_inner().trim().to_string();
                    if s.is_empty() {
                        Err(at(
                            span,
                            key,
                            "is empty: give a value or leave the key out".into(),
                        ))
                    } else if s.chars().count() > max {
                        Err(at(span, key, format!("is longer than {max} characters")))
                    } else if s.chars().any(char::is_control) {
                        Err(at(
                            span,
                            key,
                            "holds a control character (a line break?)".into(),
                        ))
                    } else {
                        Ok(s)
                    }
                })
                .transpose()
        };
        let organisation_url = match self.organisation_url {
            None => None,
            Some(url) => {
                let span = url.span().start;
                let url = url.into_inner().trim().to_string();
                let problem = if !(url.starts_with("https://") || url.starts_with("http://")) {
                    Some("is not an http:// or https:// address".to_string())
                } else if url.len() > MAX_URL_BYTES {
                    Some(format!("is longer than {MAX_URL_BYTES} bytes"))
                } else if url.chars().any(|c| c.is_whitespace() || c.is_control()) {
                    Some("holds a space or a control character".to_string())
                } else {
                    None
                };
                if let Some(problem) = problem {
                    return Err(at(span, "organisation_url", problem));
                }
                Some(url)
            }
        };
        let logo = match self.logo {
            None => None,
            Some(path) => {
                let span = path.span().start;
                let path = path.into_inner();
                let full = if path.is_relative() {
                    dir.join(&path)
                } else {
                    path
                };
                Some(read_logo(&full).map_err(|problem| at(span, "logo", problem))?)
            }
        };
        let colours = self.colours.unwrap_or_default();
        let colour = |value: Option<Spanned<String>>, key: &str| {
            value
                .map(|v| {
                    let span = v.span().start;
                    Rgb::parse(v.get_ref())
                        .ok_or_else(|| {
                            at(
                                span,
                                key,
                                format!("`{}` is not a colour: write #rrggbb", v.get_ref()),
                            )
                        })
                        .map(|c| (c, span))
                })
                .transpose()
        };
        let accent = colour(colours.accent, "colours.accent")?;
        let band = colour(colours.band, "colours.band")?;
        let mark = colour(colours.mark, "colours.mark")?;
        let link = accent.map_or(Rgb(0x0b, 0x53, 0x94), |(c, _)| c);
        if let Some((c, span)) = accent {
            // Links sit on white and, for the active filter, on the accent's own tint
            // (`--tint` in style.css: 9% of it over white).
            let backgrounds = |c: Rgb| vec![("white", WHITE), ("its tint", c.mix(WHITE, 0.91))];
            check_contrast(c, backgrounds, Towards::Dark)
                .map_err(|p| at(span, "colours.accent", format!("links and buttons: {p}")))?;
        }
        if let Some((c, span)) = band {
            let text = |_| vec![("the links", link), ("the header's text", MUTED)];
            check_contrast(c, text, Towards::Light).map_err(|p| {
                at(
                    span,
                    "colours.band",
                    format!("the header's background: {p}"),
                )
            })?;
        }
        if let Some((c, span)) = mark {
            check_contrast(c, |_| vec![("the text", INK)], Towards::Light)
                .map_err(|p| at(span, "colours.mark", format!("highlighted words: {p}")))?;
        }
        Ok(Identity {
            name: text_value(self.name, "name", MAX_NAME_CHARS)?,
            tagline_nl: text_value(self.tagline, "tagline", MAX_TEXT_CHARS)?,
            tagline_en: text_value(self.tagline_en, "tagline_en", MAX_TEXT_CHARS)?,
            organisation: text_value(self.organisation, "organisation", MAX_TEXT_CHARS)?,
            organisation_url,
            logo,
            colours: Colours {
                accent: accent.map(|(c, _)| c),
                band: band.map(|(c, _)| c),
                mark: mark.map(|(c, _)| c),
            },
        })
    }
}

#[derive(Clone, Copy)]
enum Towards {
    Dark,
    Light,
}

/// `colour` against each of the colours `against` gives for it (named for the message) at
/// least [`MIN_CONTRAST`]; when not, the nearest colour of the same hue that passes, darker or
/// lighter.
fn check_contrast(
    colour: Rgb,
    against: impl Fn(Rgb) -> Vec<(&'static str, Rgb)>,
    towards: Towards,
) -> Result<(), String> {
    let passes = |c: Rgb| {
        against(c)
            .iter()
            .all(|(_, o)| c.contrast(*o) >= MIN_CONTRAST)
    };
    let Some((name, worst)) = against(colour)
        .into_iter()
        .find(|(_, other)| colour.contrast(*other) < MIN_CONTRAST)
    else {
        return Ok(());
    };
    let target = match towards {
        Towards::Dark => Rgb(0, 0, 0),
        Towards::Light => WHITE,
    };
    let suggestion = (1..=100)
        .map(|step| colour.mix(target, f64::from(step) / 100.0))
        .find(|c| passes(*c));
    let mut message = format!(
        "{colour} has a contrast of {:.1}:1 with {name} ({worst}); text needs {MIN_CONTRAST}:1",
        colour.contrast(worst)
    );
    match suggestion {
        Some(s) => message += &format!(": use {s} or a {} colour", direction(towards)),
        None => message += ": choose another colour",
    }
    Err(message)
}

fn direction(towards: Towards) -> &'static str {
    match towards {
        Towards::Dark => "darker",
        Towards::Light => "lighter",
    }
}

/// Reads and checks a logo: PNG or SVG by its content, at most [`MAX_LOGO_BYTES`], its size
/// known, and an SVG without anything that could run or load (it is shown as an `<img>`,
/// which runs nothing, and served with a sandboxing policy, but a file with a script in it is
/// refused outright).
fn read_logo(path: &Path) -> Result<Logo, String> {
    let meta = std::fs::metadata(path).map_err(|e| {
        format!(
            "cannot read {} ({e}): give a path relative to the settings file",
            path.display()
        )
    })?;
    if meta.len() > MAX_LOGO_BYTES as u64 {
        return Err(format!(
            "{} is {} KB; a logo may be at most {} KB (export it smaller, or as SVG)",
            path.display(),
            meta.len() / 1024,
            MAX_LOGO_BYTES / 1024
        ));
    }
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let (kind, width, height) = if let Some((w, h)) = png_size(&bytes) {
        (LogoKind::Png, w, h)
    } else if let Some((w, h)) = svg_size(&bytes)? {
        (LogoKind::Svg, w, h)
    } else {
        return Err(format!(
            "{} is neither a PNG nor an SVG file (with a width and height or a viewBox)",
            path.display()
        ));
    };
    if width == 0 || height == 0 || width > 8192 || height > 8192 {
        return Err(format!(
            "{} is {width}x{height} px; a logo is 1 to 8192 px each way",
            path.display()
        ));
    }
    Ok(Logo {
        bytes,
        kind,
        width,
        height,
    })
}

/// Width and height from a PNG's IHDR chunk.
fn png_size(bytes: &[u8]) -> Option<(u32, u32)> {
    const SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";
    if bytes.len() < 24 || !bytes.starts_with(SIGNATURE) || &bytes[12..16] != b"IHDR" {
        return None;
    }
    let word =
        |at: usize| u32::from_be_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]]);
    Some((word(16), word(20)))
}

/// Width and height of an SVG (its `width`/`height` in px, else its `viewBox`), `None` when it
/// is not an SVG; an error when it holds what a logo must not.
fn svg_size(bytes: &[u8]) -> Result<Option<(u32, u32)>, String> {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return Ok(None);
    };
    let lower = text.to_ascii_lowercase();
    let Some(start) = lower.find("<svg") else {
        return Ok(None);
    };
    let forbidden = [
        ("<script", "a script"),
        ("javascript:", "a javascript: address"),
        ("<foreignobject", "a foreignObject"),
        ("<!entity", "an entity declaration"),
        ("<iframe", "an iframe"),
        ("<image", "an embedded image reference"),
        ("href=\"http", "a reference to another site"),
        ("href='http", "a reference to another site"),
        ("url(http", "a reference to another site"),
        ("@import", "a stylesheet import"),
    ];
    if let Some((_, what)) = forbidden.iter().find(|(needle, _)| lower.contains(needle)) {
        return Err(format!(
            "the SVG holds {what}; a logo must be a plain drawing"
        ));
    }
    if has_event_handler(&lower) {
        return Err(
            "the SVG holds an event handler (on...=); a logo must be a plain drawing".into(),
        );
    }
    let tag_end = lower[start..].find('>').map_or(lower.len(), |e| start + e);
    let tag = &text[start..tag_end];
    let attribute = |name: &str| -> Option<&str> {
        let at = tag
            .find(&format!(" {name}="))
            .or_else(|| tag.find(&format!("\n{name}=")))?;
        let rest = &tag[at + name.len() + 2..];
        let quote = rest.chars().next()?;
        let rest = &rest[1..];
        rest.find(quote).map(|end| &rest[..end])
    };
    let px = |v: &str| -> Option<f64> {
        let v = v.trim().trim_end_matches("px");
        v.parse::<f64>().ok().filter(|n| n.is_finite() && *n > 0.0)
    };
    let from_attributes = attribute("width")
        .and_then(px)
        .zip(attribute("height").and_then(px));
    let from_view_box = attribute("viewBox").and_then(|v| {
        let n: Vec<f64> = v
            .split(|c: char| c.is_whitespace() || c == ',')
            .filter(|s| !s.is_empty())
            .filter_map(|s| s.parse().ok())
            .collect();
        (n.len() == 4 && n[2] > 0.0 && n[3] > 0.0).then(|| (n[2], n[3]))
    });
    Ok(from_attributes
        .or(from_view_box)
        .map(|(w, h)| (w.round().max(1.0) as u32, h.round().max(1.0) as u32)))
}

/// An attribute named `on...` (onload, onclick, ...) anywhere in the lowercased text.
fn has_event_handler(lower: &str) -> bool {
    let bytes = lower.as_bytes();
    lower.match_indices("on").any(|(at, _)| {
        let before = at.checked_sub(1).map(|i| bytes[i]);
        let name_end = bytes[at + 2..]
            .iter()
            .position(|b| !b.is_ascii_alphabetic())
            .map(|n| at + 2 + n);
        matches!(before, Some(b' ' | b'\n' | b'\t' | b'\r' | b'/'))
            && name_end.is_some_and(|end| {
                end > at + 2
                    && bytes[end..]
                        .iter()
                        .find(|b| !b.is_ascii_whitespace())
                        .is_some_and(|b| *b == b'=')
            })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resolve(toml_text: &str, dir: &Path) -> Result<Identity, String> {
        #[derive(Deserialize)]
        struct File {
            site: SiteSettings,
        }
        let file: File = toml::from_str(toml_text).map_err(|e| e.to_string())?;
        file.site.resolve(Path::new("lectern.toml"), toml_text, dir)
    }

    #[test]
    fn colours_must_keep_text_readable_and_a_failing_one_gets_a_passing_suggestion() {
        let dir = Path::new(".");
        let ok = resolve(
            "[site]\nname = \"Kamphuis Archief\"\n[site.colours]\naccent = \"#7a1f3d\"\nband = \"#f6eef1\"\nmark = \"#ffe58a\"\n",
            dir,
        )
        .unwrap();
        assert_eq!(ok.name(), "Kamphuis Archief");
        assert_eq!(ok.colours.accent, Some(Rgb(0x7a, 0x1f, 0x3d)));
        assert_eq!(
            ok.theme_css(),
            "\n:root{--link:#7a1f3d;--band:#f6eef1;--mark:#ffe58a}\n"
        );
        // A light accent: links on white would be unreadable.
        let error = resolve("[site]\n\n[site.colours]\naccent = \"#f0a0c0\"\n", dir).unwrap_err();
        assert!(
            error.starts_with("lectern.toml:4: [site] colours.accent"),
            "{error}"
        );
        assert!(error.contains("text needs 4.5:1: use #"), "{error}");
        let suggested = error
            .split("use ")
            .nth(1)
            .unwrap()
            .split(' ')
            .next()
            .unwrap();
        let suggested = Rgb::parse(suggested).unwrap();
        assert!(suggested.contrast(WHITE) >= MIN_CONTRAST);
        // Just enough on white, not on its own tint behind the active filter.
        let error = resolve("[site.colours]\naccent = \"#767676\"\n", dir).unwrap_err();
        assert!(error.contains("with its tint"), "{error}");
        // A dark header band under dark links, and a dark highlight under the text.
        assert!(resolve("[site.colours]\nband = \"#333333\"\n", dir)
            .unwrap_err()
            .contains("colours.band"));
        assert!(resolve("[site.colours]\nmark = \"#404040\"\n", dir)
            .unwrap_err()
            .contains("colours.mark"));
        assert!(resolve("[site.colours]\naccent = \"red\"\n", dir)
            .unwrap_err()
            .contains("is not a colour: write #rrggbb"));
        assert_eq!(Identity::default().name(), "Lectern");
        assert_eq!(Identity::default().theme_css(), "");
    }

    #[test]
    fn texts_and_addresses_are_bounded() {
        let dir = Path::new(".");
        let long = "x".repeat(MAX_NAME_CHARS + 1);
        assert!(resolve(&format!("[site]\nname = \"{long}\"\n"), dir)
            .unwrap_err()
            .contains("longer than 80"));
        let error =
            resolve("[site]\norganisation_url = \"javascript:alert(1)\"\n", dir).unwrap_err();
        assert!(
            error.starts_with("lectern.toml:2: [site] organisation_url"),
            "{error}"
        );
        assert!(resolve("[site]\nname = \"  \"\n", dir)
            .unwrap_err()
            .contains("is empty"));
        assert!(resolve("[site]\nslogan = \"x\"\n", dir).is_err());
    }

    #[test]
    fn logos_are_png_or_plain_svg_with_a_size() {
        let dir = std::env::temp_dir().join(format!("lectern-logo-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let write = |name: &str, bytes: &[u8]| std::fs::write(dir.join(name), bytes).unwrap();
        write(
            "logo.svg",
            br##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 40"><rect width="120" height="40" fill="#7a1f3d"/></svg>"##,
        );
        let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
        png.extend_from_slice(&300u32.to_be_bytes());
        png.extend_from_slice(&100u32.to_be_bytes());
        png.extend_from_slice(&[8, 6, 0, 0, 0]);
        write("logo.png", &png);
        write(
            "evil.svg",
            br#"<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10" onload="alert(1)"></svg>"#,
        );
        write(
            "script.svg",
            br#"<svg width="10" height="10"><script>alert(1)</script></svg>"#,
        );
        write("big.svg", &vec![b' '; MAX_LOGO_BYTES + 1]);
        write("photo.jpg", b"\xff\xd8\xff\xe0 not a png");
        let svg = resolve("[site]\nlogo = \"logo.svg\"\n", &dir)
            .unwrap()
            .logo
            .unwrap();
        assert_eq!((svg.kind, svg.width, svg.height), (LogoKind::Svg, 120, 40));
        let png = resolve("[site]\nlogo = \"logo.png\"\n", &dir)
            .unwrap()
            .logo
            .unwrap();
        assert_eq!((png.kind, png.width, png.height), (LogoKind::Png, 300, 100));
        for (file, expected) in [
            ("evil.svg", "event handler"),
            ("script.svg", "a script"),
            ("big.svg", "at most 256 KB"),
            ("photo.jpg", "neither a PNG nor an SVG"),
            ("missing.svg", "cannot read"),
        ] {
            let error = resolve(&format!("[site]\nlogo = \"{file}\"\n"), &dir).unwrap_err();
            assert!(error.starts_with("lectern.toml:2: [site] logo"), "{error}");
            assert!(error.contains(expected), "{file}: {error}");
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
