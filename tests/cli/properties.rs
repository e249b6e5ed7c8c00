//! Property tests for the geometry: geodesic distances behave as a metric,
//! densified arcs stay on the geodesic, clipped and projected points stay in
//! the frame, and paths are consistent with their legs.
//!
//! k-shortest results being sorted, loopless and at least as long as the direct
//! geodesic is checked against brute force in `tests/test_paths.rs`
//! (`k_shortest_matches_brute_force`); this file adds only what that test does
//! not cover.

use proptest::prelude::*;
use routemap::analyze::paths::{Constraints, Metric, PathFinder};
use routemap::graph::RouteGraph;
use routemap::map::clip::{Rect, clip_polyline, clip_ring};
use routemap::map::geodesic::{DENSIFY_STEP_M, densify, distance_m};
use routemap::map::projection::{Kind, Projection};
use routemap::model::{Dataset, Evidence, Leg, Meta, Mode, Place};

/// Half the Earth's meridian circumference: the longest geodesic, in metres.
const HALF_MERIDIAN_M: f64 = 20_003_931.5;

fn point() -> impl Strategy<Value = (f64, f64)> {
    (-180.0..=180.0f64, -90.0..=90.0f64)
}

fn inside(r: &Rect, p: (f64, f64)) -> bool {
    const EPS: f64 = 1e-9;
    p.0.is_finite()
        && p.1.is_finite()
        && p.0 >= r.x0 - EPS
        && p.0 <= r.x1 + EPS
        && p.1 >= r.y0 - EPS
        && p.1 <= r.y1 + EPS
}

fn rect() -> impl Strategy<Value = Rect> {
    (
        -500.0..500.0f64,
        -500.0..500.0f64,
        1.0..800.0f64,
        1.0..800.0f64,
    )
        .prop_map(|(x, y, w, h)| Rect::new(x, y, x + w, y + h))
}

fn plane_points(n: std::ops::Range<usize>) -> impl Strategy<Value = Vec<(f64, f64)>> {
    prop::collection::vec((-1500.0..1500.0f64, -1500.0..1500.0f64), n)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn distance_is_symmetric(a in point(), b in point()) {
        let (ab, ba) = (distance_m(a, b), distance_m(b, a));
        prop_assert!(ab.is_finite() && ab >= 0.0);
        prop_assert!((ab - ba).abs() <= 1e-6, "{ab} vs {ba}");
    }

    #[test]
    fn distance_to_itself_is_zero(a in point()) {
        prop_assert_eq!(distance_m(a, a), 0.0);
    }

    #[test]
    fn triangle_inequality_within_a_millimetre(a in point(), b in point(), c in point()) {
        let (ac, ab, bc) = (distance_m(a, c), distance_m(a, b), distance_m(b, c));
        prop_assert!(ac <= ab + bc + 1e-3, "d(a,c) {ac} > d(a,b) {ab} + d(b,c) {bc}");
    }

    /// Each densified point lies on the geodesic (the detour through it is under
    /// 1 m), steps are at most the requested spacing, the ends are kept and
    /// longitudes are unwrapped. Ends are kept under 170° apart: near antipodes
    /// the geodesic is not unique.
    #[test]
    fn densified_points_lie_on_the_geodesic(
        a in point(),
        b in point(),
        step_km in 50.0..2000.0f64,
    ) {
        let ab = distance_m(a, b);
        prop_assume!(ab < HALF_MERIDIAN_M * 170.0 / 180.0);
        let step_m = step_km * 1000.0;
        let pts = densify(a, b, step_m);
        prop_assert!(pts.len() >= 2);
        let (first, last) = (pts[0], pts[pts.len() - 1]);
        prop_assert!(distance_m(first, a) < 1e-3 && distance_m(last, b) < 1e-3);
        for &p in &pts {
            let detour = distance_m(a, p) + distance_m(p, b) - ab;
            prop_assert!(detour < 1.0, "{p:?} is {detour} m off the geodesic");
        }
        for w in pts.windows(2) {
            prop_assert!((w[1].0 - w[0].0).abs() < 180.0, "longitude jump {w:?}");
            prop_assert!(distance_m(w[0], w[1]) <= step_m * (1.0 + 1e-9) + 1e-3);
        }
    }

    #[test]
    fn default_densify_step_is_respected(a in point(), b in point()) {
        let pts = densify(a, b, DENSIFY_STEP_M);
        for w in pts.windows(2) {
            prop_assert!(distance_m(w[0], w[1]) <= DENSIFY_STEP_M + 1e-3);
        }
    }

    #[test]
    fn clipped_polylines_stay_in_the_frame(line in plane_points(0..30), r in rect()) {
        for piece in clip_polyline(&line, &r) {
            prop_assert!(piece.len() >= 2);
            for p in piece {
                prop_assert!(inside(&r, p), "{p:?} outside {r:?}");
            }
        }
    }

    #[test]
    fn clipped_rings_stay_in_the_frame(ring in plane_points(0..30), r in rect()) {
        let out = clip_ring(&ring, &r);
        prop_assert!(out.is_empty() || out.len() >= 3);
        for p in out {
            prop_assert!(inside(&r, p), "{p:?} outside {r:?}");
        }
    }

    /// Points projected (by any projection, any centre) and then clipped to a
    /// frame inside the projected extent are all inside that frame.
    #[test]
    fn projected_and_clipped_points_stay_in_the_frame(
        kind_i in 0usize..7,
        centre in (-80.0..80.0f64, -180.0..180.0f64),
        line in prop::collection::vec(point(), 2..40),
        frame in (0.05..0.45f64, 0.05..0.45f64, 0.55..0.95f64, 0.55..0.95f64),
    ) {
        let kind = [Kind::Lcc, Kind::Aeqd, Kind::Laea, Kind::Merc, Kind::Robin, Kind::EqEarth, Kind::Ortho][kind_i];
        let proj = Projection::centred(kind, centre.0, centre.1, true).unwrap();
        let xy: Vec<(f64, f64)> = line
            .iter()
            .filter_map(|&p| proj.forward(p))
            .filter(|p| p.0.is_finite() && p.1.is_finite())
            .collect();
        prop_assume!(xy.len() >= 2);
        let Some(bbox) = Rect::bounding(xy.iter().copied()) else {
            return Ok(());
        };
        prop_assume!(bbox.width() > 0.0 && bbox.height() > 0.0);
        let r = Rect::new(
            bbox.x0 + frame.0 * bbox.width(),
            bbox.y0 + frame.1 * bbox.height(),
            bbox.x0 + frame.2 * bbox.width(),
            bbox.y0 + frame.3 * bbox.height(),
        );
        // Inside within 1e-9 of the frame's size (projected units are metres).
        let eps = 1e-9 * bbox.width().max(bbox.height()).max(1.0);
        let loose = Rect::new(r.x0 - eps, r.y0 - eps, r.x1 + eps, r.y1 + eps);
        for piece in clip_polyline(&xy, &r) {
            for p in piece {
                prop_assert!(inside(&loose, p), "{p:?} outside {r:?}");
            }
        }
        for p in clip_ring(&xy, &r) {
            prop_assert!(inside(&loose, p), "{p:?} outside {r:?}");
        }
    }
}

