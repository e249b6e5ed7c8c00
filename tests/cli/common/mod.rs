//! Shared helpers for integration tests: run the real binary in a fresh temp dir.

#![allow(dead_code)]

pub mod scene;

use std::path::{Path, PathBuf};

use std::process::{Command, Output};

/// A dataset's map as SVG, drawn with `opts` (the graph and comparison
/// computed once, as the commands do).
pub fn map_svg(ds: &routemap::model::Dataset, opts: &routemap::render::RenderOptions) -> String {
    let graph = routemap::graph::RouteGraph::new(ds);
    let cmp = routemap::analyze::compare_with_graph(ds, &graph);
    routemap::render::svg(ds, &graph, &cmp, opts).unwrap()
}

/// The repository root (where Cargo.toml is).
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The seed dataset folder in the repository.
pub fn seed() -> PathBuf {
    root().join("routes/donbas-workers")
}

/// A temp dir holding a copy of the seed dataset as `<tmp>/<name>/`.
pub fn seed_copy(name: &str) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join(name);
    std::fs::create_dir(&dir).unwrap();
    for f in ["places.csv", "legs.csv", "dataset.toml"] {
        std::fs::copy(seed().join(f), dir.join(f)).unwrap();
    }
    (tmp, dir)
}

/// The routemap binary cargo built for these tests.
pub const BIN: &str = env!("CARGO_BIN_EXE_routemap");

/// The routemap binary, to run in `cwd`.
pub fn routemap(cwd: &Path) -> Command {
    let mut cmd = Command::new(BIN);
    cmd.current_dir(cwd);
    cmd
}

/// Run a command and check how it ended: `cmd.assert().success()`.
pub trait Run {
    /// Run to the end, capturing its output.
    fn assert(&mut self) -> Ran;
}

impl Run for Command {
    fn assert(&mut self) -> Ran {
        Ran(self.output().expect("the binary runs"))
    }
}

/// A finished run, for assertions that show its stderr when they fail.
pub struct Ran(pub Output);

impl Ran {
    /// It exited with code 0.
    pub fn success(self) -> Ran {
        self.code(0)
    }

    /// It exited with `code`.
    pub fn code(self, code: i32) -> Ran {
        assert_eq!(
            self.0.status.code(),
            Some(code),
            "stderr: {}",
            String::from_utf8_lossy(&self.0.stderr)
        );
        self
    }

    /// Its stderr was exactly `text`.
    pub fn stderr(self, text: &str) -> Ran {
        assert_eq!(String::from_utf8_lossy(&self.0.stderr), text);
        self
    }
}

/// The OpenFlights snapshot in `../shared/data/openflights` imported with
/// `routemap import openflights` into `<tmp>/openflights`, or `None` (with
/// a note) when the data is not there.
pub fn imported_openflights(tmp: &Path) -> Option<PathBuf> {
    let data = root().join("../shared/data/openflights");
    if !data.join("routes.dat").exists() {
        eprintln!("skipped: ../shared/data/openflights not found");
        return None;
    }
    let ds_dir = tmp.join("openflights");
    routemap(tmp)
        .args(["import", "openflights", "--airports"])
        .arg(data.join("airports.dat"))
        .arg("--routes")
        .arg(data.join("routes.dat"))
        .arg("-o")
        .arg(&ds_dir)
        .assert()
        .success();
    Some(ds_dir)
}

/// Every file under `dir`, recursively, with its bytes.
pub fn snapshot_dir(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                let bytes = std::fs::read(&p).unwrap();
                out.push((p, bytes));
            }
        }
    }
    out.sort();
    out
}

/// A file or folder made immutable with `chattr +i` (which stops root too)
/// for as long as the guard lives: a way to make a write fail half way.
/// `None` (with a note) where chattr cannot do it (not root, or a file
/// system without the attribute).
pub struct Immutable(PathBuf);

impl Immutable {
    pub fn set(path: &Path) -> Option<Immutable> {
        let ok = Command::new("chattr")
            .arg("+i")
            .arg(path)
            .stderr(std::process::Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        if !ok {
            eprintln!("note: chattr +i is not available here; skipped");
        }
        ok.then(|| Immutable(path.to_path_buf()))
    }
}

impl Drop for Immutable {
    fn drop(&mut self) {
        let _ = Command::new("chattr").arg("-i").arg(&self.0).status();
    }
}

/// A small file system (tmpfs) mounted at a new folder for as long as the
/// guard lives: a way to fill the disk half way through a write. `None`
/// (with a note) where it cannot be mounted (not root, no permission).
pub struct SmallDisk {
    dir: tempfile::TempDir,
}

impl SmallDisk {
    pub fn mount(bytes: u64) -> Option<SmallDisk> {
        let dir = tempfile::tempdir().ok()?;
        let ok = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={bytes}"), "tmpfs"])
            .arg(dir.path())
            .stderr(std::process::Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        if !ok {
            eprintln!("note: cannot mount a tmpfs here; skipped");
        }
        ok.then_some(SmallDisk { dir })
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(self.dir.path()).status();
    }
}

/// The texts of the SVG's group `<g id="ID">` (with the groups inside
/// it), in order, unescaped.
pub fn group_texts(svg: &str, id: &str) -> Vec<String> {
    let open = format!("<g id=\"{id}\"");
    let Some(start) = svg.find(&open) else {
        return Vec::new();
    };
    let rest = &svg[start..];
    // The end of the group: its </g>, past those of the groups it holds.
    let (mut depth, mut end, mut i) = (0usize, rest.len(), 0);
    while i < rest.len() {
        if rest[i..].starts_with("<g") {
            depth += 1;
        } else if rest[i..].starts_with("</g>") {
            depth -= 1;
            if depth == 0 {
                end = i;
                break;
            }
        }
        i += rest[i..].chars().next().map_or(1, char::len_utf8);
    }
    let body = &rest[..end];
    body.split("<text")
        .skip(1)
        .filter_map(|t| {
            let inner = &t[t.find('>')? + 1..t.find("</text>")?];
            // Any <tspan> markup out.
            let mut text = String::new();
            let mut in_tag = false;
            for c in inner.chars() {
                match c {
                    '<' => in_tag = true,
                    '>' => in_tag = false,
                    c if !in_tag => text.push(c),
                    _ => {}
                }
            }
            Some(
                text.replace("&lt;", "<")
                    .replace("&gt;", ">")
                    .replace("&quot;", "\"")
                    .replace("&apos;", "'")
                    .replace("&amp;", "&"),
            )
        })
        .collect()
}
