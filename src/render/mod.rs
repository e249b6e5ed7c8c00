//! The map, in stages with a typed value between each, and the writers that
//! read the last one:
//!
//! 1. [`plan`]: what to draw (legs by route, path or network class, places,
//!    legend entries, title, description), checked against the limits;
//! 2. [`geometry`]: densified geodesics and places projected, the view's box;
//! 3. [`layout`]: the page's regions and the fit of the data into the frame;
//! 4. [`compose`]: the [`Scene`], named layers of typed shapes and text;
//! 5. writers: [`Scene::to_svg`] (PNG and PDF are made from that SVG by
//!    [`crate::export::image`]) and [`Scene::paint`], which draws the scene
//!    through Plotters' `DrawingBackend` on any Plotters backend.
//!
//! Plotters also draws the report's comparison chart ([`chart`]) with its
//! `ChartBuilder`, through a backend that records into a scene.
//!
//! ```
//! use routemap::{analyze, graph::RouteGraph, load, render};
//!
//! let ds = load::dataset("routes/donbas-workers".as_ref()).unwrap();
//! let graph = RouteGraph::new(&ds);
//! let cmp = analyze::compare_with_graph(&ds, &graph);
//! let scene = render::scene(&ds, &graph, &cmp, &render::RenderOptions::default()).unwrap();
//! assert!(scene.layer("routes").is_some());
//! assert!(scene.texts().contains(&"Vladivostok"));
//! let svg = scene.to_svg();
//! assert!(svg.contains("<title>North Korean workers sent to Donbas</title>"));
//! ```

mod backend;
mod basemap;
mod basenames;
pub mod chart;
mod compose;
#[cfg(test)]
mod cvd;
mod fit;
mod furniture;
mod geometry;
mod glyphs;
pub mod inset;
mod labels;
mod layout;
mod legend;
mod legs;
mod marks;
pub mod network;
mod overlay;
pub mod page;
mod paint;
mod plan;
mod raster;
mod regions;
pub mod scene;
pub mod style;
mod svg;
mod symbols;
pub mod text;

pub use crate::analyze::paths::Alternatives;
pub use crate::model::Labels;
pub use crate::text::escape_xml;
pub use compose::MAX_POINT_LABELS;
pub use inset::InsetChoice;
pub use labels::{LOCAL_SCALE, LabelBy, MAX_LABELS};
pub use layout::text_scale;
pub use plan::{MAX_CONTEXT_LEGS, MAX_DRAWN_LEGS};
pub use scene::Scene;

use crate::analyze::Comparison;
use crate::error::{Error, Result};
use crate::graph::RouteGraph;
use crate::map::projection::{Choice, Extent};
use crate::model::{Dataset, Lang, Overlay};
use network::NetworkStyle;
use style::ThemeName;

/// Options for [`scene`] and [`svg`].
#[derive(Debug, Clone, PartialEq)]
pub struct RenderOptions {
    /// Output size.
    pub size: page::Size,
    /// Alternative paths to draw instead of the dataset's routes, if any.
    pub alternatives: Option<Alternatives>,
    /// Which projection (`auto` picks from the extent; see
    /// [`crate::map::projection::Projection::choose`]).
    pub projection: Choice,
    /// Centre (LAT, LON in **degrees**) for projections that have one.
    pub center: Option<(f64, f64)>,
    /// Show this longitude/latitude box instead of fitting the data.
    pub extent: Option<Extent>,
    /// Draw the graticule (with labels at the frame).
    pub graticule: bool,
    /// Draw a north arrow.
    pub north_arrow: bool,
    /// Colour theme.
    pub theme: ThemeName,
    /// GeoJSON overlays, drawn over the base map in order.
    pub overlays: Vec<Overlay>,
    /// How legs on no route are drawn (see [`network`]).
    pub network: NetworkStyle,
    /// What place labels say: name, city or code (see [`LabelBy`]).
    pub label: LabelBy,
    /// Which languages place labels are written in: the name only, or also
    /// the local name on a second line (see [`Labels`]).
    pub labels: Labels,
    /// The map's title, instead of the dataset's (or, with alternatives,
    /// the one naming their ends).
    pub title: Option<String>,
    /// The map's subtitle, instead of the dataset's (or the alternatives').
    pub subtitle: Option<String>,
    /// The locator inset (see [`inset`]).
    pub inset: InsetChoice,
    /// The language of base-map names (countries, seas, lakes), instead of
    /// the dataset's `lang` (default English). Place names stay as written.
    pub lang: Option<Lang>,
}

impl Default for RenderOptions {
    /// 1200 × 800 px, fitted projection, graticule, light theme, inset
    /// where regional.
    fn default() -> Self {
        RenderOptions {
            size: page::Size::default(),
            alternatives: None,
            projection: Choice::Auto,
            center: None,
            extent: None,
            graticule: true,
            north_arrow: false,
            theme: ThemeName::Light,
            overlays: Vec::new(),
            network: NetworkStyle::Auto,
            label: LabelBy::Auto,
            labels: Labels::En,
            title: None,
            subtitle: None,
            inset: InsetChoice::Auto,
            lang: None,
        }
    }
}

/// A dataset's map as a scene, from its graph and route comparison.
///
/// Fails when the size is out of range, when the map would draw more than
/// [`MAX_DRAWN_LEGS`] lines, or when nothing can be projected. The same
/// input always gives the same scene.
pub fn scene(
    ds: &Dataset,
    graph: &RouteGraph,
    comparison: &Comparison,
    opts: &RenderOptions,
) -> Result<Scene> {
    let page::Size {
        width_px,
        height_px,
    } = opts.size;
    page::Size::new(width_px, height_px).map_err(Error::Usage)?;
    let plan = plan::plan(ds, graph, comparison, opts)?;
    let geometry = geometry::project(&plan, opts)?;
    let page = layout::page(&plan, &geometry, opts);
    compose::compose(&plan, &geometry, &page, opts)
}

/// A dataset's map as an SVG document: [`scene`], then [`Scene::to_svg`].
///
/// ```
/// let ds = routemap::load::dataset("routes/donbas-workers".as_ref()).unwrap();
/// let graph = routemap::graph::RouteGraph::new(&ds);
/// let cmp = routemap::analyze::compare_with_graph(&ds, &graph);
/// let svg = routemap::render::svg(&ds, &graph, &cmp, &Default::default()).unwrap();
/// assert!(svg.contains(">Vladivostok</text>"));
/// ```
pub fn svg(
    ds: &Dataset,
    graph: &RouteGraph,
    comparison: &Comparison,
    opts: &RenderOptions,
) -> Result<String> {
    Ok(scene(ds, graph, comparison, opts)?.to_svg())
}
