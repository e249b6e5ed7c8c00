//! Map projections (proj4rs) and the choice of one for a dataset's extent.
//!
//! proj4rs works in radians; this module takes and returns degrees on the
//! geographic side and metres on the projected side.

use proj4rs::Proj;
use proj4rs::adaptors::transform_xy;

use super::LonLat;
use crate::error::{Error, Result};

/// The projections routemap draws in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Lambert conformal conic (regional views).
    Lcc,
    /// Azimuthal equidistant.
    Aeqd,
    /// Lambert azimuthal equal-area.
    Laea,
    /// Mercator.
    Merc,
    /// Robinson (world).
    Robin,
    /// Equal Earth (world).
    EqEarth,
    /// Orthographic (a globe seen from space).
    Ortho,
}

impl Kind {
    /// Whether the projection is azimuthal (centred on a point, no seam meridian).
    pub fn is_azimuthal(self) -> bool {
        matches!(self, Kind::Aeqd | Kind::Laea | Kind::Ortho)
    }
}

/// What `--projection` asks for: a projection, or `auto` (see [`Projection::choose`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Choice {
    /// Pick from the data's extent.
    Auto,
    /// This projection.
    Kind(Kind),
}

impl std::str::FromStr for Choice {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        Ok(match s.trim().to_ascii_lowercase().as_str() {
            "auto" => Choice::Auto,
            "lcc" => Choice::Kind(Kind::Lcc),
            "aeqd" => Choice::Kind(Kind::Aeqd),
            "laea" => Choice::Kind(Kind::Laea),
            "merc" => Choice::Kind(Kind::Merc),
            "robin" => Choice::Kind(Kind::Robin),
            "eqearth" => Choice::Kind(Kind::EqEarth),
            "ortho" => Choice::Kind(Kind::Ortho),
            _ => {
                return Err(format!(
                    "unknown projection {} (expected one of: auto, lcc, aeqd, laea, merc, robin, eqearth, ortho)",
                    crate::text::quote(s)
                ));
            }
        })
    }
}

/// Parse `LAT,LON` in degrees (for `--center`).
pub fn parse_center(s: &str) -> Result<(f64, f64), String> {
    let bad = || {
        format!(
            "invalid centre {} (expected LAT,LON in degrees, e.g. 50,90)",
            crate::text::quote(s)
        )
    };
    let parts: Vec<&str> = s.split(',').map(str::trim).collect();
    if parts.len() != 2 {
        return Err(bad());
    }
    let lat: f64 = parts[0].parse().map_err(|_| bad())?;
    let lon: f64 = parts[1].parse().map_err(|_| bad())?;
    if !lat.is_finite() || !lon.is_finite() || lat.abs() > 90.0 || lon.abs() > 180.0 {
        return Err(format!(
            "centre {} is out of range (latitude -90..90, longitude -180..180)",
            crate::text::quote(s)
        ));
    }
    Ok((lat, lon))
}

/// A longitude/latitude box for `--extent W,S,E,N`, in degrees. `east` may be
/// less than `west`: the box then crosses the antimeridian.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Extent {
    /// Western longitude.
    pub west: f64,
    /// Southern latitude.
    pub south: f64,
    /// Eastern longitude.
    pub east: f64,
    /// Northern latitude.
    pub north: f64,
}

impl std::str::FromStr for Extent {
    type Err = String;

