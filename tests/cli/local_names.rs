//! `--labels en+local` (issue 15): a second label line with the place's
//! name in its country's language, from the gazetteer; `labels` in
//! `dataset.toml`.

use std::path::Path;

use routemap::map::clip::Rect;

use crate::common::scene::{frame, labels, markers, options, scene, scene_of};
use crate::common::{Run, routemap, seed_copy};

/// Every label text (a name, or a local-name line) and its box.
fn label_boxes(scene: &routemap::render::Scene) -> Vec<(String, Rect)> {
    labels(scene)
        .into_iter()
        .map(|l| {
            let b = l.bbox();
            (l.text, b)
        })
        .collect()
}

/// No two label texts overlap, none covers a marker, all lie in the frame.
fn assert_no_overlaps(scene: &routemap::render::Scene) {
    let boxes = label_boxes(scene);
    let f = frame(scene);
    for (i, (ta, a)) in boxes.iter().enumerate() {
        assert!(f.contains_rect(a), "{ta} outside the frame");
        for (tb, b) in &boxes[i + 1..] {
            assert!(!a.intersects(b), "{ta} overlaps {tb}");
        }
        for m in markers(scene, 4.0) {
            assert!(!a.intersects(&m), "{ta} covers a marker");
        }
    }
}

/// The box of the label text `text`.
fn box_of(boxes: &[(String, Rect)], text: &str) -> Rect {
    boxes
        .iter()
        .find(|(t, _)| t == text)
        .unwrap_or_else(|| panic!("no label {text:?} in {boxes:?}"))
        .1
}

#[test]
fn quick_vladivostok_moscow_has_both_local_names() {
    let tmp = tempfile::tempdir().unwrap();
    routemap(tmp.path())
        .args(["quick", "Vladivostok-Moscow", "--labels", "en+local"])
        .args(["-o", "map.svg"])
        .assert()
        .success();
    let svg = std::fs::read_to_string(tmp.path().join("map.svg")).unwrap();
    for name in ["Vladivostok", "Владивосток", "Moscow", "Москва"] {
        assert!(svg.contains(&format!(">{name}</text>")), "{name}");
    }
    assert!(svg.contains("Places: GeoNames (CC BY 4.0)"));
    // Without the option: the labels as before, one line each.
    routemap(tmp.path())
        .args(["quick", "Vladivostok-Moscow", "-o", "plain.svg"])
        .assert()
        .success();
    let plain = std::fs::read_to_string(tmp.path().join("plain.svg")).unwrap();
    assert!(!plain.contains("Владивосток") && !plain.contains("Москва"));
}

#[test]
fn seed_local_lines_sit_under_their_names_and_donetsk_has_one_line() {
    let s = scene("donbas-workers", &options(&["--labels", "en+local"]));
    let boxes = label_boxes(&s);
    let texts: Vec<&str> = boxes.iter().map(|(t, _)| t.as_str()).collect();
    // Donetsk's local name is unknown (Донецк and Донецьк read alike):
    // one line, and no guess.
    assert!(!texts.iter().any(|t| t.starts_with("Донец")), "{texts:?}");
    assert_eq!(boxes.len(), 5 + 4, "{texts:?}");
    for (name, local) in [
        ("Moscow", "Москва"),
        ("Vladivostok", "Владивосток"),
        ("Volgograd", "Волгоград"),
        ("Pyongyang", "평양"),
    ] {
        let (n, l) = (box_of(&boxes, name), box_of(&boxes, local));
        // Just under its name, overlapping it horizontally.
        assert!(
            l.y0 >= n.y1 - 0.01 && l.y0 - n.y1 < 4.0,
            "{local}: {n:?} {l:?}"
        );
        assert!(l.x0 < n.x1 && n.x0 < l.x1, "{local}: {n:?} {l:?}");
        // Smaller: the line's height is less than the name's.
        assert!(l.height() < n.height(), "{local}");
    }
    assert_no_overlaps(&s);
}

#[test]
fn forty_capitals_with_local_names_never_overlap() {
    let s = scene("europe-capitals", &options(&["--labels", "en+local"]));
    let boxes = label_boxes(&s);
    for local in ["Москва", "Київ", "Αθήνα", "София"] {
        box_of(&boxes, local);
    }
    assert_no_overlaps(&s);
}

