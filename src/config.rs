//! The effective settings and where each came from: a flag, the environment (`LECTERN_*`),
//! `lectern.toml`, or the default. Flags beat the environment, which beats the file.
//!
//! clap already reads flags and environment variables (and tells which one it used); this
//! module adds the optional file underneath and keeps the source of every value for
//! `lectern config`. It knows the command line only through clap's `ArgMatches`.

use std::fmt;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use clap::parser::ValueSource;
use clap::ArgMatches;
use serde::Deserialize;

pub mod identity;
pub use identity::Identity;

/// Where the optional settings file is looked for when `--config` is not given.
pub const DEFAULT_FILE: &str = "lectern.toml";

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    Default,
    File(PathBuf),
    Env(&'static str),
    Flag(&'static str),
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Source::Default => write!(f, "default"),
            Source::File(path) => write!(f, "from {}", path.display()),
            Source::Env(name) => write!(f, "from environment {name}"),
            Source::Flag(flag) => write!(f, "from flag {flag}"),
        }
    }
}

#[derive(Debug, Clone)]
pub struct Setting<T> {
    pub value: T,
    pub source: Source,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    Text,
    Json,
}

/// Every setting, resolved.
#[derive(Debug, Clone)]
pub struct Config {
    /// The settings file that was read, if any.
    pub file: Option<PathBuf>,
    pub archive: Setting<PathBuf>,
    pub index: Setting<PathBuf>,
    pub addr: Setting<SocketAddr>,
    pub log_format: Setting<LogFormat>,
    pub log: Setting<String>,
    /// Pseudo-relevance feedback (RM3) for searches by relevance (`search::feedback`): off
    /// unless `feedback = true` in the file or `LECTERN_FEEDBACK=1`.
    pub feedback: Setting<bool>,
    /// The site's name, organisation, logo and colours (`[site]` in the file; `config::identity`).
    pub identity: Identity,
}

/// What `lectern.toml` may hold. Relative paths are relative to the file's folder.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileSettings {
    archive: Option<PathBuf>,
    index: Option<PathBuf>,
    addr: Option<SocketAddr>,
    log_format: Option<LogFormat>,
    log: Option<String>,
    feedback: Option<bool>,
    site: Option<identity::SiteSettings>,
}

/// (argument id, flag, environment variable) for each setting clap knows.
const ARGS: [(&str, &str, &str); 5] = [
    ("archive", "--archive", "LECTERN_ARCHIVE"),
    ("index", "--index", "LECTERN_INDEX"),
    ("addr", "--addr", "LECTERN_ADDR"),
    ("log_format", "--log-format", "LECTERN_LOG_FORMAT"),
    ("log", "--log", "LECTERN_LOG"),
];

impl Config {
    /// Resolves every setting from parsed arguments (global ones and `serve`'s) and the file.
    pub fn resolve(matches: &ArgMatches) -> anyhow::Result<Config> {
        let (file, text, settings) = read_file(matches.get_one::<PathBuf>("config"))?;
        let serve = matches.subcommand_matches("serve");
        let dir = file
            .as_deref()
            .and_then(Path::parent)
            .unwrap_or(Path::new(""));
        let in_dir = |p: PathBuf| if p.is_relative() { dir.join(p) } else { p };
        let source = |id: &str| -> Option<Source> {
            let (_, flag, env) = ARGS.iter().find(|(arg, _, _)| *arg == id)?;
            let found = [Some(matches), serve]
                .into_iter()
                .flatten()
                .find_map(|m| m.try_get_raw(id).ok().flatten().map(|_| m.value_source(id)))?;
            match found? {
                ValueSource::CommandLine => Some(Source::Flag(flag)),
                ValueSource::EnvVariable => Some(Source::Env(env)),
                _ => None,
            }
        };
        let file_source = || Source::File(file.clone().unwrap_or_default());
        let pick = |id: &str, from_file: Option<String>, default: &str| -> Setting<String> {
            if let Some(source) = source(id) {
                let value = [Some(matches), serve]
                    .into_iter()
                    .flatten()
                    .find_map(|m| m.try_get_raw(id).ok().flatten())
                    .and_then(|mut raw| raw.next())
                    .map(|v| v.to_string_lossy().into_owned())
                    .unwrap_or_default();
                Setting { value, source }
            } else if let Some((value, name)) = env_only(id) {
                Setting {
                    value,
                    source: Source::Env(name),
                }
            } else if let Some(value) = from_file {
                Setting {
                    value,
                    source: file_source(),
                }
            } else {
                Setting {
                    value: default.to_string(),
                    source: Source::Default,
                }
            }
        };
        let path = |p: Option<PathBuf>| p.map(|p| in_dir(p).to_string_lossy().into_owned());
        let archive = pick("archive", path(settings.archive), "archive");
        let index = pick("index", path(settings.index), "index");
        let addr = pick(
            "addr",
            settings.addr.map(|a| a.to_string()),
            "127.0.0.1:3000",
        );
        let log_format = pick(
            "log_format",
            settings.log_format.map(|f| format!("{f:?}").to_lowercase()),
            "text",
        );
        let log = pick("log", settings.log, "info,tantivy=warn");
        let feedback = match std::env::var(FEEDBACK_ENV).ok().filter(|v| !v.is_empty()) {
            Some(value) => Setting {
                value: parse_switch(&value)
                    .map_err(|e| anyhow::anyhow!("{e} (from environment {FEEDBACK_ENV})"))?,
                source: Source::Env(FEEDBACK_ENV),
            },
            None => match settings.feedback {
                Some(value) => Setting {
                    value,
                    source: file_source(),
                },
                None => Setting {
                    value: false,
                    source: Source::Default,
                },
            },
        };
        let identity = match settings.site {
            Some(site) => site
                .resolve(file.as_deref().unwrap_or(Path::new("")), &text, dir)
                .map_err(|e| anyhow::anyhow!("{e}"))?,
            None => Identity::default(),
        };
        Ok(Config {
            identity,
            file,
            archive: map(archive, |v| Ok(PathBuf::from(v)))?,
            index: map(index, |v| Ok(PathBuf::from(v)))?,
            addr: map(addr, |v| {
                v.parse()
                    .map_err(|e| format!("`{v}` is not an address such as 127.0.0.1:3000 ({e})"))
            })?,
            log_format: map(log_format, |v| match v.as_str() {
                "json" => Ok(LogFormat::Json),
                "text" => Ok(LogFormat::Text),
                other => Err(format!("`{other}` is not a log format: use text or json")),
            })?,
            log,
            feedback,
        })
    }

