//! Where an output's bytes go, decided in one place: standard output for
//! `-`, a temp file renamed over the target for nothing or a regular file
//! there (so a failed or interrupted run leaves the previous file intact),
//! and a plain write, in one pass, for a character device, a FIFO or a link
//! to one of this process's open files (`/dev/stdout`). A rename would
//! replace those with a regular file: run as root, `-o /dev/null` replaced
//! the system's `/dev/null`.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// How [`write`] writes to a path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// Standard output: `-`, or a link to it such as `/dev/stdout`.
    Stdout,
    /// Standard error: a link to it such as `/dev/stderr`.
    Stderr,
    /// Written atomically: a temp file in the same folder, renamed over the
    /// path. Nothing is there, a regular file (whose permissions the new
    /// file keeps, `Some(mode)`), or a symbolic link that is replaced by
    /// the new file (its target untouched; the new file gets the default
    /// permissions, `None`, as a new file does).
    Replace {
        /// The permission bits to give the new file; `None` for the default
        /// (0666 less the umask).
        keep_mode: Option<u32>,
    },
    /// Opened and written in one pass: a character device (`/dev/null`, a
    /// terminal), a FIFO, a link to one, or a link to another open file of
    /// this process (`/dev/fd/3`).
    Direct,
}

/// The standard streams, by the file descriptor a link names.
const STDOUT_FD: u32 = 1;
const STDERR_FD: u32 = 2;

/// Decide how to write `path` (see [`Target`]). Folders, block devices and
/// sockets are refused: nothing sensible can be written there in one file.
pub fn target(path: &Path) -> Result<Target> {
    if path.as_os_str() == "-" {
        return Ok(Target::Stdout);
    }
    let md = match std::fs::symlink_metadata(path) {
        Ok(md) => md,
        // Nothing there (the write says what is wrong with the folder).
        Err(e)
            if matches!(
                e.kind(),
                std::io::ErrorKind::NotFound | std::io::ErrorKind::NotADirectory
            ) =>
        {
            return Ok(Target::Replace { keep_mode: None });
        }
        Err(e) => return Err(Error::io(path, e)),
    };
    let ft = md.file_type();
    if ft.is_file() {
        return Ok(Target::Replace {
            keep_mode: Some(mode(&md)),
        });
    }
    if ft.is_dir() {
        return Err(refused(path, "is a folder; name a file to write"));
    }
    if ft.is_symlink() {
        match open_file_link(path) {
            Some(STDOUT_FD) => return Ok(Target::Stdout),
            Some(STDERR_FD) => return Ok(Target::Stderr),
            Some(_) => return Ok(Target::Direct),
            None => {}
        }
        return match std::fs::metadata(path) {
            // A link to a regular file, a folder, or nothing: the link is
            // replaced, as any file at the path would be.
            Ok(to) if to.is_file() || to.is_dir() => Ok(Target::Replace { keep_mode: None }),
            Ok(to) => special(path, &to.file_type()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                Ok(Target::Replace { keep_mode: None })
            }
            Err(e) => Err(Error::io(path, e)),
        };
    }
    special(path, &ft)
}

/// A special file that is not a folder: written directly if it is a
/// character device or a FIFO, else refused.
#[cfg(unix)]
fn special(path: &Path, ft: &std::fs::FileType) -> Result<Target> {
    use std::os::unix::fs::FileTypeExt;
    if ft.is_char_device() || ft.is_fifo() {
        return Ok(Target::Direct);
    }
    let what = if ft.is_block_device() {
        "is a block device"
    } else if ft.is_socket() {
        "is a socket"
    } else {
        "is a special file"
    };
    Err(refused(
        path,
        &format!(
            "{what}; routemap writes to regular files, character devices (such as /dev/null), \
             FIFOs and standard output (-o -)"
        ),
    ))
}

#[cfg(not(unix))]
fn special(path: &Path, _: &std::fs::FileType) -> Result<Target> {
    Err(refused(path, "is not a regular file"))
}

