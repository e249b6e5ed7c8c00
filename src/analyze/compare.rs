//! One summary per named route: stops, per-leg and total geodesic km, the direct
//! origin→destination km, the detour, and a travel time when every mode is known.

use serde::Serialize;

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
    let routes = ds
        .routes
        .iter()
        .map(|route| {
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
            RouteSummary {
                name: route.name.clone(),
                stops,
                legs,
                distance_km: total_m / 1000.0,
                direct_km: direct_m / 1000.0,
                detour_pct,
                duration_h: hours,
                modes,
                evidence,
            }
        })
        .collect();
    Comparison {
        dataset: ds.name.clone(),
        routes,
    }
}
