//! Bytes out: comparison tables in text, Markdown, CSV and JSON, HTML and
//! Markdown reports, PNG and PDF made from a map's SVG, GeoJSON, dataset
//! folders, and files written atomically (a temp file in the same folder,
//! then a rename), so an interrupted run never leaves a half-written file;
//! devices, FIFOs and standard output are written directly, and sets of
//! files are swapped in whole (see [`file`]).
//!
//! ```
//! use routemap::{analyze, export};
//!
//! let ds = routemap::load::dataset("routes/donbas-workers".as_ref()).unwrap();
//! let cmp = analyze::compare(&ds);
//! let md = export::comparison(&ds, &cmp, export::Format::Md);
//! assert!(md.contains("| via Moscow | Pyongyang → Vladivostok → Moscow → Donbas |"));
//! ```

pub mod dataset;
pub mod file;
pub mod geojson;
pub mod image;
pub mod paths;
pub mod report;
mod table;

pub use table::{Format, comparison};
pub(crate) use table::{comparison_cells, md_cell};

pub use crate::text::{csv_protect, display_width, thousands};
pub use file::{write as write_output, write_atomic};
