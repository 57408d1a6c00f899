//! Timed transcripts: WebVTT and SubRip cues to a Markdown body.
//!
//! Convention shared with the passages feature: each cue becomes its own paragraph that starts
//! with its start time in square brackets, `[12:40] text` (`[1:02:03] text` past an hour), so
//! item pages and search hits can link to `#t=12:40`. Pure: text in, Markdown out.

/// One subtitle cue: start time in seconds, the text without markup, and the voice if tagged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cue {
    pub start: u64,
    pub text: String,
    pub voice: Option<String>,
}

/// Which subtitle format a file is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Vtt,
    Srt,
}

/// Parses the cues of a WebVTT or SubRip file; the error names the line and the fix.
pub fn parse(text: &str, format: Format) -> Result<Vec<Cue>, String> {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let text = text.trim_start_matches('\u{feff}');
    if format == Format::Vtt && !text.starts_with("WEBVTT") {
        return Err("line 1: a WebVTT file must start with `WEBVTT`".into());
    }
    let mut cues = Vec::new();
    let mut line_no = 0;
    let mut block_start = 1;
    let mut block: Vec<&str> = Vec::new();
    for line in text.split('\n').chain(std::iter::once("")) {
        line_no += 1;
        if line.trim().is_empty() {
            if !block.is_empty() {
                if let Some(cue) = parse_block(&block, block_start, format)? {
                    cues.push(cue);
                }
                block.clear();
            }
            block_start = line_no + 1;
            continue;
        }
        block.push(line);
    }
    if cues.is_empty() {
        return Err(
            "the file has no cues (`00:00:01.000 --> 00:00:04.000` lines followed by text)".into(),
        );
    }
    Ok(cues)
}

fn parse_block(block: &[&str], first_line: usize, format: Format) -> Result<Option<Cue>, String> {
    let Some(timing_at) = block.iter().position(|l| l.contains("-->")) else {
        // The WEBVTT header, NOTE, STYLE and REGION blocks carry no cue.
        return Ok(None);
    };
    let timing = block[timing_at];
    let start_text = timing.split("-->").next().unwrap_or("").trim();
    let start = parse_time(start_text, format).ok_or_else(|| {
        format!(
            "line {}: `{start_text}` is not a cue time (write 00:12:40.000{})",
            first_line + timing_at,
            if format == Format::Srt {
                " or 00:12:40,000"
            } else {
                ""
            }
        )
    })?;
    let mut voice = None;
    let lines: Vec<String> = block[timing_at + 1..]
        .iter()
        .map(|l| strip_tags(l, &mut voice))
        .filter(|l| !l.is_empty())
        .collect();
    if lines.is_empty() {
        return Ok(None);
    }
    Ok(Some(Cue {
        start,
        text: lines.join(" "),
        voice,
    }))
}

/// The most hours a cue time may have: no recording is longer, and larger numbers would
/// overflow the seconds (`18446744073709551615:00:00,000` wrapped around before).
const MAX_HOURS: u64 = 9_999;

/// `01:02:03.500`, `02:03.500` or SubRip's `01:02:03,500` -> whole seconds.
fn parse_time(text: &str, format: Format) -> Option<u64> {
    let text = if format == Format::Srt {
        text.replace(',', ".")
    } else {
        text.to_string()
    };
    let whole = text.split('.').next()?;
    let parts: Vec<u64> = whole
        .split(':')
        .map(|p| p.parse().ok())
        .collect::<Option<_>>()?;
    match parts[..] {
        [h, m, s] if h <= MAX_HOURS && m < 60 && s < 60 => Some(h * 3600 + m * 60 + s),
        [m, s] if m < 60 && s < 60 && format == Format::Vtt => Some(m * 60 + s),
        _ => None,
    }
}

