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

/// Check that folder `dir` may be replaced by a set of files named `names`:
/// it is missing (its parent must be a folder), or it is a folder holding
/// nothing but regular files of those names (an earlier run's; leftover
/// `.routemap-*` temp files too). Anything else is refused before a byte is
/// written: the set replaces the folder as a whole, so whatever else were in
/// it would be lost. Returns whether `dir` exists.
pub fn check_folder(dir: &Path, names: &[&str], what: &str) -> Result<bool> {
    match std::fs::metadata(dir) {
        Ok(md) if !md.is_dir() => Err(Error::Usage(format!(
            "{}: exists and is not a folder; name a new folder for the {what}",
            shown(dir)
        ))),
        Ok(_) => {
            let mut entries: Vec<(std::ffi::OsString, std::fs::FileType)> = Vec::new();
            for e in std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))? {
                let e = e.map_err(|e| Error::io(dir, e))?;
                entries.push((e.file_name(), e.file_type().map_err(|e| Error::io(dir, e))?));
            }
            entries.sort_by(|a, b| a.0.cmp(&b.0));
            for (name, ft) in entries {
                let text = name.to_string_lossy();
                let ours = names.iter().any(|n| *n == text) || text.starts_with(".routemap-");
                if !ours || !ft.is_file() {
                    let why = if ours {
                        "is not a regular file"
                    } else {
                        "was not written by routemap"
                    };
                    return Err(Error::Usage(format!(
                        "{}: holds {} which {why}; the {what} replaces the folder as a whole, so \
                         it must be new, empty or hold only an earlier {what}'s files ({})",
                        shown(dir),
                        crate::text::quote(&text),
                        names.join(", ")
                    )));
                }
            }
            Ok(true)
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            let parent = parent_of(dir);
            if !parent.is_dir() {
                return Err(Error::Usage(format!(
                    "{}: cannot create the output folder: its parent {} does not exist",
                    shown(dir),
                    crate::text::quote(&parent.display().to_string())
                )));
            }
            Ok(false)
        }
        Err(e) => Err(Error::io(dir, e)),
    }
}

/// A path for a message, quoted if it holds characters a terminal would act
/// on (see [`crate::text::shown_path`]).
fn shown(p: &Path) -> String {
    crate::text::shown_path(p)
}

fn parent_of(p: &Path) -> &Path {
    match p.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    }
}

/// A step of [`write_folder`], where tests inject failures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    /// The temporary folder was made.
    Staged,
    /// File `i` of the set was written into it.
    Wrote(usize),
    /// The previous folder is about to be moved aside.
    MoveOld,
    /// The new folder is about to be moved in.
    MoveNew,
    /// The previous folder is about to be moved back after a failure.
    MoveBack,
}

/// Write `files` (name, bytes) as folder `dir`, all or nothing: the whole
/// set goes into a temporary sibling folder (`.routemap-*.tmp`, each file
/// flushed to disk), which then takes the place of `dir`: the previous folder
/// is renamed aside (`.routemap-*.old`), the new one renamed in, the previous
/// one removed. If anything fails, the temporary folder is removed and the
/// previous folder is where it was, as it was. `dir` must pass
/// [`check_folder`] for the names of `files` (checked here again). A link to
/// a folder is followed: the folder it names is replaced.
///
/// The new folder gets the previous one's permissions (or a new folder's
/// default), and each file those of the previous file of its name (or a new
/// file's default). Between the two renames `dir` does not exist for a
/// moment; a process killed just then leaves the previous folder as
/// `.routemap-*.old` beside it.
pub fn write_folder(dir: &Path, files: &[(&str, &[u8])], what: &str) -> Result<()> {
    write_folder_with(dir, files, what, &mut |_| Ok(()))
}

