//! Front matter: splits a file's text into metadata and body and turns it into an [`Item`].
//!
//! TOML between `+++` lines (Zola, Hugo) or YAML between `---` lines (Jekyll, Hugo).
//! Works on strings only: reading files is `archive::load`'s job, so every rule here is
//! tested on plain text. Every problem carries the line it is on and how to fix it.

use serde_json::{Map, Value};

use super::date::ItemDate;
use super::fields::ItemField;
use super::item::{Item, Kind, Language, Speaker};
use super::language::detect_language;

/// One thing wrong with a file: the 1-based line and a message that says how to fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub line: usize,
    pub message: String,
}

impl Problem {
    fn new(line: usize, message: impl Into<String>) -> Problem {
        Problem {
            line,
            message: message.into(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Toml,
    Yaml,
}

/// A file's text cut into its front matter and body, with the line numbers where each starts.
#[derive(Debug)]
pub struct Split<'a> {
    pub format: Format,
    pub front: &'a str,
    /// Line number (1-based) of the first front-matter line.
    pub front_line: usize,
    pub body: &'a str,
}

/// Cuts the text at the `+++` or `---` fences.
pub fn split(text: &str) -> Result<Split<'_>, Problem> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let first = text.lines().next().unwrap_or("").trim_end();
    let (format, fence) = match first {
        "+++" => (Format::Toml, "+++"),
        "---" => (Format::Yaml, "---"),
        _ => {
            return Err(Problem::new(
                1,
                "the file does not start with front matter: put the metadata between `+++` lines \
                 (TOML) or `---` lines (YAML) at the top, e.g. `+++` / `title = \"...\"` / `date = \"2022-10-06\"` / `+++`",
            ))
        }
    };
    let after_first = &text[text.find('\n').map(|i| i + 1).unwrap_or(text.len())..];
    let mut offset = 0;
    for line in after_first.split_inclusive('\n') {
        if line.trim_end() == fence {
            let front = &after_first[..offset];
            let body = &after_first[offset + line.len()..];
            return Ok(Split {
                format,
                front,
                front_line: 2,
                body,
            });
        }
        offset += line.len();
    }
    Err(Problem::new(
        1,
        format!("the front matter opened with `{fence}` on line 1 is never closed: did you forget the closing `{fence}` line?"),
    ))
}

/// Parses a whole item file. `relative_path` (with `/`) gives the id.
pub fn parse_item(text: &str, relative_path: &str) -> Result<Item, Vec<Problem>> {
    let split = split(text).map_err(|p| vec![p])?;
    let fields = parse_fields(&split).map_err(|p| vec![p])?;
    let line_of = |key: &str| key_line(&split, key);
    let field_line = |field: ItemField| key_line(&split, field.as_str());
    let value_of = |field: ItemField| fields.get(field.as_str());
    let mut problems = Vec::new();

    for key in fields.keys() {
        if ItemField::of_front_matter(key).is_none() {
            let hint = closest_field(key)
                .map(|f| format!("did you mean `{f}`? "))
                .unwrap_or_default();
            problems.push(Problem::new(
                line_of(key),
                format!(
                    "unknown field `{key}`: {hint}allowed fields are {}",
                    ItemField::FRONT_MATTER.map(ItemField::as_str).join(", ")
                ),
            ));
        }
    }

    let text_field = |field: ItemField, problems: &mut Vec<Problem>| -> Option<String> {
        let key = field.as_str();
        match fields.get(key) {
            None | Some(Value::Null) => None,
            Some(Value::String(s)) if s.trim().is_empty() => None,
            Some(Value::String(s)) => Some(s.trim().to_string()),
            Some(Value::Number(n)) => Some(n.to_string()),
            Some(other) => {
                problems.push(Problem::new(
                    line_of(key),
                    format!(
                        "`{key}` must be text, not {}: put it in quotes",
                        describe(other)
                    ),
                ));
                None
            }
        }
    };

    let title = text_field(ItemField::Title, &mut problems);
    let date_text = text_field(ItemField::Date, &mut problems);
    let kind_text = text_field(ItemField::Kind, &mut problems);
    let series = text_field(ItemField::Series, &mut problems);
    let event = text_field(ItemField::Event, &mut problems);
    let organisation = text_field(ItemField::Organisation, &mut problems);
    let language_text = text_field(ItemField::Language, &mut problems);
    let source = text_field(ItemField::Source, &mut problems);
    let url = text_field(ItemField::Url, &mut problems);
    let summary = text_field(ItemField::Summary, &mut problems);

    if title.is_none() {
        problems.push(Problem::new(
            split.front_line,
            "missing `title`: add a line such as `title = \"Marie Kamphuis Lezing 2022\"`",
        ));
    }
    let date = match &date_text {
        None => {
            problems.push(Problem::new(
                split.front_line,
                "missing `date`: add a line such as `date = \"2022-10-06\"` (or `\"2022-10\"`, `\"2022\"` when only that is known)",
            ));
            None
        }
        Some(text) => match ItemDate::parse(text) {
            Ok(date) => Some(date),
            Err(message) => {
                problems.push(Problem::new(field_line(ItemField::Date), message));
                None
            }
        },
    };
    let kind = match &kind_text {
        None => Kind::Other,
        Some(text) => Kind::parse(text).unwrap_or_else(|| {
            problems.push(Problem::new(
                field_line(ItemField::Kind),
                format!(
                    "unknown kind `{text}`: use one of {}",
                    Kind::ALL.map(Kind::as_str).join(", ")
                ),
            ));
            Kind::Other
        }),
    };
    let language = match &language_text {
        None => None,
        Some(text) => match Language::parse(text) {
            Some(language) => Some(language),
            None => {
                problems.push(Problem::new(
                    field_line(ItemField::Language),
                    format!("unknown language `{text}`: use `nl` or `en`"),
                ));
                None
            }
        },
    };
    let speakers = parse_speakers(
        value_of(ItemField::Speakers),
        field_line(ItemField::Speakers),
        &mut problems,
    );
    let themes = parse_string_list(
        value_of(ItemField::Themes),
        ItemField::Themes.as_str(),
        field_line(ItemField::Themes),
        &mut problems,
    );

    let quotes = match value_of(ItemField::Quotes) {
        None | Some(Value::Null) => Vec::new(),
        Some(value) => super::quotes::parse_overrides(value).unwrap_or_else(|message| {
            problems.push(Problem::new(quotes_line(&split), message));
            Vec::new()
        }),
    };

    let (Some(title), Some(date)) = (title, date) else {
        return Err(problems);
    };
    if !problems.is_empty() {
        return Err(problems);
    }
    let body = split.body.trim().to_string();
    let (language, language_detected) = match language {
        Some(language) => (language, false),
        None => (detect_language(&format!("{title}\n{body}")), true),
    };
    Ok(Item {
        id: Item::id_for_path(std::path::Path::new(relative_path)),
        path: relative_path.to_string(),
        title,
        date,
        kind,
        speakers,
        themes,
        series,
        event,
        organisation,
        language,
        language_detected,
        source,
        url,
        summary,
        body,
        quotes,
        attributions: Default::default(),
    })
}

/// The line of the `quotes` field: `quotes = [...]`, `quotes:` or the first `[[quotes]]`.
fn quotes_line(split: &Split<'_>) -> usize {
    split
        .front
        .lines()
        .position(|line| line.trim() == "[[quotes]]")
        .map(|i| split.front_line + i)
        .unwrap_or_else(|| key_line(split, "quotes"))
}

/// How deeply lists and tables may nest in front matter. Items need two levels
/// (`speakers = [{ name = "..", role = ".." }]`); one more is allowed, anything deeper is refused
/// before the TOML or YAML parser sees it (100,000 nested `[` took the YAML parser 29 s).
pub const MAX_NESTING: usize = 3;

/// The first place where `front` nests lists or tables deeper than [`MAX_NESTING`]: flow
/// brackets `[` `{` outside strings and comments, and in YAML also compact block sequences
/// (`- - - x`). The line is 1-based within `front`.
fn too_deep(front: &str, format: Format) -> Option<usize> {
    let mut depth = 0usize;
    let mut quote: Option<char> = None;
    for (number, line) in front.lines().enumerate() {
        let mut chars = line.chars().peekable();
        // YAML: the `- ` openers at the start of a line nest like brackets.
        let mut dashes = 0;
        if format == Format::Yaml && quote.is_none() && depth == 0 {
            let mut rest = line.trim_start();
            while let Some(after) = rest.strip_prefix('-') {
                if !(after.is_empty() || after.starts_with([' ', '\t'])) {
                    break;
                }
                dashes += 1;
                rest = after.trim_start();
            }
            if dashes > MAX_NESTING {
                return Some(number + 1);
            }
        }
        // What came before a bracket on this line (YAML counts only brackets that open a value).
        let mut previous = ' ';
        let mut at_value_start = true;
        while let Some(c) = chars.next() {
            let mut opened = false;
            match quote {
                Some(q) => {
                    if c == '\\' && q == '"' {
                        chars.next();
                    } else if c == q {
                        quote = None;
                    }
                }
                None => match c {
                    // A YAML quote only opens a scalar at its start (`it's` is plain text).
                    '"' | '\'' if format == Format::Toml || at_value_start => quote = Some(c),
                    '#' if format == Format::Toml || previous.is_whitespace() || at_value_start => {
                        break
                    }
                    '[' | '{' if format == Format::Toml || depth > 0 || at_value_start => {
                        opened = true;
                        depth += 1;
                        if depth + dashes > MAX_NESTING {
                            return Some(number + 1);
                        }
                    }
                    ']' | '}' => depth = depth.saturating_sub(1),
                    _ => {}
                },
            }
            if !c.is_whitespace() {
                at_value_start = match c {
                    '[' | '{' => opened,
                    ',' => depth > 0,
                    ':' | '-' | '?' => true,
                    _ => false,
                };
            }
            previous = c;
        }
        // A quoted YAML or basic TOML string does not run past its line (multi-line strings
        // only hold text, so a bracket in them is counted at worst, never missed).
        if quote.is_some_and(|q| q == '\'' || format == Format::Yaml) {
            quote = None;
        }
    }
    None
}

fn parse_fields(split: &Split<'_>) -> Result<Map<String, Value>, Problem> {
    if let Some(line) = too_deep(split.front, split.format) {
        return Err(Problem::new(
            split.front_line + line - 1,
            format!(
                "lists or tables nest more than {MAX_NESTING} levels deep here: a field is text, a list of text, or a list of `{{ name, role }}` or `[[quotes]]` tables"
            ),
        ));
    }
    let value = match split.format {
        Format::Toml => {
            let table: toml::Table = toml::from_str(split.front).map_err(|e| {
                let line = e
                    .span()
                    .map(|span| split.front[..span.start].matches('\n').count())
                    .unwrap_or(0);
                Problem::new(
                    split.front_line + line,
                    format!(
                        "the TOML front matter does not parse: {} (text values need double quotes, lists need [ ])",
                        e.message()
                    ),
                )
            })?;
            toml_to_json(toml::Value::Table(table))
        }
        Format::Yaml => {
            if split.front.trim().is_empty() {
                Value::Object(Map::new())
            } else {
                serde_yaml_ng::from_str::<Value>(split.front).map_err(|e| {
                    let line = e
                        .location()
                        .map(|l| l.line().saturating_sub(1))
                        .unwrap_or(0);
                    Problem::new(
                        split.front_line + line,
                        format!("the YAML front matter does not parse: {e}"),
                    )
                })?
            }
        }
    };
    match value {
        Value::Object(map) => Ok(map),
        Value::Null => Ok(Map::new()),
        _ => Err(Problem::new(
            split.front_line,
            "the front matter must be a list of `field = value` lines",
        )),
    }
}

fn toml_to_json(value: toml::Value) -> Value {
    match value {
        toml::Value::String(s) => Value::String(s),
        toml::Value::Integer(i) => Value::from(i),
        toml::Value::Float(f) => Value::from(f),
        toml::Value::Boolean(b) => Value::Bool(b),
        toml::Value::Datetime(d) => Value::String(d.to_string()),
        toml::Value::Array(a) => Value::Array(a.into_iter().map(toml_to_json).collect()),
        toml::Value::Table(t) => {
            Value::Object(t.into_iter().map(|(k, v)| (k, toml_to_json(v))).collect())
        }
    }
}

fn parse_speakers(value: Option<&Value>, line: usize, problems: &mut Vec<Problem>) -> Vec<Speaker> {
    let values = match value {
        None | Some(Value::Null) => return Vec::new(),
        Some(Value::String(name)) => return vec![Speaker::new(name.trim(), None)],
        Some(Value::Array(values)) => values,
        Some(other) => {
            problems.push(Problem::new(line, format!("`speakers` must be a list, not {}: write `speakers = [\"Name\", {{ name = \"Other\", role = \"panel\" }}]`", describe(other))));
            return Vec::new();
        }
    };
    let mut speakers = Vec::new();
    for value in values {
        match value {
            Value::String(name) if !name.trim().is_empty() => speakers.push(Speaker::new(name.trim(), None)),
            Value::Object(map) => {
                let name = map.get("name").and_then(Value::as_str).map(str::trim);
                let role = map.get("role").and_then(Value::as_str).map(|r| r.trim().to_string());
                let extra: Vec<&String> = map.keys().filter(|k| *k != "name" && *k != "role").collect();
                if !extra.is_empty() {
                    problems.push(Problem::new(line, format!("a speaker has unknown field(s) {extra:?}: a speaker has only `name` and `role`")));
                }
                match name {
                    Some(name) if !name.is_empty() => speakers.push(Speaker::new(name, role.filter(|r| !r.is_empty()))),
                    _ => problems.push(Problem::new(line, "a speaker has no `name`: write `{ name = \"...\", role = \"lecturer\" }`")),
                }
            }
            other => problems.push(Problem::new(line, format!("a speaker must be a name in quotes or `{{ name = \"...\", role = \"...\" }}`, not {}", describe(other)))),
        }
    }
    speakers
}

fn parse_string_list(
    value: Option<&Value>,
    key: &str,
    line: usize,
    problems: &mut Vec<Problem>,
) -> Vec<String> {
    match value {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::String(s)) => vec![s.trim().to_string()],
        Some(Value::Array(values)) => values
            .iter()
            .filter_map(|v| match v {
                Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
                Value::String(_) => None,
                other => {
                    problems.push(Problem::new(
                        line,
                        format!("`{key}` must hold text values, not {}", describe(other)),
                    ));
                    None
                }
            })
            .collect(),
        Some(other) => {
            problems.push(Problem::new(
                line,
                format!(
                    "`{key}` must be a list such as [\"sociaal werk\", \"armoede\"], not {}",
                    describe(other)
                ),
            ));
            Vec::new()
        }
    }
}

