//! `routemap compare DATASET [--format table|md|csv|json]`.

use std::path::Path;

use routemap::analyze::paths::Metric;
use routemap::analyze::{CompareOptions, compare_with};
use routemap::export;
use routemap::graph::RouteGraph;

use crate::Outcome;

pub fn run(dir: &Path, format: export::Format, by: Metric, k: usize) -> anyhow::Result<Outcome> {
    if k == 0 {
        anyhow::bail!("-k must be at least 1");
    }
    let ds = crate::cmd::load(dir)?;
    let graph = RouteGraph::new(&ds);
    let cmp = compare_with(&ds, &graph, &CompareOptions { by, k });
    crate::cmd::print(&export::comparison(&ds, &cmp, format))?;
    Ok(if cmp.routes.is_empty() {
        Outcome::NothingFound
    } else {
        Outcome::Done
    })
}
