//! Stage 2, geometry: the planned legs as densified geodesics and the
//! places, projected (in **metres** of the chosen projection), and the box
//! the view must show. The projection is chosen here, from the data or the
//! requested extent; lines are cut at the view's seam by
//! [`Projection::project_line`].

use super::RenderOptions;
use super::plan::Plan;
use crate::error::{Error, Result};
use crate::map::LonLat;
use crate::map::clip::Rect;
use crate::map::geodesic::{DENSIFY_STEP_M, densify, densify_by_latitude};
use crate::map::projection::Projection;
use crate::map::projection::{Extent, longitude_span};
use crate::model::OverlayGeometry;

/// A projected line, in pieces (cut at the seam or the horizon).
pub(crate) type Pieces = Vec<Vec<(f64, f64)>>;

/// The map's geometry in projected metres.
pub(crate) struct Geometry {
    /// The projection.
    pub projection: Projection,
    /// Per leg of the dataset: its projected geodesic, empty if not drawn.
    pub arcs_m: Vec<Pieces>,
    /// Per place pair of the network map: its projected geodesic.
    pub net_arcs_m: Vec<Pieces>,
    /// Per place: where it projects, if it is shown (or a network map's hub
    /// in view) and projects.
    pub places_m: Vec<Option<(f64, f64)>>,
    /// Points along the outlines of the shaded regions (see
    /// [`super::regions`]), projected: the legend and the inset keep off
    /// them.
    pub regions_m: Vec<(f64, f64)>,
    /// The box to fit in the frame: the extent asked for, else everything
    /// drawn (the whole globe when none of it can be seen).
    pub data_box: Rect,
}

/// Ground **metres** per output pixel, estimated from the box of `points`
/// (degrees) or of the extent asked for, across `width_px`: before the
/// projection is chosen, to decide how finely lines are sampled.
pub(crate) fn metres_per_px(
    points: impl Iterator<Item = LonLat>,
    extent: Option<&Extent>,
    width_px: u32,
) -> f64 {
    let (span_lon, south, north) = match extent {
        Some(e) => {
            let east = if e.east < e.west {
                e.east + 360.0
            } else {
                e.east
            };
            (east - e.west, e.south, e.north)
        }
        None => {
            let (mut lons, mut south, mut north) = (Vec::new(), 90.0f64, -90.0f64);
            for (lon, lat) in points {
                lons.push(lon);
                south = south.min(lat);
                north = north.max(lat);
            }
            let span = longitude_span(&lons).map_or(0.0, |(w, e)| e - w);
            (span, south.min(north), north.max(south))
        }
    };
    let mid = ((south + north) / 2.0).to_radians().cos().max(0.2);
    let km = (span_lon * 111.32 * mid).max((north - south) * 110.57);
    km * 1000.0 / f64::from(width_px.max(1))
}

/// Spacing of the points of a route's leg, **metres**: [`DENSIFY_STEP_M`] on
/// regional maps, and about three output pixels where that is longer (world
/// maps), up to 100 km. A chord of three pixels strays from its geodesic by
/// well under a hundredth of a pixel, so the line looks the same with a
/// fraction of the points: a world map of 40,000 legs draws in seconds.
pub(crate) fn leg_step_m(metres_per_px: f64) -> f64 {
    (3.0 * metres_per_px).clamp(DENSIFY_STEP_M, 100_000.0)
}

/// Spacing of the points of a network line before simplification, in
/// **metres** at the equator (closer towards the poles, see
/// [`densify_by_latitude`]): about six output pixels, between 25 and 200
/// km. A chord of six pixels strays from its geodesic by well under a
/// tenth of a pixel on the projections used here.
pub(crate) fn network_step_m(metres_per_px: f64) -> f64 {
    (6.0 * metres_per_px).clamp(25_000.0, 200_000.0)
}

