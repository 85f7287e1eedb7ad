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

/// Installs the system's tz database (`$TZDIR`, else `/usr/share/zoneinfo`) for this test
/// process, as `tandem serve` does at start-up, and returns it; fails clearly when the system
/// has none (CI installs Debian's `tzdata`).
pub fn install_system_tzdata() -> &'static tandem_core::tz::ZoneDatabase {
    static LOADED: std::sync::OnceLock<&'static tandem_core::tz::ZoneDatabase> =
        std::sync::OnceLock::new();
    LOADED.get_or_init(|| {
        let dir = std::env::var_os("TZDIR")
            .map_or_else(|| PathBuf::from("/usr/share/zoneinfo"), PathBuf::from);
        let index = std::fs::read_to_string(dir.join("tzdata.zi")).unwrap_or_else(|e| {
            panic!(
                "no tz database at {} ({e}): install Debian's tzdata",
                dir.display()
            )
        });
        let (version, names) = tandem_core::tz::tzdata_zi_contents(&index).expect("tzdata.zi");
        let files: Vec<(String, Vec<u8>)> = names
            .into_iter()
            .filter_map(|n| std::fs::read(dir.join(&n)).ok().map(|b| (n, b)))
            .collect();
        let (db, _) = tandem_core::tz::ZoneDatabase::from_tzif(&version, files);
        let installed = tandem_core::tz::install(db)
            .unwrap_or_else(|_| panic!("a zone was named before the system's tz database"));
        assert_eq!(installed.source(), tandem_core::tz::DataSource::System);
        installed
    })
}
