//! `routemap compare DATASET [--format table|md|csv|json]`.

use std::path::Path;

use routemap::{analyze, export, load};

use crate::Outcome;

pub fn run(dir: &Path, format: export::Format) -> anyhow::Result<Outcome> {
    let ds = load::dataset(dir)?;
    let cmp = analyze::compare(&ds);
    crate::cmd::print(&export::comparison(&ds, &cmp, format))?;
    Ok(if cmp.routes.is_empty() {
        Outcome::NothingFound
    } else {
        Outcome::Done
    })
}
