//! Alternative paths: the k best loopless paths between two places (Yen's
//! algorithm over A*), under constraints (places to avoid, places to pass in
//! order, allowed modes, directed or not), by distance, time or number of legs.
//!
//! Parallel legs between the same two places all stay in the dataset; a path
//! uses the cheapest one for the chosen metric and reports which it took.
//!
//! Results come in a deterministic order: by cost, ties broken by the sequence
//! of stop ids.

use std::cmp::Ordering;
use std::collections::{BinaryHeap, HashSet};

use serde::Serialize;

use crate::graph::RouteGraph;
use crate::model::{Dataset, Mode, TimeModel};

/// The most paths one query may ask for. Yen's algorithm costs about `k`
/// times the path length shortest-path searches, so this bounds a query on a
/// big network to seconds (100 paths between two OpenFlights airports take
/// well under a second); ranking a route "beyond 100" says enough.
pub const MAX_K: usize = 100;

/// What a path's cost measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Metric {
    /// Geodesic length in metres.
    Distance,
    /// Travel time in hours by the dataset's time model. Legs of unknown mode
    /// cannot be timed and are not used.
    Time,
    /// Number of legs.
    Legs,
}

impl Metric {
    /// The keyword used on the command line and in output.
    pub fn as_str(self) -> &'static str {
        match self {
            Metric::Distance => "distance",
            Metric::Time => "time",
            Metric::Legs => "legs",
        }
    }
}

/// Restrictions on which paths count.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Constraints {
    /// Places (indices into [`Dataset::places`]) no path may pass through.
    pub avoid: Vec<usize>,
    /// Places every path must pass through, in this order.
    pub via: Vec<usize>,
    /// If set, only legs of these modes may be used.
    pub modes: Option<Vec<Mode>>,
    /// Whether every leg may be used in both directions.
    pub undirected: bool,
}

/// One leg of a path.
#[derive(Debug, Clone, PartialEq)]
pub struct PathLeg {
    /// Index into [`Dataset::legs`].
    pub leg: usize,
    /// Departure place index.
    pub from: usize,
    /// Arrival place index.
    pub to: usize,
    /// Whether the leg is used against its direction (only with `undirected`).
    pub reversed: bool,
}

/// A path between two places.
#[derive(Debug, Clone, PartialEq)]
pub struct Path {
    /// Place indices in travel order.
    pub stops: Vec<usize>,
    /// The legs taken.
    pub legs: Vec<PathLeg>,
    /// Geodesic length, **metres**.
    pub distance_m: f64,
    /// Travel time, **hours**, when every leg's mode is known.
    pub duration_h: Option<f64>,
    /// Cost by the metric searched.
    pub cost: f64,
}

/// Ranked alternative paths between two places, as a map or report shows them.
#[derive(Debug, Clone, PartialEq)]
pub struct Alternatives {
    /// The metric they were ranked by.
    pub by: Metric,
    /// The paths, best first.
    pub paths: Vec<Path>,
}

/// The searchable network for one metric and set of constraints: parallel
/// legs collapsed to the cheapest, stored as compact adjacency arrays.
pub struct PathFinder<'a> {
    ds: &'a Dataset,
    graph: &'a RouteGraph,
    metric: Metric,
    time: TimeModel,
    /// Adjacency in CSR form: edges of node `u` are `offsets[u]..offsets[u+1]`.
    offsets: Vec<usize>,
    targets: Vec<u32>,
    costs: Vec<f64>,
    edge_legs: Vec<(u32, bool)>,
    /// Earth-centred coordinates of each place, metres, for A* lower bounds.
    ecef: Vec<[f64; 3]>,
    /// Lower bound on cost per metre of straight-line (chord) distance.
    cost_per_chord_m: f64,
    avoided: Vec<bool>,
}

fn ecef(lat_deg: f64, lon_deg: f64) -> [f64; 3] {
    // WGS84
    const A: f64 = 6_378_137.0;
    const F: f64 = 1.0 / 298.257_223_563;
    let e2 = F * (2.0 - F);
    let (lat, lon) = (lat_deg.to_radians(), lon_deg.to_radians());
    let n = A / (1.0 - e2 * lat.sin().powi(2)).sqrt();
    [
        n * lat.cos() * lon.cos(),
        n * lat.cos() * lon.sin(),
        n * (1.0 - e2) * lat.sin(),
    ]
}

