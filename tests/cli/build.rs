//! `routemap build`: every dataset folder rendered, broken ones listed at the
//! end with exit 2, the same bytes as `routemap render`, and nothing written
//! outside OUTPUT_DIR whatever a folder is called.

use std::path::{Path, PathBuf};

use crate::common::{Run, root, routemap, snapshot_dir};

/// Copy the dataset files of `routes/<from>` into `<routes>/<to>/`.
fn copy_dataset(from: &str, routes: &Path, to: &str) -> PathBuf {
    let src = root().join("routes").join(from);
    let dst = routes.join(to);
    std::fs::create_dir(&dst).unwrap();
    for f in ["places.csv", "legs.csv", "dataset.toml"] {
        std::fs::copy(src.join(f), dst.join(f)).unwrap();
    }
    dst
}

/// What `routemap render` draws by default for a dataset folder.
fn rendered(dir: &Path) -> String {
    let ds = routemap::load::dataset(dir).unwrap();
    crate::common::map_svg(&ds, &Default::default())
}

fn file_names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// A temp dir with `routes/` holding two good datasets and one broken one.
fn routes_with_a_broken_dataset() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let routes = tmp.path().join("routes");
    std::fs::create_dir(&routes).unwrap();
    copy_dataset("donbas-workers", &routes, "donbas-workers");
    copy_dataset("europe-capitals", &routes, "europe-capitals");
    let broken = copy_dataset("donbas-workers", &routes, "broken");
    let legs = std::fs::read_to_string(broken.join("legs.csv"))
        .unwrap()
        .replace("moscow,donetsk", "moscow,mosow");
    std::fs::write(broken.join("legs.csv"), legs).unwrap();
    // Not a dataset (no legs.csv): ignored.
    std::fs::create_dir(routes.join("notes")).unwrap();
    (tmp, routes)
}

