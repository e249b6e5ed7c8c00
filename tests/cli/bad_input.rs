//! Bad input: each case gets one line on stderr naming the file, the line and
//! the offending value, exit code 2, and no output file touched. Runs the real
//! binary on a copy of the seed dataset with one file changed.

use crate::common;
use std::path::Path;

use crate::common::{routemap, seed_copy, snapshot_dir};

fn seed_file(name: &str) -> String {
    std::fs::read_to_string(common::seed().join(name)).unwrap()
}

/// Replace `file` in a seed copy with `content`, run `render` and `compare`,
/// and check both fail with exactly `expected` (after "routemap: error: ",
/// with `{dir}` standing for the dataset folder) and leave outputs alone.
fn assert_rejected(file: &str, content: &[u8], expected: &str) {
    let (tmp, dir) = seed_copy("bad");
    std::fs::write(dir.join(file), content).unwrap();
    // An existing output must survive a failed run unchanged.
    let out_dir = tmp.path().join("output");
    std::fs::create_dir(&out_dir).unwrap();
    std::fs::write(out_dir.join("bad.svg"), b"previous map").unwrap();
    let before = snapshot_dir(tmp.path());
    let expected = format!(
        "routemap: error: {}\n",
        expected.replace("{dir}", &dir.display().to_string())
    );
    for args in [
        vec!["render"],
        vec!["render", "-o", "new.svg"],
        vec!["compare"],
        vec!["check"],
    ] {
        let out = routemap(tmp.path()).args(&args).arg(&dir).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert_eq!(String::from_utf8_lossy(&out.stderr), expected, "{args:?}");
        assert!(out.stdout.is_empty(), "{args:?} printed to stdout");
        assert_eq!(snapshot_dir(tmp.path()), before, "{args:?} touched files");
        assert!(!Path::new(&tmp.path().join("new.svg")).exists());
    }
}

/// The seed's places.csv with one more row: `row` gives the first seven
/// columns (id to note); the seed's `city` and `area` are left empty.
fn places_with(row: &str) -> Vec<u8> {
    format!("{}{row},,\n", seed_file("places.csv")).into_bytes()
}

#[test]
fn unknown_place_id_with_suggestion() {
    let legs = seed_file("legs.csv").replacen("vladivostok,moscow", "vladivostok,mosow", 1);
    assert_rejected(
        "legs.csv",
        legs.as_bytes(),
        "{dir}/legs.csv:3: unknown place id \"mosow\" in column \"to\"; it is not in places.csv (did you mean \"moscow\"?)",
    );
}

#[test]
fn duplicate_place_id() {
    assert_rejected(
        "places.csv",
        &places_with("moscow,Moskva,55.75,37.62,RU,city,"),
        "{dir}/places.csv:7: duplicate place id \"moscow\" (first defined on line 4)",
    );
}

#[test]
fn latitude_out_of_range() {
    assert_rejected(
        "places.csv",
        &places_with("north,North,91,0,,,"),
        "{dir}/places.csv:7: \"lat\" value \"91\" is outside -90..90 degrees",
    );
}

#[test]
fn longitude_out_of_range() {
    assert_rejected(
        "places.csv",
        &places_with("east,East,0,180.5,,,"),
        "{dir}/places.csv:7: \"lon\" value \"180.5\" is outside -180..180 degrees",
    );
}

#[test]
fn nan_coordinate() {
    assert_rejected(
        "places.csv",
        &places_with("nan,Nowhere,NaN,0,,,"),
        "{dir}/places.csv:7: \"lat\" value \"NaN\" is not a finite number",
    );
}

#[test]
fn empty_coordinate() {
    assert_rejected(
        "places.csv",
        &places_with("blank,Blank,10,,,,"),
        "{dir}/places.csv:7: empty \"lon\"; give both lat and lon, or leave both empty to look the place up by name or code",
    );
}

#[test]
fn text_where_a_number_belongs() {
    assert_rejected(
        "places.csv",
        &places_with("word,Word,north,10,,,"),
        "{dir}/places.csv:7: \"lat\" value \"north\" is not a number",
    );
}

#[test]
fn missing_required_column() {
    let places = seed_file("places.csv").replacen("id,name,lat,lon", "id,name,latitude,lon", 1);
    assert_rejected(
        "places.csv",
        places.as_bytes(),
        "{dir}/places.csv:1: unknown column \"latitude\"; columns are id,name,lat,lon (required) and country,kind,note,code,city,area (optional)",
    );
    let legs = "route,from\nvia Moscow,pyongyang\n";
    assert_rejected(
        "legs.csv",
        legs.as_bytes(),
        "{dir}/legs.csv:1: missing required column \"to\" (header is \"route,from\")",
    );
}

#[test]
fn route_that_does_not_chain() {
    let legs = seed_file("legs.csv").replacen(
        "via Moscow,moscow,donetsk",
        "via Moscow,volgograd,donetsk",
        1,
    );
    assert_rejected(
        "legs.csv",
        legs.as_bytes(),
        "{dir}/legs.csv:4: route \"via Moscow\" does not chain: this leg starts at \"volgograd\" but the previous leg (line 3) ends at \"moscow\"; list a route's legs in travel order",
    );
}

#[test]
fn empty_file() {
    assert_rejected(
        "places.csv",
        b"",
        "{dir}/places.csv: file is empty (expected a header line: id,name,lat,lon)",
    );
    assert_rejected(
        "legs.csv",
        b"",
        "{dir}/legs.csv: file is empty (expected a header line: route,from,to)",
    );
}

