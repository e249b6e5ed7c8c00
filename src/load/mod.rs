//! Files → model. Reads a dataset folder (`places.csv`, `legs.csv`, optional
//! `dataset.toml`) and returns a validated [`Dataset`].
//!
//! Every rejection names the file, the line and the offending value.

pub mod area;
mod fields;
pub mod geojson;
mod meta;
pub mod openflights;
mod pairs;
pub mod quick;
mod table;

use std::path::{Path, PathBuf};

use crate::error::{Error, Location, Result};
use crate::model::{Dataset, Leg};
use crate::text::{did_you_mean, quote};

pub use crate::text::csv_unprotect;
pub use fields::{MAX_NAME_CHARS, MAX_NOTE_CHARS};
pub use meta::parse_meta;
pub use pairs::{Pair, parse_pairs};
pub use table::{parse_legs, parse_places};

/// Check a text given on the command line that a map will show (a title,
/// a credit): at most `max` characters, no control characters, nothing XML
/// cannot hold; the same rules as the text of a dataset's files. The error
/// is the reason alone, e.g. `text value "a\u{1b}b" contains the control
/// character '\u{1b}'`.
pub fn check_text(value: &str, max: usize) -> std::result::Result<(), String> {
    fields::text("text", value, max)
}

/// The largest input file we read, in bytes. Bigger files are refused with a
/// clear message rather than exhausting memory.
pub const MAX_FILE_BYTES: u64 = 512 * 1024 * 1024;

/// Load and validate the dataset in folder `dir`.
///
/// The dataset's name is the folder's name. `places.csv` and `legs.csv` are
/// required; `dataset.toml` is optional.
///
/// # Example
///
/// ```
/// let ds = routemap::load::dataset("routes/donbas-workers".as_ref()).unwrap();
/// assert_eq!(ds.name, "donbas-workers");
/// assert_eq!(ds.routes.len(), 2);
/// ```
pub fn dataset(dir: &Path) -> Result<Dataset> {
    dataset_folder(dir)?;
    let name = dataset_name(dir);
    // The folder's name names the dataset in titles, captions and reports:
    // it is held to the rules of every other name.
    if let Some(c) = name
        .chars()
        .find(|&c| c.is_control() || !crate::text::xml_allows(c))
    {
        return Err(Error::invalid(
            Location::file(dir),
            format!(
                "the folder name {} holds the character {c:?}; it names the dataset in maps \
                 and reports: rename the folder",
                quote(&name)
            ),
        ));
    }
    let meta_path = dir.join("dataset.toml");
    let meta = if meta_path.exists() {
        parse_meta(&meta_path, &read_text(&meta_path)?)?
    } else {
        Default::default()
    };
    let places_path = dir.join("places.csv");
    let places = parse_places(&places_path, &read_text(required(&places_path)?)?)?;
    let legs_path = dir.join("legs.csv");
    let legs = parse_legs(&legs_path, &read_text(required(&legs_path)?)?)?;
    let ds = Dataset::new(name, meta, places, legs);
    check_references(&ds, &legs_path)?;
    Ok(ds)
}

