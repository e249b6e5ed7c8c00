//! `routemap paths DATASET --from ID --to ID [-k N] [--by ..] [--avoid ID]...
//! [--via ID]... [--modes ..] [--undirected] [--pairs FILE] [--format ..]`.

use std::path::PathBuf;

use anyhow::bail;
use routemap::analyze::paths::{Constraints, MAX_K, Metric, PathFinder};
use routemap::export::paths::PathsAnswer;
use routemap::graph::RouteGraph;
use routemap::model::Mode;
use routemap::{export, load};

use crate::Outcome;
use crate::cli::{By, TableFormat};
use crate::cmd::resolve;

/// Batches of at least this many queries show a progress bar on stderr
/// when it is a terminal.
const PROGRESS_FROM: usize = 100;

/// Arguments of `routemap paths`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Dataset folder.
    pub dataset: PathBuf,
    /// Origin place id.
    #[arg(long, required_unless_present = "pairs", conflicts_with = "pairs")]
    pub from: Option<String>,
    /// Destination place id.
    #[arg(long, required_unless_present = "pairs", conflicts_with = "pairs")]
    pub to: Option<String>,
    /// CSV of origin-destination pairs (columns from,to and optional k).
    #[arg(long)]
    pub pairs: Option<PathBuf>,
    /// How many paths (for each pair without its own k).
    #[arg(short = 'k', long = "k", default_value = "3", value_parser = crate::cli::path_count)]
    pub k: usize,
    /// What to minimise.
    #[arg(long, value_enum, default_value_t = By::Distance)]
    pub by: By,
    /// A place id no path may pass through (repeatable).
    #[arg(long)]
    pub avoid: Vec<String>,
    /// A place id every path must pass through, in the order given (repeatable).
    #[arg(long)]
    pub via: Vec<String>,
    /// Only use legs of these modes (comma-separated: air,rail,road,sea,unknown).
    #[arg(long, value_delimiter = ',', value_parser = clap::value_parser!(Mode))]
    pub modes: Option<Vec<Mode>>,
    /// Let every leg be used in both directions.
    #[arg(long)]
    pub undirected: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t = TableFormat::Table)]
    pub format: TableFormat,
}

pub fn run(args: &Args) -> anyhow::Result<Outcome> {
    let ds = crate::cmd::load(&args.dataset)?;
    let graph = RouteGraph::new(&ds);
    let metric: Metric = args.by.into();
    let modes = args.modes.clone();
    let avoid = args
        .avoid
        .iter()
        .map(|id| resolve(&ds, id, "--avoid"))
        .collect::<anyhow::Result<Vec<usize>>>()?;
    let via = args
        .via
        .iter()
        .map(|id| resolve(&ds, id, "--via"))
        .collect::<anyhow::Result<Vec<usize>>>()?;
    for v in &via {
        if avoid.contains(v) {
            bail!(
                "{:?} is given both to --via and to --avoid",
                ds.places[*v].id
            );
        }
    }
    let constraints = Constraints {
        avoid: avoid.clone(),
        via: via.clone(),
        modes,
        undirected: args.undirected,
    };
    let queries: Vec<(usize, usize, usize)> = match &args.pairs {
        Some(file) => {
            let text = load::read_text(file)?;
            let pairs = load::parse_pairs(file, &text, &ds)?;
            if let Some(p) = pairs.iter().find(|p| p.k.is_some_and(|k| k > MAX_K)) {
                bail!(
                    "{}:{}: \"k\" value {} is more than {MAX_K}, the most paths one query may ask for",
                    crate::cmd::shown(file),
                    p.line,
                    p.k.unwrap_or_default()
                );
            }
            pairs
                .into_iter()
                .map(|p| (p.from, p.to, p.k.unwrap_or(args.k)))
                .collect()
        }
        None => {
            let (Some(from), Some(to)) = (&args.from, &args.to) else {
                bail!("give --from and --to, or --pairs FILE");
            };
            let from = resolve(&ds, from, "--from")?;
            let to = resolve(&ds, to, "--to")?;
            if from == to {
                bail!("--from and --to are both {:?}", ds.places[from].id);
            }
            vec![(from, to, args.k)]
        }
    };
    for &(from, to, _) in &queries {
        for (end, what) in [(from, "--from"), (to, "--to")] {
            if via.contains(&end) {
                bail!("--via {:?} is the same place as {what}", ds.places[end].id);
            }
            if avoid.contains(&end) {
                bail!(
                    "--avoid {:?} is the same place as {what}",
                    ds.places[end].id
                );
            }
        }
    }
    let network = PathFinder::new(&ds, &graph, metric, &constraints);
    // A long batch shows its progress (on a terminal): 100,000 pairs on
    // the OpenFlights network take minutes.
    let bar = if queries.len() >= PROGRESS_FROM {
        crate::cmd::progress_bar(queries.len())
    } else {
        indicatif::ProgressBar::hidden()
    };
    bar.set_message("pairs");
    let found = network.k_shortest_each(&queries, &via, &|| bar.inc(1));
    bar.finish_and_clear();
    let answers: Vec<PathsAnswer> = queries
        .iter()
        .zip(found)
        .map(|(&(from, to, _), paths)| PathsAnswer {
            from,
            to,
            by: metric,
            paths,
        })
        .collect();
    crate::cmd::print(&export::paths::paths(
        &ds,
        &answers,
        args.format.into(),
        args.pairs.is_some(),
    ))?;
    if answers.iter().all(|a| a.paths.is_empty()) {
        if args.pairs.is_none() {
            let a = &answers[0];
            eprintln!(
                "routemap: no path from {:?} to {:?}: they are not connected under the given constraints (by {}{})",
                ds.places[a.from].id,
                ds.places[a.to].id,
                metric.as_str(),
                if metric == Metric::Time {
                    "; legs of unknown mode are not used"
                } else {
                    ""
                }
            );
        } else {
            eprintln!("routemap: no pair in the file is connected under the given constraints");
        }
        return Ok(Outcome::NothingFound);
    }
    Ok(Outcome::Done)
}
