//! Geodesy and cartography: geodesic distances and arcs, projections, the
//! embedded Natural Earth base map and its names, clipping, and fitting a view to the data.
//!
//! Points are **x = longitude, y = latitude** in degrees until projected;
//! projected coordinates are metres; screen coordinates are pixels with y down.

pub mod basemap;
pub mod clip;
pub mod geodesic;
pub mod names;
pub mod projection;

pub use crate::model::LonLat;
