//! The `routemap` binary: parse arguments, run the command, map the outcome to
//! an exit code (0 success, 1 no result, 2 bad input or usage).

mod cli;
mod cmd;

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;

use cli::{Cli, Command};

/// What a command produced, for the exit code.
pub enum Outcome {
    /// Done (exit 0).
    Done,
    /// Ran fine but found nothing (exit 1).
    NothingFound,
    /// Some of the work failed and the failures were already reported (exit 2).
    Failed,
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        // Help and version go to stdout as clap writes them.
        Err(e) if !e.use_stderr() => {
            let _ = e.print();
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            let _ = writeln!(
                std::io::stderr(),
                "routemap: error: {}",
                inert(&one_line(&e))
            );
            return ExitCode::from(2);
        }
    };
    let result = match cli.command {
        Command::Check(args) => cmd::check::run(&args),
        Command::Compare(args) => cmd::compare::run(&args),
        Command::Paths(args) => cmd::paths::run(&args),
        Command::Render(args) => cmd::render::run(&args),
        Command::Quick(args) => cmd::quick::run(&args),
        Command::Report(args) => cmd::report::run(&args),
        Command::Build(args) => cmd::build::run(&args),
        Command::Import(args) => cmd::import::run(&args),
    };
    match result {
        Ok(Outcome::Done) => ExitCode::SUCCESS,
        Ok(Outcome::NothingFound) => ExitCode::from(1),
        Ok(Outcome::Failed) => ExitCode::from(2),
        Err(err) => {
            // A closed pipe (e.g. `routemap compare x | head -1`) is not an error.
            // The library's I/O errors keep the io::Error inside (a map
            // written to standard output, `-o - | head`).
            let broken_pipe = |e: &std::io::Error| e.kind() == std::io::ErrorKind::BrokenPipe;
            if err.chain().any(|c| {
                c.downcast_ref::<std::io::Error>().is_some_and(broken_pipe)
                    || matches!(
                        c.downcast_ref::<routemap::Error>(),
                        Some(routemap::Error::Io { error, .. }) if broken_pipe(error)
                    )
            }) {
                return ExitCode::SUCCESS;
            }
            let _ = writeln!(
                std::io::stderr(),
                "routemap: error: {}",
                inert(&format!("{err:#}"))
            );
            ExitCode::from(2)
        }
    }
}

/// An error line with any control character left in it escaped: values are
/// quoted where messages are made, but clap prints a bad argument as typed
/// (stripping escape sequences, not carriage returns), and no message may
/// drive the terminal.
fn inert(line: &str) -> String {
    line.chars()
        .flat_map(|c| {
            let escaped: Vec<char> = if c.is_control() {
                c.escape_debug().collect()
            } else {
                vec![c]
            };
            escaped
        })
        .collect()
}

/// A clap error as one line, like every other error: its text up to the
/// first blank line (so without the usage and the "--help" hint), the
/// lines joined.
fn one_line(e: &clap::Error) -> String {
    let text = e.to_string();
    let body = text.split("\n\n").next().unwrap_or_default();
    body.trim_start_matches("error: ")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}
