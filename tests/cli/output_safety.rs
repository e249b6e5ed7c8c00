//! Output safety: unwritable or missing output folders give a clear error and
//! touch nothing, and outputs are replaced atomically (a killed or failed run
//! leaves the previous file intact, a finished one leaves no temp file).

use std::path::Path;
use std::time::Duration;

use crate::common::{routemap, seed, snapshot_dir};

const PREVIOUS: &[u8] = b"previous map\n";

/// Temp files `export::write_atomic` makes next to the output.
fn temp_files(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".routemap-"))
        .collect()
}

/// Run `routemap render SEED -o out` in `cwd`; (exit code, stderr).
fn render_to(cwd: &Path, out: &Path) -> (Option<i32>, String) {
    let o = routemap(cwd)
        .arg("render")
        .arg(seed())
        .arg("-o")
        .arg(out)
        .output()
        .unwrap();
    assert!(o.stdout.is_empty());
    (
        o.status.code(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

/// Whether the current user can create files in a folder it made read-only
/// (true for root, whom permissions do not stop).
fn permissions_are_bypassed(dir: &Path) -> bool {
    let probe = dir.join("probe");
    let bypassed = std::fs::write(&probe, b"").is_ok();
    let _ = std::fs::remove_file(&probe);
    bypassed
}

#[cfg(unix)]
#[test]
fn read_only_output_folder_is_a_clear_error() {
    use std::os::unix::fs::PermissionsExt;
    let tmp = tempfile::tempdir().unwrap();
    let ro = tmp.path().join("ro");
    std::fs::create_dir(&ro).unwrap();
    std::fs::write(ro.join("map.svg"), PREVIOUS).unwrap();
    std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o555)).unwrap();
    if permissions_are_bypassed(&ro) {
        // Root: chmod does not stop writes. The unwritable-folder case is
        // covered by `output_parent_that_is_a_file_is_a_clear_error`.
        std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o755)).unwrap();
        eprintln!("note: running as root, a read-only folder cannot be tested; skipped");
        return;
    }
    let before = snapshot_dir(tmp.path());
    let (code, stderr) = render_to(tmp.path(), &ro.join("map.svg"));
    std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o755)).unwrap();
    assert_eq!(code, Some(2));
    assert_eq!(
        stderr,
        format!(
            "routemap: error: {}: Permission denied (os error 13)\n",
            ro.display()
        )
    );
    assert_eq!(snapshot_dir(tmp.path()), before);
}

#[test]
fn output_parent_that_is_a_file_is_a_clear_error() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("notes.txt");
    std::fs::write(&file, PREVIOUS).unwrap();
    let before = snapshot_dir(tmp.path());
    let (code, stderr) = render_to(tmp.path(), &file.join("map.svg"));
    assert_eq!(code, Some(2));
    assert_eq!(
        stderr,
        format!("routemap: error: {}: is not a folder\n", file.display())
    );
    assert_eq!(snapshot_dir(tmp.path()), before);
}

#[test]
fn missing_output_folder_is_a_clear_error() {
    let tmp = tempfile::tempdir().unwrap();
    let missing = tmp.path().join("missing");
    let (code, stderr) = render_to(tmp.path(), &missing.join("map.png"));
    assert_eq!(code, Some(2));
    assert_eq!(
        stderr,
        format!(
            "routemap: error: {}: output folder does not exist\n",
            missing.display()
        )
    );
    assert!(!missing.exists());
    assert!(snapshot_dir(tmp.path()).is_empty());
}

/// Fault injection: the final rename fails (the output path is a folder), so
/// the temp file must be removed and the folder left alone.
#[test]
fn failed_rename_leaves_no_temp_file() {
    let tmp = tempfile::tempdir().unwrap();
    let target = tmp.path().join("map.svg");
    std::fs::create_dir(&target).unwrap();
    std::fs::write(target.join("inside"), PREVIOUS).unwrap();
    let before = snapshot_dir(tmp.path());
    let (code, stderr) = render_to(tmp.path(), &target);
    assert_eq!(code, Some(2));
    assert!(
        stderr.starts_with(&format!("routemap: error: {}: ", target.display())),
        "{stderr}"
    );
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert_eq!(snapshot_dir(tmp.path()), before);
    assert!(temp_files(tmp.path()).is_empty());
}

/// A PNG is complete if it has the signature and ends with the IEND chunk.
fn complete_png(bytes: &[u8]) -> bool {
    bytes.starts_with(b"\x89PNG\r\n\x1a\n") && bytes.ends_with(b"IEND\xaeB`\x82")
}

/// Kill `routemap render` at increasing delays while it draws and writes a big
/// PNG over a previous file: the file is always either the previous one or a
/// complete new PNG, never a partial one. (A killed process cannot clean up, so
/// a `.routemap-*.tmp` may be left next to it; a normal run leaves none.)
#[test]
fn killed_render_leaves_the_previous_file_intact() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("big.png");
    std::fs::write(&out, PREVIOUS).unwrap();
    for delay_ms in [20, 80, 160, 320, 480, 640, 800, 1200] {
        let mut child = std::process::Command::new(crate::common::BIN)
            .current_dir(tmp.path())
            .args(["render", &seed().display().to_string()])
            .args(["--size", "8000x6000", "--dpi", "96", "-o"])
            .arg(&out)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(delay_ms));
        let _ = child.kill();
        child.wait().unwrap();
        let bytes = std::fs::read(&out).unwrap();
        assert!(
            bytes == PREVIOUS || complete_png(&bytes),
            "after a kill at {delay_ms} ms, big.png is {} bytes and incomplete",
            bytes.len()
        );
        let names: Vec<String> = std::fs::read_dir(tmp.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        for n in &names {
            assert!(
                n == "big.png" || (n.starts_with(".routemap-") && n.ends_with(".tmp")),
                "unexpected file {n} after a kill at {delay_ms} ms"
            );
        }
    }
    // Leftovers from killed runs aside, a run that finishes leaves no temp file.
    for n in temp_files(tmp.path()) {
        std::fs::remove_file(tmp.path().join(n)).unwrap();
    }
    let (code, stderr) = render_to(tmp.path(), &out);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(complete_png(&std::fs::read(&out).unwrap()));
    assert!(temp_files(tmp.path()).is_empty());
}

#[test]
fn finished_runs_leave_no_temp_file_in_any_format() {
    let tmp = tempfile::tempdir().unwrap();
    for ext in ["svg", "png", "pdf", "geojson"] {
        let out = tmp.path().join(format!("map.{ext}"));
        std::fs::write(&out, PREVIOUS).unwrap();
        let (code, stderr) = render_to(tmp.path(), &out);
        assert_eq!(code, Some(0), "{stderr}");
        assert_ne!(std::fs::read(&out).unwrap(), PREVIOUS);
    }
    assert!(temp_files(tmp.path()).is_empty());
}
