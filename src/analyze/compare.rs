//! One summary per named route: stops, per-leg and total geodesic km, the direct
//! origin→destination km, the detour, and a travel time when every mode is known.

use serde::Serialize;

use super::paths::{Constraints, Metric, PathFinder};
use crate::graph::RouteGraph;
use crate::map::geodesic::distance_m;
use crate::model::{Dataset, Evidence, Mode};

/// One leg of a route, as compared.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LegSummary {
    /// Departure place id.
    pub from: String,
    /// Arrival place id.
    pub to: String,
    /// Travel mode.
    pub mode: Mode,
    /// Reported or inferred.
    pub evidence: Evidence,
    /// Geodesic length in **kilometres**.
    #[serde(serialize_with = "round3")]
    pub distance_km: f64,
}

/// The comparison of one named route.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RouteSummary {
    /// Route name.
    pub name: String,
    /// Place ids in travel order.
    pub stops: Vec<String>,
    /// The legs in travel order.
    pub legs: Vec<LegSummary>,
    /// Sum of the legs' geodesic lengths, **km**.
    #[serde(serialize_with = "round3")]
    pub distance_km: f64,
    /// Geodesic length from the first stop to the last, **km**.
    #[serde(serialize_with = "round3")]
    pub direct_km: f64,
    /// How much longer the route is than the direct line, in **percent**
    /// (`None` when the route ends where it started).
    #[serde(serialize_with = "round2_opt")]
    pub detour_pct: Option<f64>,
    /// Estimated travel time in **hours** by the dataset's time model; `None` unless
    /// every leg's mode is known.
    #[serde(serialize_with = "round2_opt")]
    pub duration_h: Option<f64>,
    /// Modes used, each once, in order of first use.
    pub modes: Vec<Mode>,
    /// Evidence levels involved, each once, in order of first use.
    pub evidence: Vec<Evidence>,
    /// How the route compares with the network's best paths between its ends.
    pub network: NetworkRank,
}

/// The best network path between a route's ends and the route's rank among
/// the k best, by one metric.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NetworkRank {
    /// The metric.
    pub by: Metric,
    /// How many alternatives were ranked.
    pub k: usize,
    /// The best path, if the ends are connected under this metric.
    pub best: Option<BestPath>,
    /// The route's rank (1 = best), or `None` if it is not among the k best
    /// (or cannot be ranked: see `note`).
    pub rank: Option<usize>,
    /// Why there is no rank, if there is none.
    pub note: Option<String>,
}

/// A path summarised for comparison.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BestPath {
    /// Place ids in travel order.
    pub stops: Vec<String>,
    /// Geodesic length, **km**.
    #[serde(serialize_with = "round3")]
    pub distance_km: f64,
    /// Travel time, **hours**, when every leg's mode is known.
    #[serde(serialize_with = "round2_opt")]
    pub duration_h: Option<f64>,
}

/// Options for [`compare_with`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CompareOptions {
    /// Metric for the best path and the rank.
    pub by: Metric,
    /// How many alternatives to rank among.
    pub k: usize,
}

impl Default for CompareOptions {
    /// By distance, among 5.
    fn default() -> Self {
        CompareOptions {
            by: Metric::Distance,
            k: 5,
        }
    }
}

/// The comparison of all named routes of a dataset.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Comparison {
    /// Dataset name.
    pub dataset: String,
    /// One entry per named route, in dataset order.
    pub routes: Vec<RouteSummary>,
}

fn round3<S: serde::Serializer>(v: &f64, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_f64((v * 1000.0).round() / 1000.0)
}

fn round2_opt<S: serde::Serializer>(v: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
    match v {
        Some(v) => s.serialize_f64((v * 100.0).round() / 100.0),
        None => s.serialize_none(),
    }
}

/// Compare the named routes of a dataset (network legs are not routes).
///
/// ```
/// let ds = routemap::load::dataset("routes/donbas-workers".as_ref()).unwrap();
/// let cmp = routemap::analyze::compare(&ds);
/// let moscow = &cmp.routes[0];
/// assert_eq!(moscow.stops, ["pyongyang", "vladivostok", "moscow", "donetsk"]);
/// assert!(moscow.distance_km > moscow.direct_km);
/// assert_eq!(moscow.duration_h, None); // two legs have an unknown mode
/// ```
pub fn compare(ds: &Dataset) -> Comparison {
    compare_with_graph(ds, &RouteGraph::new(ds))
}

/// [`compare`], reusing a graph already built for the dataset.
pub fn compare_with_graph(ds: &Dataset, graph: &RouteGraph) -> Comparison {
    compare_with(ds, graph, &CompareOptions::default())
}

/// [`compare`] with a chosen metric and number of alternatives for the rank.
///
/// Each route costs one k-shortest-paths search on the network (Yen's
/// algorithm: about k times the route's legs path searches); the routes are
/// ranked on every core. A route of more than [`MAX_RANKED_LEGS`] legs is
/// compared with the best path only, not ranked.
pub fn compare_with(ds: &Dataset, graph: &RouteGraph, opts: &CompareOptions) -> Comparison {
    // Only routes are ranked on the network: without routes, no network.
    let network = (!ds.routes.is_empty())
        .then(|| PathFinder::new(ds, graph, opts.by, &Constraints::default()));
    summaries(ds, graph, |route, stops| match &network {
        Some(net) => rank(ds, net, route, stops, opts),
        None => unranked(opts.by, "no network".into()),
    })
}