#[test]
fn dataset_toml_labels_applies_and_the_command_line_overrides_it() {
    let (tmp, dir) = seed_copy("local");
    let toml = std::fs::read_to_string(dir.join("dataset.toml")).unwrap();
    std::fs::write(
        dir.join("dataset.toml"),
        format!("labels = \"en+local\"\n{toml}"),
    )
    .unwrap();
    let s = scene_of(&dir, &Default::default());
    // The library takes the option as given; the commands read the key.
    assert!(!label_boxes(&s).iter().any(|(t, _)| t == "Москва"));
    routemap(tmp.path())
        .args(["render", "local", "-o", "a.svg"])
        .assert()
        .success();
    let a = std::fs::read_to_string(tmp.path().join("a.svg")).unwrap();
    assert!(a.contains(">Москва</text>"));
    routemap(tmp.path())
        .args(["render", "local", "-o", "b.svg", "--labels", "en"])
        .assert()
        .success();
    let b = std::fs::read_to_string(tmp.path().join("b.svg")).unwrap();
    assert!(!b.contains("Москва"));
}

#[test]
fn a_bad_labels_value_in_dataset_toml_is_exit_2_with_file_and_line() {
    let (tmp, dir) = seed_copy("bad");
    let toml = std::fs::read_to_string(dir.join("dataset.toml")).unwrap();
    std::fs::write(
        dir.join("dataset.toml"),
        format!(
            "title = \"x\"\nlabels = \"en+locale\"\n{}",
            toml.replacen("title = ", "# ", 1)
        ),
    )
    .unwrap();
    std::fs::write(tmp.path().join("map.svg"), "old").unwrap();
    let out = routemap(tmp.path())
        .args(["render", "bad", "-o", "map.svg"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    let path = Path::new("bad").join("dataset.toml");
    assert!(
        stderr.contains(&format!("{}:2:", path.display())),
        "{stderr}"
    );
    assert!(stderr.contains("\"en+locale\""), "{stderr}");
    assert_eq!(
        std::fs::read_to_string(tmp.path().join("map.svg")).unwrap(),
        "old"
    );
}

#[test]
fn a_bad_labels_option_is_exit_2() {
    let tmp = tempfile::tempdir().unwrap();
    let out = routemap(tmp.path())
        .args([
            "quick",
            "Vladivostok-Moscow",
            "--labels",
            "ru",
            "-o",
            "x.svg",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8(out.stderr).unwrap().contains("en+local"));
    assert!(!tmp.path().join("x.svg").exists());
}

#[test]
fn local_labels_are_deterministic() {
    let tmp = tempfile::tempdir().unwrap();
    for out in ["1.svg", "2.svg"] {
        routemap(tmp.path())
            .args([
                "quick",
                "평양-Vladivostok-Moscow",
                "--labels",
                "en+local",
                "-o",
                out,
            ])
            .assert()
            .success();
    }
    let a = std::fs::read(tmp.path().join("1.svg")).unwrap();
    let b = std::fs::read(tmp.path().join("2.svg")).unwrap();
    assert!(a == b, "two runs differ");
    // Typed in Hangul, Pyongyang is already called so: no second 평양.
    let svg = String::from_utf8(a).unwrap();
    assert_eq!(svg.matches(">평양</text>").count(), 1);
}

#[test]
fn report_takes_labels() {
    let tmp = tempfile::tempdir().unwrap();
    let root = crate::common::root();
    routemap(tmp.path())
        .arg("report")
        .arg(root.join("routes/donbas-workers"))
        .args(["-o", "r", "--labels", "en+local"])
        .assert()
        .success();
    let map = std::fs::read_to_string(tmp.path().join("r/map.svg")).unwrap();
    assert!(map.contains(">Москва</text>"));
}

#[test]
fn quick_save_keeps_labels_in_dataset_toml() {
    let tmp = tempfile::tempdir().unwrap();
    routemap(tmp.path())
        .args(["quick", "Vladivostok-Moscow", "--labels", "en+local"])
        .args(["-o", "map.svg", "--save", "saved"])
        .assert()
        .success();
    let toml = std::fs::read_to_string(tmp.path().join("saved/dataset.toml")).unwrap();
    assert!(toml.contains("labels = \"en+local\""), "{toml}");
    routemap(tmp.path())
        .args(["render", "saved", "-o", "again.svg"])
        .assert()
        .success();
    let again = std::fs::read_to_string(tmp.path().join("again.svg")).unwrap();
    assert!(again.contains(">Владивосток</text>"));
}
