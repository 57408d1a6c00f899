//! `lectern config`: the effective settings, as TOML with where each value came from.

use anyhow::Result;

use crate::config::Config;

pub fn run(settings: Option<&Config>) -> Result<i32> {
    let settings = settings.ok_or_else(|| anyhow::anyhow!("settings were not resolved"))?;
    print!("{}", settings.to_toml());
    // Read from the environment only (feeds, OAI-PMH, sitemaps, citations): as comments, so
    // the output stays a valid settings file.
    println!("# site settings (environment only):");
    for (name, value, set) in crate::config::Site::from_env().listed() {
        let source = if set { "from environment" } else { "default" };
        println!("# {name} = {value}   ({source})");
    }
    Ok(0)
}
