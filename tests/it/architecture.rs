//! The layering of ARCHITECTURE.md's code map, checked on the source: a module may use the
//! modules below it, never one above it or beside it that it must not know. A `crate::x` path
//! in a file of module `m` (also inside a grouped `use crate::{a, x::y}` over several lines) is
//! an arrow m -> x; an arrow the rules forbid fails here with the file and line, unless it is
//! one of the few known exceptions listed with why. The HTTP and HTML crates belong to `web`,
//! the terminal ones to `cli`, and `main.rs` reaches the library only through `cli` and
//! `config` (and the PDF reader's helper process).

use std::path::Path;

use crate::support::repo;

/// For each top-level module, the modules it must not use.
const MUST_NOT: &[(&str, &[&str])] = &[
    (
        "archive",
        &[
            "analysis", "index", "search", "ingest", "eval", "service", "web", "cli", "config",
        ],
    ),
    (
        "analysis",
        &[
            "index", "search", "ingest", "eval", "service", "web", "cli", "config",
        ],
    ),
    (
        "index",
        &[
            "search", "ingest", "eval", "service", "web", "cli", "config",
        ],
    ),
    (
        "search",
        &["ingest", "eval", "web", "cli", "config", "service"],
    ),
    (
        "ingest",
        &["search", "eval", "web", "cli", "config", "service"],
    ),
    ("eval", &["ingest", "service", "web", "cli", "config"]),
    ("service", &["web", "cli", "eval"]),
    ("web", &["cli", "eval"]),
    ("cli", &["web"]),
    (
        "config",
        &[
            "archive", "analysis", "index", "search", "ingest", "eval", "service", "web", "cli",
        ],
    ),
];

/// Arrows that break a rule today, each with why it is still there (issue 16 moves them into
/// an application layer). A new arrow fails; removing one of these makes its entry stale,
/// which fails too, so the list only shrinks.
const KNOWN: &[(&str, &str, &str)] = &[(
    "cli/serve.rs",
    "web",
    "the serve command starts the web server",
)];

/// Crates that only these top-level modules may use: HTTP and HTML in `web`, the terminal in
/// `cli` (`config` derives its command-line value types, `main.rs` parses the arguments).
const ONLY_IN: &[(&str, &[&str])] = &[
    ("axum", &["web"]),
    ("maud", &["web"]),
    ("hyper", &["web"]),
    ("hyper_util", &["web"]),
    ("tower", &["web"]),
    ("tower_http", &["web"]),
    ("indicatif", &["cli"]),
    ("rpassword", &["cli"]),
    ("clap", &["cli", "config", "main"]),
];

/// What `main.rs` may use of the library.
const MAIN_USES: &[&str] = &["cli", "config", "ingest::pdf"];

/// Source text without `//` comments (line numbers kept); `"//"` inside a string is rare
/// enough in `use` lines to ignore.
fn code_of(text: &str) -> Vec<&str> {
    text.lines()
        .map(|line| line.split("//").next().unwrap_or(""))
        .collect()
}

/// The top-level modules (or crates, for `prefix` `""`) that `prefix` paths in `lines` name,
/// with the 1-based line of each: `crate::x::..`, `crate::x;` and every member of a group
/// `crate::{x, y::z}` (nested and over several lines).
fn arrows(lines: &[&str], prefix: &str) -> Vec<(usize, String)> {
    let text = lines.join("\n");
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(at) = text[from..].find(prefix).map(|i| from + i) {
        from = at + prefix.len();
        let before = text[..at].chars().next_back();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
            continue;
        }
        let line = text[..at].matches('\n').count() + 1;
        let rest = &text[from..];
        if let Some(group) = rest.strip_prefix('{') {
            // The group's top-level members: split at commas outside nested braces.
            let mut depth = 0;
            let mut member = String::new();
            for c in group.chars() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => break,
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        found.push((line, first_name(&member)));
                        member.clear();
                        continue;
                    }
                    _ => {}
                }
                member.push(c);
            }
            found.push((line, first_name(&member)));
        } else {
            found.push((line, first_name(rest)));
        }
    }
    found.retain(|(_, name)| !name.is_empty() && name != "self");
    found
}

