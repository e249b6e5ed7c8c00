//! Metrics on routes: lengths, detours, travel times, and the comparison of a
//! dataset's reported routes.

mod compare;

pub use compare::{Comparison, LegSummary, RouteSummary, compare, compare_with_graph};
