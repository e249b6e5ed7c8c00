//! Metrics on routes: lengths, detours, travel times, and the comparison of a
//! dataset's reported routes.

mod compare;
pub mod paths;

pub use compare::{
    BestPath, CompareOptions, Comparison, LegSummary, MAX_RANKED_LEGS, NetworkRank, RouteSummary,
    compare, compare_with, compare_with_graph, summarise,
};
