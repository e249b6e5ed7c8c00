//! `routemap import openflights`: small fixtures with exact outputs, the real
//! OpenFlights snapshot in ../shared/data (skipped if absent), and bad input
//! (one line on stderr, exit code 2, nothing written).

use crate::common;
use std::path::{Path, PathBuf};

use crate::common::{routemap, snapshot_dir};

const AIRPORTS: &str = r#"1,"Alpha ""One"", Intl","Alphaville","Testland","AAA","AAAA",10.5,20.25,100,0,"U","Etc/UTC","airport","OurAirports"
2,"Bravo Airport","Bravo","Testland","BBB","BBBB",-10,-20,100,0,"U","Etc/UTC","airport","OurAirports"
3,"Charlie Airport","Charlie\'s","Testland","CCC",\N,30,179.5,100,0,"U","Etc/UTC","airport","OurAirports"
4,"Delta Field","Delta","Testland",\N,\N,40,50,100,0,"U","Etc/UTC","airport","OurAirports"
5,"Echo Heliport","Echo","Testland","EEE",\N,0,0,100,0,"U","Etc/UTC","airport","OurAirports"
6,"Foxtrot Airport","Fox","Testland","FFF",\N,60,-70,100,0,"U","Etc/UTC","airport","OurAirports"
"#;

/// Ten rows: five used (three directed pairs), then one skipped for each reason.
const ROUTES: &str = r#"XA,1,AAA,1,BBB,2,,0,320
ZZ,2,AAA,1,BBB,2,Y,0,320
XA,1,AAA,\N,BBB,\N,,0,320
XA,1,BBB,2,AAA,1,,0,320
YB,3,CCC,3,DDD,4,,0,320
YB,3,AAA,1,EEE,5,,0,320
YB,3,AAA,1,QQQ,\N,,0,320
YB,3,\N,\N,AAA,1,,0,320
YB,3,\N,4,AAA,1,,0,320
YB,3,CCC,3,CCC,3,,0,320
"#;

const SUMMARY: &str = "\
routemap: airports.dat: 6 airports read, 1 without valid coordinates, 1 without an IATA code
routemap: routes.dat: 10 routes read, 5 used, 5 skipped:
routemap:         2  airport found neither by id nor by code
routemap:         1  airport without an IATA code
routemap:         1  airport without valid coordinates
routemap:         1  self loop (from and to the same airport)
routemap: wrote out: 4 places, 3 legs (one per directed airport pair)
";

/// A temp dir holding `airports.dat` and `routes.dat`.
fn fixture(airports: &[u8], routes: &[u8]) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("airports.dat"), airports).unwrap();
    std::fs::write(tmp.path().join("routes.dat"), routes).unwrap();
    tmp
}

/// `routemap import openflights` on the files in `cwd`, writing `out`.
fn import(cwd: &Path, out: &str) -> std::process::Output {
    routemap(cwd)
        .args(["import", "openflights", "--airports", "airports.dat"])
        .args(["--routes", "routes.dat", "-o", out])
        .output()
        .unwrap()
}

fn read(path: PathBuf) -> String {
    std::fs::read_to_string(path).unwrap()
}

