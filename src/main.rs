//! The `lectern` binary: parses the command line, resolves settings, sets up logging, runs,
//! maps errors to exit codes.

use std::io::IsTerminal;

use clap::{CommandFactory, FromArgMatches};
use lectern::cli::Cli;
use lectern::config::{Config, LogFormat};
use tracing_subscriber::EnvFilter;

fn main() {
    // The PDF reader's child process (`ingest::pdf`): no settings, no logging.
    if std::env::args_os()
        .nth(1)
        .is_some_and(|a| a == lectern::ingest::pdf::HELPER_ARG)
    {
        std::process::exit(lectern::ingest::pdf::helper_main());
    }
    if let Ok(binary) = std::env::current_exe() {
        lectern::ingest::pdf::use_helper(binary);
    }
    let matches = Cli::command().get_matches();
    let config = Config::resolve(&matches).unwrap_or_else(|error| fail(error));
    init_logging(&config);
    let mut cli = Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.exit());
    cli.archive = config.archive.value.clone();
    cli.index = config.index.value.clone();
    if let lectern::cli::Command::Serve { addr, .. } = &mut cli.command {
        *addr = config.addr.value;
    }
    cli.settings = Some(config);
    match lectern::cli::run(cli) {
        Ok(code) => std::process::exit(code),
        Err(error) => fail(error),
    }
}

fn init_logging(config: &Config) {
    let filter = EnvFilter::try_new(&config.log.value)
        .unwrap_or_else(|_| EnvFilter::new("info,tantivy=warn"));
    let logs = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal());
    match config.log_format.value {
        LogFormat::Json => logs.json().init(),
        LogFormat::Text => logs.init(),
    }
}

fn fail(error: anyhow::Error) -> ! {
    eprintln!("error: {error:#}");
    std::process::exit(2);
}
