//! Bytes out: comparison tables in text, Markdown, CSV and JSON, HTML and
//! Markdown reports, PNG and PDF made from a map's SVG, GeoJSON, dataset
//! folders, and files written atomically (a temp file in the same folder,
//! then a rename), so an interrupted run never leaves a half-written file.
//!
//! ```
//! use routemap::{analyze, export};
//!
//! let ds = routemap::load::dataset("routes/donbas-workers".as_ref()).unwrap();
//! let cmp = analyze::compare(&ds);
//! let md = export::comparison(&ds, &cmp, export::Format::Md);
//! assert!(md.contains("| via Moscow | Pyongyang → Vladivostok → Moscow → Donetsk |"));
//! ```

pub mod dataset;
pub mod geojson;
pub mod image;
pub mod paths;
pub mod report;
mod table;

use std::io::Write;
use std::path::Path;

pub use table::{Format, comparison};
pub(crate) use table::{comparison_cells, md_cell};

use crate::error::{Error, Result};

pub use crate::text::thousands;

/// Write `bytes` to `path` atomically: write a temporary file in the same
/// folder, flush it to disk, then rename it over `path`. On error `path` is
/// untouched and the temporary file removed.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    if !dir.is_dir() {
        // A path through a regular file used to be reported as a missing folder.
        let (kind, message) = if dir.exists() {
            (std::io::ErrorKind::NotADirectory, "is not a folder")
        } else {
            (std::io::ErrorKind::NotFound, "output folder does not exist")
        };
        return Err(Error::io(dir, std::io::Error::new(kind, message)));
    }
    let mut tmp = tempfile::Builder::new()
        .prefix(".routemap-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(|e| Error::io(dir, e))?;
    tmp.write_all(bytes).map_err(|e| Error::io(path, e))?;
    tmp.as_file().sync_all().map_err(|e| Error::io(path, e))?;
    // tempfile creates files readable by the owner only; outputs are meant to be shared.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(path).map_or(0o644, |m| m.permissions().mode() & 0o777);
        tmp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(mode))
            .map_err(|e| Error::io(path, e))?;
    }
    tmp.persist(path).map_err(|e| Error::io(path, e.error))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atomic_write_replaces_and_leaves_no_temp_file() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.txt");
        write_atomic(&p, b"one").unwrap();
        write_atomic(&p, b"two").unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"two");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn parent_that_is_a_file_is_named_as_such() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("f");
        std::fs::write(&file, b"x").unwrap();
        let e = write_atomic(&file.join("a.txt"), b"x").unwrap_err();
        assert_eq!(
            e.to_string(),
            format!("{}: is not a folder", file.display())
        );
        assert_eq!(std::fs::read(&file).unwrap(), b"x");
    }

    #[test]
    fn missing_folder_is_an_error_not_a_panic() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("nope").join("a.txt");
        assert!(write_atomic(&p, b"x").is_err());
    }
}
