//! routemap turns reported travel legs into route maps and route comparisons.
//!
//! The data flows one way, one module per stage:
//!
//! 1. [`load`]: files → [`model::Dataset`] (places, legs, routes, sources), validated;
//!    places may be named instead of located, and found in the offline [`gazetteer`].
//! 2. [`graph`]: the dataset as a petgraph graph with geodesic leg weights.
//! 3. [`analyze`]: metrics per route (km, detour, time) and comparisons.
//! 4. [`map`]: geodesy and cartography: densified arcs, projections, the base map.
//! 5. [`render`]: the map in stages (plan → geometry → layout → a typed
//!    [`render::Scene`]), written as SVG or painted on any Plotters backend;
//!    the comparison chart drawn with Plotters.
//! 6. [`export`]: bytes out (tables in text, Markdown, CSV, JSON; reports; PNG
//!    and PDF from the SVG; GeoJSON; files written atomically).
//!
//! Below them sit leaves every stage may use: [`error`] (the error type),
//! text formatting, the embedded assets, and [`model`] (plain data). The
//! modules depend on each other in this order only; a test keeps it so.
//!
//! Distances are in **metres** inside the library and in kilometres (`_km`) in
//! output. Points are **x = longitude, y = latitude**, in degrees, WGS84.
//!
//! ```
//! use routemap::{analyze, export, gazetteer::Gazetteer, graph, load, render};
//!
//! fn main() -> routemap::Result<()> {
//!     let ds = load::dataset("routes/donbas-workers".as_ref())?;
//!     let graph = graph::RouteGraph::new(&ds);
//!     let cmp = analyze::compare_with_graph(&ds, &graph);
//!     assert_eq!(cmp.routes.len(), 2);
//!     let scene = render::scene(&ds, &graph, &cmp, &render::RenderOptions::default())?;
//!     let svg = scene.to_svg();
//!     assert!(svg.starts_with("<svg"));
//!     let table = export::comparison(&ds, &cmp, export::Format::Csv);
//!     assert!(table.starts_with("route,"));
//!     // The gazetteer's errors are the library's too.
//!     let vvo = Gazetteer::embedded()?.lookup("VVO")?;
//!     assert_eq!(vvo.entry.id, "UHWW");
//!     Ok(())
//! }
//! ```

#![deny(missing_docs)]

pub mod analyze;
mod assets;
mod caption;
pub mod error;
pub mod export;
pub mod gazetteer;
pub mod graph;
pub mod load;
pub mod map;
pub mod model;
pub(crate) mod par;
pub mod render;
mod text;

pub use error::{Error, Result};
