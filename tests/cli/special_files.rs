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

mod outputs {
    use super::*;

    use crate::common::Run;

    /// The seed map in `format`, written to a regular file.
    fn map_bytes(tmp: &Path, format: &str) -> Vec<u8> {
        let out = tmp.join(format!("reference.{format}"));
        routemap(tmp)
            .arg("render")
            .arg(seed())
            .arg("-o")
            .arg(&out)
            .assert()
            .success();
        std::fs::read(&out).unwrap()
    }

    /// Regression: run as root, `render DS -o /dev/null` replaced the
    /// system's /dev/null with a regular file (the atomic write renamed a
    /// temp file over it).
    #[cfg(target_os = "linux")]
    #[test]
    fn dev_null_stays_a_character_device() {
        use std::os::unix::fs::FileTypeExt;
        let null = Path::new("/dev/null");
        // Interlock: never run the binary on /dev/null unless the library
        // writes it directly.
        assert_eq!(
            routemap::export::file::target(null).unwrap(),
            routemap::export::file::Target::Direct
        );
        let tmp = tempfile::tempdir().unwrap();
        let s = seed().display().to_string();
        for format in ["svg", "png", "pdf", "geojson"] {
            let ran = routemap(tmp.path())
                .args(["render", &s, "-o", "/dev/null", "--format", format])
                .assert()
                .success()
                .stderr("routemap: wrote /dev/null\n");
            assert!(ran.0.stdout.is_empty());
            assert!(
                std::fs::symlink_metadata(null)
                    .unwrap()
                    .file_type()
                    .is_char_device()
            );
        }
        routemap(tmp.path())
            .args([
                "quick",
                "Moscow-Donetsk",
                "-o",
                "/dev/null",
                "--format",
                "svg",
            ])
            .assert()
            .success();
        assert!(
            std::fs::symlink_metadata(null)
                .unwrap()
                .file_type()
                .is_char_device()
        );
        // A device names no format: SVG, as for `-o -`.
        routemap(tmp.path())
            .args(["render", &s, "-o", "/dev/null"])
            .assert()
            .success()
            .stderr("routemap: wrote /dev/null\n");
        assert!(
            std::fs::symlink_metadata(null)
                .unwrap()
                .file_type()
                .is_char_device()
        );
        assert!(std::fs::read_dir(tmp.path()).unwrap().next().is_none());
    }

    /// A FIFO at the target is written through, in one pass, and stays a FIFO.
    #[cfg(unix)]
    #[test]
    fn a_fifo_is_written_through() {
        use std::io::Read;
        use std::os::unix::fs::FileTypeExt;
        let tmp = tempfile::tempdir().unwrap();
        let expected = map_bytes(tmp.path(), "svg");
        let fifo = tmp.path().join("map.svg");
        if !mkfifo(&fifo) {
            return;
        }
        let reader = {
            let fifo = fifo.clone();
            std::thread::spawn(move || {
                let mut got = Vec::new();
                std::fs::File::open(&fifo)
                    .unwrap()
                    .read_to_end(&mut got)
                    .unwrap();
                got
            })
        };
        let out = run_to_the_end(
            routemap(tmp.path())
                .arg("render")
                .arg(seed())
                .arg("-o")
                .arg(&fifo),
        );
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(reader.join().unwrap(), expected);
        assert!(
            std::fs::symlink_metadata(&fifo)
                .unwrap()
                .file_type()
                .is_fifo()
        );
        let names: Vec<_> = std::fs::read_dir(tmp.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names.len(), 2, "{names:?}");
    }

    /// `-o -` writes every format to standard output, byte for byte what a
    /// file gets, and says nothing on stderr.
    #[test]
    fn dash_writes_every_format_to_stdout() {
        let tmp = tempfile::tempdir().unwrap();
        let s = seed().display().to_string();
        for format in ["svg", "png", "pdf", "geojson"] {
            let ran = routemap(tmp.path())
                .args(["render", &s, "-o", "-", "--format", format])
                .assert()
                .success()
                .stderr("");
            assert!(ran.0.stdout == map_bytes(tmp.path(), format), "{format}");
        }
        // SVG when --format does not say.
        let ran = routemap(tmp.path())
            .args(["render", &s, "-o", "-"])
            .assert()
            .success();
        assert!(ran.0.stdout.starts_with(b"<svg "));
        assert!(!tmp.path().join("output").exists());
    }

