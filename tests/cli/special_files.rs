//! Special files (devices, FIFOs, links to them) as inputs and outputs: an
//! input must be a regular file (a FIFO would block, `/dev/zero` never ends),
//! read with a cap whatever size it reports; an output that is a device, a
//! FIFO or a `/dev/stdout`-style link is written to directly, never
//! replaced by a regular file.

use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use crate::common::{routemap, seed, seed_copy};

/// Make a FIFO at `path` with the `mkfifo` program; false (with a note) if
/// it cannot.
pub fn mkfifo(path: &Path) -> bool {
    let made = Command::new("mkfifo").arg(path).status();
    let ok = made.is_ok_and(|s| s.success());
    if !ok {
        eprintln!("note: mkfifo is not available; skipped");
    }
    ok
}

/// Run `cmd` to the end, or kill it and fail if it is still running after
/// two minutes (a FIFO read would block forever; the point is that it
/// finishes at all, not how fast).
pub fn run_to_the_end(cmd: &mut Command) -> Output {
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > Duration::from_secs(120) {
            let _ = child.kill();
            let _ = child.wait();
            panic!("{cmd:?} did not finish");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

/// What is under `dir`: each regular file with its bytes, each link with
/// its target, each other entry with its kind; special files are never
/// opened (reading a FIFO blocks, reading `/dev/zero` never ends).
pub fn snapshot(dir: &Path) -> Vec<(std::path::PathBuf, String)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            let ft = std::fs::symlink_metadata(&p).unwrap().file_type();
            let what = if ft.is_symlink() {
                format!("link to {}", std::fs::read_link(&p).unwrap().display())
            } else if ft.is_dir() {
                stack.push(p.clone());
                "folder".into()
            } else if ft.is_file() {
                format!("{:?}", std::fs::read(&p).unwrap())
            } else {
                format!("{ft:?}")
            };
            out.push((p, what));
        }
    }
    out.sort();
    out
}

/// Check that `args` (run in `tmp`) fails with exactly `expected` on stderr
/// and changes no file under `tmp`.
fn refused(tmp: &Path, args: &[&str], expected: &str) {
    let before = snapshot(tmp);
    let out = run_to_the_end(routemap(tmp).args(args));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        format!("routemap: error: {expected}\n"),
        "{args:?}"
    );
    assert_eq!(out.status.code(), Some(2), "{args:?}");
    assert!(out.stdout.is_empty(), "{args:?}");
    assert_eq!(snapshot(tmp), before, "{args:?} touched files");
}

const NOT_REGULAR: &str = "not a regular file; routemap reads its inputs from regular files only";

mod inputs {
    use super::*;

    #[cfg(unix)]
    fn link(target: &str, at: &Path) {
        let _ = std::fs::remove_file(at);
        std::os::unix::fs::symlink(target, at).unwrap();
    }

    /// Regression: `places.csv -> /dev/zero` grew to 24 GB until the kernel
    /// killed the process (the size cap read the reported size, 0).
    #[cfg(target_os = "linux")]
    #[test]
    fn dataset_files_linked_to_dev_zero_are_refused() {
        for file in ["places.csv", "legs.csv", "dataset.toml"] {
            let (tmp, dir) = seed_copy("bad");
            link("/dev/zero", &dir.join(file));
            let d = dir.display().to_string();
            for cmd in ["check", "render"] {
                refused(
                    tmp.path(),
                    &[cmd, &d],
                    &format!("{d}/{file}: is a character device, {NOT_REGULAR}"),
                );
            }
        }
    }

    /// Regression: a FIFO as places.csv hung until something wrote to it.
    #[cfg(unix)]
    #[test]
    fn dataset_files_that_are_fifos_are_refused() {
        for file in ["places.csv", "legs.csv", "dataset.toml"] {
            let (tmp, dir) = seed_copy("bad");
            std::fs::remove_file(dir.join(file)).unwrap();
            if !mkfifo(&dir.join(file)) {
                return;
            }
            let d = dir.display().to_string();
            refused(
                tmp.path(),
                &["check", &d],
                &format!("{d}/{file}: is a FIFO (named pipe), {NOT_REGULAR}"),
            );
        }
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn pairs_and_overlays_that_are_special_files_are_refused() {
        let tmp = tempfile::tempdir().unwrap();
        let fifo = tmp.path().join("pairs.csv");
        if !mkfifo(&fifo) {
            return;
        }
        let s = seed().display().to_string();
        let f = fifo.display().to_string();
        refused(
            tmp.path(),
            &["paths", &s, "--pairs", &f],
            &format!("{f}: is a FIFO (named pipe), {NOT_REGULAR}"),
        );
        refused(
            tmp.path(),
            &["paths", &s, "--pairs", "/dev/zero"],
            &format!("/dev/zero: is a character device, {NOT_REGULAR}"),
        );
        for overlay in [f.as_str(), "/dev/zero"] {
            let out = tmp.path().join("map.svg").display().to_string();
            let kind = if overlay == "/dev/zero" {
                "a character device"
            } else {
                "a FIFO (named pipe)"
            };
            refused(
                tmp.path(),
                &["render", &s, "--overlay", overlay, "-o", &out],
                &format!("{overlay}: is {kind}, {NOT_REGULAR}"),
            );
        }
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn openflights_files_that_are_special_files_are_refused() {
        let tmp = tempfile::tempdir().unwrap();
        let fifo = tmp.path().join("routes.dat");
        if !mkfifo(&fifo) {
            return;
        }
        let airports = tmp.path().join("airports.dat");
        std::fs::write(
            &airports,
            "1,\"A\",\"C\",\"X\",\"AAA\",\\N,1,2,0,0,\"U\",\"Etc/UTC\",\"airport\",\"OurAirports\"\n",
        )
        .unwrap();
        let out = tmp.path().join("net").display().to_string();
        let (a, f) = (airports.display().to_string(), fifo.display().to_string());
        refused(
            tmp.path(),
            &[
                "import",
                "openflights",
                "--airports",
                "/dev/zero",
                "--routes",
                &a,
                "-o",
                &out,
            ],
            &format!("/dev/zero: is a character device, {NOT_REGULAR}"),
        );
        refused(
            tmp.path(),
            &[
                "import",
                "openflights",
                "--airports",
                &a,
                "--routes",
                &f,
                "-o",
                &out,
            ],
            &format!("{f}: is a FIFO (named pipe), {NOT_REGULAR}"),
        );
    }

    /// A dataset whose legs.csv is a FIFO is a failure `build` reports, not
    /// a folder it skips or a read that blocks.
    #[cfg(unix)]
    #[test]
    fn build_reports_a_dataset_with_a_special_file() {
        let tmp = tempfile::tempdir().unwrap();
        let routes = tmp.path().join("routes");
        std::fs::create_dir(&routes).unwrap();
        let (_keep, dir) = seed_copy("x");
        let bad = routes.join("bad");
        std::fs::create_dir(&bad).unwrap();
        std::fs::copy(dir.join("places.csv"), bad.join("places.csv")).unwrap();
        if !mkfifo(&bad.join("legs.csv")) {
            return;
        }
        let out = run_to_the_end(routemap(tmp.path()).args(["build", "routes", "-o", "maps"]));
        assert_eq!(out.status.code(), Some(2));
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(
            stderr,
            format!(
                "routemap: wrote 0 of 1 maps to maps\nroutemap: failed: bad: routes/bad/legs.csv: \
                 is a FIFO (named pipe), {NOT_REGULAR}\n"
            )
        );
    }
}