#[test]
fn renders_every_dataset_and_lists_the_broken_one() {
    let (tmp, routes) = routes_with_a_broken_dataset();
    let out = routemap(tmp.path())
        .arg("build")
        .arg(&routes)
        .args(["-o", "maps"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(
        lines,
        [
            "routemap: wrote 2 of 3 maps to maps".to_string(),
            format!(
                "routemap: failed: broken: {}:4: unknown place id \"mosow\" in column \"to\"; it is not in places.csv (did you mean \"moscow\"?)",
                routes.join("broken/legs.csv").display()
            ),
        ],
        "{stderr}"
    );
    let maps = tmp.path().join("maps");
    assert_eq!(
        file_names(&maps),
        ["donbas-workers.svg", "europe-capitals.svg"]
    );
    for name in ["donbas-workers", "europe-capitals"] {
        assert_eq!(
            std::fs::read_to_string(maps.join(format!("{name}.svg"))).unwrap(),
            rendered(&routes.join(name)),
            "{name}"
        );
    }
}

#[test]
fn all_good_is_exit_0() {
    let (tmp, routes) = routes_with_a_broken_dataset();
    std::fs::remove_dir_all(routes.join("broken")).unwrap();
    routemap(tmp.path())
        .arg("build")
        .arg(&routes)
        .args(["-o", "maps"])
        .assert()
        .success()
        .stderr("routemap: wrote 2 of 2 maps to maps\n");
}

#[test]
fn defaults_are_routes_and_output_and_match_render() {
    let (tmp, _routes) = routes_with_a_broken_dataset();
    routemap(tmp.path()).arg("build").assert().code(2);
    let built = std::fs::read(tmp.path().join("output/donbas-workers.svg")).unwrap();
    // `routemap render` with its defaults writes the same bytes to the same place.
    std::fs::remove_file(tmp.path().join("output/donbas-workers.svg")).unwrap();
    routemap(tmp.path())
        .args(["render", "routes/donbas-workers"])
        .assert()
        .success();
    assert_eq!(
        std::fs::read(tmp.path().join("output/donbas-workers.svg")).unwrap(),
        built
    );
}

#[test]
fn progress_bar_is_hidden_when_stderr_is_not_a_terminal() {
    let (tmp, routes) = routes_with_a_broken_dataset();
    let out = routemap(tmp.path())
        .arg("build")
        .arg(&routes)
        .args(["-o", "maps"])
        .output()
        .unwrap();
    assert!(!out.stderr.contains(&b'\r'));
    assert!(!out.stderr.contains(&0x1b));
    assert!(out.stdout.is_empty());
}

#[test]
fn no_dataset_folders_is_exit_1() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::create_dir(tmp.path().join("routes")).unwrap();
    let out = routemap(tmp.path()).arg("build").output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no dataset folders"));
    assert!(!tmp.path().join("output").exists());
}

#[test]
fn missing_routes_folder_is_exit_2() {
    let tmp = tempfile::tempdir().unwrap();
    let out = routemap(tmp.path())
        .args(["build", "nope"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("nope: cannot list"));
}

/// Folder names Linux allows but that must not name an output file: a
/// Windows device name, a hidden name, dots only, a line break, a backslash,
/// an escape sequence. Each is reported on one line; nothing is written
/// outside OUTPUT_DIR, and nothing for them inside it either.
#[test]
fn tricky_folder_names_never_write_outside_the_output_folder() {
    let tmp = tempfile::tempdir().unwrap();
    let routes = tmp.path().join("routes");
    std::fs::create_dir(&routes).unwrap();
    copy_dataset("donbas-workers", &routes, "donbas-workers");
    let tricky = [
        ("con", "\"con\""),
        ("Con.svg", "\"Con.svg\""),
        ("lpt1", "\"lpt1\""),
        (".hidden", "\".hidden\""),
        ("...", "\"...\""),
        ("new\nline", "\"new\\nline\""),
        ("..\\..\\escape", "\"..\\\\..\\\\escape\""),
        ("back\\slash", "\"back\\\\slash\""),
        ("esc\u{1b}[31mred", "\"esc\\u{1b}[31mred\""),
    ];
    for (name, _) in tricky {
        copy_dataset("donbas-workers", &routes, name);
    }
    // A link to a dataset outside ROUTES_DIR is not followed.
    let elsewhere = tmp.path().join("elsewhere");
    std::fs::create_dir(&elsewhere).unwrap();
    copy_dataset("donbas-workers", &elsewhere, "outside");
    std::os::unix::fs::symlink(elsewhere.join("outside"), routes.join("outside")).unwrap();
    // A link to a dataset inside ROUTES_DIR is fine.
    std::os::unix::fs::symlink(routes.join("donbas-workers"), routes.join("alias")).unwrap();

    let work = tmp.path().join("work");
    std::fs::create_dir(&work).unwrap();
    let maps = work.join("maps");
    let before = snapshot_dir(tmp.path());
    let out = routemap(&work)
        .arg("build")
        .arg(&routes)
        .args(["-o", "maps"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(!stderr.contains('\u{1b}'), "escape sequence passed through");
    let failed: Vec<&str> = stderr
        .lines()
        .filter(|l| l.starts_with("routemap: failed: "))
        .collect();
    assert_eq!(stderr.lines().count(), failed.len() + 1, "{stderr}");
    assert_eq!(failed.len(), tricky.len() + 1, "{stderr}");
    for (_, shown) in tricky {
        assert!(
            failed.iter().any(|l| l.starts_with(&format!(
                "routemap: failed: {shown}: the folder name cannot name an output file"
            ))),
            "{shown} not listed: {stderr}"
        );
    }
    assert!(
        failed
            .iter()
            .any(|l| l.starts_with("routemap: failed: outside: ") && l.contains("not followed")),
        "{stderr}"
    );
    // Only the two good maps were written, both inside OUTPUT_DIR.
    assert_eq!(file_names(&maps), ["alias.svg", "donbas-workers.svg"]);
    let after = snapshot_dir(tmp.path());
    let new: Vec<&PathBuf> = after
        .iter()
        .map(|(p, _)| p)
        .filter(|p| !before.iter().any(|(q, _)| q == *p))
        .collect();
    assert_eq!(
        new,
        [&maps.join("alias.svg"), &maps.join("donbas-workers.svg")]
    );
    let unchanged: Vec<_> = after
        .iter()
        .filter(|(p, _)| !p.starts_with(&maps))
        .collect();
    assert_eq!(unchanged, before.iter().collect::<Vec<_>>());
}