    /// The settings as TOML that could go into `lectern.toml`, each with its source.
    pub fn to_toml(&self) -> String {
        let line = |key: &str, value: String, source: &Source| {
            format!("{key:<10} = {value:<30} # {source}\n")
        };
        let quoted = |s: &str| toml::Value::String(s.to_string()).to_string();
        let mut out = String::new();
        out += &match &self.file {
            Some(file) => format!("# settings file: {}\n", file.display()),
            None => format!("# settings file: none ({DEFAULT_FILE} not found; --config or LECTERN_CONFIG to name one)\n"),
        };
        out += &line(
            "archive",
            quoted(&self.archive.value.to_string_lossy()),
            &self.archive.source,
        );
        out += &line(
            "index",
            quoted(&self.index.value.to_string_lossy()),
            &self.index.source,
        );
        out += &line(
            "addr",
            quoted(&self.addr.value.to_string()),
            &self.addr.source,
        );
        let format = format!("{:?}", self.log_format.value).to_lowercase();
        out += &line("log_format", quoted(&format), &self.log_format.source);
        out += &line("log", quoted(&self.log.value), &self.log.source);
        out += &line(
            "feedback",
            self.feedback.value.to_string(),
            &self.feedback.source,
        );
        out += &self.identity.to_toml();
        out
    }
}

/// The environment variable that turns pseudo-relevance feedback on (`1`/`true`) or off.
pub const FEEDBACK_ENV: &str = "LECTERN_FEEDBACK";

fn parse_switch(value: &str) -> Result<bool, String> {
    match value.trim().to_lowercase().as_str() {
        "1" | "true" | "on" | "yes" => Ok(true),
        "0" | "false" | "off" | "no" => Ok(false),
        other => Err(format!("`{other}` is not on or off: use true or false")),
    }
}

/// A setting's environment variable when the parsed command does not take that argument
/// (`LECTERN_ADDR` seen from `lectern config`).
fn env_only(id: &str) -> Option<(String, &'static str)> {
    let (_, _, name) = ARGS.iter().find(|(arg, _, _)| *arg == id)?;
    let value = std::env::var(name).ok().filter(|v| !v.is_empty())?;
    Some((value, name))
}

fn map<T>(
    setting: Setting<String>,
    parse: impl FnOnce(String) -> Result<T, String>,
) -> anyhow::Result<Setting<T>> {
    let source = setting.source.clone();
    let value = parse(setting.value).map_err(|e| anyhow::anyhow!("{e} ({source})"))?;
    Ok(Setting { value, source })
}