/// Drops `<v Name>`, `<i>`, `<c.x>` and timestamp tags and decodes the few entities WebVTT has.
fn strip_tags(line: &str, voice: &mut Option<String>) -> String {
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(open) = rest.find('<') {
        out.push_str(&rest[..open]);
        let Some(close) = rest[open..].find('>') else {
            out.push_str(&rest[open..]);
            rest = "";
            break;
        };
        let tag = &rest[open + 1..open + close];
        if let Some(name) = tag.strip_prefix("v ").or_else(|| tag.strip_prefix("v.")) {
            let name = name
                .split_once(' ')
                .map(|(_, n)| n)
                .filter(|_| tag.starts_with("v."))
                .unwrap_or(name);
            voice.get_or_insert_with(|| name.trim().to_string());
        }
        rest = &rest[open + close + 1..];
    }
    out.push_str(rest);
    let out = out
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&nbsp;", " ")
        .replace("&amp;", "&");
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `[m:ss]` under an hour, `[h:mm:ss]` from an hour on.
pub fn timestamp(seconds: u64) -> String {
    let (h, m, s) = (seconds / 3600, seconds / 60 % 60, seconds % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m}:{s:02}")
    }
}

/// The Markdown body: one paragraph per cue, `[12:40] text`.
pub fn to_markdown(cues: &[Cue]) -> String {
    cues.iter()
        .map(|cue| format!("[{}] {}", timestamp(cue.start), escape_inline(&cue.text)))
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// Keeps cue text from becoming Markdown links, emphasis or HTML.
fn escape_inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '\\' | '*' | '_' | '[' | ']' | '<' | '`') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The voices tagged in the cues (`<v Herman de Mönnink>`), first appearance first.
pub fn voices(cues: &[Cue]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for voice in cues.iter().filter_map(|c| c.voice.as_ref()) {
        if !out.contains(voice) {
            out.push(voice.clone());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const VTT: &str = "WEBVTT\n\nNOTE made by hand\n\n1\n00:00:05.000 --> 00:00:09.000\n<v Herman de Mönnink>Het sociaal werk\nstaat onder druk.\n\n00:12:40.250 --> 00:12:44.000 align:start\nDe <i>gereedschapskist</i> raakt leeg &amp; dat is zorgelijk.\n\n01:02:03.000 --> 01:02:05.000\nTot slot [applaus].\n";

    #[test]
    fn vtt_cues_become_timed_paragraphs() {
        let cues = parse(VTT, Format::Vtt).unwrap();
        assert_eq!(
            to_markdown(&cues),
            "[0:05] Het sociaal werk staat onder druk.\n\n[12:40] De gereedschapskist raakt leeg & dat is zorgelijk.\n\n[1:02:03] Tot slot \\[applaus\\]."
        );
        assert_eq!(voices(&cues), vec!["Herman de Mönnink"]);
    }

    #[test]
    fn srt_uses_commas_and_numbers() {
        let srt = "1\r\n00:12:40,000 --> 00:12:42,000\r\nEen zin.\r\n\r\n2\r\n00:12:43,000 --> 00:12:45,000\r\nNog een.\r\n";
        let cues = parse(srt, Format::Srt).unwrap();
        assert_eq!(to_markdown(&cues), "[12:40] Een zin.\n\n[12:43] Nog een.");
    }

    #[test]
    fn huge_hours_are_refused_not_wrapped() {
        let srt = "1\n18446744073709551615:00:00,000 --> 18446744073709551615:00:01,000\nA\n";
        let error = parse(srt, Format::Srt).unwrap_err();
        assert!(error.starts_with("line 2:"), "{error}");
        let srt = "1\n9999:59:59,000 --> 9999:59:59,500\nA\n";
        assert_eq!(
            parse(srt, Format::Srt).unwrap()[0].start,
            9_999 * 3600 + 3599
        );
    }

    #[test]
    fn bad_times_and_missing_header_name_the_line() {
        assert!(parse("1\n00:00:01,000 --> x\nA\n", Format::Srt).is_ok());
        let error = parse("WEBVTT\n\n00:xx:01.000 --> 00:00:02.000\nA\n", Format::Vtt).unwrap_err();
        assert!(error.starts_with("line 3:"), "{error}");
        assert!(parse("00:00:01.000 --> 00:00:02.000\nA\n", Format::Vtt)
            .unwrap_err()
            .contains("WEBVTT"));
    }
}
