//! Distances and arcs on the WGS84 ellipsoid (Karney's algorithms via `geo`).

use std::sync::LazyLock;

use geo::{Distance, Geodesic, Point};
use geographiclib_rs::{GeodesicLine, InverseGeodesic, capability as caps};

use super::LonLat;

/// The WGS84 ellipsoid with its series coefficients, computed once.
static WGS84: LazyLock<geographiclib_rs::Geodesic> =
    LazyLock::new(geographiclib_rs::Geodesic::wgs84);

/// Largest spacing between the points of a densified arc, in **metres**.
pub const DENSIFY_STEP_M: f64 = 20_000.0;

/// Geodesic distance between two points on the WGS84 ellipsoid, in **metres**.
///
/// ```
/// use approx::assert_relative_eq;
/// use routemap::map::geodesic::distance_m;
///
/// // Pyongyang -> Vladivostok, checked against GeographicLib.
/// let d = distance_m((125.7625, 39.0392), (131.8855, 43.1155));
/// assert_relative_eq!(d, 685_000.97, epsilon = 0.01);
/// ```
pub fn distance_m(a: LonLat, b: LonLat) -> f64 {
    Geodesic.distance(Point::new(a.0, a.1), Point::new(b.0, b.1))
}

/// Points along the geodesic from `a` to `b`, both ends included, no two
/// consecutive points more than `max_step_m` **metres** apart.
///
/// Longitudes are unwrapped: each point's longitude differs from the previous
/// one's by less than 180°, so an arc crossing the antimeridian runs past ±180
/// instead of jumping (callers wrap as their view needs).
pub fn densify(a: LonLat, b: LonLat, max_step_m: f64) -> Vec<LonLat> {
    let (s12, azi1) = inverse(a, b);
    let n = if s12 > max_step_m && max_step_m > 0.0 {
        (s12 / max_step_m).ceil().min(1e7) as usize
    } else {
        1
    };
    let mut out = Vec::with_capacity(n + 1);
    out.push(a);
    if n > 1 {
        let line = Line::new(a, azi1);
        for i in 1..n {
            out.push(line.at(s12 * i as f64 / n as f64));
        }
    }
    out.push(b);
    unwrap_longitudes(&mut out);
    out
}

/// Points along the geodesic from `a` to `b` about `step_m` **metres** apart
/// at the equator and closer towards the poles (`step_m × cos(latitude)`, at
/// least a tenth of it), both ends included, longitudes unwrapped as in
/// [`densify`].
///
/// Near a pole a geodesic sweeps through longitude quickly, and world
/// projections spread longitude out there: equal steps on the ground would
/// leave visible corners on screen. This spends the points where they show.
///
/// ```
/// use routemap::map::geodesic::densify_by_latitude;
///
/// // New York JFK -> Hong Kong passes near the pole: denser there.
/// let pts = densify_by_latitude((-73.78, 40.64), (113.91, 22.31), 100_000.0);
/// assert!(pts.len() > 130);
/// ```
pub fn densify_by_latitude(a: LonLat, b: LonLat, step_m: f64) -> Vec<LonLat> {
    let (s12, azi1) = inverse(a, b);
    let mut out = vec![a];
    if s12 > step_m && step_m > 0.0 {
        let line = Line::new(a, azi1);
        let step = |lat: f64| step_m * lat.to_radians().cos().max(0.1);
        let mut s = step(a.1);
        // The last step is shortened or merged so no point crowds the end.
        while s < s12 - step(b.1) * 0.5 && out.len() < 10_000_000 {
            let p = line.at(s);
            out.push(p);
            s += step(p.1);
        }
    }
    out.push(b);
    unwrap_longitudes(&mut out);
    out
}

/// The length in **metres** and the initial azimuth in degrees of the
/// geodesic from `a` to `b`.
fn inverse(a: LonLat, b: LonLat) -> (f64, f64) {
    let (s12, azi1, _, _): (f64, f64, f64, f64) = WGS84.inverse(a.1, a.0, b.1, b.0);
    (s12, azi1)
}

/// A geodesic set up once, from which points are cheap to take: geo's
/// `points_along_line` solves a new direct problem, line set-up included, for
/// every point.
struct Line {
    line: GeodesicLine,
}

impl Line {
    /// The geodesic leaving `a` at azimuth `azi1` (degrees).
    fn new(a: LonLat, azi1: f64) -> Line {
        let line = GeodesicLine::new(
            &WGS84,
            a.1,
            a.0,
            azi1,
            Some(caps::LATITUDE | caps::LONGITUDE | caps::DISTANCE_IN),
            None,
            None,
        );
        Line { line }
    }

    /// The point `s` **metres** along, its longitude continuous from the start.
    fn at(&self, s: f64) -> LonLat {
        let (_, lat, lon, ..) = self.line._gen_position(
            false,
            s,
            caps::LATITUDE | caps::LONGITUDE | caps::LONG_UNROLL,
        );
        (lon, lat)
    }
}

/// Make a sequence of points continuous in longitude: shift each longitude by a
/// multiple of 360° so it is within 180° of the previous one.
pub fn unwrap_longitudes(points: &mut [LonLat]) {
    for i in 1..points.len() {
        let prev = points[i - 1].0;
        let mut lon = points[i].0;
        while lon - prev > 180.0 {
            lon -= 360.0;
        }
        while lon - prev < -180.0 {
            lon += 360.0;
        }
        points[i].0 = lon;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_relative_eq;

    mod distance {
        use super::*;

        #[test]
        fn pyongyang_vladivostok_matches_geographiclib() {
            // GeographicLib GeodSolve -i: 39.0392 125.7625 43.1155 131.8855 -> 685000.970 m
            let d = distance_m((125.7625, 39.0392), (131.8855, 43.1155));
            assert_relative_eq!(d, 685_000.97, epsilon = 0.01);
        }

        #[test]
        fn is_symmetric_and_zero_on_itself() {
            let (a, b) = ((37.61781, 55.75204), (131.87353, 43.10562));
            assert_relative_eq!(distance_m(a, b), distance_m(b, a), epsilon = 1e-6);
            assert_eq!(distance_m(a, a), 0.0);
        }
    }

    mod densify {
        use super::*;

        #[test]
        fn steps_stay_under_the_limit_and_ends_are_exact() {
            let (a, b) = ((37.61781, 55.75204), (131.87353, 43.10562));
            let pts = super::densify(a, b, DENSIFY_STEP_M);
            assert_eq!(pts[0], a);
            assert_eq!(*pts.last().unwrap(), b);
            for w in pts.windows(2) {
                assert!(distance_m(w[0], w[1]) <= DENSIFY_STEP_M + 1e-6);
            }
        }

        #[test]
        fn moscow_vladivostok_bows_north() {
            let pts = super::densify((37.61781, 55.75204), (131.87353, 43.10562), DENSIFY_STEP_M);
            let max_lat = pts.iter().map(|p| p.1).fold(f64::MIN, f64::max);
            assert!(max_lat > 60.0, "northernmost point {max_lat}");
        }

        #[test]
        fn crossing_the_antimeridian_stays_continuous() {
            // Vladivostok -> Anchorage.
            let pts = super::densify((131.87353, 43.10562), (-149.9, 61.2), DENSIFY_STEP_M);
            for w in pts.windows(2) {
                assert!((w[1].0 - w[0].0).abs() < 5.0);
            }
            assert_relative_eq!(pts.last().unwrap().0, -149.9 + 360.0, epsilon = 1e-9);
        }
    }
}