/// The first identifier of a path.
fn first_name(path: &str) -> String {
    path.trim()
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect()
}

/// `a::b` when `path` starts with a module and a submodule, else `a`.
fn path_of(lines: &[&str], line: usize, prefix: &str) -> String {
    let code = lines[line - 1];
    let start = code.find(prefix).map_or(0, |i| i + prefix.len());
    code[start..]
        .split(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
        .next()
        .unwrap_or("")
        .trim_end_matches(':')
        .to_string()
}

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn no_module_uses_one_it_must_not() {
    let src = repo().join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    files.sort();
    let mut broken = Vec::new();
    let mut seen_known = Vec::new();
    for file in &files {
        let relative = file
            .strip_prefix(&src)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let module = relative
            .split(['/', '.'])
            .next()
            .unwrap_or_default()
            .to_string();
        let Some(&(_, forbidden)) = MUST_NOT.iter().find(|(m, _)| *m == module) else {
            continue;
        };
        let text = std::fs::read_to_string(file).unwrap();
        let lines = code_of(&text);
        for (n, target) in arrows(&lines, "crate::") {
            if !forbidden.contains(&target.as_str()) {
                continue;
            }
            if KNOWN.iter().any(|(f, t, _)| *f == relative && *t == target) {
                seen_known.push((relative.clone(), target.clone()));
                continue;
            }
            broken.push(format!(
                "src/{relative}:{n}: `{module}` must not use `{target}`: {}",
                lines[n - 1].trim()
            ));
        }
    }
    assert!(
        broken.is_empty(),
        "arrows the code map forbids:\n{}",
        broken.join("\n")
    );
    for (file, target, why) in KNOWN {
        assert!(
            seen_known.iter().any(|(f, t)| f == file && t == target),
            "src/{file} no longer uses `{target}` ({why}): remove it from KNOWN"
        );
    }
}

#[test]
fn http_html_and_terminal_crates_stay_in_their_front_end() {
    let src = repo().join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    files.sort();
    let mut broken = Vec::new();
    for file in &files {
        let relative = file
            .strip_prefix(&src)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let module = relative.split(['/', '.']).next().unwrap_or_default();
        let text = std::fs::read_to_string(file).unwrap();
        let lines = code_of(&text);
        for (krate, allowed) in ONLY_IN {
            if allowed.contains(&module) {
                continue;
            }
            for (n, _) in arrows(&lines, &format!("{krate}::")) {
                broken.push(format!(
                    "src/{relative}:{n}: `{module}` must not use the crate `{krate}` (only {allowed:?}): {}",
                    lines[n - 1].trim()
                ));
            }
        }
    }
    assert!(
        broken.is_empty(),
        "crates outside their layer:\n{}",
        broken.join("\n")
    );
}

#[test]
fn main_reaches_the_library_only_through_the_command_line() {
    let text = std::fs::read_to_string(repo().join("src/main.rs")).unwrap();
    let lines = code_of(&text);
    let broken: Vec<String> = arrows(&lines, "lectern::")
        .into_iter()
        .filter(|(n, _)| {
            let path = path_of(&lines, *n, "lectern::");
            !MAIN_USES
                .iter()
                .any(|allowed| path == *allowed || path.starts_with(&format!("{allowed}::")))
        })
        .map(|(n, target)| format!("src/main.rs:{n}: uses `{target}`: {}", lines[n - 1].trim()))
        .collect();
    assert!(
        broken.is_empty(),
        "main.rs must only parse arguments, set up logging and call `cli`:\n{}",
        broken.join("\n")
    );
}

#[test]
fn grouped_and_split_imports_are_arrows_too() {
    let source = "use crate::{archive::Item,\n    web::{AppState, app}};\nlet x = crate::index::open(); // crate::cli::run\nuse tantivy::Index;";
    let lines = code_of(source);
    let found: Vec<String> = arrows(&lines, "crate::")
        .into_iter()
        .map(|(_, t)| t)
        .collect();
    assert_eq!(found, ["archive", "web", "index"]);
    assert_eq!(arrows(&lines, "crate::")[1].0, 1);
}
