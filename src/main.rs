//! The `lectern` binary: parses the command line, sets up logging, runs, maps errors to exit codes.

use clap::Parser;
use tracing_subscriber::EnvFilter;

fn main() {
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_env("LECTERN_LOG")
                .unwrap_or_else(|_| EnvFilter::new("info,tantivy=warn")),
        )
        .with_writer(std::io::stderr)
        .init();
    let cli = lectern::cli::Cli::parse();
    match lectern::cli::run(cli) {
        Ok(code) => std::process::exit(code),
        Err(error) => {
            eprintln!("error: {error:#}");
            std::process::exit(2);
        }
    }
}