/// Check that `dir` is a dataset folder before anything in it is read: a
/// path that does not exist, a file, or a folder holding neither
/// `places.csv` nor `legs.csv` (such as the folder of dataset folders) is
/// "no dataset folder at PATH", with what is there instead and, where one
/// is near, the folder that was probably meant.
fn dataset_folder(dir: &Path) -> Result<()> {
    let shown = crate::text::shown_path(dir);
    let md = match std::fs::metadata(dir) {
        Ok(md) => md,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            let hint = nearby_dataset(dir)
                .map(|p| format!(" (did you mean {}?)", crate::text::shown_path(&p)))
                .unwrap_or_default();
            return Err(Error::Usage(format!("no dataset folder at {shown}{hint}")));
        }
        Err(e) => return Err(Error::io(dir, e)),
    };
    if !md.is_dir() {
        // `routes/x/legs.csv` for `routes/x`: the folder was meant.
        let parent = dir.parent().filter(|p| {
            !p.as_os_str().is_empty()
                && p.join("legs.csv").is_file()
                && p.join("places.csv").is_file()
        });
        let hint = parent
            .map(|p| {
                format!(
                    " (did you mean its folder, {}?)",
                    crate::text::shown_path(p)
                )
            })
            .unwrap_or_default();
        return Err(Error::Usage(format!(
            "no dataset folder at {shown}: it is a file; a dataset is a folder holding places.csv \
             and legs.csv{hint}"
        )));
    }
    let has = |f: &str| std::fs::symlink_metadata(dir.join(f)).is_ok();
    if !has("places.csv") && !has("legs.csv") {
        let inside = dataset_folders_in(dir);
        let hint = match inside.len() {
            0 => String::new(),
            n => {
                const SHOWN: usize = 3;
                let mut names: Vec<String> = inside
                    .iter()
                    .take(SHOWN)
                    .map(|n| crate::text::shown_name(n))
                    .collect();
                if n > SHOWN {
                    names.push(format!("and {} more", n - SHOWN));
                }
                format!(
                    "; it holds {n} dataset folder{} ({}): name one",
                    if n == 1 { "" } else { "s" },
                    names.join(", ")
                )
            }
        };
        return Err(Error::Usage(format!(
            "no dataset folder at {shown}: it holds neither places.csv nor legs.csv{hint}"
        )));
    }
    Ok(())
}

/// `path` if something is there; else an error naming the missing file of
/// the dataset folder.
fn required(path: &Path) -> Result<&Path> {
    match std::fs::symlink_metadata(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Err(Error::invalid(
            Location::file(path),
            "missing; a dataset folder holds places.csv and legs.csv",
        )),
        _ => Ok(path),
    }
}

/// The names of the folders in `dir` that hold a `legs.csv`, sorted.
fn dataset_folders_in(dir: &Path) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut names: Vec<String> = entries
        .filter_map(|e| e.ok())
        .filter(|e| e.path().join("legs.csv").is_file())
        .filter_map(|e| e.file_name().to_str().map(str::to_string))
        .collect();
    names.sort();
    names
}

/// For a dataset path that does not exist: the dataset folder beside it
/// with the closest name (a typo), if any.
fn nearby_dataset(dir: &Path) -> Option<PathBuf> {
    let name = dir.file_name()?.to_str()?;
    let parent = dir.parent().filter(|p| !p.as_os_str().is_empty());
    let siblings = dataset_folders_in(parent.unwrap_or(Path::new(".")));
    let found = did_you_mean(name, siblings.iter().map(String::as_str))?;
    Some(match parent {
        Some(p) => p.join(found),
        None => PathBuf::from(found),
    })
}

/// The name of a dataset folder: its last path component, or "dataset".
pub fn dataset_name(dir: &Path) -> String {
    let abs: PathBuf;
    let dir = if dir.file_name().is_none() {
        abs = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
        abs.as_path()
    } else {
        dir
    };
    dir.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| "dataset".to_string())
}

/// Read a file as UTF-8 text. Rejects invalid UTF-8 with the line and bytes
/// where it starts, strips a leading byte-order mark, and reads only regular
/// files of at most [`MAX_FILE_BYTES`] (see [`read_bytes`]).
pub fn read_text(path: &Path) -> Result<String> {
    decode_utf8(path, read_bytes(path)?)
}

/// Read a regular file of at most [`MAX_FILE_BYTES`].
///
/// Anything else is refused before it is opened: a FIFO would block until
/// someone writes to it, and a device such as `/dev/zero` reports a size of
/// 0 and never ends. The read itself is capped too, since files under
/// `/proc` (and files growing while read) report a size they do not have.
pub fn read_bytes(path: &Path) -> Result<Vec<u8>> {
    read_capped(path, MAX_FILE_BYTES)
}