/// Densify, choose the projection and project.
pub(crate) fn project(plan: &Plan<'_>, opts: &RenderOptions) -> Result<Geometry> {
    let ds = plan.ds;
    let width = opts.size.width_px;
    let ends = |i: usize| {
        let l = &ds.legs[i];
        [&l.from, &l.to].map(|id| {
            let p = ds.place(id).expect("validated dataset");
            (p.lon_deg, p.lat_deg)
        })
    };
    let drawn_ends = (0..ds.legs.len()).filter(|&i| plan.drawn[i]).flat_map(ends);
    let leg_step = leg_step_m(metres_per_px(drawn_ends, opts.extent.as_ref(), width));
    let arcs: Vec<Vec<LonLat>> = ds
        .legs
        .iter()
        .enumerate()
        .map(|(i, leg)| {
            if !plan.drawn[i] {
                return Vec::new();
            }
            let a = ds.place(&leg.from).expect("validated dataset");
            let b = ds.place(&leg.to).expect("validated dataset");
            densify((a.lon_deg, a.lat_deg), (b.lon_deg, b.lat_deg), leg_step)
        })
        .collect();
    let net_arcs: Vec<Vec<LonLat>> = plan.network.as_ref().map_or_else(Vec::new, |net| {
        let places = net
            .pairs
            .iter()
            .flat_map(|p| [p.a, p.b].map(|i| (ds.places[i].lon_deg, ds.places[i].lat_deg)));
        let step = network_step_m(metres_per_px(places, opts.extent.as_ref(), width));
        crate::par::map(&net.pairs, |p| {
            let (a, b) = (&ds.places[p.a], &ds.places[p.b]);
            densify_by_latitude((a.lon_deg, a.lat_deg), (b.lon_deg, b.lat_deg), step)
        })
    });
    let extent_outline = opts.extent.map(|e| e.outline());
    // Overlays are part of what is drawn: the view holds them too (issue 14:
    // an overlay listed in the legend could lie outside the map).
    let overlay_points: Vec<LonLat> = opts
        .overlays
        .iter()
        .flat_map(|o| &o.features)
        .flat_map(|f| -> Vec<LonLat> {
            match &f.geometry {
                OverlayGeometry::Areas(polys) => polys
                    .iter()
                    .filter_map(|rings| rings.first())
                    .flatten()
                    .copied()
                    .collect(),
                OverlayGeometry::Lines(lines) => lines.iter().flatten().copied().collect(),
                OverlayGeometry::Points(points) => points.clone(),
            }
        })
        .collect();
    // So are the areas of regions, by their outer rings.
    let region_points: Vec<LonLat> = super::regions::shown(ds, &plan.shown)
        .into_iter()
        .flat_map(|(_, _, a)| a.polygons.iter().filter_map(|rings| rings.first()))
        .flatten()
        .copied()
        .collect();
    let projection = match &extent_outline {
        Some(outline) => Projection::choose(opts.projection, outline, centre(opts))?,
        None => {
            let mut points: Vec<LonLat> = arcs.iter().chain(&net_arcs).flatten().copied().collect();
            points.extend(
                ds.places
                    .iter()
                    .zip(&plan.shown)
                    .filter(|(_, s)| **s)
                    .map(|(p, _)| (p.lon_deg, p.lat_deg)),
            );
            points.extend(&overlay_points);
            points.extend(&region_points);
            Projection::choose(opts.projection, &points, opts.center)?
        }
    };
    let arcs_m: Vec<Pieces> = arcs.iter().map(|a| projection.project_line(a)).collect();
    let net_arcs_m: Vec<Pieces> = crate::par::map(&net_arcs, |a| projection.project_line(a));
    drop(net_arcs);
    let mut places_m: Vec<Option<(f64, f64)>> = ds
        .places
        .iter()
        .zip(&plan.shown)
        .map(|(p, s)| {
            s.then(|| projection.forward((p.lon_deg, p.lat_deg)))
                .flatten()
        })
        .collect();
    let data_box = match &extent_outline {
        Some(outline) => Rect::bounding(outline.iter().filter_map(|&p| projection.forward(p))),
        None => Rect::bounding(
            arcs_m
                .iter()
                .chain(&net_arcs_m)
                .flatten()
                .flatten()
                .copied()
                .chain(places_m.iter().flatten().copied())
                .chain(
                    overlay_points
                        .iter()
                        .chain(&region_points)
                        .filter(|&&p| projection.clamp_to_horizon(p) == p)
                        .filter_map(|&p| projection.forward(p)),
                ),
        ),
    }
    // Nothing of the data is visible (the far side of a globe): the whole globe.
    .or_else(|| {
        Rect::bounding(
            projection
                .outline()
                .into_iter()
                .filter_map(|p| projection.forward(p)),
        )
    })
    .ok_or_else(|| Error::Render("nothing to draw: no place or leg can be projected".into()))?;
    // A network map's hubs: the busiest of its places in view (inside the
    // extent asked for, else anywhere the projection shows).
    if let Some(net) = &plan.network {
        // (A hair larger: a place at the edge of the data is in view.)
        let view = data_box.inflate((data_box.width() + data_box.height()) * 1e-9);
        let at: Vec<Option<(f64, f64)>> = (0..ds.places.len())
            .map(|i| {
                let p = &ds.places[i];
                net.has(i)
                    .then(|| projection.forward((p.lon_deg, p.lat_deg)))
                    .flatten()
                    .filter(|&m| view.contains(m))
            })
            .collect();
        for h in net.hubs(|i| at[i].is_some()) {
            places_m[h] = at[h];
        }
    }
    let regions_m: Vec<(f64, f64)> = region_points
        .iter()
        .filter(|&&p| projection.clamp_to_horizon(p) == p)
        .filter_map(|&p| projection.forward(p))
        .collect();
    Ok(Geometry {
        projection,
        regions_m,
        arcs_m,
        net_arcs_m,
        places_m,
        data_box,
    })
}

