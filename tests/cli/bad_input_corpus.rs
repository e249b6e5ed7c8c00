//! The bad-input corpus: every folder under `tests/bad-input/` is one case (see
//! its README). Each runs the real binary on a copy of the seed dataset with the
//! case's files laid over it, and checks the exact stderr line, the exit code,
//! and that a failed run leaves every file as it was (a successful one writes
//! only its output, with no temp file left).

use std::io::Write;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::common::{root, routemap, seed_copy};

/// One `case.toml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    command: Vec<String>,
    expected: String,
    #[serde(default = "usage_error")]
    exit: i32,
    generate: Option<String>,
    #[serde(default)]
    remove: Vec<String>,
    #[serde(default)]
    svg_contains: Vec<String>,
    #[serde(default)]
    svg_not_contains: Vec<String>,
    #[serde(default)]
    stdout_contains: Vec<String>,
}

fn usage_error() -> i32 {
    2
}

const PREVIOUS: &[u8] = b"previous map\n";

fn corpus() -> PathBuf {
    root().join("tests/bad-input")
}

/// Every case folder, sorted, with its parsed `case.toml`.
fn cases() -> Vec<(String, PathBuf, Case)> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(corpus()).unwrap() {
        let dir = entry.unwrap().path();
        if !dir.is_dir() {
            continue;
        }
        let name = dir.file_name().unwrap().to_string_lossy().into_owned();
        let text = std::fs::read_to_string(dir.join("case.toml"))
            .unwrap_or_else(|e| panic!("{name}/case.toml: {e}"));
        let case: Case = toml::from_str(&text).unwrap_or_else(|e| panic!("{name}/case.toml: {e}"));
        out.push((name, dir, case));
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

/// Every file and folder under `dir` (folders with no bytes), sorted.
fn snapshot(dir: &Path) -> Vec<(PathBuf, Option<Vec<u8>>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                out.push((p.clone(), None));
                stack.push(p);
            } else {
                let bytes = std::fs::read(&p).unwrap();
                out.push((p, Some(bytes)));
            }
        }
    }
    out.sort();
    out
}

/// Make an input too big to commit (see the corpus README).
fn generate(kind: &str, dataset: &Path) {
    let seed_places = std::fs::read_to_string(dataset.join("places.csv")).unwrap();
    match kind {
        "long-line" => {
            let mut text = String::from("id,name,lat,lon,");
            text.push_str(&"x".repeat(100_000_000));
            std::fs::write(dataset.join("places.csv"), text).unwrap();
        }
        "long-line-field" => {
            let mut text = seed_places;
            text.push_str("long,Long,1,2,,,,,");
            text.push_str(&"x".repeat(100_000_000));
            text.push('\n');
            std::fs::write(dataset.join("places.csv"), text).unwrap();
        }
        "long-name" => {
            let mut text = seed_places;
            text.push_str("long,");
            text.push_str(&"n".repeat(300_000));
            text.push_str(",1,2,,,,,\n");
            std::fs::write(dataset.join("places.csv"), text).unwrap();
        }
        "million-legs" => {
            // 995 places more than the seed's 5, and 999,994 network legs
            // between them (a fixed pseudo-random sequence), after the seed's 6.
            let mut ids: Vec<String> = seed_places
                .lines()
                .skip(1)
                .map(|l| l.split(',').next().unwrap().to_string())
                .collect();
            let mut places = std::io::BufWriter::new(
                std::fs::OpenOptions::new()
                    .append(true)
                    .open(dataset.join("places.csv"))
                    .unwrap(),
            );
            for i in 0..995u32 {
                let lat = -60.0 + f64::from(i * 37 % 1200) / 10.0;
                let lon = -180.0 + f64::from(i * 7919 % 3600) / 10.0;
                writeln!(places, "p{i},Place {i},{lat:.4},{lon:.4},,,,,").unwrap();
                ids.push(format!("p{i}"));
            }
            places.flush().unwrap();
            let mut legs = std::io::BufWriter::new(
                std::fs::OpenOptions::new()
                    .append(true)
                    .open(dataset.join("legs.csv"))
                    .unwrap(),
            );
            let mut x: u64 = 12345;
            let mut next = || {
                x = (x * 1_103_515_245 + 12345) % (1 << 31);
                x as usize % ids.len()
            };
            for _ in 0..999_994 {
                let a = next();
                let mut b = next();
                if a == b {
                    b = (b + 1) % ids.len();
                }
                writeln!(
                    legs,
                    ",{},{},rail,reported,2024-01,dailynk,",
                    ids[a], ids[b]
                )
                .unwrap();
            }
            legs.flush().unwrap();
        }
        "over-limit" => {
            // Sparse: takes no disk space; the size check comes before reading.
            let f = std::fs::File::create(dataset.join("legs.csv")).unwrap();
            f.set_len(routemap::load::MAX_FILE_BYTES + 1).unwrap();
        }
        other => panic!("unknown generate = {other:?}"),
    }
}

