//! Runs the real `partnet` binary, as a user would.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The repository root, where `data/` is.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A fixture file under tests/fixtures.
pub fn fixture(name: &str) -> PathBuf {
    root().join("tests/fixtures").join(name)
}

/// What a run printed and how it ended.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("stdout is not JSON ({e}):\n{}\nstderr:\n{}", self.stdout, self.stderr))
    }

    /// Asserts success and returns self.
    pub fn ok(self) -> Run {
        assert_eq!(
            self.code, 0,
            "expected success\nstdout:\n{}\nstderr:\n{}",
            self.stdout, self.stderr
        );
        self
    }
}

impl From<Output> for Run {
    fn from(o: Output) -> Run {
        Run {
            code: o.status.code().expect("partnet was killed by a signal"),
            stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
        }
    }
}

/// A `partnet` command run from `dir`.
pub fn cmd_in(dir: &Path, args: &[&str]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_partnet"));
    c.args(args).current_dir(dir);
    c
}

/// Runs partnet from the repository root (so the default data is `data/`).
pub fn partnet(args: &[&str]) -> Run {
    cmd_in(&root(), args).output().expect("partnet runs").into()
}

/// Runs partnet on one dataset text written to a temporary file.
pub fn with_data(text: &str, args: &[&str]) -> Run {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("data.json");
    std::fs::write(&file, text).unwrap();
    let mut all = vec!["--data", file.to_str().unwrap()];
    all.extend_from_slice(args);
    cmd_in(dir.path(), &all).output().expect("partnet runs").into()
}

/// The ids in a JSON array of objects.
pub fn ids(list: &serde_json::Value) -> Vec<String> {
    list.as_array()
        .expect("an array")
        .iter()
        .map(|x| x["id"].as_str().expect("an id").to_string())
        .collect()
}
