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
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    let result = match cli.command {
        Command::Check { dataset } => cmd::check::run(&dataset),
        Command::Compare {
            dataset,
            format,
            by,
            k,
        } => cmd::compare::run(&dataset, format.into(), by.into(), k),
        Command::Paths(args) => cmd::paths::run(&args),
        Command::Render {
            dataset,
            output,
            map,
        } => cmd::render::run(&dataset, &cmd::render::Args::new(output.as_deref(), &map)),
        Command::Quick {
            spec,
            output,
            mode,
            save,
            map,
        } => cmd::quick::run(&cmd::quick::Args {
            spec: &spec,
            mode,
            save: save.as_deref(),
            map: cmd::render::Args::new(output.as_deref(), &map),
        }),
        Command::Report { dataset, output } => cmd::report::run(&dataset, output.as_deref()),
        Command::Build { routes, output } => cmd::build::run(&routes, &output),
        Command::Import {
            format:
                cli::Import::Openflights {
                    airports,
                    routes,
                    output,
                },
        } => cmd::import::openflights(&airports, &routes, &output),
    };
    match result {
        Ok(Outcome::Done) => ExitCode::SUCCESS,
        Ok(Outcome::NothingFound) => ExitCode::from(1),
        Ok(Outcome::Failed) => ExitCode::from(2),
        Err(err) => {
            // A closed pipe (e.g. `routemap compare x | head -1`) is not an error.
            if err
                .chain()
                .filter_map(|c| c.downcast_ref::<std::io::Error>())
                .any(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
            {
                return ExitCode::SUCCESS;
            }
            let _ = writeln!(std::io::stderr(), "routemap: error: {err:#}");
            ExitCode::from(2)
        }
    }
}
