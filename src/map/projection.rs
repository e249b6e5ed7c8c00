//! Map projections (proj4rs) and the choice of one for a dataset's extent.
//!
//! proj4rs works in radians; this module takes and returns degrees on the
//! geographic side and metres on the projected side.

use proj4rs::Proj;
use proj4rs::adaptors::transform_xy;

use super::LonLat;
use crate::error::{Error, Result};

/// A projection from WGS84 longitude/latitude to planar metres.
pub struct Projection {
    wgs84: Proj,
    proj: Proj,
    /// The PROJ definition string, e.g. `+proj=lcc +lat_1=42.7 ...`.
    pub definition: String,
    /// Central meridian in **degrees**: longitudes are taken within ±180° of it.
    pub lon0_deg: f64,
    /// Human-readable name with parameters, for captions.
    pub description: String,
    /// Latitudes in **degrees** along which the scale is true (the standard
    /// parallels of a conic); empty when no single latitude is honest.
    pub true_scale_lats_deg: Vec<f64>,
}

impl std::fmt::Debug for Projection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Projection")
            .field("definition", &self.definition)
            .finish()
    }
}

/// The smallest longitude interval holding every longitude: (west, east) in
/// **degrees**, with `east` possibly above 180 when the interval crosses the
/// antimeridian.
pub fn longitude_span(lons: &[f64]) -> Option<(f64, f64)> {
    let mut v: Vec<f64> = lons.iter().map(|l| l.rem_euclid(360.0)).collect();
    if v.is_empty() {
        return None;
    }
    v.sort_by(f64::total_cmp);
    // The interval is the complement of the largest gap between consecutive
    // longitudes (the wrap-around gap from the last to the first included).
    let n = v.len();
    let mut best_gap = v[0] + 360.0 - v[n - 1];
    let mut span = (v[0], v[n - 1]);
    for i in 1..n {
        let gap = v[i] - v[i - 1];
        if gap > best_gap {
            best_gap = gap;
            span = (v[i], v[i - 1] + 360.0);
        }
    }
    if span.0 > 180.0 {
        span = (span.0 - 360.0, span.1 - 360.0);
    }
    Some(span)
}

impl Projection {
    /// Build a projection from a PROJ string (datum WGS84 is appended).
    fn from_definition(
        definition: String,
        lon0_deg: f64,
        description: String,
        true_scale_lats_deg: Vec<f64>,
    ) -> Result<Self> {
        let full = format!("{definition} +datum=WGS84 +units=m +no_defs");
        let proj = Proj::from_proj_string(&full)
            .map_err(|e| Error::Render(format!("projection {full:?}: {e}")))?;
        let wgs84 = Proj::from_proj_string("+proj=longlat +datum=WGS84 +no_defs")
            .map_err(|e| Error::Render(format!("WGS84: {e}")))?;
        Ok(Projection {
            wgs84,
            proj,
            definition,
            lon0_deg,
            description,
            true_scale_lats_deg,
        })
    }

    /// Lambert conformal conic with standard parallels `lat1_deg`, `lat2_deg`,
    /// origin latitude `lat0_deg` and central meridian `lon0_deg` (all **degrees**).
    pub fn lcc(lat1_deg: f64, lat2_deg: f64, lat0_deg: f64, lon0_deg: f64) -> Result<Self> {
        let r = |v: f64| (v * 10.0).round() / 10.0;
        let (lat1, lat2, lat0, lon0) = (r(lat1_deg), r(lat2_deg), r(lat0_deg), r(lon0_deg));
        Self::from_definition(
            format!("+proj=lcc +lat_1={lat1} +lat_2={lat2} +lat_0={lat0} +lon_0={lon0}"),
            lon0,
            format!(
                "Lambert conformal conic, standard parallels {} and {}, central meridian {}",
                fmt_lat(lat1),
                fmt_lat(lat2),
                fmt_lon(lon0)
            ),
            vec![lat1, lat2],
        )
    }

    /// A Lambert conformal conic fitted to the points: standard parallels at 1/6
    /// and 5/6 of the latitude span, origin at its middle, central meridian at
    /// the middle of the smallest longitude interval holding the points.
    ///
    /// ```
    /// use routemap::map::projection::Projection;
    /// let p = Projection::fitted_lcc(&[(37.6, 55.8), (131.9, 43.1), (125.8, 39.0)]).unwrap();
    /// assert_eq!(p.true_scale_lats_deg, vec![41.8, 53.0]);
    /// assert_eq!(p.lon0_deg, 84.8);
    /// ```
    pub fn fitted_lcc(points: &[LonLat]) -> Result<Self> {
        let lons: Vec<f64> = points.iter().map(|p| p.0).collect();
        let (west, east) = longitude_span(&lons)
            .ok_or_else(|| Error::Render("no points to fit a projection to".into()))?;
        let south = points.iter().map(|p| p.1).fold(f64::INFINITY, f64::min);
        let north = points.iter().map(|p| p.1).fold(f64::NEG_INFINITY, f64::max);
        let mut span = north - south;
        let mut mid = (north + south) / 2.0;
        if span < 2.0 {
            // Too small a span for a conic to differ from its tangent: widen it.
            span = 2.0;
        }
        // A conic cannot have its standard parallels on opposite sides of the
        // equator close to symmetric; keep both in the hemisphere of the middle.
        if mid.abs() < 1.0 {
            mid = if mid >= 0.0 { 1.0 } else { -1.0 };
        }
        let lat1 = (mid - span / 3.0).clamp(-89.0, 89.0);
        let lat2 = (mid + span / 3.0).clamp(-89.0, 89.0);
        let mut lon0 = (west + east) / 2.0;
        if lon0 > 180.0 {
            lon0 -= 360.0;
        }
        Self::lcc(lat1, lat2, mid, lon0)
    }