    /// Parse `W,S,E,N` in degrees.
    fn from_str(s: &str) -> Result<Self, String> {
        let bad = || {
            format!(
                "invalid extent {} (expected W,S,E,N in degrees, e.g. 20,35,140,70)",
                crate::text::quote(s)
            )
        };
        let v: Vec<f64> = s
            .split(',')
            .map(|p| p.trim().parse::<f64>())
            .collect::<Result<_, _>>()
            .map_err(|_| bad())?;
        if v.len() != 4 || v.iter().any(|x| !x.is_finite()) {
            return Err(bad());
        }
        let (west, south, east, north) = (v[0], v[1], v[2], v[3]);
        if west.abs() > 180.0 || east.abs() > 180.0 || south.abs() > 90.0 || north.abs() > 90.0 {
            return Err(format!(
                "extent {} is out of range (longitudes -180..180, latitudes -90..90)",
                crate::text::quote(s)
            ));
        }
        if south >= north {
            return Err(format!(
                "extent {}: south ({south}) must be below north ({north})",
                crate::text::quote(s)
            ));
        }
        if west == east {
            return Err(format!(
                "extent {}: west and east are equal",
                crate::text::quote(s)
            ));
        }
        Ok(Extent {
            west,
            south,
            east,
            north,
        })
    }
}

impl Extent {
    /// Points along the box's edges (1° apart), for fitting and choosing a projection.
    pub fn outline(&self) -> Vec<LonLat> {
        let east = if self.east < self.west {
            self.east + 360.0
        } else {
            self.east
        };
        // Pull the sides in by a hair so a full 360° box keeps both of them
        // (-180° and +180° are the same meridian).
        let (west, east) = (self.west + 1e-6, east - 1e-6);
        let mut pts = Vec::new();
        let nx = ((east - west).ceil() as usize).max(1);
        let ny = ((self.north - self.south).ceil() as usize).max(1);
        for i in 0..=nx {
            let lon = west + (east - west) * i as f64 / nx as f64;
            pts.push((lon, self.south));
            pts.push((lon, self.north));
        }
        for j in 0..=ny {
            let lat = self.south + (self.north - self.south) * j as f64 / ny as f64;
            pts.push((west, lat));
            pts.push((east, lat));
        }
        pts
    }
}