fn write_folder_with(
    dir: &Path,
    files: &[(&str, &[u8])],
    what: &str,
    fail: &mut dyn FnMut(Step) -> std::io::Result<()>,
) -> Result<()> {
    let names: Vec<&str> = files.iter().map(|(n, _)| *n).collect();
    // Each name is one file directly in the folder, named once.
    for (i, name) in names.iter().enumerate() {
        let mut parts = Path::new(name).components();
        let plain = matches!(parts.next(), Some(std::path::Component::Normal(n)) if n == *name)
            && parts.next().is_none();
        if !plain || names[..i].contains(name) {
            return Err(Error::Usage(format!(
                "{}: cannot write a file named {} into the folder",
                shown(dir),
                crate::text::quote(name)
            )));
        }
    }
    let exists = check_folder(dir, &names, what)?;
    // The folder itself, not a link to it.
    let real: PathBuf = if exists {
        std::fs::canonicalize(dir).map_err(|e| Error::io(dir, e))?
    } else {
        dir.to_path_buf()
    };
    let parent = parent_of(&real);
    if exists && real.parent().is_none() {
        return Err(Error::Usage(format!(
            "{}: the root folder cannot be replaced; name a folder in it",
            shown(dir)
        )));
    }
    let staging = Staging::new(parent).map_err(|e| Error::io(parent_of(dir), e))?;
    let io = |p: &Path| {
        let p = p.to_path_buf();
        move |e: std::io::Error| Error::io(&p, e)
    };
    fail(Step::Staged).map_err(io(dir))?;
    #[cfg(unix)]
    if exists {
        let md = std::fs::metadata(&real).map_err(io(dir))?;
        std::fs::set_permissions(staging.path(), md.permissions()).map_err(io(dir))?;
    }
    for (i, (name, bytes)) in files.iter().enumerate() {
        let path = staging.path().join(name);
        let shown_path = dir.join(name);
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create_new(true);
        let mut file = options.open(&path).map_err(io(&shown_path))?;
        file.write_all(bytes).map_err(io(&shown_path))?;
        #[cfg(unix)]
        if let Ok(md) = std::fs::symlink_metadata(real.join(name))
            && md.is_file()
        {
            file.set_permissions(md.permissions())
                .map_err(io(&shown_path))?;
        }
        file.sync_all().map_err(io(&shown_path))?;
        fail(Step::Wrote(i)).map_err(io(&shown_path))?;
    }
    sync_folder(staging.path());
    let new = staging.path().to_path_buf();
    if !exists {
        fail(Step::MoveNew).map_err(io(dir))?;
        std::fs::rename(&new, &real).map_err(io(dir))?;
        // Renamed: nothing left for the guard to remove.
        staging.keep();
        sync_folder(parent);
        return Ok(());
    }
    let old = new.with_extension("old");
    if std::fs::symlink_metadata(&old).is_ok() {
        return Err(Error::io(
            &old,
            std::io::Error::new(std::io::ErrorKind::AlreadyExists, "exists"),
        ));
    }
    fail(Step::MoveOld).map_err(io(dir))?;
    std::fs::rename(&real, &old).map_err(io(dir))?;
    let moved_in = fail(Step::MoveNew).and_then(|()| std::fs::rename(&new, &real));
    if let Err(e) = moved_in {
        // Put the previous folder back; the guard removes the new one.
        let back = fail(Step::MoveBack).and_then(|()| std::fs::rename(&old, &real));
        return Err(match back {
            Ok(()) => Error::io(dir, e),
            Err(back) => Error::io(
                dir,
                std::io::Error::new(
                    e.kind(),
                    format!(
                        "{e}; and the previous folder could not be moved back ({back}): it is at {}",
                        shown(&old)
                    ),
                ),
            ),
        });
    }
    staging.keep();
    sync_folder(parent);
    // The new set is in place; a previous folder that cannot be removed
    // (not expected: it held only files routemap wrote) stays beside it.
    let _ = std::fs::remove_dir_all(&old);
    Ok(())
}

/// A new folder `.routemap-<random>.tmp`, removed with what it holds when
/// dropped unless kept. Made with a new folder's default permissions
/// (tempfile's are the owner's only, and its errors carry the path twice).
struct Staging(Option<PathBuf>);

