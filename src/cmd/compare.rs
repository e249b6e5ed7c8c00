//! `routemap compare DATASET [--format table|md|csv|json]`. A dataset with
//! no named routes prints the empty table, says so on stderr and exits 1.

use std::path::PathBuf;

use routemap::analyze::{CompareOptions, compare_with};
use routemap::export;
use routemap::graph::RouteGraph;

use crate::Outcome;
use crate::cli::{By, TableFormat};

/// Arguments of `routemap compare`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Dataset folder.
    pub dataset: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = TableFormat::Table)]
    pub format: TableFormat,
    /// Metric for the best network path and the route's rank.
    #[arg(long, value_enum, default_value_t = By::Distance)]
    pub by: By,
    /// How many alternatives to rank the route among.
    #[arg(short = 'k', long = "k", default_value = "5", value_parser = crate::cli::path_count)]
    pub k: usize,
}

pub fn run(args: &Args) -> anyhow::Result<Outcome> {
    let ds = crate::cmd::load(&args.dataset)?;
    let graph = RouteGraph::new(&ds);
    let options = CompareOptions {
        by: args.by.into(),
        k: args.k,
    };
    let cmp = compare_with(&ds, &graph, &options);
    crate::cmd::print(&export::comparison(&ds, &cmp, args.format.into()))?;
    if cmp.routes.is_empty() {
        // Not bad input: a network without itineraries. The table (empty
        // in every format) still goes to stdout; this says why, and the
        // exit code is 1, "no result".
        eprintln!("routemap: {}", no_routes(&ds));
        return Ok(Outcome::NothingFound);
    }
    Ok(Outcome::Done)
}

/// Why a dataset has nothing to compare, e.g. `"x" has no routes to
/// compare: none of its 3 legs names a route (the "route" column of
/// legs.csv); routemap paths finds paths over them`.
fn no_routes(ds: &routemap::model::Dataset) -> String {
    let name = routemap::error::shown_name(&ds.name);
    match ds.legs.len() {
        0 => format!("{name} has no routes to compare: its legs.csv has no legs"),
        1 => format!(
            "{name} has no routes to compare: its one leg names no route (the \"route\" column \
             of legs.csv)"
        ),
        n => format!(
            "{name} has no routes to compare: none of its {} legs names a route (the \"route\" \
             column of legs.csv); routemap paths finds paths over them",
            routemap::export::thousands(n as f64)
        ),
    }
}