fn refused(path: &Path, message: &str) -> Error {
    Error::io(path, std::io::Error::other(message.to_string()))
}

#[cfg(unix)]
fn mode(md: &std::fs::Metadata) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    md.permissions().mode() & 0o7777
}

#[cfg(not(unix))]
fn mode(_: &std::fs::Metadata) -> u32 {
    0o644
}

/// If `path` is a link, through any number of links, to one of this
/// process's open files (`/dev/stdout` -> `/proc/self/fd/1`, `/dev/fd/3`),
/// the file descriptor's number. Such a link must be written through, never
/// replaced: it is how a caller hands over a stream.
fn open_file_link(path: &Path) -> Option<u32> {
    let mut at: PathBuf = path.to_path_buf();
    for _ in 0..40 {
        if let Some(fd) = fd_number(&at) {
            return Some(fd);
        }
        let next = std::fs::read_link(&at).ok()?;
        at = match at.parent() {
            Some(dir) if next.is_relative() => dir.join(next),
            _ => next,
        };
    }
    None
}

/// The descriptor a path names: `/dev/stdout`, `/dev/stderr`,
/// `/dev/fd/N`, `/proc/self/fd/N` or `/proc/thread-self/fd/N`.
fn fd_number(path: &Path) -> Option<u32> {
    let s = path.to_str()?;
    match s {
        "/dev/stdout" => return Some(STDOUT_FD),
        "/dev/stderr" => return Some(STDERR_FD),
        _ => {}
    }
    ["/dev/fd/", "/proc/self/fd/", "/proc/thread-self/fd/"]
        .iter()
        .find_map(|prefix| s.strip_prefix(prefix))
        .and_then(|n| n.parse().ok())
}

/// Write `bytes` to `path` as [`target`] decides: `-` (or `/dev/stdout`)
/// to standard output, a device or FIFO directly, anything else atomically
/// (see [`write_atomic`]). On error a regular file at `path` is untouched.
pub fn write(path: &Path, bytes: &[u8]) -> Result<Target> {
    let t = target(path)?;
    match t {
        Target::Stdout => stream(path, std::io::stdout().lock(), bytes)?,
        Target::Stderr => stream(path, std::io::stderr().lock(), bytes)?,
        Target::Direct => {
            let file = std::fs::OpenOptions::new()
                .write(true)
                .open(path)
                .map_err(|e| Error::io(path, e))?;
            stream(path, file, bytes)?;
        }
        Target::Replace { keep_mode } => replace(path, bytes, keep_mode)?,
    }
    Ok(t)
}

fn stream(path: &Path, mut to: impl Write, bytes: &[u8]) -> Result<()> {
    to.write_all(bytes).map_err(|e| Error::io(path, e))?;
    to.flush().map_err(|e| Error::io(path, e))
}

/// Write `bytes` to `path` atomically: write a temporary file in the same
/// folder, flush it to disk, then rename it over `path`. On error `path` is
/// untouched and the temporary file removed. A regular file's permissions
/// are kept; anything else at `path` is replaced by a file with the default
/// permissions. Use [`write`] for a path that may name a device or a FIFO.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let keep_mode = match std::fs::symlink_metadata(path) {
        Ok(md) if md.is_file() => Some(mode(&md)),
        _ => None,
    };
    replace(path, bytes, keep_mode)
}