/// [`read_bytes`] with another cap, in bytes.
pub(crate) fn read_capped(path: &Path, max: u64) -> Result<Vec<u8>> {
    use std::io::Read;
    let too_big = |size: String| {
        Error::invalid(
            Location::file(path),
            format!("file is {size} bytes; routemap reads files of at most {max} bytes"),
        )
    };
    let md = std::fs::metadata(path).map_err(|e| Error::io(path, e))?;
    regular(path, &md)?;
    if md.len() > max {
        return Err(too_big(md.len().to_string()));
    }
    let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    // What was opened may not be what was looked at.
    regular(path, &file.metadata().map_err(|e| Error::io(path, e))?)?;
    let mut bytes = Vec::with_capacity(md.len() as usize);
    file.take(max + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Error::io(path, e))?;
    if bytes.len() as u64 > max {
        return Err(too_big(format!("more than {max}")));
    }
    Ok(bytes)
}

/// Refuse anything but a regular file, naming what it is.
fn regular(path: &Path, md: &std::fs::Metadata) -> Result<()> {
    let ft = md.file_type();
    if ft.is_file() {
        return Ok(());
    }
    let what = if ft.is_dir() {
        "a folder"
    } else {
        special_kind(&ft)
    };
    Err(Error::invalid(
        Location::file(path),
        format!("is {what}, not a regular file; routemap reads its inputs from regular files only"),
    ))
}

/// What kind of special file `ft` is, for messages.
#[cfg(unix)]
fn special_kind(ft: &std::fs::FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    if ft.is_fifo() {
        "a FIFO (named pipe)"
    } else if ft.is_char_device() {
        "a character device"
    } else if ft.is_block_device() {
        "a block device"
    } else if ft.is_socket() {
        "a socket"
    } else {
        "a special file"
    }
}

#[cfg(not(unix))]
fn special_kind(_: &std::fs::FileType) -> &'static str {
    "a special file"
}

/// Decode bytes as UTF-8 (see [`read_text`]).
pub fn decode_utf8(path: &Path, bytes: Vec<u8>) -> Result<String> {
    match String::from_utf8(bytes) {
        Ok(mut s) => {
            if s.starts_with('\u{feff}') {
                s.drain(..3);
            }
            Ok(s)
        }
        Err(e) => {
            let bytes = e.as_bytes();
            let at = e.utf8_error().valid_up_to();
            let len = e.utf8_error().error_len().unwrap_or(bytes.len() - at);
            let line = 1 + bytes[..at].iter().filter(|&&b| b == b'\n').count() as u64;
            let bad: String = bytes[at..at + len]
                .iter()
                .map(|b| format!("\\x{b:02X}"))
                .collect();
            let line_start = bytes[..at]
                .iter()
                .rposition(|&b| b == b'\n')
                .map_or(0, |i| i + 1);
            let line_end = bytes[at..]
                .iter()
                .position(|&b| b == b'\n')
                .map_or(bytes.len(), |i| at + i);
            let text = String::from_utf8_lossy(&bytes[line_start..line_end]);
            Err(Error::invalid(
                Location::line(path, line),
                format!(
                    "invalid UTF-8 byte {bad} in {}; save the file as UTF-8",
                    quote(text.trim_end_matches('\r'))
                ),
            ))
        }
    }
}

/// `text` with every line ending made a line feed: CRLF (Windows) and lone
/// carriage returns (classic Mac, as Excel for Mac's "CSV (Macintosh)"
/// writes). The CSV reader ends records at any of them but counts lines by
/// line feeds, and after a CRLF it dates the next record from before the line
/// feed: without this, every row of a CRLF file was reported one line early,
/// and every row of a CR file on line 1.
pub(crate) fn normalise_line_ends(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains('\r') {
        return std::borrow::Cow::Borrowed(text);
    }
    let bytes = text.as_bytes();
    let mut out: Vec<u8> = Vec::with_capacity(bytes.len());
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            b'\r' if bytes.get(i + 1) == Some(&b'\n') => {}
            b'\r' => out.push(b'\n'),
            _ => out.push(b),
        }
    }
    // Dropping or replacing ASCII bytes keeps the text valid UTF-8.
    std::borrow::Cow::Owned(
        String::from_utf8(out).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into()),
    )
}