/// The comparison's distances, times, modes and evidence without ranking
/// the routes on the network (each route's `network` says "not ranked"):
/// for what does not show ranks (`check`, maps), at a cost linear in the
/// dataset's size.
pub fn summarise(ds: &Dataset, graph: &RouteGraph) -> Comparison {
    summaries(ds, graph, |_, _| {
        unranked(Metric::Distance, "not ranked".into())
    })
}

/// A route of more legs than this is not ranked among the network's paths
/// (its best path is still found): Yen's algorithm searches a path from each
/// of its stops, so the cost grows with the square of the route's length.
pub const MAX_RANKED_LEGS: usize = 1000;

fn unranked(by: Metric, note: String) -> NetworkRank {
    NetworkRank {
        by,
        k: 0,
        best: None,
        rank: None,
        note: Some(note),
    }
}

/// Summarise every route, `network` ranking each (on every core).
fn summaries(
    ds: &Dataset,
    graph: &RouteGraph,
    network: impl Fn(&crate::model::Route, &[String]) -> NetworkRank + Sync,
) -> Comparison {
    let routes = crate::par::map_each(&ds.routes, |route| {
        let (summary, stops) = summary(ds, graph, route);
        RouteSummary {
            network: network(route, &stops),
            ..summary
        }
    });
    Comparison {
        dataset: ds.name.clone(),
        routes,
    }
}

/// One route's summary with no rank yet, and its stops.
fn summary(
    ds: &Dataset,
    graph: &RouteGraph,
    route: &crate::model::Route,
) -> (RouteSummary, Vec<String>) {
    let mut legs = Vec::with_capacity(route.legs.len());
    let mut total_m = 0.0;
    let mut hours = Some(0.0);
    let mut modes = Vec::new();
    let mut evidence = Vec::new();
    for &i in &route.legs {
        let leg = &ds.legs[i];
        let d_m = graph.leg_distance_m(i);
        total_m += d_m;
        hours = match (hours, ds.meta.time.leg_hours(leg.mode, d_m)) {
            (Some(h), Some(leg_h)) => Some(h + leg_h),
            _ => None,
        };
        if !modes.contains(&leg.mode) {
            modes.push(leg.mode);
        }
        if !evidence.contains(&leg.evidence) {
            evidence.push(leg.evidence);
        }
        legs.push(LegSummary {
            from: leg.from.clone(),
            to: leg.to.clone(),
            mode: leg.mode,
            evidence: leg.evidence,
            distance_km: d_m / 1000.0,
        });
    }
    let stops: Vec<String> = ds.stops(route).into_iter().map(String::from).collect();
    let first = ds.place(&stops[0]).expect("validated dataset");
    let last = ds
        .place(&stops[stops.len() - 1])
        .expect("validated dataset");
    let direct_m = distance_m((first.lon_deg, first.lat_deg), (last.lon_deg, last.lat_deg));
    let detour_pct = (direct_m > 0.0).then(|| (total_m / direct_m - 1.0) * 100.0);
    let summary = RouteSummary {
        name: route.name.clone(),
        stops: stops.clone(),
        legs,
        distance_km: total_m / 1000.0,
        direct_km: direct_m / 1000.0,
        detour_pct,
        duration_h: hours,
        modes,
        evidence,
        network: unranked(Metric::Distance, String::new()),
    };
    (summary, stops)
}

fn rank(
    ds: &Dataset,
    net: &PathFinder<'_>,
    route: &crate::model::Route,
    stops: &[String],
    opts: &CompareOptions,
) -> NetworkRank {
    let from = ds.place_index(&stops[0]).expect("validated dataset");
    let to = ds
        .place_index(&stops[stops.len() - 1])
        .expect("validated dataset");
    let mut out = NetworkRank {
        by: opts.by,
        k: opts.k,
        best: None,
        rank: None,
        note: None,
    };
    if from == to {
        out.note = Some("the route ends where it starts".into());
        return out;
    }
    let too_long = route.legs.len() > MAX_RANKED_LEGS;
    let paths = net.k_shortest(from, to, &[], if too_long { 1 } else { opts.k });
    out.best = paths.first().map(|p| BestPath {
        stops: p.stops.iter().map(|&s| ds.places[s].id.clone()).collect(),
        distance_km: p.distance_m / 1000.0,
        duration_h: p.duration_h,
    });
    let mut seen = std::collections::HashSet::new();
    if too_long {
        out.note = Some(format!(
            "not ranked: the route has {} legs; routes of more than {MAX_RANKED_LEGS} are not ranked",
            route.legs.len()
        ));
    } else if !stops.iter().all(|s| seen.insert(s)) {
        out.note = Some("the route passes a place twice, so it is not among loopless paths".into());
    } else if opts.by == Metric::Time
        && route.legs.iter().any(|&i| ds.legs[i].mode == Mode::Unknown)
    {
        out.note = Some("the route has legs of unknown mode, which have no time".into());
    } else {
        out.rank = paths
            .iter()
            .position(|p| {
                p.stops.len() == stops.len()
                    && p.stops
                        .iter()
                        .zip(stops)
                        .all(|(&a, b)| ds.places[a].id == *b)
            })
            .map(|i| i + 1);
        if out.rank.is_none() {
            out.note = Some(format!("beyond the {} best", opts.k));
        }
    }
    out
}
