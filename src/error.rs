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
        match self.line {
            Some(line) => write!(f, "{}:{}", self.path.display(), line),
            None => write!(f, "{}", self.path.display()),
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
    #[error("{}: {error}", path.display())]
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

/// Suggest the closest candidate to `wanted` when it is plausibly a typo
/// (edit distance at most a third of its length, and at least 1 edit allowed).
pub fn did_you_mean<'a>(
    wanted: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let wanted_len = wanted.chars().count();
    let limit = (wanted_len / 3).max(1);
    let wanted_lower = wanted.to_lowercase();
    let mut best: Option<(usize, &str)> = None;
    for candidate in candidates {
        // The edit distance is at least the difference in length: skip the
        // O(n * m) computation when that alone rules the candidate out (a
        // 100 MB header field used to take minutes here).
        if wanted_len.abs_diff(candidate.chars().count()) > limit {
            continue;
        }
        let d = levenshtein(&wanted_lower, &candidate.to_lowercase());
        if d <= limit && best.is_none_or(|(bd, bc)| d < bd || (d == bd && candidate < bc)) {
            best = Some((d, candidate));
        }
    }
    best.map(|(_, c)| c)
}

fn levenshtein(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.chars().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// Quote a value from input for an error message: Rust debug quoting, so control
/// characters, quotes and invisible characters are shown, and long values are cut.
pub fn quote(value: &str) -> String {
    const MAX: usize = 60;
    if value.chars().count() > MAX {
        let cut: String = value.chars().take(MAX).collect();
        format!("{cut:?}... ({} characters)", value.chars().count())
    } else {
        format!("{value:?}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    mod suggestions {
        use super::*;

        #[test]
        fn close_typo_is_suggested() {
            assert_eq!(did_you_mean("mosow", ["moscow", "minsk"]), Some("moscow"));
        }

        #[test]
        fn huge_value_is_compared_quickly() {
            // Regression: a 100 MB header field took 100 s in a debug build
            // (edit distance against every column name); the length
            // difference alone rules the candidates out.
            let huge = "x".repeat(10_000_000);
            assert_eq!(did_you_mean(&huge, ["id", "name"]), None);
        }

        #[test]
        fn unrelated_word_is_not() {
            assert_eq!(did_you_mean("paris", ["moscow", "minsk"]), None);
        }
    }

    #[test]
    fn location_shows_file_and_line() {
        let at = Location::line(Path::new("routes/x/legs.csv"), 14);
        assert_eq!(at.to_string(), "routes/x/legs.csv:14");
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

    #[test]
    fn long_values_are_cut_in_messages() {
        let q = quote(&"x".repeat(500));
        assert!(q.len() < 100, "{q}");
        assert!(q.ends_with("(500 characters)"));
    }
}
