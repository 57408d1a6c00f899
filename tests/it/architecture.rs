//! The layering of ARCHITECTURE.md's code map, checked on the source: a module may use the
//! modules below it, never one above it or beside it that it must not know. A `use crate::x` or
//! `crate::x::` path in a file of module `m` is an arrow m -> x; an arrow the rules forbid fails
//! here with the file and line, unless it is one of the few known exceptions listed with why.

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
        let Some((_, forbidden)) = MUST_NOT.iter().find(|(m, _)| *m == module) else {
            continue;
        };
        let text = std::fs::read_to_string(file).unwrap();
        for (n, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            for target in forbidden.iter() {
                let used = code.contains(&format!("crate::{target}::"))
                    || code.contains(&format!("crate::{target};"))
                    || code.contains(&format!("crate::{target}}}"))
                    || code.contains(&format!("crate::{target},"))
                    || code.contains(&format!("crate::{{{target}"));
                if !used {
                    continue;
                }
                if KNOWN.iter().any(|(f, t, _)| *f == relative && t == target) {
                    seen_known.push((relative.clone(), target.to_string()));
                    continue;
                }
                broken.push(format!(
                    "src/{relative}:{}: `{module}` must not use `{target}`: {}",
                    n + 1,
                    line.trim()
                ));
            }
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