    /// Bring a longitude within ±180° of the central meridian.
    pub fn wrap_lon(&self, lon_deg: f64) -> f64 {
        let d = (lon_deg - self.lon0_deg + 180.0).rem_euclid(360.0) - 180.0;
        self.lon0_deg + d
    }

    /// Project a point (degrees) to metres; `None` where the projection is undefined.
    pub fn forward(&self, p: LonLat) -> Option<(f64, f64)> {
        let lon = self.wrap_lon(p.0);
        let (x, y) =
            transform_xy(&self.wgs84, &self.proj, lon.to_radians(), p.1.to_radians()).ok()?;
        (x.is_finite() && y.is_finite()).then_some((x, y))
    }

    /// Unproject metres to a point in degrees, longitude within ±180° of the
    /// central meridian.
    pub fn inverse(&self, xy: (f64, f64)) -> Option<LonLat> {
        let (lon, lat) = transform_xy(&self.proj, &self.wgs84, xy.0, xy.1).ok()?;
        let (lon, lat) = (lon.to_degrees(), lat.to_degrees());
        (lon.is_finite() && lat.is_finite()).then(|| (self.wrap_lon(lon), lat))
    }
}

/// Format a latitude as e.g. `41.8°N`.
pub fn fmt_lat(lat: f64) -> String {
    let hemi = if lat < 0.0 { 'S' } else { 'N' };
    format!("{}°{hemi}", trim_number(lat.abs()))
}

/// Format a longitude as e.g. `84.8°E`.
pub fn fmt_lon(lon: f64) -> String {
    let hemi = if lon < 0.0 { 'W' } else { 'E' };
    format!("{}°{hemi}", trim_number(lon.abs()))
}

fn trim_number(v: f64) -> String {
    let s = format!("{v:.1}");
    s.strip_suffix(".0").map(str::to_string).unwrap_or(s)
}

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_relative_eq;

    mod span {
        use super::*;

        #[test]
        fn simple_interval() {
            assert_eq!(longitude_span(&[37.6, 131.9, 44.5]), Some((37.6, 131.9)));
        }

        #[test]
        fn interval_across_the_antimeridian() {
            let (w, e) = longitude_span(&[170.0, -170.0, 175.0]).unwrap();
            assert_relative_eq!(w, 170.0);
            assert_relative_eq!(e, 190.0);
        }
    }

    mod lcc {
        use super::*;

        #[test]
        fn round_trips_within_a_micro_degree() {
            let p = Projection::lcc(42.0, 57.0, 49.0, 85.0).unwrap();
            for pt in [
                (37.61781, 55.75204),
                (131.87353, 43.10562),
                (125.75432, 39.03385),
            ] {
                let back = p.inverse(p.forward(pt).unwrap()).unwrap();
                assert_relative_eq!(back.0, pt.0, epsilon = 1e-6);
                assert_relative_eq!(back.1, pt.1, epsilon = 1e-6);
            }
        }

        #[test]
        fn scale_is_true_on_a_standard_parallel() {
            // Along a standard parallel a short east-west step keeps its length.
            let p = Projection::lcc(42.0, 57.0, 49.0, 85.0).unwrap();
            let a = p.forward((85.0, 57.0)).unwrap();
            let b = p.forward((85.01, 57.0)).unwrap();
            let planar = ((b.0 - a.0).powi(2) + (b.1 - a.1).powi(2)).sqrt();
            let ground = crate::map::geodesic::distance_m((85.0, 57.0), (85.01, 57.0));
            assert_relative_eq!(planar / ground, 1.0, epsilon = 1e-5);
        }

        #[test]
        fn north_is_up_on_the_central_meridian() {
            let p = Projection::lcc(42.0, 57.0, 49.0, 85.0).unwrap();
            let s = p.forward((85.0, 40.0)).unwrap();
            let n = p.forward((85.0, 60.0)).unwrap();
            assert_relative_eq!(s.0, 0.0, epsilon = 1e-6);
            assert!(n.1 > s.1);
        }
    }
}
