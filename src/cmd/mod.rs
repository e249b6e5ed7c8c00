//! One thin file per subcommand, wiring the stages together. Only these and
//! `load`/`export` touch the file system.

pub mod check;
pub mod compare;
pub mod render;

use std::io::Write;

/// Write to stdout, surfacing a closed pipe as an error `main` recognises.
pub fn print(text: &str) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()?;
    Ok(())
}