/// Check that legs name known places, are not self-loops, and that routes chain.
fn check_references(ds: &Dataset, legs_path: &Path) -> Result<()> {
    for leg in &ds.legs {
        for (column, id) in [("from", &leg.from), ("to", &leg.to)] {
            if ds.place(id).is_none() {
                let hint = did_you_mean(id, ds.places.iter().map(|p| p.id.as_str()))
                    .map(|s| format!(" (did you mean {s:?}?)"))
                    .unwrap_or_default();
                return Err(Error::invalid(
                    Location::line(legs_path, leg.line),
                    format!(
                        "unknown place id {} in column {column:?}; it is not in places.csv{hint}",
                        quote(id)
                    ),
                ));
            }
        }
    }
    for route in &ds.routes {
        for w in route.legs.windows(2) {
            let (a, b): (&Leg, &Leg) = (&ds.legs[w[0]], &ds.legs[w[1]]);
            if a.to != b.from {
                return Err(Error::invalid(
                    Location::line(legs_path, b.line),
                    format!(
                        "route {} does not chain: this leg starts at {} but the previous leg \
                         (line {}) ends at {}; list a route's legs in travel order",
                        quote(&route.name),
                        quote(&b.from),
                        a.line,
                        quote(&a.to)
                    ),
                ));
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    mod reading {
        use super::*;

        fn err(path: &Path, max: u64) -> String {
            read_capped(path, max).unwrap_err().to_string()
        }

        #[cfg(target_os = "linux")]
        #[test]
        fn devices_are_refused_before_they_are_read() {
            // Regression: places.csv -> /dev/zero grew to 24 GB.
            let e = err(Path::new("/dev/zero"), MAX_FILE_BYTES);
            assert_eq!(
                e,
                "/dev/zero: is a character device, not a regular file; routemap reads its \
                 inputs from regular files only"
            );
        }

        #[cfg(unix)]
        #[test]
        fn a_fifo_is_refused_without_waiting_for_a_writer() {
            let tmp = tempfile::tempdir().unwrap();
            let fifo = tmp.path().join("places.csv");
            let made = std::process::Command::new("mkfifo").arg(&fifo).status();
            if !made.is_ok_and(|s| s.success()) {
                eprintln!("note: mkfifo is not available; skipped");
                return;
            }
            assert!(
                err(&fifo, MAX_FILE_BYTES)
                    .contains(": is a FIFO (named pipe), not a regular file;")
            );
        }

        #[test]
        fn a_folder_is_named_as_such() {
            let tmp = tempfile::tempdir().unwrap();
            assert!(err(tmp.path(), MAX_FILE_BYTES).contains(": is a folder, not a regular file;"));
        }

        #[cfg(target_os = "linux")]
        #[test]
        fn the_read_is_capped_whatever_size_the_file_reports() {
            // /proc files report a size of 0 and hold more.
            let status = Path::new("/proc/self/status");
            assert_eq!(std::fs::metadata(status).unwrap().len(), 0);
            assert_eq!(
                err(status, 16),
                "/proc/self/status: file is more than 16 bytes; routemap reads files of at most 16 bytes"
            );
            assert!(read_capped(status, MAX_FILE_BYTES).unwrap().len() > 16);
        }

        #[test]
        fn a_file_at_the_limit_is_read() {
            let tmp = tempfile::tempdir().unwrap();
            let p = tmp.path().join("f");
            std::fs::write(&p, b"0123456789").unwrap();
            assert_eq!(read_capped(&p, 10).unwrap(), b"0123456789");
            assert_eq!(
                err(&p, 9),
                format!(
                    "{}: file is 10 bytes; routemap reads files of at most 9 bytes",
                    p.display()
                )
            );
        }
    }
}