/// The projection's centre: as asked, else an extent's own middle.
fn centre(opts: &RenderOptions) -> Option<(f64, f64)> {
    opts.center.or_else(|| {
        opts.extent.map(|e| {
            let east = if e.east < e.west {
                e.east + 360.0
            } else {
                e.east
            };
            let lon = (e.west + east) / 2.0;
            (
                (e.south + e.north) / 2.0,
                if lon > 180.0 { lon - 360.0 } else { lon },
            )
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyze::compare_with_graph;
    use crate::graph::RouteGraph;
    use crate::map::projection::Kind;

    #[test]
    fn the_seed_is_a_fitted_conic_holding_every_drawn_point() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/routes/donbas-workers");
        let ds = crate::load::dataset(dir.as_ref()).unwrap();
        let g = RouteGraph::new(&ds);
        let cmp = compare_with_graph(&ds, &g);
        let opts = RenderOptions::default();
        let plan = super::super::plan::plan(&ds, &g, &cmp, &opts).unwrap();
        let geo = project(&plan, &opts).unwrap();
        assert_eq!(geo.projection.kind, Kind::Lcc);
        assert_eq!(geo.arcs_m.len(), ds.legs.len());
        for p in geo.arcs_m.iter().flatten().flatten() {
            assert!(geo.data_box.inflate(1e-6).contains(*p));
        }
        assert!(geo.places_m.iter().all(Option::is_some));
    }

    #[test]
    fn lines_are_sampled_by_the_map_scale() {
        // The seed: about 8 km per pixel, so route legs keep 20 km steps.
        let seed = [
            (125.76, 39.04),
            (131.89, 43.12),
            (37.62, 55.75),
            (37.80, 48.02),
        ];
        let m = metres_per_px(seed.into_iter(), None, 1200);
        assert!((5_000.0..10_000.0).contains(&m), "{m}");
        assert_eq!(leg_step_m(m), DENSIFY_STEP_M);
        // 250 degrees of longitude: about 23 km a pixel; 69 km steps for
        // legs, 139 km for networks.
        let world = [(-170.0, -60.0), (-60.0, 0.0), (50.0, 10.0), (160.0, 70.0)];
        let m = metres_per_px(world.into_iter(), None, 1200);
        assert!((22_000.0..24_000.0).contains(&m), "{m}");
        assert_eq!(leg_step_m(m), 3.0 * m);
        assert_eq!(network_step_m(m), 6.0 * m);
        assert_eq!(leg_step_m(1e6), 100_000.0);
    }

    #[test]
    fn an_extent_is_centred_on_its_middle_across_the_antimeridian() {
        let opts = RenderOptions {
            extent: Some("170,-50,-170,-30".parse().unwrap()),
            ..RenderOptions::default()
        };
        assert_eq!(centre(&opts), Some((-40.0, 180.0)));
    }
}