/// A dataset of places at `coords` (lat, lon) with directed network legs.
fn dataset(coords: &[(f64, f64)], legs: &[(usize, usize)], route: Option<&str>) -> Dataset {
    let places = coords
        .iter()
        .enumerate()
        .map(|(i, &(lat, lon))| Place {
            id: format!("p{i:02}"),
            name: format!("P{i}"),
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
        .map(|&(a, b)| Leg {
            route: route.map(str::to_string),
            from: format!("p{a:02}"),
            to: format!("p{b:02}"),
            mode: Mode::Rail,
            evidence: Evidence::Reported,
            date: None,
            count: None,
            source: None,
            carrier: None,
            note: None,
            line: 0,
        })
        .collect();
    Dataset::new("random".into(), Meta::default(), places, legs)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    /// A reported route (any chain of places) is at least as long as the direct
    /// geodesic between its ends, and its length is the sum of its legs.
    #[test]
    fn route_is_at_least_as_long_as_the_direct_line(
        coords in prop::collection::vec((-80.0..80.0f64, -180.0..180.0f64), 2..10),
    ) {
        let n = coords.len();
        let legs: Vec<(usize, usize)> = (0..n - 1).map(|i| (i, i + 1)).collect();
        let ds = dataset(&coords, &legs, Some("r"));
        let cmp = routemap::analyze::compare(&ds);
        let r = &cmp.routes[0];
        prop_assert!(r.distance_km >= r.direct_km - 1e-6, "{} < {}", r.distance_km, r.direct_km);
        let sum: f64 = r.legs.iter().map(|l| l.distance_km).sum();
        prop_assert!((sum - r.distance_km).abs() <= 1e-6 * sum.max(1.0));
    }

    /// Every path k-shortest returns is made of its legs: they join its stops in
    /// order, and its length is the sum of theirs.
    #[test]
    fn path_length_is_the_sum_of_its_legs(
        coords in prop::collection::vec((-60.0..60.0f64, -170.0..170.0f64), 3..8),
        raw_legs in prop::collection::vec((0usize..8, 0usize..8), 4..30),
        k in 1usize..5,
        metric_i in 0usize..3,
    ) {
        let n = coords.len();
        let legs: Vec<(usize, usize)> = raw_legs
            .into_iter()
            .map(|(a, b)| (a % n, b % n))
            .filter(|(a, b)| a != b)
            .collect();
        let ds = dataset(&coords, &legs, None);
        let g = RouteGraph::new(&ds);
        let metric = [Metric::Distance, Metric::Time, Metric::Legs][metric_i];
        let net = PathFinder::new(&ds, &g, metric, &Constraints::default());
        for p in net.k_shortest(0, n - 1, &[], k) {
            prop_assert_eq!(p.legs.len() + 1, p.stops.len());
            for (i, l) in p.legs.iter().enumerate() {
                prop_assert_eq!((l.from, l.to), (p.stops[i], p.stops[i + 1]));
            }
            let sum: f64 = p.legs.iter().map(|l| g.leg_distance_m(l.leg)).sum();
            prop_assert!((sum - p.distance_m).abs() <= 1e-6 * sum.max(1.0), "{sum} vs {}", p.distance_m);
        }
    }
}