fn chord(a: &[f64; 3], b: &[f64; 3]) -> f64 {
    ((a[0] - b[0]).powi(2) + (a[1] - b[1]).powi(2) + (a[2] - b[2]).powi(2)).sqrt()
}

/// The cost of a leg by a metric, or `None` if the leg cannot be used by it.
pub fn leg_cost(ds: &Dataset, graph: &RouteGraph, metric: Metric, leg: usize) -> Option<f64> {
    let d = graph.leg_distance_m(leg);
    match metric {
        Metric::Distance => Some(d),
        Metric::Time => ds.meta.time.leg_hours(ds.legs[leg].mode, d),
        Metric::Legs => Some(1.0),
    }
}

impl<'a> PathFinder<'a> {
    /// Build the network of `ds` for a metric under constraints (`via` is
    /// applied by [`PathFinder::k_shortest`]).
    pub fn new(ds: &'a Dataset, graph: &'a RouteGraph, metric: Metric, c: &Constraints) -> Self {
        let n = ds.places.len();
        let mut avoided = vec![false; n];
        for &a in &c.avoid {
            avoided[a] = true;
        }
        // (from, to, cost, leg, reversed), cheapest parallel leg kept.
        let mut edges: Vec<(u32, u32, f64, u32, bool)> = Vec::with_capacity(ds.legs.len() * 2);
        for (i, leg) in ds.legs.iter().enumerate() {
            if let Some(modes) = &c.modes
                && !modes.contains(&leg.mode)
            {
                continue;
            }
            let Some(cost) = leg_cost(ds, graph, metric, i) else {
                continue;
            };
            let a = ds.place_index(&leg.from).expect("validated dataset");
            let b = ds.place_index(&leg.to).expect("validated dataset");
            if avoided[a] || avoided[b] {
                continue;
            }
            edges.push((a as u32, b as u32, cost, i as u32, false));
            if c.undirected {
                edges.push((b as u32, a as u32, cost, i as u32, true));
            }
        }
        edges.sort_by(|x, y| {
            (x.0, x.1)
                .cmp(&(y.0, y.1))
                .then(x.2.total_cmp(&y.2))
                .then((x.3, x.4).cmp(&(y.3, y.4)))
        });
        edges.dedup_by(|later, kept| later.0 == kept.0 && later.1 == kept.1);
        let mut offsets = vec![0usize; n + 1];
        for e in &edges {
            offsets[e.0 as usize + 1] += 1;
        }
        for i in 0..n {
            offsets[i + 1] += offsets[i];
        }
        let ecef: Vec<[f64; 3]> = ds
            .places
            .iter()
            .map(|p| ecef(p.lat_deg, p.lon_deg))
            .collect();
        let cost_per_chord_m = match metric {
            Metric::Distance => 1.0,
            Metric::Time => 1.0 / (ds.meta.time.max_geodesic_kmh() * 1000.0),
            Metric::Legs => 0.0,
        };
        PathFinder {
            ds,
            graph,
            metric,
            time: ds.meta.time,
            offsets,
            targets: edges.iter().map(|e| e.1).collect(),
            costs: edges.iter().map(|e| e.2).collect(),
            edge_legs: edges.iter().map(|e| (e.3, e.4)).collect(),
            ecef,
            cost_per_chord_m,
            avoided,
        }
    }

    /// The metric this network was built for.
    pub fn metric(&self) -> Metric {
        self.metric
    }

    fn edges(&self, u: usize) -> std::ops::Range<usize> {
        self.offsets[u]..self.offsets[u + 1]
    }