fn replace(path: &Path, bytes: &[u8], keep_mode: Option<u32>) -> Result<()> {
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
    let mut builder = tempfile::Builder::new();
    builder.prefix(".routemap-").suffix(".tmp");
    // tempfile makes files readable by the owner only; outputs are meant to
    // be shared: the default for a new file (0666 less the umask).
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let mut tmp = builder.tempfile_in(dir).map_err(|e| Error::io(dir, e))?;
    tmp.write_all(bytes).map_err(|e| Error::io(path, e))?;
    #[cfg(unix)]
    if let Some(mode) = keep_mode {
        use std::os::unix::fs::PermissionsExt;
        tmp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(mode))
            .map_err(|e| Error::io(path, e))?;
    }
    #[cfg(not(unix))]
    let _ = keep_mode;
    tmp.as_file().sync_all().map_err(|e| Error::io(path, e))?;
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

    mod targets {
        use super::*;

        #[test]
        fn dash_is_stdout_and_nothing_or_a_file_is_replaced() {
            let dir = tempfile::tempdir().unwrap();
            let p = dir.path().join("a.svg");
            assert_eq!(target(Path::new("-")).unwrap(), Target::Stdout);
            assert_eq!(target(&p).unwrap(), Target::Replace { keep_mode: None });
            std::fs::write(&p, b"x").unwrap();
            assert!(matches!(
                target(&p).unwrap(),
                Target::Replace { keep_mode: Some(_) }
            ));
            // `./-` is a file named "-".
            assert_eq!(
                target(&dir.path().join("-")).unwrap(),
                Target::Replace { keep_mode: None }
            );
        }

        #[test]
        fn a_folder_is_refused() {
            let dir = tempfile::tempdir().unwrap();
            let e = target(dir.path()).unwrap_err().to_string();
            assert_eq!(
                e,
                format!(
                    "{}: is a folder; name a file to write",
                    dir.path().display()
                )
            );
        }

        #[cfg(target_os = "linux")]
        #[test]
        fn devices_and_links_to_open_files_are_written_through() {
            assert_eq!(target(Path::new("/dev/null")).unwrap(), Target::Direct);
            assert_eq!(target(Path::new("/dev/stdout")).unwrap(), Target::Stdout);
            assert_eq!(target(Path::new("/dev/stderr")).unwrap(), Target::Stderr);
            assert_eq!(
                target(Path::new("/proc/self/fd/1")).unwrap(),
                Target::Stdout
            );
            assert_eq!(fd_number(Path::new("/dev/fd/7")), Some(7));
            assert_eq!(fd_number(Path::new("/dev/fdx/7")), None);
        }

        #[cfg(unix)]
        #[test]
        fn a_link_to_stdout_is_written_through_not_replaced() {
            let dir = tempfile::tempdir().unwrap();
            let link = dir.path().join("out.svg");
            std::os::unix::fs::symlink("/dev/stdout", &link).unwrap();
            assert_eq!(target(&link).unwrap(), Target::Stdout);
        }

        #[cfg(unix)]
        #[test]
        fn a_link_to_a_file_is_replaced_with_default_permissions() {
            use std::os::unix::fs::PermissionsExt;
            let dir = tempfile::tempdir().unwrap();
            let secret = dir.path().join("secret");
            std::fs::write(&secret, b"keep").unwrap();
            // A mode no umask makes of 0666.
            std::fs::set_permissions(&secret, std::fs::Permissions::from_mode(0o604)).unwrap();
            let link = dir.path().join("map.svg");
            std::os::unix::fs::symlink(&secret, &link).unwrap();
            assert_eq!(target(&link).unwrap(), Target::Replace { keep_mode: None });
            write(&link, b"new").unwrap();
            assert_eq!(std::fs::read(&secret).unwrap(), b"keep");
            let md = std::fs::symlink_metadata(&link).unwrap();
            assert!(md.is_file());
            // The default for a new file, not the link target's mode.
            let fresh = dir.path().join("fresh");
            std::fs::File::create(&fresh).unwrap();
            let default = std::fs::metadata(&fresh).unwrap().permissions().mode() & 0o777;
            assert_eq!(md.permissions().mode() & 0o777, default);
        }

        #[cfg(unix)]
        #[test]
        fn a_replaced_regular_file_keeps_its_permissions() {
            use std::os::unix::fs::PermissionsExt;
            let dir = tempfile::tempdir().unwrap();
            let p = dir.path().join("map.svg");
            std::fs::write(&p, b"old").unwrap();
            std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o640)).unwrap();
            write(&p, b"new").unwrap();
            let mode = std::fs::metadata(&p).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o640);
        }
    }
}
