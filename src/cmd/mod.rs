//! One thin file per subcommand, wiring the stages together. Only these and
//! `load`/`export` touch the file system.

pub mod build;
pub mod check;
pub mod compare;
pub mod file_name;
pub mod import;
pub mod paths;
pub mod quick;
pub mod render;
pub mod report;

use std::io::Write;

/// A path for a message: as it is, or quoted with escapes when it holds
/// characters a terminal would act on (see [`routemap::error::shown_path`]).
pub fn shown(path: &std::path::Path) -> String {
    routemap::error::shown_path(path)
}

/// A progress bar of `len` steps on stderr, or a hidden one when stderr is
/// not a terminal (so logs and pipes get no escape sequences).
pub fn progress_bar(len: usize) -> indicatif::ProgressBar {
    use std::io::IsTerminal;
    if !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(len as u64);
    if let Ok(style) = indicatif::ProgressStyle::with_template("{bar:30} {pos}/{len} {wide_msg}") {
        bar.set_style(style.progress_chars("=> "));
    }
    bar
}

/// Write to stdout, surfacing a closed pipe as an error `main` recognises.
pub fn print(text: &str) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()?;
    Ok(())
}

/// The index of place `id` in `ds`, or a usage error naming the option.
pub fn resolve(ds: &routemap::model::Dataset, id: &str, option: &str) -> anyhow::Result<usize> {
    ds.place_index(id).ok_or_else(|| {
        let hint = routemap::error::did_you_mean(id, ds.places.iter().map(|p| p.id.as_str()))
            .map(|s| format!(" (did you mean {s:?}?)"))
            .unwrap_or_default();
        anyhow::anyhow!(
            "unknown place id {} in {option}; it is not in {}'s places.csv{hint}",
            routemap::error::quote(id),
            routemap::error::shown_name(&ds.name)
        )
    })
}

/// Load a dataset, telling the user (on stderr) about every place the
/// gazetteer located with a choice worth knowing (another city of the same
/// name, a code read as a name).
pub fn load(dir: &std::path::Path) -> anyhow::Result<routemap::model::Dataset> {
    let ds = routemap::load::dataset(dir)?;
    for p in &ds.places {
        if let Some(note) = p.located.as_ref().and_then(|l| l.note.as_deref()) {
            eprintln!(
                "routemap: note: {}: place {:?}: {note}",
                routemap::error::shown_name(&ds.name),
                p.id
            );
        }
    }
    Ok(ds)
}
