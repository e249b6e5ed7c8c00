//! The dataset as a directed graph: one node per place, one edge per leg,
//! weighted by geodesic length. Parallel legs (same two places, different
//! routes or modes) stay separate edges.

use petgraph::graph::{DiGraph, EdgeIndex, NodeIndex};
use petgraph::visit::EdgeRef;

use crate::map::geodesic::distance_m;
use crate::model::{Dataset, Leg};

/// Weight of one edge: which leg it is and how long it is.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LegEdge {
    /// Index into [`Dataset::legs`].
    pub leg: usize,
    /// Geodesic length of the leg in **metres**.
    pub distance_m: f64,
}

/// A dataset's places and legs as a petgraph [`DiGraph`].
///
/// Node weights are indices into [`Dataset::places`]; node `i` is place `i`.
#[derive(Debug, Clone)]
pub struct RouteGraph {
    /// The graph itself.
    graph: DiGraph<usize, LegEdge>,
    /// Edge of each leg, indexed like [`Dataset::legs`].
    leg_edges: Vec<EdgeIndex>,
}

impl RouteGraph {
    /// Build the graph of a dataset, computing every leg's geodesic length.
    ///
    /// ```
    /// let ds = routemap::load::dataset("routes/donbas-workers".as_ref()).unwrap();
    /// let g = routemap::graph::RouteGraph::new(&ds);
    /// assert_eq!(g.place_count(), ds.places.len());
    /// assert_eq!(g.leg_count(), ds.legs.len());
    /// ```
    pub fn new(ds: &Dataset) -> Self {
        let mut graph = DiGraph::with_capacity(ds.places.len(), ds.legs.len());
        for i in 0..ds.places.len() {
            graph.add_node(i);
        }
        let ends: Vec<(usize, usize)> = ds.legs.iter().map(|leg| Self::ends(ds, leg)).collect();
        // Distances are independent: computed on every core.
        let distances = crate::par::map(&ends, |&(a, b)| {
            let (pa, pb) = (&ds.places[a], &ds.places[b]);
            distance_m((pa.lon_deg, pa.lat_deg), (pb.lon_deg, pb.lat_deg))
        });
        let mut leg_edges = Vec::with_capacity(ds.legs.len());
        for (i, (&(a, b), d)) in ends.iter().zip(distances).enumerate() {
            leg_edges.push(graph.add_edge(
                NodeIndex::new(a),
                NodeIndex::new(b),
                LegEdge {
                    leg: i,
                    distance_m: d,
                },
            ));
        }
        RouteGraph { graph, leg_edges }
    }

    /// Number of places (nodes).
    pub fn place_count(&self) -> usize {
        self.graph.node_count()
    }

    /// Number of legs (edges).
    pub fn leg_count(&self) -> usize {
        self.graph.edge_count()
    }

    fn ends(ds: &Dataset, leg: &Leg) -> (usize, usize) {
        // Loaders guarantee legs refer to known places.
        let a = ds.place_index(&leg.from).expect("validated dataset");
        let b = ds.place_index(&leg.to).expect("validated dataset");
        (a, b)
    }

    /// Geodesic length of leg `leg` (index into [`Dataset::legs`]) in **metres**.
    pub fn leg_distance_m(&self, leg: usize) -> f64 {
        self.graph[self.leg_edges[leg]].distance_m
    }

    /// Number of legs leaving or entering place `place` (index into [`Dataset::places`]).
    pub fn degree(&self, place: usize) -> usize {
        let n = NodeIndex::new(place);
        self.graph
            .edges_directed(n, petgraph::Direction::Outgoing)
            .count()
            + self
                .graph
                .edges_directed(n, petgraph::Direction::Incoming)
                .count()
    }

    /// Legs leaving place `place`, as (leg index, arrival place index), in leg order.
    pub fn legs_from(&self, place: usize) -> Vec<(usize, usize)> {
        let mut out: Vec<(usize, usize)> = self
            .graph
            .edges(NodeIndex::new(place))
            .map(|e| (e.weight().leg, e.target().index()))
            .collect();
        out.sort_unstable();
        out
    }
}
