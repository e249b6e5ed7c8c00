//! `routemap check DATASET`: validate and summarise.

use std::fmt::Write as _;
use std::path::PathBuf;

use routemap::analyze::summarise;
use routemap::export::thousands;
use routemap::graph::RouteGraph;
use routemap::load;

use crate::Outcome;

/// Arguments of `routemap check`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Dataset folder (holding places.csv, legs.csv, optional dataset.toml).
    pub dataset: PathBuf,
}

pub fn run(args: &Args) -> anyhow::Result<Outcome> {
    let ds = load::dataset(&args.dataset)?;
    let graph = RouteGraph::new(&ds);
    let total_km: f64 = (0..ds.legs.len())
        .map(|i| graph.leg_distance_m(i))
        .sum::<f64>()
        / 1000.0;
    let network = ds.legs.iter().filter(|l| l.route.is_none()).count();
    let mut out = String::new();
    let _ = writeln!(out, "{}: ok", routemap::error::shown_name(&ds.name));
    let _ = writeln!(out, "places: {}", ds.places.len());
    let _ = writeln!(
        out,
        "legs: {} ({} in routes, {} network)",
        ds.legs.len(),
        ds.legs.len() - network,
        network
    );
    let _ = writeln!(out, "routes: {}", ds.routes.len());
    let _ = writeln!(
        out,
        "total km: {} (sum of all legs, geodesic)",
        thousands(total_km)
    );
    let cmp = summarise(&ds, &graph);
    for r in &cmp.routes {
        let _ = writeln!(
            out,
            "  {}: {} leg{}, {} km",
            r.name,
            r.legs.len(),
            if r.legs.len() == 1 { "" } else { "s" },
            thousands(r.distance_km)
        );
    }
    // Regions with an area: what the map shades, and where distances run.
    let areas: Vec<_> = ds
        .places
        .iter()
        .filter_map(|p| p.area.as_ref().map(|a| (p, a)))
        .collect();
    if !areas.is_empty() {
        let _ = writeln!(out, "regions with an area: {}", areas.len());
        for (p, a) in areas {
            let _ = writeln!(
                out,
                "  {}: {} = {}; distances run to its point ({}, {:.4}, {:.4}), not the area",
                p.id,
                routemap::error::quote(&p.name),
                a.spec,
                p.city.as_deref().unwrap_or("lat, lon"),
                p.lat_deg,
                p.lon_deg
            );
        }
    }
    let located: Vec<_> = ds
        .places
        .iter()
        .filter_map(|p| p.located.as_ref().map(|l| (p, l)))
        .collect();
    if !located.is_empty() {
        let _ = writeln!(
            out,
            "located by the gazetteer: {} of {} places",
            located.len(),
            ds.places.len()
        );
        for (p, l) in located {
            let _ = writeln!(
                out,
                "  {}: {} ({}) → {}, {l}",
                p.id,
                routemap::error::quote(&l.query),
                l.by.as_str(),
                l.description,
            );
            if let Some(note) = &l.note {
                let _ = writeln!(out, "    note: {note}");
            }
        }
    }
    let verified = ds.meta.sources.iter().filter(|s| s.verified).count();
    let _ = writeln!(
        out,
        "sources: {} ({} verified)",
        ds.meta.sources.len(),
        verified
    );
    crate::cmd::print(&out)?;
    Ok(Outcome::Done)
}