fn describe(value: &Value) -> &'static str {
    match value {
        Value::Null => "nothing",
        Value::Bool(_) => "true/false",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Array(_) => "a list",
        Value::Object(_) => "a table",
    }
}

/// The line of `key` inside the front matter, or the front matter's first line.
fn key_line(split: &Split<'_>, key: &str) -> usize {
    for (i, line) in split.front.lines().enumerate() {
        let trimmed = line.trim_start().trim_start_matches('"');
        if let Some(rest) = trimmed.strip_prefix(key) {
            let rest = rest.trim_start_matches('"').trim_start();
            if rest.starts_with('=') || rest.starts_with(':') {
                return split.front_line + i;
            }
        }
    }
    split.front_line
}

fn closest_field(key: &str) -> Option<&'static str> {
    ItemField::FRONT_MATTER
        .into_iter()
        .map(|f| (edit_distance(key, f.as_str()), f.as_str()))
        .filter(|(d, _)| *d <= 2)
        .min()
        .map(|(_, f)| f)
}

/// Levenshtein distance on chars; small inputs only.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != *cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deep_nesting_is_refused_before_parsing_with_its_line() {
        let deep = format!("[{}]", "[".repeat(100_000) + &"]".repeat(100_000));
        for text in [
            format!("---\ntitle: Diep\ndate: 2020\nthemes: {deep}\n---\nTekst\n"),
            format!("+++\ntitle = \"Diep\"\ndate = \"2020\"\nthemes = {deep}\n+++\nTekst\n"),
            format!("---\ntitle: Diep\nthemes: [x', {deep}]\n---\n"),
            format!(
                "---\ntitle: Diep\nthemes:\n  {}x\n---\n",
                "- ".repeat(100_000)
            ),
        ] {
            let started = std::time::Instant::now();
            let problems = parse_item(&text, "diep.md").unwrap_err();
            assert!(started.elapsed() < std::time::Duration::from_millis(500));
            assert_eq!(
                problems[0].line,
                4 - usize::from(text.contains("x'")),
                "{:?}",
                problems
            );
            assert!(
                problems[0].message.contains("nest more than 3"),
                "{:?}",
                problems
            );
        }
    }

    #[test]
    fn the_nesting_items_need_still_parses() {
        let toml = "+++\ntitle = \"Het [concept] {x}\"\ndate = \"2020\"\nspeakers = [{ name = \"A [b]\", role = \"c\" }]\n# [[[[[\n+++\n";
        assert!(
            parse_item(toml, "a.md").is_ok(),
            "{:?}",
            parse_item(toml, "a.md")
        );
        let yaml = "---\ntitle: It's [[[[ fine\ndate: 2020\nspeakers:\n  - name: A\n    role: b\n  - {name: \"C [[[[\", role: d}\nthemes: [a, b] # [[[[\n---\n";
        assert!(
            parse_item(yaml, "a.md").is_ok(),
            "{:?}",
            parse_item(yaml, "a.md")
        );
    }

    const GOOD: &str = "+++\ntitle = \"Lezing\"\ndate = 2022-10-06\nkind = \"lecture\"\nspeakers = [\"Ann\", { name = \"Bo\", role = \"panel\" }]\nlanguage = \"nl\"\n+++\nTekst.\n";

    #[test]
    fn parses_toml_with_a_bare_toml_date() {
        let item = parse_item(GOOD, "a/b.md").unwrap();
        assert_eq!(item.id, "a-b");
        assert_eq!(item.date.to_string(), "2022-10-06");
        assert_eq!(item.speakers[1].role.as_deref(), Some("panel"));
        assert_eq!(item.body, "Tekst.");
    }

    #[test]
    fn parses_yaml() {
        let text = "---\ntitle: Talk\ndate: 2021-03\nthemes: [poverty]\nlanguage: en\n---\nBody";
        let item = parse_item(text, "t.md").unwrap();
        assert_eq!(item.themes, vec!["poverty"]);
        assert_eq!(item.date.month, Some(3));
    }

    #[test]
    fn unknown_field_names_line_and_suggests() {
        let text = "+++\ntitle = \"x\"\ndate = \"2022\"\nspeker = \"Ann\"\n+++\n";
        let problems = parse_item(text, "x.md").unwrap_err();
        assert_eq!(problems[0].line, 4);
        assert!(
            problems[0].message.contains("did you mean `speakers`"),
            "{}",
            problems[0].message
        );
    }

    #[test]
    fn unclosed_front_matter_says_so() {
        let problems = parse_item("+++\ntitle = \"x\"\n", "x.md").unwrap_err();
        assert!(problems[0].message.contains("never closed"));
    }

    #[test]
    fn toml_syntax_error_has_its_line() {
        let problems = parse_item(
            "+++\ntitle = \"x\"\ndate = \"2022\"\nseries = Marie\n+++\n",
            "x.md",
        )
        .unwrap_err();
        assert_eq!(problems[0].line, 4, "{:?}", problems);
    }

    #[test]
    fn bad_date_is_reported_on_its_line() {
        let problems =
            parse_item("+++\ntitle = \"x\"\ndate = \"2022-02-31\"\n+++\n", "x.md").unwrap_err();
        assert_eq!(problems[0].line, 3);
    }
}
