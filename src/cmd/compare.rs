//! `routemap compare DATASET [--format table|md|csv|json]`.

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
    Ok(if cmp.routes.is_empty() {
        Outcome::NothingFound
    } else {
        Outcome::Done
    })
}
