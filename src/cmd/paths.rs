//! `routemap paths DATASET --from ID --to ID [-k N] [--by ..] [--avoid ID]...
//! [--via ID]... [--modes ..] [--undirected] [--pairs FILE] [--format ..]`.

use anyhow::bail;
use routemap::analyze::paths::{Constraints, Metric, Network};
use routemap::export::paths::PathsAnswer;
use routemap::graph::RouteGraph;
use routemap::model::Mode;
use routemap::{export, load};

use crate::Outcome;
use crate::cli::PathsArgs;
use crate::cmd::resolve;

pub fn run(args: &PathsArgs) -> anyhow::Result<Outcome> {
    if args.k == 0 {
        bail!("-k must be at least 1");
    }
    let ds = crate::cmd::load(&args.dataset)?;
    let graph = RouteGraph::new(&ds);
    let metric: Metric = args.by.into();
    let modes = match &args.modes {
        None => None,
        Some(list) => Some(
            list.iter()
                .map(|m| {
                    m.parse::<Mode>()
                        .map_err(|e| anyhow::anyhow!("--modes: {e}"))
                })
                .collect::<anyhow::Result<Vec<Mode>>>()?,
        ),
    };
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
            load::parse_pairs(file, &text, &ds)?
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
    let network = Network::new(&ds, &graph, metric, &constraints);
    let answers: Vec<PathsAnswer> = queries
        .iter()
        .map(|&(from, to, k)| PathsAnswer {
            from,
            to,
            by: metric,
            paths: network.k_shortest(from, to, &via, k),
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
