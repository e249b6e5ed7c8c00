//! Bytes out: comparison tables in text, Markdown, CSV and JSON, HTML and
//! Markdown reports, and files written atomically (a temp file in the same
//! folder, then a rename), so an interrupted run never leaves a half-written
//! file; devices, FIFOs and standard output are written directly (see
//! [`file`]).

pub mod dataset;
pub mod file;
pub mod geojson;
pub mod image;
pub mod paths;
pub mod report;
mod table;

pub use table::{Format, comparison};
pub(crate) use table::{comparison_cells, md_cell};

pub use crate::text::{csv_protect, thousands};
pub use file::{write as write_output, write_atomic};