#[test]
fn fixture_summary_and_files_are_exact() {
    let tmp = fixture(AIRPORTS.as_bytes(), ROUTES.as_bytes());
    let out = import(tmp.path(), "out");
    assert_eq!(String::from_utf8_lossy(&out.stderr), SUMMARY);
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stdout.is_empty());
    let dir = tmp.path().join("out");
    assert_eq!(
        read(dir.join("places.csv")),
        "\
id,name,lat,lon,country,kind,note,code,city
AAA,\"Alpha \"\"One\"\", Intl\",10.5,20.25,,airport,\"Alphaville, Testland\",AAA,Alphaville
BBB,Bravo Airport,-10,-20,,airport,\"Bravo, Testland\",BBB,Bravo
CCC,Charlie Airport,30,179.5,,airport,\"Charlie's, Testland\",CCC,Charlie's
DDD,Delta Field,40,50,,airport,\"Delta, Testland; routes.dat uses DDD, airports.dat gives no IATA code (OpenFlights airport 4)\",DDD,Delta
"
    );
    assert_eq!(
        read(dir.join("legs.csv")),
        "\
route,from,to,mode,evidence,carrier
,AAA,BBB,air,reported,XA ZZ
,BBB,AAA,air,reported,XA
,CCC,DDD,air,reported,YB
"
    );
    let ds = routemap::load::dataset(&dir).unwrap();
    assert_eq!(ds.title(), "OpenFlights airline network");
    let credit = ds.meta.credit.as_deref().unwrap();
    assert!(credit.contains("OpenFlights") && credit.contains("ODbL 1.0"));
    assert!(credit.contains("June 2014"), "{credit}");
    let src = ds.source("openflights").unwrap();
    assert_eq!(src.publisher.as_deref(), Some("OpenFlights"));
    assert_eq!(src.url.as_deref(), Some("https://openflights.org/data.php"));
    assert!(!src.verified);
    let readme = read(dir.join("README.md"));
    for needle in [
        "ODbL",
        "DbCL",
        "\"OpenFlights\"",
        "Share-alike",
        "routemap import openflights --airports airports.dat --routes routes.dat -o out",
        "| legs written (directed airport pairs) | 3 |",
    ] {
        assert!(readme.contains(needle), "{needle:?} not in\n{readme}");
    }
    let check = routemap(tmp.path())
        .args(["check", "out"])
        .output()
        .unwrap();
    assert_eq!(check.status.code(), Some(0));
}

#[test]
fn same_input_gives_identical_files_and_a_rerun_overwrites() {
    let tmp = fixture(AIRPORTS.as_bytes(), ROUTES.as_bytes());
    assert_eq!(import(tmp.path(), "a").status.code(), Some(0));
    let first = snapshot_dir(&tmp.path().join("a"));
    assert_eq!(import(tmp.path(), "a").status.code(), Some(0));
    assert_eq!(snapshot_dir(&tmp.path().join("a")), first);
    assert_eq!(first.len(), 4, "{first:?}");
}

#[test]
fn folder_holding_other_files_is_refused_untouched() {
    let tmp = fixture(AIRPORTS.as_bytes(), ROUTES.as_bytes());
    std::fs::create_dir(tmp.path().join("mine")).unwrap();
    std::fs::write(tmp.path().join("mine/README.md"), "my notes").unwrap();
    let before = snapshot_dir(tmp.path());
    let out = import(tmp.path(), "mine");
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "routemap: error: mine: folder is not empty and holds no dataset generated by routemap \
         (its dataset.toml does not start with \"# Generated by routemap\"); name a new or empty \
         folder\n"
    );
    assert_eq!(snapshot_dir(tmp.path()), before);
}