/// A projection from WGS84 longitude/latitude to planar metres.
pub struct Projection {
    wgs84: Proj,
    proj: Proj,
    /// Which projection this is.
    pub kind: Kind,
    /// Latitude of the centre for azimuthal projections, **degrees**.
    pub lat0_deg: f64,
    /// The PROJ definition string, e.g. `+proj=lcc +lat_1=42.7 ...`.
    pub definition: String,
    /// Central meridian in **degrees**: longitudes are taken within ±180° of it.
    pub lon0_deg: f64,
    /// Human-readable name with parameters, for captions.
    pub description: String,
    /// Latitudes in **degrees** along which the scale is true (the standard
    /// parallels of a conic); empty when no single latitude is honest.
    pub true_scale_lats_deg: Vec<f64>,
    /// Where a scale bar is true, for its label (e.g. "true along 41.8°N and
    /// 53°N"), or `None` when a scale bar would mislead (world projections).
    pub scale_note: Option<String>,
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
    v.sort_unstable_by(f64::total_cmp);
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
        kind: Kind,
        definition: String,
        (lat0_deg, lon0_deg): (f64, f64),
        description: String,
        true_scale_lats_deg: Vec<f64>,
        scale_note: Option<String>,
    ) -> Result<Self> {
        let full = format!("{definition} +datum=WGS84 +units=m +no_defs");
        let proj = Proj::from_proj_string(&full)
            .map_err(|e| Error::Render(format!("projection {full:?}: {e}")))?;
        let wgs84 = Proj::from_proj_string("+proj=longlat +datum=WGS84 +no_defs")
            .map_err(|e| Error::Render(format!("WGS84: {e}")))?;
        Ok(Projection {
            wgs84,
            proj,
            kind,
            lat0_deg,
            definition,
            lon0_deg,
            description,
            true_scale_lats_deg,
            scale_note,
        })
    }

    /// Lambert conformal conic with standard parallels `lat1_deg`, `lat2_deg`,
    /// origin latitude `lat0_deg` and central meridian `lon0_deg` (all **degrees**).
    ///
    /// A conic whose standard parallels are (nearly) symmetric about the
    /// equator is a flattened cone with no defined apex (proj refuses it): the
    /// pair is moved together, keeping its spacing, until its middle is 1°
    /// into the hemisphere of the origin (north if the origin is the equator).
    /// The projection then differs from Mercator, its limit, by well under a
    /// percent in scale across the pair.
    ///
    /// ```
    /// use routemap::map::projection::Projection;
    /// let p = Projection::lcc(-3.3, 3.3, 0.0, 100.0).unwrap();
    /// assert_eq!(p.true_scale_lats_deg, vec![-2.3, 4.3]);
    /// ```
    pub fn lcc(lat1_deg: f64, lat2_deg: f64, lat0_deg: f64, lon0_deg: f64) -> Result<Self> {
        let r = |v: f64| (v * 10.0).round() / 10.0;
        let (mut lat1, mut lat2, lat0, lon0) = (r(lat1_deg), r(lat2_deg), r(lat0_deg), r(lon0_deg));
        let middle = (lat1 + lat2) / 2.0;
        if middle.abs() < 1.0 {
            let side = if lat0 < 0.0 || (lat0 == 0.0 && middle < 0.0) {
                -1.0
            } else {
                1.0
            };
            let shift = side - middle;
            lat1 = r((lat1 + shift).clamp(-89.0, 89.0));
            lat2 = r((lat2 + shift).clamp(-89.0, 89.0));
        }
        Self::from_definition(
            Kind::Lcc,
            format!("+proj=lcc +lat_1={lat1} +lat_2={lat2} +lat_0={lat0} +lon_0={lon0}"),
            (lat0, lon0),
            format!(
                "Lambert conformal conic, standard parallels {} and {}, central meridian {}",
                fmt_lat(lat1),
                fmt_lat(lat2),
                fmt_lon(lon0)
            ),
            vec![lat1, lat2],
            Some(format!(
                "true along {} and {}",
                fmt_lat(lat1),
                fmt_lat(lat2)
            )),
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

    /// Build a projection of `kind` centred on `(lat0_deg, lon0_deg)`. For
    /// Mercator the scale is true at `lat0_deg`; for Robinson and Equal Earth
    /// only the central meridian counts. `world` says whether the view spans
    /// most of the globe (then Mercator gets no scale bar).
    pub fn centred(kind: Kind, lat0_deg: f64, lon0_deg: f64, world: bool) -> Result<Self> {
        let r = |v: f64| (v * 10.0).round() / 10.0;
        let (lat0, lon0) = (r(lat0_deg).clamp(-89.0, 89.0), r(lon0_deg));
        let centre = format!("{}, {}", fmt_lat(lat0), fmt_lon(lon0));
        let (definition, name, note) = match kind {
            Kind::Lcc => {
                let span = 10.0;
                return Self::lcc(lat0 - span / 3.0, lat0 + span / 3.0, lat0, lon0);
            }
            Kind::Aeqd => (
                format!("+proj=aeqd +lat_0={lat0} +lon_0={lon0}"),
                format!("Azimuthal equidistant centred on {centre}"),
                Some(format!("true from the centre, {centre}")),
            ),
            Kind::Laea => (
                format!("+proj=laea +lat_0={lat0} +lon_0={lon0}"),
                format!("Lambert azimuthal equal-area centred on {centre}"),
                Some(format!("true at the centre, {centre}")),
            ),
            Kind::Ortho => (
                format!("+proj=ortho +lat_0={lat0} +lon_0={lon0}"),
                format!("Orthographic centred on {centre}"),
                Some(format!("true at the centre, {centre}")),
            ),
            Kind::Merc => {
                let ts = lat0.clamp(-80.0, 80.0);
                (
                    format!("+proj=merc +lat_ts={ts} +lon_0={lon0}"),
                    format!(
                        "Mercator, true scale at {}, central meridian {}",
                        fmt_lat(ts),
                        fmt_lon(lon0)
                    ),
                    (!world).then(|| format!("true at {}", fmt_lat(ts))),
                )
            }
            Kind::Robin => (
                format!("+proj=robin +lon_0={lon0}"),
                format!("Robinson, central meridian {}", fmt_lon(lon0)),
                None,
            ),
            Kind::EqEarth => (
                format!("+proj=eqearth +lon_0={lon0}"),
                format!("Equal Earth, central meridian {}", fmt_lon(lon0)),
                None,
            ),
        };
        Self::from_definition(kind, definition, (lat0, lon0), name, Vec::new(), note)
    }

    /// Choose and fit a projection for points (the data, or an extent's outline).
    ///
    /// `auto` rules, in order:
    /// 1. high latitudes: the points reach beyond 80° of latitude, or their
    ///    centre (the mean of their directions from the Earth's centre) lies
    ///    poleward of 60° and they span more than 90° of longitude →
    ///    azimuthal equidistant centred on that centre (so
    ///    Longyearbyen–Murmansk–Nome or Reykjavík–Anchorage–Tokyo fill the
    ///    frame instead of a strip of a world map);
    /// 2. longitudes spanning more than 120° → Equal Earth, central meridian at
    ///    the middle of the span (so a trans-Pacific dataset is Pacific-centred);
    /// 3. within 20° of the equator on both sides of it → Mercator true at the equator;
    /// 4. otherwise → Lambert conformal conic fitted to the extent ([`Projection::fitted_lcc`]).
    ///
    /// ```
    /// use routemap::map::projection::{Choice, Kind, Projection};
    /// // Longyearbyen, Murmansk, Nome: 195° of longitude, all in the Arctic.
    /// let pts = [(15.6, 78.2), (33.1, 69.0), (-165.4, 64.5)];
    /// let p = Projection::choose(Choice::Auto, &pts, None).unwrap();
    /// assert_eq!(p.kind, Kind::Aeqd);
    /// assert!(p.lat0_deg > 70.0);
    /// ```
    ///
    /// An explicit kind is centred on `center` (LAT, LON) if given, else on the
    /// middle of the data.
    pub fn choose(choice: Choice, points: &[LonLat], center: Option<(f64, f64)>) -> Result<Self> {
        let lons: Vec<f64> = points.iter().map(|p| p.0).collect();
        let (west, east) = longitude_span(&lons)
            .ok_or_else(|| Error::Render("no points to fit a projection to".into()))?;
        let south = points.iter().map(|p| p.1).fold(f64::INFINITY, f64::min);
        let north = points.iter().map(|p| p.1).fold(f64::NEG_INFINITY, f64::max);
        let span = east - west;
        let mut mid_lon = (west + east) / 2.0;
        if mid_lon > 180.0 {
            mid_lon -= 360.0;
        }
        let mid_lat = (south + north) / 2.0;
        let world = span > 120.0;
        if choice == Choice::Auto
            && let Some((lat, lon)) = spherical_centre(points)
            && ((lat.abs() > 60.0 && span > 90.0) || north > 80.0 || south < -80.0)
        {
            return Self::centred(Kind::Aeqd, lat, lon, false);
        }
        let kind = match choice {
            Choice::Kind(k) => k,
            Choice::Auto if world => Kind::EqEarth,
            Choice::Auto if south > -20.0 && north < 20.0 && south < 0.0 && north > 0.0 => {
                Kind::Merc
            }
            Choice::Auto => Kind::Lcc,
        };
        if choice == Choice::Auto && kind == Kind::Merc {
            return Self::centred(Kind::Merc, 0.0, mid_lon, false);
        }
        match (kind, center) {
            (Kind::Lcc, None) => Self::fitted_lcc(points),
            (Kind::Lcc, Some((lat, lon))) => {
                let half = ((north - south).max(2.0)) / 3.0;
                Self::lcc(lat - half, lat + half, lat, lon)
            }
            (k, Some((lat, lon))) => Self::centred(k, lat, lon, world || north - south > 60.0),
            (k, None) => Self::centred(k, mid_lat, mid_lon, world || north - south > 60.0),
        }
    }

    /// Whether the whole globe's outline is meaningful in this projection
    /// (world and azimuthal projections have an edge that the view may show).
    pub fn has_outline(&self) -> bool {
        !matches!(self.kind, Kind::Lcc | Kind::Merc)
    }

    /// The projection's edge as a ring of points in degrees: the meridians at
    /// ±180° from the central one for Robinson and Equal Earth, the horizon for
    /// the orthographic, the antipode circle for azimuthal equidistant and
    /// equal-area. Empty for projections without an edge ([`Projection::has_outline`]).
    pub fn outline(&self) -> Vec<LonLat> {
        let lon0 = self.lon0_deg;
        match self.kind {
            Kind::Lcc | Kind::Merc => Vec::new(),
            Kind::Robin | Kind::EqEarth => {
                let e = 1e-7;
                let mut ring = Vec::new();
                for i in 0..=180 {
                    ring.push((lon0 - 180.0 + e, -90.0 + f64::from(i)));
                }
                for i in 0..=180 {
                    ring.push((lon0 + 180.0 - e, 90.0 - f64::from(i)));
                }
                ring
            }
            Kind::Ortho | Kind::Aeqd | Kind::Laea => {
                let radius_deg = if self.kind == Kind::Ortho {
                    89.999
                } else {
                    179.5
                };
                (0..360)
                    .map(|az| destination_sphere((self.lat0_deg, lon0), f64::from(az), radius_deg))
                    .collect()
            }
        }
    }

    /// How far from the centre, in degrees of arc, an azimuthal projection
    /// shows the globe: just short of 90° for the orthographic (its horizon),
    /// just short of the antipode for the azimuthal equidistant and
    /// equal-area (where they blow up). `None` for other projections.
    pub fn horizon_deg(&self) -> Option<f64> {
        match self.kind {
            Kind::Ortho => Some(89.99),
            Kind::Aeqd | Kind::Laea => Some(179.4),
            _ => None,
        }
    }

    /// For azimuthal projections, move points beyond the horizon
    /// ([`Projection::horizon_deg`]) onto it along their bearing from the
    /// centre, so that rings crossing it are cut along the edge of the disc.
    /// Other projections return the point unchanged.
    pub fn clamp_to_horizon(&self, p: LonLat) -> LonLat {
        let Some(horizon) = self.horizon_deg() else {
            return p;
        };
        let (lat0, lon0) = (self.lat0_deg.to_radians(), self.lon0_deg.to_radians());
        let (lat, lon) = (p.1.to_radians(), p.0.to_radians());
        let cos_c = lat0.sin() * lat.sin() + lat0.cos() * lat.cos() * (lon - lon0).cos();
        if cos_c > (horizon + 0.004).to_radians().cos() {
            return p;
        }
        // Bearing from the centre to p, then the point on the horizon along it.
        let y = (lon - lon0).sin() * lat.cos();
        let x = lat0.cos() * lat.sin() - lat0.sin() * lat.cos() * (lon - lon0).cos();
        let az = y.atan2(x).to_degrees();
        let mut q = destination_sphere((self.lat0_deg, self.lon0_deg), az, horizon);
        q.0 = p.0 + ((q.0 - p.0 + 180.0).rem_euclid(360.0) - 180.0);
        q
    }

    /// Whether the side of a ring that covers less of the globe holds the
    /// point opposite the projection's centre (the antipode). A ring is a
    /// loop of points in degrees, not closed; its edges are short (as in
    /// Natural Earth). Azimuthal projections map the globe without the
    /// antipode onto a disc, so such a ring, drawn, encloses its other,
    /// larger side: a renderer filling by the even-odd rule puts it right by
    /// adding the disc's edge once more.
    ///
    /// The test projects the ring in a Lambert azimuthal equal-area
    /// projection on the unit sphere centred on the view: the area it
    /// encloses there is the area of its side without the antipode, which
    /// is the larger side when it exceeds half the sphere (2π).
    pub fn ring_holds_antipode(&self, ring: &[LonLat]) -> bool {
        if ring.len() < 3 {
            return false;
        }
        let (lat0, lon0) = (self.lat0_deg.to_radians(), self.lon0_deg.to_radians());
        let (s0, c0) = lat0.sin_cos();
        let xy = |p: &LonLat| {
            let (lat, dlon) = (p.1.to_radians(), p.0.to_radians() - lon0);
            let (s, c) = lat.sin_cos();
            let cos_c = (s0 * s + c0 * c * dlon.cos()).max(-1.0 + 1e-12);
            let k = (2.0 / (1.0 + cos_c)).sqrt();
            (k * c * dlon.sin(), k * (c0 * s - s0 * c * dlon.cos()))
        };
        let pts: Vec<(f64, f64)> = ring.iter().map(xy).collect();
        let mut twice_area = 0.0;
        for i in 0..pts.len() {
            let (a, b) = (pts[i], pts[(i + 1) % pts.len()]);
            twice_area += a.0 * b.1 - b.0 * a.1;
        }
        twice_area.abs() / 2.0 > 2.0 * std::f64::consts::PI
    }

    /// Bring a longitude within ±180° of the central meridian.
    pub fn wrap_lon(&self, lon_deg: f64) -> f64 {
        let d = (lon_deg - self.lon0_deg + 180.0).rem_euclid(360.0) - 180.0;
        self.lon0_deg + d
    }

    /// Project a densified line, cutting it where it crosses the view's seam
    /// meridian (the central meridian + 180°; not for azimuthal projections) and
    /// where points cannot be projected (the far side of an orthographic globe).
    ///
    /// ```
    /// use routemap::map::projection::{Kind, Projection};
    /// // A Europe-centred world map: a trans-Pacific line is cut in two.
    /// let p = Projection::centred(Kind::EqEarth, 0.0, 10.0, true).unwrap();
    /// let pieces = p.project_line(&[(170.0, 40.0), (-170.0, 40.0)]);
    /// assert_eq!(pieces.len(), 2);
    /// ```
    pub fn project_line(&self, line: &[LonLat]) -> Vec<Vec<(f64, f64)>> {
        let projection = self;
        let mut pieces: Vec<Vec<(f64, f64)>> = Vec::new();
        let mut current: Vec<(f64, f64)> = Vec::new();
        let seam = !projection.kind.is_azimuthal();
        let lon0 = projection.lon0_deg;
        let rel = |lon: f64| (lon - lon0 + 180.0).rem_euclid(360.0) - 180.0;
        let mut prev: Option<LonLat> = None;
        for &p in line {
            if let Some(q) = prev
                && seam
                && (rel(p.0) - rel(q.0)).abs() > 180.0
            {
                // Crosses the seam between q and p: end at the edge, restart on the other side.
                let (a, b) = (rel(q.0), rel(p.0));
                let edge_a = if a > 0.0 { 180.0 } else { -180.0 };
                let b_unwrapped = if a > 0.0 { b + 360.0 } else { b - 360.0 };
                let t = (edge_a - a) / (b_unwrapped - a);
                let lat = q.1 + t * (p.1 - q.1);
                let e = 1e-6;
                if let Some(m) = projection.forward((lon0 + edge_a - edge_a.signum() * e, lat)) {
                    current.push(m);
                }
                if current.len() >= 2 {
                    pieces.push(std::mem::take(&mut current));
                }
                current.clear();
                if let Some(m) = projection.forward((lon0 - edge_a + edge_a.signum() * e, lat)) {
                    current.push(m);
                }
            }
            match projection.forward(p) {
                Some(m) => current.push(m),
                None => {
                    if current.len() >= 2 {
                        pieces.push(std::mem::take(&mut current));
                    }
                    current.clear();
                }
            }
            prev = Some(p);
        }
        if current.len() >= 2 {
            pieces.push(current);
        }
        pieces
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

/// The centre of points on the sphere: the direction of the mean of their
/// unit vectors, as (LAT, LON) in degrees; `None` when they cancel out.
fn spherical_centre(points: &[LonLat]) -> Option<(f64, f64)> {
    let (mut x, mut y, mut z) = (0.0, 0.0, 0.0);
    for p in points {
        let (lat, lon) = (p.1.to_radians(), p.0.to_radians());
        x += lat.cos() * lon.cos();
        y += lat.cos() * lon.sin();
        z += lat.sin();
    }
    let h = x.hypot(y);
    (h.hypot(z) > 1e-9 * points.len() as f64)
        .then(|| (z.atan2(h).to_degrees(), y.atan2(x).to_degrees()))
}

/// The point `dist_deg` degrees of arc from `from` (LAT, LON) along azimuth
/// `az_deg`, on a sphere; returned as (lon, lat).
pub fn destination_sphere(from: (f64, f64), az_deg: f64, dist_deg: f64) -> LonLat {
    let (lat1, lon1) = (from.0.to_radians(), from.1.to_radians());
    let (az, d) = (az_deg.to_radians(), dist_deg.to_radians());
    let lat2 = (lat1.sin() * d.cos() + lat1.cos() * d.sin() * az.cos()).asin();
    let lon2 = lon1 + (az.sin() * d.sin() * lat1.cos()).atan2(d.cos() - lat1.sin() * lat2.sin());
    (lon2.to_degrees(), lat2.to_degrees())
}

/// Format a latitude as e.g. `41.8°N`.
pub fn fmt_lat(lat: f64) -> String {
    if lat.abs() < 0.05 {
        return "0°".into();
    }
    let hemi = if lat < 0.0 { 'S' } else { 'N' };
    format!("{}°{hemi}", trim_number(lat.abs()))
}

/// Format a longitude as e.g. `84.8°E`.
pub fn fmt_lon(lon: f64) -> String {
    if lon.abs() < 0.05 || (lon.abs() - 180.0).abs() < 0.05 {
        return format!("{}°", trim_number(lon.abs()));
    }
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
        fn a_conic_centred_on_the_equator_is_moved_off_it() {
            // Regression: `+lat_1=-3.3 +lat_2=3.3` is a cone with no apex;
            // proj refused it (ProjErrConicLatEqual) and the property test
            // and `render --projection lcc --center 0,100` failed with it.
            for (lat1, lat2, lat0) in [(-3.3, 3.3, 0.0), (0.0, 0.0, 0.0), (-5.0, 4.9, -0.1)] {
                let p = Projection::lcc(lat1, lat2, lat0, 100.0).unwrap();
                let [a, b] = p.true_scale_lats_deg[..] else {
                    panic!("two standard parallels")
                };
                assert!(((a + b) / 2.0).abs() >= 1.0 - 1e-9, "{a}, {b}");
                assert!(((b - a) - (lat2 - lat1)).abs() < 0.11, "spacing kept");
                assert!(p.forward((100.0, 0.0)).is_some());
            }
            let south = Projection::lcc(-3.3, 3.3, -2.0, 0.0).unwrap();
            assert_eq!(south.true_scale_lats_deg, vec![-4.3, 2.3]);
            assert!(Projection::centred(Kind::Lcc, 0.0, 100.0, false).is_ok());
        }

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
        fn a_ring_holds_the_antipode_on_its_smaller_side_only() {
            // A 20° square round 0°N 20°E, either way round.
            let square = vec![(10.0, -10.0), (30.0, -10.0), (30.0, 10.0), (10.0, 10.0)];
            let reversed: Vec<_> = square.iter().rev().copied().collect();
            // Seen from its antipode (0°N 160°W) it holds the antipode.
            let far = Projection::centred(Kind::Ortho, 0.0, -160.0, true).unwrap();
            assert!(far.ring_holds_antipode(&square));
            assert!(far.ring_holds_antipode(&reversed));
            // Seen from above it, or from the side, it does not.
            let near = Projection::centred(Kind::Laea, 0.0, 20.0, true).unwrap();
            assert!(!near.ring_holds_antipode(&square));
            let side = Projection::centred(Kind::Aeqd, 0.0, 110.0, true).unwrap();
            assert!(!side.ring_holds_antipode(&reversed));
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
