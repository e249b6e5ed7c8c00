//! The integration tests, in one binary (as xsv does): linking the library
//! once instead of once per file keeps `cargo test` fast on a fresh clone.
//! One module per command runs the real binary in a fresh temp dir; the
//! rest check properties of the library (geometry, paths) and the files the
//! repository commits (bad-input corpus, maps in `output/`).

mod common;

mod bad_input;
mod bad_input_corpus;
mod basemap;
mod basenames;
mod build;
mod cartography;
mod check;
mod compare;
mod determinism;
mod import;
mod layers;
mod local_names;
mod modules;
mod network_map;
mod openflights_paths;
mod output_fresh;
mod output_safety;
mod paths;
mod properties;
mod quick;
mod regions_inset;
mod render;
mod report;
mod scripts;
mod special_files;
mod styling;