    /// The k best loopless paths from `from` to `to` passing through `via` in
    /// order, sorted by cost then by stop ids. Fewer than `k` if fewer exist.
    pub fn k_shortest(&self, from: usize, to: usize, via: &[usize], k: usize) -> Vec<Path> {
        let k = k.min(MAX_K);
        if k == 0 || self.avoided[from] || self.avoided[to] || via.iter().any(|&v| self.avoided[v])
        {
            return Vec::new();
        }
        let search = Search::new(self, from, to, via);
        let mut accepted: Vec<Vec<usize>> = Vec::new();
        // Yen's algorithm over (place, via progress) states. With `via`, a state
        // path may revisit a place in another layer; such walks are skipped.
        let mut banned = vec![false; search.states];
        let Some(first) = search.shortest(search.source, &banned, &[]) else {
            return Vec::new();
        };
        let mut found: Vec<(f64, Vec<usize>)> = vec![first];
        let mut candidates: Vec<(f64, Vec<usize>)> = Vec::new();
        let mut seen: HashSet<Vec<usize>> = HashSet::new();
        seen.insert(found[0].1.clone());
        let max_rounds = k.saturating_mul(40).max(200);
        let mut rounds = 0;
        loop {
            let (_, last) = found.last().expect("non-empty").clone();
            if search.is_simple(&last) {
                accepted.push(last.clone());
                if accepted.len() == k {
                    break;
                }
            }
            rounds += 1;
            if rounds > max_rounds {
                break;
            }
            // The spur searches of one round share their state: the root's
            // states are banned one more at a time, and which earlier paths
            // share the root is updated one stop at a time. (Rebuilt for each
            // spur, they made a route of 200,000 legs cost 200,000 times the
            // size of the network.)
            let mut sharing = vec![true; found.len()];
            for i in 0..last.len() - 1 {
                if i > 0 {
                    banned[last[i - 1]] = true;
                }
                // Every banned edge leaves the spur state: keep their ends.
                let mut banned_next: Vec<usize> = Vec::new();
                for ((_, p), shares) in found.iter().zip(&mut sharing) {
                    *shares = *shares && p.get(i) == Some(&last[i]);
                    if *shares && p.len() > i + 1 {
                        banned_next.push(p[i + 1]);
                    }
                }
                if let Some((_, spur)) = search.shortest(last[i], &banned, &banned_next) {
                    let mut total = last[..i].to_vec();
                    total.extend(spur);
                    if seen.insert(total.clone()) {
                        candidates.push((search.cost_of(&total), total));
                    }
                }
            }
            for &s in &last {
                banned[s] = false;
            }
            if candidates.is_empty() {
                break;
            }
            // Take the cheapest candidate (ties: by stop ids).
            let best = (0..candidates.len())
                .min_by(|&a, &b| search.order(&candidates[a], &candidates[b]))
                .expect("non-empty");
            found.push(candidates.swap_remove(best));
        }
        let mut paths: Vec<Path> = accepted.iter().map(|s| search.to_path(s)).collect();
        paths.sort_by(|a, b| self.order(a, b));
        paths
    }

    /// [`PathFinder::k_shortest`] for each `(from, to, k)` of `queries`, in
    /// order, on every core; `done` is called after each query (for a
    /// progress bar), from whichever thread ran it.
    pub fn k_shortest_each(
        &self,
        queries: &[(usize, usize, usize)],
        via: &[usize],
        done: &(dyn Fn() + Sync),
    ) -> Vec<Vec<Path>> {
        crate::par::map(queries, |&(from, to, k)| {
            let paths = self.k_shortest(from, to, via, k);
            done();
            paths
        })
    }

    fn order(&self, a: &Path, b: &Path) -> Ordering {
        cost_cmp(a.cost, b.cost).then_with(|| {
            let ia = a.stops.iter().map(|&s| self.ds.places[s].id.as_str());
            let ib = b.stops.iter().map(|&s| self.ds.places[s].id.as_str());
            ia.cmp(ib)
        })
    }
}

/// Compare costs, treating values within a relative 1e-9 as equal (sums of the
/// same legs in another order differ in the last bits).
fn cost_cmp(a: f64, b: f64) -> Ordering {
    if (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0) {
        Ordering::Equal
    } else {
        a.total_cmp(&b)
    }
}

/// A search over states `place * layers + layer`, where the layer counts the
/// `via` places passed so far.
struct Search<'n, 'a> {
    net: &'n PathFinder<'a>,
    via: Vec<usize>,
    layers: usize,
    states: usize,
    source: usize,
    target: usize,
    /// Lower bound on the remaining cost from `via[l]` through the rest to the end.
    tail_bound: Vec<f64>,
    to: usize,
    /// Buffers reused by every search (see [`Scratch`]).
    scratch: std::cell::RefCell<Scratch>,
}

/// The per-state arrays of one A* search, reused from search to search: an
/// entry counts only if its stamp is the current search's, so a search
/// costs what it visits, not the size of the network. (Allocated afresh, the
/// three arrays cost the whole network for each of a long route's spurs.)
#[derive(Default)]
struct Scratch {
    /// Best cost found so far to each state.
    g: Vec<f64>,
    /// The state each was reached from.
    prev: Vec<usize>,
    /// The search that last set `g` and `prev` of each state.
    seen: Vec<u32>,
    /// The search that last closed each state.
    closed: Vec<u32>,
    /// The current search.
    stamp: u32,
    heap: BinaryHeap<Open>,
}

