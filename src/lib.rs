//! routemap turns reported travel legs into route maps and route comparisons.
//!
//! The data flows one way, one module per stage:
//!
//! 1. [`load`]: files → [`model::Dataset`] (places, legs, routes, sources), validated;
//!    places may be named instead of located, and found in the offline [`gazetteer`].
//! 2. [`graph`]: the dataset as a petgraph graph with geodesic leg weights.
//! 3. [`analyze`]: metrics per route (km, detour, time) and comparisons.
//! 4. [`map`]: geodesy and cartography: densified arcs, projections, the base map.
//! 5. [`render`]: the map drawn with Plotters into an SVG document.
//! 6. [`export`]: bytes out (tables in text, Markdown, CSV, JSON; files written atomically).
//!
//! Distances are in **metres** inside the library and in kilometres (`_km`) in
//! output. Points are **x = longitude, y = latitude**, in degrees, WGS84.
//!
//! ```
//! use routemap::{analyze, graph, load, render};
//!
//! let ds = load::dataset("routes/donbas-workers".as_ref()).unwrap();
//! let graph = graph::RouteGraph::new(&ds);
//! let cmp = analyze::compare_with_graph(&ds, &graph);
//! assert_eq!(cmp.routes.len(), 2);
//! let svg = render::svg(&ds, &graph, &cmp, &render::RenderOptions::default()).unwrap();
//! assert!(svg.starts_with("<svg"));
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
