//! Stage 2, geometry: the planned legs as densified geodesics and the
//! places, projected (in **metres** of the chosen projection), and the box
//! the view must show. The projection is chosen here, from the data or the
//! requested extent; lines are cut at the view's seam by
//! [`Projection::project_line`].

use super::RenderOptions;
use super::network;
use super::plan::Plan;
use crate::error::{Error, Result};
use crate::map::LonLat;
use crate::map::clip::Rect;
use crate::map::geodesic::{DENSIFY_STEP_M, densify, densify_by_latitude};
use crate::map::projection::Projection;

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
    /// Per place: where it projects, if it is shown and projects.
    pub places_m: Vec<Option<(f64, f64)>>,
    /// The box to fit in the frame: the extent asked for, else everything
    /// drawn (the whole globe when none of it can be seen).
    pub data_box: Rect,
}

/// Densify, choose the projection and project.
pub(crate) fn project(plan: &Plan<'_>, opts: &RenderOptions) -> Result<Geometry> {
    let ds = plan.ds;
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
            densify(
                (a.lon_deg, a.lat_deg),
                (b.lon_deg, b.lat_deg),
                DENSIFY_STEP_M,
            )
        })
        .collect();
    let net_arcs: Vec<Vec<LonLat>> = plan.network.as_ref().map_or_else(Vec::new, |net| {
        let step = network::step_m(ds, net, opts.extent.as_ref(), opts.size.width_px);
        crate::par::map(&net.pairs, |p| {
            let (a, b) = (&ds.places[p.a], &ds.places[p.b]);
            densify_by_latitude((a.lon_deg, a.lat_deg), (b.lon_deg, b.lat_deg), step)
        })
    });
    let extent_outline = opts.extent.map(|e| e.outline());
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
            Projection::choose(opts.projection, &points, opts.center)?
        }
    };
    let arcs_m: Vec<Pieces> = arcs.iter().map(|a| projection.project_line(a)).collect();
    let net_arcs_m: Vec<Pieces> = crate::par::map(&net_arcs, |a| projection.project_line(a));
    drop(net_arcs);
    let places_m: Vec<Option<(f64, f64)>> = ds
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
                .chain(places_m.iter().flatten().copied()),
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
    Ok(Geometry {
        projection,
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
    fn an_extent_is_centred_on_its_middle_across_the_antimeridian() {
        let opts = RenderOptions {
            extent: Some("170,-50,-170,-30".parse().unwrap()),
            ..RenderOptions::default()
        };
        assert_eq!(centre(&opts), Some((-40.0, 180.0)));
    }
}
