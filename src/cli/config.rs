//! `lectern config`: the effective settings, as TOML with where each value came from.

use anyhow::Result;

use crate::config::Config;

pub fn run(settings: Option<&Config>) -> Result<i32> {
    let settings = settings.ok_or_else(|| anyhow::anyhow!("settings were not resolved"))?;
    print!("{}", settings.to_toml());
    Ok(0)
}