/// Run one case; `Err` says what went wrong.
fn run_case(name: &str, case_dir: &Path, case: &Case) -> Result<(), String> {
    let (tmp, dataset) = seed_copy("bad");
    for entry in std::fs::read_dir(case_dir).unwrap() {
        let p = entry.unwrap().path();
        if p.file_name().is_some_and(|n| n != "case.toml") {
            std::fs::copy(&p, dataset.join(p.file_name().unwrap())).unwrap();
        }
    }
    for f in &case.remove {
        std::fs::remove_file(dataset.join(f)).unwrap();
    }
    if let Some(kind) = &case.generate {
        generate(kind, &dataset);
    }
    let out = tmp.path().join("out");
    std::fs::create_dir(&out).unwrap();
    let fill = |s: &str| {
        s.replace("{dataset}", &dataset.display().to_string())
            .replace("{out}", &out.display().to_string())
    };
    let args: Vec<String> = case.command.iter().map(|a| fill(a)).collect();
    // Previous outputs that a failed run must leave alone: the file `-o`
    // names, and the default output of `render`.
    let output: Option<PathBuf> = args
        .iter()
        .position(|a| a == "-o")
        .map(|i| PathBuf::from(&args[i + 1]));
    if let Some(o) = &output
        && o.parent().is_some_and(Path::is_dir)
        && o.extension().is_some()
    {
        std::fs::write(o, PREVIOUS).unwrap();
    }
    std::fs::create_dir(tmp.path().join("output")).unwrap();
    std::fs::write(tmp.path().join("output/bad.svg"), PREVIOUS).unwrap();
    let before = snapshot(tmp.path());

    let run = routemap(tmp.path()).args(&args).output().unwrap();
    let stderr = String::from_utf8_lossy(&run.stderr);
    let stdout = String::from_utf8_lossy(&run.stdout);
    let mut problems = Vec::new();
    if run.status.code() != Some(case.exit) {
        problems.push(format!(
            "exit code {:?}, expected {}",
            run.status.code(),
            case.exit
        ));
    }
    let expected = fill(&case.expected);
    let expected_stderr = if expected.is_empty() {
        String::new()
    } else {
        format!("{expected}\n")
    };
    if stderr != expected_stderr {
        problems.push(format!(
            "stderr:\n  got:      {stderr:?}\n  expected: {expected_stderr:?}"
        ));
    }
    for s in &case.stdout_contains {
        if !stdout.contains(s.as_str()) {
            problems.push(format!("stdout lacks {s:?}: {stdout:?}"));
        }
    }
    let after = snapshot(tmp.path());
    for (p, _) in &after {
        let n = p.file_name().unwrap().to_string_lossy();
        if n.starts_with(".routemap-") {
            problems.push(format!("temp file left behind: {}", p.display()));
        }
    }
    if case.exit == 0 {
        if !case.svg_contains.is_empty() || !case.svg_not_contains.is_empty() {
            let o = output.as_ref().expect("svg_contains needs -o");
            let bytes = std::fs::read(o).unwrap_or_default();
            if bytes == PREVIOUS {
                problems.push(format!("{} was not rewritten", o.display()));
            }
            let text = String::from_utf8_lossy(&bytes);
            for s in &case.svg_contains {
                if !text.contains(s.as_str()) {
                    problems.push(format!("output lacks {s:?}"));
                }
            }
            for s in &case.svg_not_contains {
                if text.contains(s.as_str()) {
                    problems.push(format!("output holds {s:?}"));
                }
            }
        }
        let others = |snap: &[(PathBuf, Option<Vec<u8>>)]| -> Vec<(PathBuf, Option<Vec<u8>>)> {
            snap.iter()
                .filter(|(p, _)| Some(p) != output.as_ref())
                .cloned()
                .collect()
        };
        if others(&after) != others(&before) {
            problems.push("files other than the output were touched".into());
        }
    } else {
        if !stdout.is_empty() {
            problems.push(format!("printed to stdout: {stdout:?}"));
        }
        if after != before {
            let changed: Vec<String> = after
                .iter()
                .filter(|e| !before.contains(e))
                .chain(before.iter().filter(|e| !after.contains(e)))
                .map(|(p, _)| p.display().to_string())
                .collect();
            problems.push(format!("files created, changed or deleted: {changed:?}"));
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(format!("{name}: {}", problems.join("\n    ")))
    }
}

#[test]
fn every_case_gives_its_exact_message_and_touches_no_file() {
    let all: Vec<_> = cases()
        .into_iter()
        .filter(|(_, _, c)| c.generate.is_none())
        .collect();
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get().min(4));
    let chunk = all.len().div_ceil(threads);
    let failures: Vec<String> = std::thread::scope(|s| {
        let handles: Vec<_> = all
            .chunks(chunk)
            .map(|part| {
                s.spawn(move || {
                    part.iter()
                        .filter_map(|(name, dir, case)| run_case(name, dir, case).err())
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap())
            .collect()
    });
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        all.len(),
        failures.join("\n")
    );
}

/// The inputs too big to commit, one after the other (each holds a few hundred
/// MB in memory). One million legs load in about 6 s in a debug build (0.6 s
/// in release; see README, "Reliability").
#[test]
fn generated_size_cases() {
    let mut failures = Vec::new();
    for (name, dir, case) in cases() {
        if case.generate.is_some()
            && !HEAVY.contains(&name.as_str())
            && let Err(e) = run_case(&name, &dir, &case)
        {
            failures.push(e);
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Generated cases that take seconds each in a debug build: tests of their
/// own, so that the test harness runs them beside the others.
const HEAVY: [&str; 2] = ["size-million-legs", "size-million-legs-render"];

fn heavy_case(name: &str) {
    let (name, dir, case) = cases()
        .into_iter()
        .find(|(n, _, _)| n == name)
        .expect("the case exists");
    if let Err(e) = run_case(&name, &dir, &case) {
        panic!("{e}");
    }
}

#[test]
fn generated_million_legs_load() {
    heavy_case(HEAVY[0]);
}

#[test]
fn generated_million_legs_are_refused_by_render() {
    heavy_case(HEAVY[1]);
}

#[test]
fn corpus_covers_the_checklist() {
    let names: Vec<String> = cases().into_iter().map(|(n, _, _)| n).collect();
    assert!(names.len() >= 40, "only {} cases", names.len());
    for prefix in [
        "places-",
        "legs-",
        "toml-",
        "overlay-",
        "openflights-",
        "cli-",
        "size-",
    ] {
        assert!(
            names.iter().any(|n| n.starts_with(prefix)),
            "no {prefix}* case"
        );
    }
}