/// The settings file (when there is one), its text and its settings.
fn read_file(named: Option<&PathBuf>) -> anyhow::Result<(Option<PathBuf>, String, FileSettings)> {
    let path = match named {
        Some(path) => path.clone(),
        None if Path::new(DEFAULT_FILE).is_file() => PathBuf::from(DEFAULT_FILE),
        None => return Ok((None, String::new(), FileSettings::default())),
    };
    let text = std::fs::read_to_string(&path)
        .map_err(|e| anyhow::anyhow!("cannot read the settings file {}: {e}", path.display()))?;
    let settings: FileSettings = toml::from_str(&text).map_err(|e| {
        anyhow::anyhow!(
            "{}: {} (allowed keys: archive, index, addr, log_format, log, feedback, and a [site] \
             section: name, tagline, tagline_en, organisation, organisation_url, logo, \
             [site.colours] accent, band, mark)",
            path.display(),
            e.to_string().trim()
        )
    })?;
    Ok((Some(path), text, settings))
}
/// Where the site is reachable when `LECTERN_BASE_URL` is not set.
pub const DEFAULT_BASE_URL: &str = "http://127.0.0.1:3000";

/// The site settings that come from the environment only (`LECTERN_BASE_URL`,
/// `LECTERN_ADMIN_EMAIL`, `LECTERN_OAI_PAGE_SIZE`), checked once: `web::site` resolves them on
/// first use and keeps them; `lectern config` lists them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Site {
    /// `LECTERN_BASE_URL` when it is an `http://` or `https://` URL, without a trailing slash.
    pub base_url: Option<String>,
    /// What `LECTERN_BASE_URL` held when it was not such a URL (ignored, with a warning).
    pub rejected_base_url: Option<String>,
    /// `LECTERN_ADMIN_EMAIL` when it looks like an address, else `archive@example.org`.
    pub admin_email: String,
    pub admin_email_set: bool,
    /// `LECTERN_OAI_PAGE_SIZE`, 1 to 1000, default 100 (harvesters expect 100-500).
    pub oai_page_size: usize,
    pub oai_page_size_set: bool,
}

impl Site {
    pub fn from_env() -> Site {
        Site::from_lookup(|name| std::env::var(name).ok().filter(|v| !v.is_empty()))
    }

    /// The settings from any lookup of variables (the environment, or a test's map).
    pub fn from_lookup(var: impl Fn(&str) -> Option<String>) -> Site {
        let raw_base = var("LECTERN_BASE_URL");
        let base_url = raw_base
            .as_deref()
            .filter(|url| url.starts_with("http://") || url.starts_with("https://"))
            .map(|url| url.trim_end_matches('/').to_string());
        let email = var("LECTERN_ADMIN_EMAIL").filter(|e| e.contains('@') && e.contains('.'));
        let page = var("LECTERN_OAI_PAGE_SIZE")
            .and_then(|v| v.parse().ok())
            .filter(|n| (1..=1000).contains(n));
        Site {
            rejected_base_url: raw_base.filter(|_| base_url.is_none()),
            base_url,
            admin_email_set: email.is_some(),
            admin_email: email.unwrap_or_else(|| "archive@example.org".to_string()),
            oai_page_size_set: page.is_some(),
            oai_page_size: page.unwrap_or(100),
        }
    }

    /// For `lectern config`: (variable, the value in effect, whether the environment set it).
    pub fn listed(&self) -> Vec<(&'static str, String, bool)> {
        vec![
            (
                "LECTERN_BASE_URL",
                self.base_url
                    .clone()
                    .unwrap_or_else(|| DEFAULT_BASE_URL.to_string()),
                self.base_url.is_some(),
            ),
            (
                "LECTERN_ADMIN_EMAIL",
                self.admin_email.clone(),
                self.admin_email_set,
            ),
            (
                "LECTERN_OAI_PAGE_SIZE",
                self.oai_page_size.to_string(),
                self.oai_page_size_set,
            ),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn site_settings_are_checked_once_with_their_fallbacks() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |name: &str| {
                pairs
                    .iter()
                    .find(|(n, _)| *n == name)
                    .map(|(_, v)| v.to_string())
            }
        };
        let site = Site::from_lookup(env(&[
            ("LECTERN_BASE_URL", "https://lezingen.example/"),
            ("LECTERN_OAI_PAGE_SIZE", "250"),
        ]));
        assert_eq!(site.base_url.as_deref(), Some("https://lezingen.example"));
        assert_eq!((site.oai_page_size, site.oai_page_size_set), (250, true));
        assert_eq!(site.admin_email, "archive@example.org");
        let bad = Site::from_lookup(env(&[
            ("LECTERN_BASE_URL", "javascript:alert(1)"),
            ("LECTERN_OAI_PAGE_SIZE", "0"),
            ("LECTERN_ADMIN_EMAIL", "nobody"),
        ]));
        assert_eq!(bad.base_url, None);
        assert_eq!(
            bad.rejected_base_url.as_deref(),
            Some("javascript:alert(1)")
        );
        assert_eq!((bad.oai_page_size, bad.oai_page_size_set), (100, false));
        assert!(!bad.admin_email_set);
        assert_eq!(
            bad.listed()[0],
            ("LECTERN_BASE_URL", DEFAULT_BASE_URL.to_string(), false)
        );
    }
}
