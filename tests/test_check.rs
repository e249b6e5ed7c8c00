//! `routemap check`.

mod common;

use common::{root, routemap};

#[test]
fn seed_dataset_summary() {
    let out = routemap(&root())
        .args(["check", "routes/donbas-workers"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let stdout = String::from_utf8(out.stdout).unwrap();
    insta::assert_snapshot!(stdout);
}

#[test]
fn missing_folder_is_exit_2_with_the_path() {
    let out = routemap(&root())
        .args(["check", "routes/no-such-dataset"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.starts_with("routemap: error: routes/no-such-dataset: "),
        "{stderr}"
    );
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
}

#[test]
fn usage_error_is_exit_2() {
    let out = routemap(&root()).args(["check"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn help_is_exit_0() {
    let out = routemap(&root()).args(["--help"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let stdout = String::from_utf8(out.stdout).unwrap();
    for cmd in ["check", "compare", "render"] {
        assert!(stdout.contains(cmd), "{stdout}");
    }
}