    /// `-o /dev/stdout` writes to the standard output it was given, also
    /// when that is a regular file, and never replaces the link.
    #[cfg(target_os = "linux")]
    #[test]
    fn dev_stdout_is_written_through_to_a_pipe_or_a_file() {
        let tmp = tempfile::tempdir().unwrap();
        let expected = map_bytes(tmp.path(), "svg");
        let s = seed().display().to_string();
        let before = std::fs::read_link("/dev/stdout").unwrap();
        let ran = routemap(tmp.path())
            .args(["render", &s, "-o", "/dev/stdout", "--format", "svg"])
            .assert()
            .success()
            .stderr("");
        assert!(ran.0.stdout == expected);
        let file = tmp.path().join("captured.svg");
        let status = routemap(tmp.path())
            .args(["render", &s, "-o", "/dev/stdout", "--format", "svg"])
            .stdout(std::fs::File::create(&file).unwrap())
            .stderr(Stdio::null())
            .status()
            .unwrap();
        assert!(status.success());
        assert!(std::fs::read(&file).unwrap() == expected);
        assert_eq!(std::fs::read_link("/dev/stdout").unwrap(), before);
    }

    /// A link at the target is replaced (its target untouched) by a file
    /// with the default permissions, not those of the link's target.
    #[cfg(unix)]
    #[test]
    fn a_link_is_replaced_by_a_file_with_default_permissions() {
        use std::os::unix::fs::PermissionsExt;
        let tmp = tempfile::tempdir().unwrap();
        let target = tmp.path().join("private.txt");
        std::fs::write(&target, b"private").unwrap();
        std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o604)).unwrap();
        let link = tmp.path().join("map.svg");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        routemap(tmp.path())
            .arg("render")
            .arg(seed())
            .arg("-o")
            .arg(&link)
            .assert()
            .success();
        assert_eq!(std::fs::read(&target).unwrap(), b"private");
        let md = std::fs::symlink_metadata(&link).unwrap();
        assert!(md.is_file());
        let fresh = tmp.path().join("fresh");
        std::fs::File::create(&fresh).unwrap();
        let default = std::fs::metadata(&fresh).unwrap().permissions().mode() & 0o777;
        assert_eq!(md.permissions().mode() & 0o777, default);
    }

    /// A socket or a folder at the target is refused, and nothing is written.
    #[cfg(unix)]
    #[test]
    fn a_socket_or_a_folder_is_refused() {
        let tmp = tempfile::tempdir().unwrap();
        let sock = tmp.path().join("map.svg");
        let _listener = std::os::unix::net::UnixListener::bind(&sock).unwrap();
        let s = seed().display().to_string();
        let o = sock.display().to_string();
        refused(
            tmp.path(),
            &["render", &s, "-o", &o],
            &format!(
                "{o}: is a socket; routemap writes to regular files, character devices (such \
                 as /dev/null), FIFOs and standard output (-o -)"
            ),
        );
        let dir = tmp.path().join("map.png");
        std::fs::create_dir(&dir).unwrap();
        let d = dir.display().to_string();
        refused(
            tmp.path(),
            &["render", &s, "-o", &d],
            &format!("{d}: is a folder; name a file to write"),
        );
    }

    /// `quick -o -`: the map on standard output, the comparison on stderr.
    #[test]
    fn quick_to_stdout_puts_the_table_on_stderr() {
        let tmp = tempfile::tempdir().unwrap();
        let ran = routemap(tmp.path())
            .args(["quick", "Moscow-Donetsk", "-o", "-"])
            .assert()
            .success();
        assert!(ran.0.stdout.starts_with(b"<svg "));
        let stderr = String::from_utf8_lossy(&ran.0.stderr);
        assert!(stderr.contains("Moscow – Donetsk"), "{stderr}");
        assert!(!String::from_utf8_lossy(&ran.0.stdout).contains("network best"));
    }

    /// Commands that write folders refuse `-`.
    #[test]
    fn folder_outputs_refuse_dash() {
        let tmp = tempfile::tempdir().unwrap();
        let s = seed().display().to_string();
        let message = "this writes a folder of several files, not one stream; name a folder";
        for (args, option) in [
            (vec!["report", &s, "-o", "-"], "--output <DIR>"),
            (vec!["build", "routes", "-o", "-"], "--output <OUTPUT_DIR>"),
            (
                vec![
                    "import",
                    "openflights",
                    "--airports",
                    "a",
                    "--routes",
                    "r",
                    "-o",
                    "-",
                ],
                "--output <DIR>",
            ),
            (
                vec!["quick", "Moscow-Donetsk", "--save", "-"],
                "--save <DIR>",
            ),
        ] {
            routemap(tmp.path())
                .args(&args)
                .assert()
                .code(2)
                .stderr(&format!(
                    "routemap: error: invalid value '-' for '{option}': {message}\n"
                ));
        }
        assert!(std::fs::read_dir(tmp.path()).unwrap().next().is_none());
    }
}
