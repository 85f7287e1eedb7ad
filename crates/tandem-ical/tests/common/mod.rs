//! Shared by the corpus tests: where the corpus is and how to list it.
#![allow(dead_code)] // each test file uses a part

use std::path::PathBuf;

/// `shared/corpus/ics`, next to the repository (as on every developer machine and in CI).
pub fn corpus_dir() -> PathBuf {
    PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/corpus/ics"
    ))
}

/// Every `.ics` file of the corpus, sorted; fails clearly when the folder is missing.
pub fn corpus_files() -> Vec<PathBuf> {
    let dir = corpus_dir();
    let entries = std::fs::read_dir(&dir).unwrap_or_else(|e| {
        panic!(
            "the iCalendar corpus is missing at {} ({e}): clone the repository next to shared/",
            dir.display()
        )
    });
    let mut files: Vec<PathBuf> = entries
        .map(|e| e.expect("readable corpus entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "ics"))
        .collect();
    files.sort();
    assert!(
        files.len() >= 78,
        "expected the 78 corpus files in {}, found {}",
        dir.display(),
        files.len()
    );
    files
}

/// File name of a path.
pub fn name(path: &std::path::Path) -> String {
    path.file_name()
        .expect("a file")
        .to_string_lossy()
        .into_owned()
}