impl Staging {
    fn new(parent: &Path) -> std::io::Result<Staging> {
        use std::hash::{BuildHasher, Hasher};
        let mut n: u64 = 0;
        loop {
            let mut h = std::collections::hash_map::RandomState::new().build_hasher();
            h.write_u64(n);
            h.write_u32(std::process::id());
            let name = format!(".routemap-{:012x}.tmp", h.finish() & 0xffff_ffff_ffff);
            let path = parent.join(name);
            match std::fs::create_dir(&path) {
                Ok(()) => return Ok(Staging(Some(path))),
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && n < 100 => n += 1,
                Err(e) => return Err(e),
            }
        }
    }

    fn path(&self) -> &Path {
        self.0.as_deref().expect("not kept yet")
    }

    /// Keep the folder (it was renamed into place).
    fn keep(mut self) {
        self.0 = None;
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if let Some(p) = &self.0 {
            let _ = std::fs::remove_dir_all(p);
        }
    }
}

/// Flush a folder's entries to disk (best effort: not every system can).
fn sync_folder(dir: &Path) {
    if let Ok(f) = std::fs::File::open(dir) {
        let _ = f.sync_all();
    }
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

    mod folders {
        use super::*;

        const OLD: [(&str, &[u8]); 3] =
            [("a.csv", b"old a"), ("b.csv", b"old b"), ("c.md", b"old c")];
        const NEW: [(&str, &[u8]); 3] =
            [("a.csv", b"new a"), ("b.csv", b"new b"), ("c.md", b"new c")];

        /// Every entry under `dir` with its bytes (folders: none), sorted.
        fn snapshot(dir: &Path) -> Vec<(String, Option<Vec<u8>>)> {
            let mut out: Vec<_> = std::fs::read_dir(dir)
                .unwrap()
                .map(|e| {
                    let p = e.unwrap().path();
                    let name = p.file_name().unwrap().to_string_lossy().into_owned();
                    let bytes = p.is_file().then(|| std::fs::read(&p).unwrap());
                    (name, bytes)
                })
                .collect();
            out.sort();
            out
        }

        fn with_old() -> (tempfile::TempDir, PathBuf) {
            let tmp = tempfile::tempdir().unwrap();
            let dir = tmp.path().join("set");
            write_folder(&dir, &OLD, "test").unwrap();
            (tmp, dir)
        }

        #[test]
        fn a_new_folder_gets_every_file_and_no_temp_folder_is_left() {
            let (tmp, dir) = with_old();
            assert_eq!(
                snapshot(&dir),
                OLD.iter()
                    .map(|(n, b)| (n.to_string(), Some(b.to_vec())))
                    .collect::<Vec<_>>()
            );
            write_folder(&dir, &NEW, "test").unwrap();
            assert_eq!(snapshot(&dir)[0], ("a.csv".into(), Some(b"new a".to_vec())));
            assert_eq!(snapshot(tmp.path()), [("set".to_string(), None)]);
        }

        /// Fault injection at every step: the previous folder is where it
        /// was, byte for byte, and no temp folder is left.
        #[test]
        fn a_failure_at_any_step_leaves_the_previous_folder_as_it_was() {
            for step in [
                Step::Staged,
                Step::Wrote(0),
                Step::Wrote(1),
                Step::Wrote(2),
                Step::MoveOld,
                Step::MoveNew,
            ] {
                let (tmp, dir) = with_old();
                let before = snapshot(&dir);
                let e = write_folder_with(&dir, &NEW, "test", &mut |s| {
                    if s == step {
                        Err(std::io::Error::other("injected"))
                    } else {
                        Ok(())
                    }
                })
                .unwrap_err();
                assert!(e.to_string().ends_with(": injected"), "{step:?}: {e}");
                assert_eq!(snapshot(&dir), before, "{step:?}");
                assert_eq!(
                    snapshot(tmp.path()),
                    [("set".to_string(), None)],
                    "{step:?}"
                );
            }
        }

        #[test]
        fn a_new_folder_that_fails_half_way_leaves_nothing() {
            let tmp = tempfile::tempdir().unwrap();
            let dir = tmp.path().join("set");
            for step in [Step::Wrote(1), Step::MoveNew] {
                let e = write_folder_with(&dir, &NEW, "test", &mut |s| {
                    if s == step {
                        Err(std::io::Error::other("injected"))
                    } else {
                        Ok(())
                    }
                });
                assert!(e.is_err());
                assert!(snapshot(tmp.path()).is_empty(), "{step:?}");
            }
        }

        #[test]
        fn when_the_previous_folder_cannot_be_moved_back_the_error_says_where_it_is() {
            let (tmp, dir) = with_old();
            let e = write_folder_with(&dir, &NEW, "test", &mut |s| {
                if matches!(s, Step::MoveNew | Step::MoveBack) {
                    Err(std::io::Error::other("injected"))
                } else {
                    Ok(())
                }
            })
            .unwrap_err()
            .to_string();
            let kept = snapshot(tmp.path());
            assert_eq!(kept.len(), 1, "{kept:?}");
            let old = tmp.path().join(&kept[0].0);
            assert!(kept[0].0.starts_with(".routemap-") && kept[0].0.ends_with(".old"));
            assert!(e.contains(&format!("it is at {}", old.display())), "{e}");
            assert_eq!(std::fs::read(old.join("b.csv")).unwrap(), b"old b");
        }

        #[test]
        fn names_that_are_not_one_plain_file_are_refused_before_anything_is_written() {
            let (tmp, dir) = with_old();
            let before = snapshot(tmp.path());
            for bad in ["", ".", "..", "../x", "a/b", "/abs", "a.csv/"] {
                let e = write_folder(&dir, &[("a.csv", b"x"), (bad, b"y")], "test");
                assert!(e.is_err(), "{bad:?}");
                assert_eq!(snapshot(tmp.path()), before, "{bad:?}");
            }
            let e = write_folder(&dir, &[("a.csv", b"x"), ("a.csv", b"y")], "test").unwrap_err();
            assert!(
                e.to_string()
                    .ends_with("cannot write a file named \"a.csv\" into the folder")
            );
        }

        #[test]
        fn other_files_in_the_folder_are_refused_untouched() {
            let (_tmp, dir) = with_old();
            std::fs::write(dir.join("mine.txt"), b"mine").unwrap();
            let before = snapshot(&dir);
            let e = write_folder(&dir, &NEW, "test").unwrap_err().to_string();
            assert_eq!(
                e,
                format!(
                    "{}: holds \"mine.txt\" which was not written by routemap; the test replaces \
                     the folder as a whole, so it must be new, empty or hold only an earlier \
                     test's files (a.csv, b.csv, c.md)",
                    dir.display()
                )
            );
            assert_eq!(snapshot(&dir), before);
            std::fs::remove_file(dir.join("mine.txt")).unwrap();
            std::fs::remove_file(dir.join("b.csv")).unwrap();
            std::fs::create_dir(dir.join("b.csv")).unwrap();
            let e = write_folder(&dir, &NEW, "test").unwrap_err().to_string();
            assert!(
                e.contains("holds \"b.csv\" which is not a regular file"),
                "{e}"
            );
        }

        #[cfg(unix)]
        #[test]
        fn a_link_to_a_folder_replaces_the_folder_it_names() {
            let (tmp, dir) = with_old();
            let link = tmp.path().join("link");
            std::os::unix::fs::symlink(&dir, &link).unwrap();
            write_folder(&link, &NEW, "test").unwrap();
            assert!(
                std::fs::symlink_metadata(&link)
                    .unwrap()
                    .file_type()
                    .is_symlink()
            );
            assert_eq!(std::fs::read(dir.join("c.md")).unwrap(), b"new c");
        }

        #[cfg(unix)]
        #[test]
        fn permissions_of_the_folder_and_its_files_are_kept() {
            use std::os::unix::fs::PermissionsExt;
            let (_tmp, dir) = with_old();
            let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
            std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o750)).unwrap();
            std::fs::set_permissions(dir.join("a.csv"), std::fs::Permissions::from_mode(0o640))
                .unwrap();
            write_folder(&dir, &NEW, "test").unwrap();
            assert_eq!(mode(&dir), 0o750);
            assert_eq!(mode(&dir.join("a.csv")), 0o640);
            assert_eq!(mode(&dir.join("b.csv")), mode(&dir.join("c.md")));
        }
    }
}