impl Scratch {
    /// Start a new search over `states` states.
    fn start(&mut self, states: usize) {
        if self.seen.len() != states || self.stamp == u32::MAX {
            *self = Scratch {
                g: vec![f64::INFINITY; states],
                prev: vec![usize::MAX; states],
                seen: vec![0; states],
                closed: vec![0; states],
                stamp: 0,
                heap: BinaryHeap::new(),
            };
        }
        self.stamp += 1;
        self.heap.clear();
    }

    fn g(&self, s: usize) -> f64 {
        if self.seen[s] == self.stamp {
            self.g[s]
        } else {
            f64::INFINITY
        }
    }

    fn set(&mut self, s: usize, g: f64, prev: usize) {
        self.g[s] = g;
        self.prev[s] = prev;
        self.seen[s] = self.stamp;
    }

    fn is_closed(&self, s: usize) -> bool {
        self.closed[s] == self.stamp
    }
}

#[derive(PartialEq)]
struct Open {
    f: f64,
    g: f64,
    state: usize,
}

impl Eq for Open {}

impl Ord for Open {
    fn cmp(&self, o: &Self) -> Ordering {
        // Min-heap on f, then larger g (deeper first), then state index.
        o.f.total_cmp(&self.f)
            .then(self.g.total_cmp(&o.g))
            .then(o.state.cmp(&self.state))
    }
}

impl PartialOrd for Open {
    fn partial_cmp(&self, o: &Self) -> Option<Ordering> {
        Some(self.cmp(o))
    }
}

impl<'n, 'a> Search<'n, 'a> {
    fn new(net: &'n PathFinder<'a>, from: usize, to: usize, via: &[usize]) -> Self {
        let layers = via.len() + 1;
        let states = net.ds.places.len() * layers;
        // Bound from via[l] onwards: chord via[l] -> via[l+1] -> ... -> to.
        let mut tail_bound = vec![0.0; layers];
        let mut acc = 0.0;
        for l in (0..via.len()).rev() {
            let next = if l + 1 < via.len() { via[l + 1] } else { to };
            acc += chord(&net.ecef[via[l]], &net.ecef[next]) * net.cost_per_chord_m;
            tail_bound[l] = acc;
        }
        Search {
            net,
            via: via.to_vec(),
            layers,
            states,
            source: from * layers,
            target: to * layers + via.len(),
            tail_bound,
            to,
            scratch: std::cell::RefCell::new(Scratch::default()),
        }
    }

    fn place(&self, state: usize) -> usize {
        state / self.layers
    }

    fn heuristic(&self, state: usize) -> f64 {
        let (u, l) = (state / self.layers, state % self.layers);
        let next = if l < self.via.len() {
            self.via[l]
        } else {
            self.to
        };
        chord(&self.net.ecef[u], &self.net.ecef[next]) * self.net.cost_per_chord_m
            + self.tail_bound[l]
    }

    fn step(&self, state: usize, v: usize) -> usize {
        let l = state % self.layers;
        let l2 = if l < self.via.len() && v == self.via[l] {
            l + 1
        } else {
            l
        };
        v * self.layers + l2
    }

    /// A* from `start` to the target, avoiding banned states and the edges
    /// from `start` to the states in `banned_next`.
    fn shortest(
        &self,
        start: usize,
        banned: &[bool],
        banned_next: &[usize],
    ) -> Option<(f64, Vec<usize>)> {
        let mut guard = self.scratch.borrow_mut();
        let sc = &mut *guard;
        sc.start(self.states);
        sc.set(start, 0.0, usize::MAX);
        sc.heap.push(Open {
            f: self.heuristic(start),
            g: 0.0,
            state: start,
        });
        while let Some(Open { g: gs, state, .. }) = sc.heap.pop() {
            if sc.is_closed(state) {
                continue;
            }
            sc.closed[state] = sc.stamp;
            if state == self.target {
                let mut path = vec![state];
                let mut s = state;
                while s != start {
                    s = sc.prev[s];
                    path.push(s);
                }
                path.reverse();
                return Some((gs, path));
            }
            let u = self.place(state);
            for e in self.net.edges(u) {
                let v = self.net.targets[e] as usize;
                let next = self.step(state, v);
                if banned[next]
                    || sc.is_closed(next)
                    || (state == start && banned_next.contains(&next))
                {
                    continue;
                }
                let ng = gs + self.net.costs[e];
                if ng < sc.g(next) {
                    sc.set(next, ng, state);
                    sc.heap.push(Open {
                        f: ng + self.heuristic(next),
                        g: ng,
                        state: next,
                    });
                }
            }
        }
        None
    }

