use std::path::{Path, PathBuf};

use proptest::prelude::*;

use super::*;
use crate::load::Input;
use crate::load::{load, Options};

fn fixture(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

/// The snapshot of `inputs`, and the dataset they load to.
fn snapshot_of(inputs: &[Input]) -> (Vec<u8>, Dataset) {
    let made_from = Provenance::of(inputs).unwrap();
    let ds = load(inputs, Options::default()).unwrap().dataset;
    let mut bytes = Vec::new();
    write(&ds, &made_from, &mut bytes).unwrap();
    (bytes, ds)
}

fn read_bytes(bytes: &[u8]) -> Result<Dataset, Error> {
    read("test.pnet", &Contents::Read(bytes.to_vec()))
}

fn message(e: Error) -> String {
    e.to_string()
}

#[test]
fn every_fixture_reads_back_as_the_same_dataset() {
    for path in crate::load::SAME_DATASET_FIXTURES.iter().chain(&["data"]) {
        let (bytes, ds) = snapshot_of(&[Input::Path(fixture(path))]);
        let back = read_bytes(&bytes).unwrap_or_else(|e| panic!("{path}: {e}"));
        assert_eq!(format!("{back:?}"), format!("{ds:?}"), "{path}");
        // The same dataset gives the same bytes: snapshots can live in git.
        let mut again = Vec::new();
        write(
            &back,
            &Provenance::of(&[Input::Path(fixture(path))]).unwrap(),
            &mut again,
        )
        .unwrap();
        assert!(again == bytes, "{path}: a second snapshot differs");
    }
}

#[test]
fn any_changed_byte_or_cut_is_refused() {
    let (bytes, _) = snapshot_of(&[Input::Path(fixture("tests/fixtures/small.json"))]);
    for at in 0..bytes.len() {
        let mut bad = bytes.clone();
        bad[at] ^= 0x20;
        assert!(read_bytes(&bad).is_err(), "a changed byte {at} was read");
    }
    for len in 0..bytes.len() {
        let e = read_bytes(&bytes[..len]).expect_err("a cut snapshot was read");
        assert!(message(e).contains("test.pnet"), "{len}");
    }
    let mut other = bytes.clone();
    other[8] = 9;
    let e = message(read_bytes(&other).unwrap_err());
    assert!(e.contains("layout version 9") && e.contains("partnet index"), "{e}");
}

/// Rewrites the CRC of a changed snapshot, as a file made to pass the check would.
fn with_crc(mut bytes: Vec<u8>) -> Vec<u8> {
    let at = bytes.len() - 16;
    let crc = crc32fast::hash(&bytes[..at]);
    bytes[at..at + 4].copy_from_slice(&crc.to_le_bytes());
    bytes
}

#[test]
fn a_bad_index_behind_a_good_crc_is_named_with_its_byte() {
    let (bytes, ds) = snapshot_of(&[Input::Path(fixture("tests/fixtures/small.json"))]);
    // The first link's organisation: past the last one.
    let links = sections(&bytes).unwrap()[4].clone();
    let mut bad = bytes.clone();
    bad[links.start..links.start + 4].copy_from_slice(&(ds.entities.len() as u32).to_le_bytes());
    let e = message(read_bytes(&with_crc(bad)).unwrap_err());
    assert!(
        e.contains(&format!("corrupt at byte {}", links.start)) && e.contains("a link's organisation"),
        "{e}"
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]
    /// Whatever bytes a snapshot holds, behind a checksum that matches, reading it fails
    /// with a message or gives a dataset: it never panics, never reads out of bounds.
    #[test]
    fn any_bytes_behind_a_good_crc_read_or_fail_cleanly(
        changes in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..6)
    ) {
        let (bytes, _) = snapshot_of(&[Input::Path(fixture("tests/fixtures/history.json"))]);
        let mut bad = bytes.clone();
        // Not the trailer's own bytes: those are checked before anything is read.
        let body = bad.len() - TRAILER;
        for (at, byte) in changes {
            bad[at.index(body)] = byte;
        }
        if let Ok(ds) = read_bytes(&with_crc(bad)) {
            // What it read is consistent: every view of it works.
            let graph = crate::graph::PartnerGraph::build(&ds);
            let view = crate::filter::View::new(&ds, &graph, Default::default());
            let _ = crate::query::stats::stats(&view);
        }
    }
}

#[test]
fn a_changed_or_new_source_makes_the_snapshot_stale_and_a_touch_does_not() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir(&data).unwrap();
    let small = std::fs::read_to_string(fixture("tests/fixtures/small.json")).unwrap();
    std::fs::write(data.join("a.json"), &small).unwrap();
    let inputs = [Input::Path(data.clone())];
    let (bytes, _) = snapshot_of(&inputs);
    assert!(read_bytes(&bytes).is_ok());

    // The same bytes with a new time: still the same data.
    let file = std::fs::File::options().write(true).open(data.join("a.json")).unwrap();
    file.set_modified(std::time::SystemTime::now() + std::time::Duration::from_secs(5))
        .unwrap();
    assert!(read_bytes(&bytes).is_ok());

    // Other bytes of the same length.
    std::fs::write(data.join("a.json"), small.replacen("Alpha Corp", "Alpha Corq", 1)).unwrap();
    let e = message(read_bytes(&bytes).unwrap_err());
    assert!(
        e.contains("stale") && e.contains("a.json changed") && e.contains("partnet index"),
        "{e}"
    );

    std::fs::write(data.join("a.json"), &small).unwrap();
    assert!(read_bytes(&bytes).is_ok());
    std::fs::write(data.join("b.json"), r#"{"entities": []}"#).unwrap();
    let e = message(read_bytes(&bytes).unwrap_err());
    assert!(e.contains("b.json is new in"), "{e}");
    std::fs::remove_file(data.join("b.json")).unwrap();

    // A source that is gone leaves the snapshot unchecked: stale too.
    std::fs::remove_file(data.join("a.json")).unwrap();
    let e = message(read_bytes(&bytes).unwrap_err());
    assert!(e.contains("a.json is gone"), "{e}");
}

#[test]
fn a_link_pointed_elsewhere_is_another_source() {
    let dir = tempfile::tempdir().unwrap();
    let (one, two) = (dir.path().join("one.json"), dir.path().join("two.json"));
    std::fs::copy(fixture("tests/fixtures/small.json"), &one).unwrap();
    std::fs::copy(fixture("tests/fixtures/florentine.json"), &two).unwrap();
    let current = dir.path().join("current.json");
    std::os::unix::fs::symlink(&one, &current).unwrap();
    let (bytes, _) = snapshot_of(&[Input::Path(current.clone())]);
    assert!(read_bytes(&bytes).is_ok());
    std::fs::remove_file(&current).unwrap();
    std::os::unix::fs::symlink(&two, &current).unwrap();
    let e = message(read_bytes(&bytes).unwrap_err());
    assert!(e.contains("current.json changed"), "{e}");
}

#[test]
fn the_remake_command_quotes_what_a_shell_would_split() {
    let p = Provenance {
        given: vec!["data".into(), "my file's.json".into()],
        ..Provenance::default()
    };
    assert_eq!(
        p.remake("out dir/d.pnet"),
        r"partnet index data 'my file'\''s.json' -o 'out dir/d.pnet'"
    );
}