#[test]
fn non_utf8_bytes() {
    let mut places = seed_file("places.csv").into_bytes();
    places.extend_from_slice(b"kyiv,Ky\xefv,50.45,30.52,UA,city,\n");
    assert_rejected(
        "places.csv",
        &places,
        "{dir}/places.csv:7: invalid UTF-8 byte \\xEF in \"kyiv,Ky\u{fffd}v,50.45,30.52,UA,city,\"; save the file as UTF-8",
    );
}

#[test]
fn wrong_number_of_fields() {
    let legs = seed_file("legs.csv").replacen(
        "via Moscow,moscow,donetsk,unknown",
        "via Moscow,moscow,donetsk,unknown,extra",
        1,
    );
    assert_rejected(
        "legs.csv",
        legs.as_bytes(),
        "{dir}/legs.csv:4: this row has 9 fields but the header has 8 (a stray comma, or a field with a comma that needs quotes?)",
    );
}

#[test]
fn unknown_mode() {
    let legs = seed_file("legs.csv").replacen(",air,", ",plane,", 1);
    assert_rejected(
        "legs.csv",
        legs.as_bytes(),
        "{dir}/legs.csv:2: unknown mode \"plane\" (expected one of: air, rail, road, sea, unknown)",
    );
}

#[test]
fn unknown_key_in_dataset_toml() {
    let toml = seed_file("dataset.toml").replacen("subtitle =", "sub_title =", 1);
    let out = {
        let (tmp, dir) = seed_copy("bad");
        std::fs::write(dir.join("dataset.toml"), &toml).unwrap();
        routemap(tmp.path())
            .arg("check")
            .arg(&dir)
            .output()
            .unwrap()
    };
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("/dataset.toml:4: unknown field `sub_title`"),
        "{stderr}"
    );
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
}

#[test]
fn bom_and_crlf_are_accepted() {
    let (tmp, dir) = seed_copy("crlf");
    for f in ["places.csv", "legs.csv"] {
        let text = seed_file(f).replace('\n', "\r\n");
        let mut bytes = b"\xEF\xBB\xBF".to_vec();
        bytes.extend_from_slice(text.as_bytes());
        std::fs::write(dir.join(f), bytes).unwrap();
    }
    let out = routemap(tmp.path())
        .args(["compare", "--format", "json"])
        .arg(&dir)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let crlf: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let plain = routemap(&common::root())
        .args(["compare", "--format", "json", "routes/donbas-workers"])
        .output()
        .unwrap();
    let mut plain: serde_json::Value = serde_json::from_slice(&plain.stdout).unwrap();
    plain["dataset"] = crlf["dataset"].clone();
    assert_eq!(crlf, plain);
}

/// Regression: an error about a folder whose name held escape sequences
/// printed them raw, and a terminal acted on them. Every message quotes
/// such a name, with escapes.
#[test]
fn names_with_escape_sequences_are_quoted_in_every_message() {
    let tmp = tempfile::tempdir().unwrap();
    let evil_name = "evil\u{1b}[2J\u{7}";
    let evil = tmp.path().join(evil_name);
    std::fs::create_dir(&evil).unwrap();
    for f in ["places.csv", "legs.csv", "dataset.toml"] {
        std::fs::copy(common::seed().join(f), evil.join(f)).unwrap();
    }
    let routes = tmp.path().join("routes");
    std::fs::create_dir(&routes).unwrap();
    std::fs::rename(&evil, routes.join(evil_name)).unwrap();
    let evil = routes.join(evil_name);
    let e = evil.display().to_string();
    let seed = common::seed().display().to_string();
    let missing = tmp.path().join("missing\u{1b}[31m").display().to_string();
    let out_in_missing = tmp
        .path()
        .join("out\u{1b}]0;x\u{7}/map.svg")
        .display()
        .to_string();
    let cases: Vec<Vec<&str>> = vec![
        vec!["check", &e],
        vec!["compare", &e],
        vec!["render", &e, "-o", "map.svg"],
        vec!["report", &e, "-o", "bundle"],
        vec!["paths", &e, "--from", "pyongyang", "--to", "donetsk"],
        vec!["check", &missing],
        vec!["render", &seed, "-o", &out_in_missing],
        vec!["paths", &seed, "--pairs", &missing],
        vec!["render", &seed, "--overlay", &missing, "-o", "map.svg"],
        vec![
            "import",
            "openflights",
            "--airports",
            &missing,
            "--routes",
            &missing,
            "-o",
            "net",
        ],
        vec!["build", "routes", "-o", "maps"],
    ];
    for args in cases {
        let out = routemap(tmp.path()).args(&args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            !stderr.contains(['\u{1b}', '\u{7}']),
            "{args:?}: {stderr:?}"
        );
        assert!(stderr.contains("\\u{1b}"), "{args:?}: {stderr}");
        assert!(out.stdout.is_empty(), "{args:?}");
    }
}

/// clap prints a bad argument as typed, stripping escape sequences but not
/// carriage returns (which move the cursor back over the line): every
/// error line has its control characters escaped.
#[test]
fn control_characters_in_bad_arguments_are_escaped() {
    let tmp = tempfile::tempdir().unwrap();
    for args in [
        vec!["render", "x", "--projection", "a\u{7}\rb"],
        vec!["a\rb"],
        vec!["render", "x", "--size", "1\r2"],
    ] {
        let out = routemap(tmp.path()).args(&args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(stderr.lines().count(), 1, "{args:?}: {stderr:?}");
        assert!(
            !stderr
                .trim_end_matches('\n')
                .contains(|c: char| c.is_control()),
            "{args:?}: {stderr:?}"
        );
        assert!(stderr.contains("\\r"), "{args:?}: {stderr}");
    }
}