#[test]
fn real_openflights_snapshot() {
    let data = common::root().join("../shared/data/openflights");
    if !data.join("routes.dat").exists() {
        eprintln!(
            "note: {} not found; skipping the real-data import test",
            data.display()
        );
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let out = routemap(tmp.path())
        .args(["import", "openflights", "--airports"])
        .arg(data.join("airports.dat"))
        .arg("--routes")
        .arg(data.join("routes.dat"))
        .args(["-o", "openflights"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    // The counts measured in ../shared/data/openflights/README.md.
    for needle in [
        "7,698 airports read",
        "67,663 routes read, 67,091 used, 572 skipped:",
        "      571  airport found neither by id nor by code",
        "        1  self loop",
        "3,266 places, 37,123 legs",
    ] {
        assert!(stderr.contains(needle), "{needle:?} not in\n{stderr}");
    }
    let ds = routemap::load::dataset(&tmp.path().join("openflights")).unwrap();
    assert_eq!(ds.places.len(), 3_266);
    assert_eq!(ds.legs.len(), 37_123);
    assert!(ds.routes.is_empty());
    for leg in &ds.legs {
        let carrier = leg.carrier.as_deref().unwrap_or("");
        assert!(
            !carrier.is_empty(),
            "leg {} -> {} has no carrier",
            leg.from,
            leg.to
        );
        let codes: Vec<&str> = carrier.split(' ').collect();
        assert!(codes.windows(2).all(|w| w[0] < w[1]), "{carrier:?}");
    }
    // Atatürk keeps the code the routes gave it, IST, and says so.
    let ist = ds.place("IST").unwrap();
    assert_eq!(ist.name, "Atatürk International Airport");
    assert!(
        ist.note
            .as_deref()
            .unwrap()
            .contains("airports.dat gives ISL")
    );
    for seed in ["FNJ", "VVO", "SVO", "DME", "VKO", "VOG", "DOK"] {
        assert!(ds.place(seed).is_some(), "{seed}");
    }
    assert!(ds.place("VSG").is_none());
}

mod bad_input {
    use super::*;

    /// Run the import on these files, into a fresh folder and over a previous
    /// import, and check both fail with exactly `expected` (after
    /// "routemap: error: ") and write nothing.
    fn assert_rejected(airports: &[u8], routes: &[u8], expected: &str) {
        let good = fixture(AIRPORTS.as_bytes(), ROUTES.as_bytes());
        assert_eq!(import(good.path(), "prev").status.code(), Some(0));
        let tmp = fixture(airports, routes);
        std::fs::rename(good.path().join("prev"), tmp.path().join("prev")).unwrap();
        let before = snapshot_dir(tmp.path());
        for target in ["new", "prev"] {
            let out = import(tmp.path(), target);
            assert_eq!(out.status.code(), Some(2), "{target}");
            assert_eq!(
                String::from_utf8_lossy(&out.stderr),
                format!("routemap: error: {expected}\n"),
                "{target}"
            );
            assert!(out.stdout.is_empty());
            assert_eq!(snapshot_dir(tmp.path()), before, "{target}: files touched");
            assert!(!tmp.path().join("new").exists());
        }
    }

    #[test]
    fn airports_row_with_a_missing_field() {
        let airports = AIRPORTS.replacen("-20,100,0,", "-20,100,", 1);
        assert_rejected(
            airports.as_bytes(),
            ROUTES.as_bytes(),
            "airports.dat:2: row \"2,\\\"Bravo Airport\\\",\\\"Bravo\\\",\\\"Testland\\\",\\\"BBB\\\",\
             \\\"BBBB\\\",-10,-20,10\"... (99 characters) has 13 fields; OpenFlights airports.dat rows have 14 (id, name, city, \
             country, IATA, ICAO, lat, lon, altitude, timezone, DST, tz, type, source)",
        );
    }

    #[test]
    fn text_where_a_latitude_belongs() {
        let airports = AIRPORTS.replacen("30,179.5", "30N,179.5", 1);
        assert_rejected(
            airports.as_bytes(),
            ROUTES.as_bytes(),
            "airports.dat:3: field 7 (\"lat\") value \"30N\" is not a number",
        );
    }

    #[test]
    fn text_where_an_airport_id_belongs() {
        let routes = ROUTES.replacen("XA,1,AAA,\\N", "XA,1,AAA,AAA", 1);
        assert_rejected(
            AIRPORTS.as_bytes(),
            routes.as_bytes(),
            "routes.dat:3: field 4 (\"src_airport_id\") value \"AAA\" is not a whole number",
        );
    }

    #[test]
    fn latin1_bytes_in_airports() {
        // "Bravo" spelt with a Latin-1 e-acute: a file saved in the wrong encoding.
        let airports = AIRPORTS
            .replacen("\"Bravo\"", "\"Br\u{e9}vo\"", 1)
            .into_bytes();
        let at = airports.windows(2).position(|w| w == [0xC3, 0xA9]).unwrap();
        let mut latin1 = airports[..at].to_vec();
        latin1.push(0xE9);
        latin1.extend_from_slice(&airports[at + 2..]);
        assert_rejected(
            &latin1,
            ROUTES.as_bytes(),
            "airports.dat:2: invalid UTF-8 byte \\xE9 in \"2,\\\"Bravo Airport\\\",\\\"Br\u{fffd}vo\\\",\
             \\\"Testland\\\",\\\"BBB\\\",\\\"BBBB\\\",-10,-20,10\"... (101 characters); save the file as UTF-8",
        );
    }

    #[test]
    fn output_folder_whose_parent_is_missing() {
        let tmp = fixture(AIRPORTS.as_bytes(), ROUTES.as_bytes());
        let before = snapshot_dir(tmp.path());
        let out = import(tmp.path(), "missing/out");
        assert_eq!(out.status.code(), Some(2));
        assert_eq!(
            String::from_utf8_lossy(&out.stderr),
            "routemap: error: missing/out: cannot create the output folder: its parent \
             \"missing\" does not exist\n"
        );
        assert_eq!(snapshot_dir(tmp.path()), before);
    }

    #[test]
    fn missing_nested_subcommand_is_a_usage_error() {
        let tmp = tempfile::tempdir().unwrap();
        let out = routemap(tmp.path()).args(["import"]).output().unwrap();
        assert_eq!(out.status.code(), Some(2));
    }
}

/// A re-import is all or nothing: whatever fails half way, the previous
/// dataset is left byte for byte and still loads.
mod all_or_nothing {
    use super::*;
    use crate::common::{Immutable, Run, SmallDisk};

    /// `airports` airports and a route between each two in a row, in `dir`.
    fn big_fixture(dir: &Path, airports: usize) {
        let mut a = String::new();
        let mut r = String::new();
        for i in 0..airports {
            let code: String = [i / 676, i / 26 % 26, i % 26]
                .iter()
                .map(|&d| char::from(b'A' + d as u8))
                .collect();
            a.push_str(&format!(
                "{},\"Airport number {i} with a long name\",\"City {i}\",\"Country\",\"{code}\",\\N,{},{},0,0,\"U\",\"Etc/UTC\",\"airport\",\"OurAirports\"\n",
                i + 1,
                (i % 170) as f64 - 85.0,
                (i % 350) as f64 - 175.0,
            ));
            if i > 0 {
                r.push_str(&format!("XA,1,\\N,{},\\N,{},,0,320\n", i, i + 1));
            }
        }
        std::fs::write(dir.join("airports.dat"), a).unwrap();
        std::fs::write(dir.join("routes.dat"), r).unwrap();
    }

    /// The previous import `dir` is as `before` and `routemap check` loads it.
    fn intact(cwd: &Path, dir: &Path, before: &[(PathBuf, Vec<u8>)]) {
        assert_eq!(snapshot_dir(dir), before);
        routemap(cwd).arg("check").arg(dir).assert().success();
        let names: Vec<String> = std::fs::read_dir(dir.parent().unwrap())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with(".routemap-"))
            .collect();
        assert!(names.is_empty(), "left behind: {names:?}");
    }

    /// Regression: a re-import that failed half way (a full disk) had
    /// replaced places.csv but not legs.csv, and the dataset no longer loaded.
    #[test]
    fn a_full_disk_half_way_leaves_the_previous_dataset() {
        let Some(disk) = SmallDisk::mount(256 * 1024) else {
            return;
        };
        let tmp = fixture(AIRPORTS.as_bytes(), ROUTES.as_bytes());
        let out = disk.path().join("net");
        let o = out.display().to_string();
        assert_eq!(import(tmp.path(), &o).status.code(), Some(0));
        let before = snapshot_dir(&out);
        big_fixture(tmp.path(), 4000);
        let ran = import(tmp.path(), &o);
        assert_eq!(ran.status.code(), Some(2));
        let stderr = String::from_utf8_lossy(&ran.stderr);
        assert!(stderr.contains("No space left on device"), "{stderr}");
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        intact(tmp.path(), &out, &before);
    }

    /// The folder cannot be moved aside (immutable, which stops root too):
    /// the new set was written, then the swap failed.
    #[test]
    fn a_target_that_cannot_be_replaced_is_left_as_it_was() {
        let tmp = fixture(AIRPORTS.as_bytes(), ROUTES.as_bytes());
        assert_eq!(import(tmp.path(), "net").status.code(), Some(0));
        let out = tmp.path().join("net");
        let before = snapshot_dir(&out);
        big_fixture(tmp.path(), 100);
        {
            let Some(_lock) = Immutable::set(&out) else {
                return;
            };
            let ran = import(tmp.path(), "net");
            assert_eq!(ran.status.code(), Some(2));
            assert_eq!(
                String::from_utf8_lossy(&ran.stderr),
                "routemap: error: net: Operation not permitted (os error 1)\n"
            );
        }
        intact(tmp.path(), &out, &before);
    }

    /// No temporary folder can be made beside the target.
    #[test]
    fn an_unwritable_parent_leaves_the_previous_dataset() {
        let tmp = fixture(AIRPORTS.as_bytes(), ROUTES.as_bytes());
        let parent = tmp.path().join("sets");
        std::fs::create_dir(&parent).unwrap();
        assert_eq!(import(tmp.path(), "sets/net").status.code(), Some(0));
        let out = parent.join("net");
        let before = snapshot_dir(&out);
        big_fixture(tmp.path(), 100);
        {
            let Some(_lock) = Immutable::set(&parent) else {
                return;
            };
            let ran = import(tmp.path(), "sets/net");
            assert_eq!(ran.status.code(), Some(2));
            assert_eq!(
                String::from_utf8_lossy(&ran.stderr),
                "routemap: error: sets: Operation not permitted (os error 1)\n"
            );
        }
        intact(tmp.path(), &out, &before);
    }

    /// A file routemap did not write would be lost with the folder: refused.
    #[test]
    fn a_file_added_to_an_import_is_refused_untouched() {
        let tmp = fixture(AIRPORTS.as_bytes(), ROUTES.as_bytes());
        assert_eq!(import(tmp.path(), "net").status.code(), Some(0));
        std::fs::write(tmp.path().join("net/notes.txt"), "mine").unwrap();
        let before = snapshot_dir(tmp.path());
        let ran = import(tmp.path(), "net");
        assert_eq!(ran.status.code(), Some(2));
        assert_eq!(
            String::from_utf8_lossy(&ran.stderr),
            "routemap: error: net: holds \"notes.txt\" which was not written by routemap; the \
             dataset replaces the folder as a whole, so it must be new, empty or hold only an \
             earlier dataset's files (places.csv, legs.csv, dataset.toml, README.md)\n"
        );
        assert_eq!(snapshot_dir(tmp.path()), before);
    }
}

/// Regression: names such as `=HYPERLINK(...)` went into the imported CSV
/// as they were, and a spreadsheet ran them as formulas. They are written
/// with a `'` in front, and load back unchanged.
#[test]
fn formula_names_are_protected_and_load_back_unchanged() {
    let airports = AIRPORTS
        .replace(
            "\"Alpha \"\"One\"\", Intl\"",
            "\"=HYPERLINK(\"\"http://x\"\")\"",
        )
        .replace("\"Bravo Airport\"", "\"'quoted'\"");
    let tmp = fixture(airports.as_bytes(), ROUTES.as_bytes());
    assert_eq!(import(tmp.path(), "out").status.code(), Some(0));
    let places = read(tmp.path().join("out/places.csv"));
    assert!(
        places.contains("AAA,\"'=HYPERLINK(\"\"http://x\"\")\","),
        "{places}"
    );
    assert!(places.contains("BBB,''quoted',"), "{places}");
    let ds = routemap::load::dataset(&tmp.path().join("out")).unwrap();
    let name = |id: &str| ds.place(id).unwrap().name.clone();
    assert_eq!(name("AAA"), "=HYPERLINK(\"http://x\")");
    assert_eq!(name("BBB"), "'quoted'");
}
