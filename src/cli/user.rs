//! `lectern user add NAME`: adds an archivist for the web editor (or sets a new password).
//! The password is read from the terminal without echo, or from standard input when that is
//! not a terminal (scripts, tests); it is stored only as an argon2 hash.

use std::io::{BufRead, IsTerminal};
use std::path::{Path, PathBuf};

use anyhow::Result;
use clap::Subcommand;

use crate::service::users;

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Add a user, or set a new password for an existing one.
    Add {
        name: String,
        /// The users file (default: users.toml beside the archive folder).
        #[arg(long, env = "LECTERN_USERS")]
        users: Option<PathBuf>,
    },
}

pub fn run(archive: &Path, command: UserCommand) -> Result<i32> {
    let UserCommand::Add { name, users: file } = command;
    let file = file.unwrap_or_else(|| users::default_path(archive));
    let password = if std::io::stdin().is_terminal() {
        let first = rpassword::prompt_password(format!("Password for {name}: "))?;
        let again = rpassword::prompt_password("Again: ")?;
        anyhow::ensure!(first == again, "the two passwords differ; nothing changed");
        first
    } else {
        let mut line = String::new();
        std::io::stdin().lock().read_line(&mut line)?;
        line.trim_end_matches(['\n', '\r']).to_string()
    };
    let existed = users::set_password(&file, &name, &password)?;
    println!(
        "{} {name} in {}",
        if existed { "new password for" } else { "added" },
        file.display()
    );
    Ok(0)
}
