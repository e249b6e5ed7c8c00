//! The library's error type.
//!
//! Every error that comes from input carries where it happened (file and, when
//! known, line) and quotes the offending value, so that the one line a user sees
//! is enough to fix the input:
//!
//! ```text
//! routes/x/legs.csv:14: unknown place id "mosow" in column "to" (did you mean "moscow"?)
//! ```

use std::fmt;
use std::path::{Path, PathBuf};

pub use crate::text::{clip, did_you_mean, quote, shown_name, shown_path};

/// Result alias used throughout the library.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Where in an input something went wrong: a file and, when known, a 1-based line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    /// The file as the user named it (not canonicalised, so messages match what was typed).
    pub path: PathBuf,
    /// 1-based line number, if the problem is tied to one line.
    pub line: Option<u64>,
}

impl Location {
    /// A location at a given line of a file.
    pub fn line(path: &Path, line: u64) -> Self {
        Location {
            path: path.to_path_buf(),
            line: Some(line),
        }
    }

    /// A location covering a whole file.
    pub fn file(path: &Path) -> Self {
        Location {
            path: path.to_path_buf(),
            line: None,
        }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // A path holding escape sequences is shown quoted, never raw.
        let path = crate::text::shown_path(&self.path);
        match self.line {
            Some(line) => write!(f, "{path}:{line}"),
            None => write!(f, "{path}"),
        }
    }
}

/// Everything that can go wrong in the library.
///
/// All kinds are user-facing: the binary prints them on one line and exits with
/// code 2.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// An input file (CSV, TOML, ...) holds a value or structure we cannot accept.
    /// The message names the offending value.
    #[error("{at}: {message}")]
    Invalid {
        /// File and line of the problem.
        at: Location,
        /// What is wrong, quoting the offending value.
        message: String,
    },
    /// A file or directory could not be read or written.
    ///
    /// The message already holds the underlying error's, so it is not also
    /// returned by [`std::error::Error::source`]: printing the chain (as the
    /// binary does, `{err:#}`) would say it twice.
    #[error("{}: {error}", crate::text::shown_path(path))]
    Io {
        /// The path involved.
        path: PathBuf,
        /// The underlying error.
        error: std::io::Error,
    },
    /// A request that does not fit the dataset, e.g. an option naming an unknown place.
    #[error("{0}")]
    Usage(String),
    /// Drawing failed (a bug or a resource problem rather than bad input).
    #[error("rendering failed: {0}")]
    Render(String),
}

impl Error {
    /// Shorthand for [`Error::Invalid`].
    pub fn invalid(at: Location, message: impl Into<String>) -> Self {
        Error::Invalid {
            at,
            message: message.into(),
        }
    }

    /// Shorthand for [`Error::Io`].
    pub fn io(path: &Path, source: std::io::Error) -> Self {
        Error::Io {
            path: path.to_path_buf(),
            error: source,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn location_shows_file_and_line() {
        let at = Location::line(Path::new("routes/x/legs.csv"), 14);
        assert_eq!(at.to_string(), "routes/x/legs.csv:14");
    }

    #[test]
    fn paths_with_escape_sequences_are_quoted() {
        // Regression: an error about a folder whose name held escape
        // sequences printed them raw (a terminal acts on them).
        let at = Location::line(Path::new("routes/\u{1b}[2Jx/legs.csv"), 3);
        assert_eq!(at.to_string(), "\"routes/\\u{1b}[2Jx/legs.csv\":3");
        let e = Error::io(
            Path::new("a\u{202e}b"),
            std::io::Error::new(std::io::ErrorKind::NotFound, "not found"),
        );
        assert_eq!(e.to_string(), "\"a\\u{202e}b\": not found");
        assert_eq!(
            Location::file(Path::new("routes/x y/é")).to_string(),
            "routes/x y/é"
        );
    }

    #[test]
    fn io_error_reason_is_not_repeated_in_the_chain() {
        // Regression: `routemap: error: x.csv: No such file or directory (os error 2):
        // No such file or directory (os error 2)` (the reason was both in the
        // message and the source, and `{err:#}` prints both).
        let e = Error::io(
            Path::new("x.csv"),
            std::io::Error::new(std::io::ErrorKind::NotFound, "not found"),
        );
        assert_eq!(format!("{:#}", anyhow::Error::from(e)), "x.csv: not found");
    }
}