    /// The cheapest edge between consecutive states' places.
    fn edge(&self, a: usize, b: usize) -> usize {
        let (u, v) = (self.place(a), self.place(b));
        self.net
            .edges(u)
            .find(|&e| self.net.targets[e] as usize == v)
            .expect("consecutive states are joined by an edge")
    }

    fn cost_of(&self, states: &[usize]) -> f64 {
        states
            .windows(2)
            .map(|w| self.net.costs[self.edge(w[0], w[1])])
            .sum()
    }

    fn is_simple(&self, states: &[usize]) -> bool {
        let mut seen = HashSet::with_capacity(states.len());
        states.iter().all(|&s| seen.insert(self.place(s)))
    }

    fn order(&self, a: &(f64, Vec<usize>), b: &(f64, Vec<usize>)) -> Ordering {
        cost_cmp(a.0, b.0).then_with(|| {
            let ia =
                a.1.iter()
                    .map(|&s| self.net.ds.places[self.place(s)].id.as_str());
            let ib =
                b.1.iter()
                    .map(|&s| self.net.ds.places[self.place(s)].id.as_str());
            ia.cmp(ib)
        })
    }

    fn to_path(&self, states: &[usize]) -> Path {
        let stops: Vec<usize> = states.iter().map(|&s| self.place(s)).collect();
        let mut legs = Vec::with_capacity(stops.len().saturating_sub(1));
        let mut distance_m = 0.0;
        let mut hours = Some(0.0);
        for w in states.windows(2) {
            let e = self.edge(w[0], w[1]);
            let (leg, reversed) = self.net.edge_legs[e];
            let leg = leg as usize;
            let d = self.net.graph.leg_distance_m(leg);
            distance_m += d;
            hours = match (
                hours,
                self.net.time.leg_hours(self.net.ds.legs[leg].mode, d),
            ) {
                (Some(h), Some(x)) => Some(h + x),
                _ => None,
            };
            legs.push(PathLeg {
                leg,
                from: self.place(w[0]),
                to: self.place(w[1]),
                reversed,
            });
        }
        Path {
            cost: self.cost_of(states),
            stops,
            legs,
            distance_m,
            duration_h: hours,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Evidence, Leg, Meta, Place};

    fn dataset(places: &[(&str, f64, f64)], legs: &[(&str, &str, Mode)]) -> Dataset {
        let places = places
            .iter()
            .map(|&(id, lat, lon)| Place {
                id: id.into(),
                name: id.into(),
                lat_deg: lat,
                lon_deg: lon,
                country: None,
                kind: None,
                note: None,
                city: None,
                code: None,
                located: None,
                area: None,
            })
            .collect();
        let legs = legs
            .iter()
            .map(|&(a, b, mode)| Leg {
                route: None,
                from: a.into(),
                to: b.into(),
                mode,
                evidence: Evidence::Reported,
                date: None,
                count: None,
                source: None,
                carrier: None,
                note: None,
                line: 0,
            })
            .collect();
        Dataset::new("t".into(), Meta::default(), places, legs)
    }

    fn ids(ds: &Dataset, p: &Path) -> Vec<String> {
        p.stops.iter().map(|&s| ds.places[s].id.clone()).collect()
    }

    fn square() -> Dataset {
        // a(0,0) -> b(0,1) -> d(1,1); a -> c(1,0) -> d; a -> d direct; b -> c.
        dataset(
            &[
                ("a", 0.0, 0.0),
                ("b", 0.0, 1.0),
                ("c", 1.0, 0.0),
                ("d", 1.0, 1.0),
            ],
            &[
                ("a", "b", Mode::Road),
                ("b", "d", Mode::Road),
                ("a", "c", Mode::Rail),
                ("c", "d", Mode::Rail),
                ("a", "d", Mode::Air),
                ("b", "c", Mode::Road),
            ],
        )
    }

    #[test]
    fn direct_leg_is_shortest_then_two_leg_paths() {
        let ds = square();
        let g = RouteGraph::new(&ds);
        let net = PathFinder::new(&ds, &g, Metric::Distance, &Constraints::default());
        let paths = net.k_shortest(0, 3, &[], 10);
        let got: Vec<Vec<String>> = paths.iter().map(|p| ids(&ds, p)).collect();
        assert_eq!(got[0], ["a", "d"]);
        assert_eq!(got.len(), 4, "{got:?}");
        assert!(got.contains(&vec!["a".into(), "b".into(), "c".into(), "d".into()]));
        for w in paths.windows(2) {
            assert!(w[0].cost <= w[1].cost + 1e-9);
        }
    }

    #[test]
    fn a_batch_gives_each_query_its_answer_in_order() {
        let ds = square();
        let g = RouteGraph::new(&ds);
        let net = PathFinder::new(&ds, &g, Metric::Distance, &Constraints::default());
        // More queries than par::map runs on one thread.
        let queries: Vec<(usize, usize, usize)> = (0..1200)
            .map(|i| (i % 4, (i / 4 + 1 + i) % 4, 1 + i % 5))
            .filter(|(a, b, _)| a != b)
            .collect();
        let done = std::sync::atomic::AtomicUsize::new(0);
        let batch = net.k_shortest_each(&queries, &[], &|| {
            done.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        });
        assert_eq!(done.into_inner(), queries.len());
        for (q, got) in queries.iter().zip(&batch) {
            assert_eq!(*got, net.k_shortest(q.0, q.1, &[], q.2), "{q:?}");
        }
    }

    #[test]
    fn mode_filter_and_avoid_apply() {
        let ds = square();
        let g = RouteGraph::new(&ds);
        let c = Constraints {
            modes: Some(vec![Mode::Road, Mode::Rail]),
            avoid: vec![1],
            ..Default::default()
        };
        let net = PathFinder::new(&ds, &g, Metric::Distance, &c);
        let paths = net.k_shortest(0, 3, &[], 10);
        let got: Vec<Vec<String>> = paths.iter().map(|p| ids(&ds, p)).collect();
        assert_eq!(got, vec![vec!["a", "c", "d"]]);
    }

    #[test]
    fn via_forces_a_stop() {
        let ds = square();
        let g = RouteGraph::new(&ds);
        let net = PathFinder::new(&ds, &g, Metric::Legs, &Constraints::default());
        let paths = net.k_shortest(0, 3, &[2], 10);
        let got: Vec<Vec<String>> = paths.iter().map(|p| ids(&ds, p)).collect();
        assert_eq!(got, vec![vec!["a", "c", "d"], vec!["a", "b", "c", "d"]]);
    }

    #[test]
    fn directed_unless_undirected() {
        let ds = square();
        let g = RouteGraph::new(&ds);
        let net = PathFinder::new(&ds, &g, Metric::Distance, &Constraints::default());
        assert!(net.k_shortest(3, 0, &[], 3).is_empty());
        let c = Constraints {
            undirected: true,
            ..Default::default()
        };
        let net = PathFinder::new(&ds, &g, Metric::Distance, &c);
        let back = net.k_shortest(3, 0, &[], 3);
        assert_eq!(ids(&ds, &back[0]), ["d", "a"]);
        assert!(back[0].legs[0].reversed);
    }

    #[test]
    fn time_skips_unknown_modes_and_uses_the_cheapest_parallel_leg() {
        let ds = dataset(
            &[("a", 0.0, 0.0), ("b", 0.0, 5.0)],
            &[
                ("a", "b", Mode::Unknown),
                ("a", "b", Mode::Road),
                ("a", "b", Mode::Air),
            ],
        );
        let g = RouteGraph::new(&ds);
        let net = PathFinder::new(&ds, &g, Metric::Time, &Constraints::default());
        let p = &net.k_shortest(0, 1, &[], 3)[0];
        // 556 km: road 0.25 + 556*1.3/65 = 11.4 h; air 2 + 556*1.05/800 = 2.7 h.
        assert_eq!(ds.legs[p.legs[0].leg].mode, Mode::Air);
        let by_distance = PathFinder::new(&ds, &g, Metric::Distance, &Constraints::default());
        let p = &by_distance.k_shortest(0, 1, &[], 3)[0];
        // All three are equally long: the first in file order is taken.
        assert_eq!(p.legs[0].leg, 0);
    }
}
