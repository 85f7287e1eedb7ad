//! The tz database in force (DESIGN §2, "The tz database is current").
//!
//! # One database per process, installed at the edge
//!
//! Every conversion in tandem (the window engine, the clash check, event derivation, import,
//! the VTIMEZONEs of the feeds) goes through [`Zone`](crate::time::Zone), and a `Zone` is
//! an index into the one [`ZoneDatabase`] of the process. The server and the CLI read the system's tz database at
//! start-up (`tandem_server::tzdata::load`: TZif files under `$TZDIR` or
//! `/usr/share/zoneinfo`, the version from `tzdata.zi`), build the database here from the
//! bytes with [`ZoneDatabase::from_tzif`] and [`install`] it before anything names a zone.
//! tandem-core itself reads no file: it is handed bytes and returns values.
//!
//! Why a process-wide value rather than a database passed to every call: a zone is part of
//! dozens of domain values (events, venues, participants, working hours, requests) and of
//! `serde` conversions that cannot take an argument; threading a handle through all of them
//! would change every signature for no gain, since one process serves from one database at a
//! time (a new IANA release is taken by a restart, which re-derives future events:
//! `tandem_server::tzdata`). The database is set once and never replaced, so a `Zone` stays
//! a `Copy` index, its name a `&'static str`, and two zones compare by index. When nothing
//! was installed (unit tests, tools), the copy bundled in the binary (chrono-tz) is used, so
//! results there do not depend on the machine.
//!
//! # Which copy wins
//!
//! The system's copy is used unless the bundled one is of a newer release; zones the chosen
//! copy lacks (a trimmed container image, a TZif file that does not parse) are taken from
//! the other. The version in force ([`ZoneDatabase::version`]) is the chosen copy's: it is
//! what `/readyz` and every event's `tzdata_version` name.
//!
//! # Reading TZif
//!
//! TZif files are read by `jiff` (`jiff::tz::TimeZone::tzif`), chosen by measurement over
//! `tzfile` 0.1.3 and `tz-rs` 0.7.3 on Debian's 2026f (a scratch program, December 2026, on
//! a shared 2-core machine at load 8–9, so the timings are rough):
//!
//! - correctness, against `zdump -v` from 1900 to 2100 on the 125 zones of the reference
//!   data and the hard cases (24,270 instants): jiff and tz-rs agree on every offset and
//!   abbreviation; tzfile gets 4,020 offsets wrong in Debian's "fat" files (after 2037) and
//!   6,244 in "slim" ones built with `zic -b slim` (it ignores the POSIX TZ footer);
//! - load time for all 598 zones from bytes in memory: jiff 1.0–1.6 ms, tz-rs 0.2–0.3 ms,
//!   tzfile 0.3–0.5 ms (reading the files takes 6–11 ms);
//! - lookups, per call over 1 M random zones and instants of 1990–2099: offset of an
//!   instant jiff 38–75 ns, tz-rs 63–80 ns, tzfile 53–77 ns; local time to instant (gap and
//!   fold told apart) jiff 84–173 ns, tz-rs 490–808 ns;
//! - maintenance: jiff (1.0, by the author of regex and ripgrep) releases often; tz-rs has
//!   one maintainer; tzfile has had no release since 2020. jiff also iterates transitions,
//!   those of the footer rule included, which the VTIMEZONE renderer needs.
//!
//! Both jiff and tz-rs refuse the slim `America/Ojinaga` that Debian 12's `zic` writes from
//! 2026f (its last transition disagrees with its footer); a file that does not parse is
//! reported and its zone taken from the bundled copy.

use std::collections::HashMap;
use std::fmt;
use std::sync::OnceLock;

use chrono::{NaiveDateTime, Offset, TimeZone};

/// Where a zone's rules come from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DataSource {
    /// The system's tz database (TZif files).
    System,
    /// The copy compiled into the binary (chrono-tz).
    Bundled,
}

impl DataSource {
    /// `system` or `bundled`.
    pub fn as_str(self) -> &'static str {
        match self {
            DataSource::System => "system",
            DataSource::Bundled => "bundled",
        }
    }
}

/// Version of the tz database compiled into this build (chrono-tz).
pub fn bundled_version() -> &'static str {
    chrono_tz::IANA_TZDB_VERSION
}

/// What a zone observes at one instant.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LocalType {
    /// Seconds ahead of UTC.
    pub offset: i32,
    /// Whether the tz database flags it as daylight saving time.
    pub dst: bool,
    /// The tz database's abbreviation (`CET`, `+0545`).
    pub abbreviation: Abbreviation,
}

/// A zone abbreviation such as `CEST` or `+0545`, kept inline so offsets stay `Copy`.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Abbreviation {
    bytes: [u8; 15],
    len: u8,
}

impl Abbreviation {
    /// The abbreviation the tz database gives, or the numeric form of `offset` (as zic writes
    /// it: `+05`, `+0545`, `-0330`) when there is none or it is unusually long.
    pub fn new(text: Option<&str>, offset: i32) -> Self {
        match text {
            Some(t) if !t.is_empty() && t.len() <= 15 => {
                let mut bytes = [0; 15];
                for (slot, byte) in bytes.iter_mut().zip(t.bytes()) {
                    *slot = byte;
                }
                #[allow(clippy::cast_possible_truncation)]
                Abbreviation {
                    bytes,
                    len: t.len() as u8,
                }
            }
            _ => Self::new(Some(&numeric_abbreviation(offset)), offset),
        }
    }

    /// The text.
    pub fn as_str(&self) -> &str {
        self.bytes
            .get(..usize::from(self.len))
            .and_then(|b| std::str::from_utf8(b).ok())
            .unwrap_or("")
    }
}

impl fmt::Display for Abbreviation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for Abbreviation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

/// The tz database's numeric abbreviation of an offset: `+05`, `+0545`, `-0330`, `+001335`.
pub fn numeric_abbreviation(seconds: i32) -> String {
    let sign = if seconds < 0 { '-' } else { '+' };
    let abs = seconds.unsigned_abs();
    let (h, m, s) = (abs / 3600, abs / 60 % 60, abs % 60);
    match (m, s) {
        (0, 0) => format!("{sign}{h:02}"),
        (_, 0) => format!("{sign}{h:02}{m:02}"),
        _ => format!("{sign}{h:02}{m:02}{s:02}"),
    }
}

/// One change of what a zone observes: from `at` (UTC seconds) on, `to` is in force.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Transition {
    /// The first second of the new local type (Unix time).
    pub at: i64,
    /// What is observed from then on.
    pub to: LocalType,
}

/// How a local wall-clock time relates to the offsets around it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LocalOffsets {
    /// One offset.
    Single(i32),
    /// Skipped by a forward transition from `before` to `after`.
    Gap {
        /// The offset before the gap.
        before: i32,
        /// The offset after it.
        after: i32,
    },
    /// Happens twice: first with `before`, then with `after`.
    Fold {
        /// The offset of the first occurrence.
        before: i32,
        /// The offset of the second.
        after: i32,
    },
}

/// The rules of one zone.
pub struct ZoneRules {
    name: Box<str>,
    source: DataSource,
    data: RulesData,
}

enum RulesData {
    Tzif(jiff::tz::TimeZone),
    Bundled(chrono_tz::Tz),
}

impl fmt::Debug for ZoneRules {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ZoneRules")
            .field("name", &self.name)
            .field("source", &self.source)
            .finish_non_exhaustive()
    }
}

/// Sampling step of the transition search in bundled zones, in seconds.
const SCAN_STEP_SECONDS: i64 = 3600;
/// Seconds a Unix time is kept within (years 0001–9999).
const MIN_SECONDS: i64 = -62_135_596_800;
const MAX_SECONDS: i64 = 253_402_300_799;

impl ZoneRules {
    /// The zone's IANA name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Where these rules come from.
    pub fn source(&self) -> DataSource {
        self.source
    }

    /// What the zone observes at the Unix time `at`.
    pub fn local_type(&self, at: i64) -> LocalType {
        let at = at.clamp(MIN_SECONDS, MAX_SECONDS);
        match &self.data {
            RulesData::Tzif(tz) => {
                let info = tz.to_offset_info(timestamp(at));
                let offset = info.offset().seconds();
                LocalType {
                    offset,
                    dst: info.dst().is_dst(),
                    abbreviation: Abbreviation::new(Some(info.abbreviation()), offset),
                }
            }
            RulesData::Bundled(tz) => bundled_local_type(*tz, at),
        }
    }

    /// The offsets a local wall-clock time can have.
    pub fn local_offsets(&self, local: NaiveDateTime) -> LocalOffsets {
        match &self.data {
            RulesData::Tzif(tz) => {
                let Some(civil) = civil(local) else {
                    return LocalOffsets::Single(
                        self.local_type(local.and_utc().timestamp()).offset,
                    );
                };
                match tz.to_ambiguous_timestamp(civil).offset() {
                    jiff::tz::AmbiguousOffset::Unambiguous { offset } => {
                        LocalOffsets::Single(offset.seconds())
                    }
                    jiff::tz::AmbiguousOffset::Gap { before, after } => LocalOffsets::Gap {
                        before: before.seconds(),
                        after: after.seconds(),
                    },
                    jiff::tz::AmbiguousOffset::Fold { before, after } => LocalOffsets::Fold {
                        before: before.seconds(),
                        after: after.seconds(),
                    },
                }
            }
            RulesData::Bundled(tz) => bundled_local_offsets(*tz, local),
        }
    }

    /// Every transition with `from < at <= to` that changes the offset, the DST flag or the
    /// abbreviation, in order.
    pub fn transitions(&self, from: i64, to: i64) -> Vec<Transition> {
        let (from, to) = (
            from.clamp(MIN_SECONDS, MAX_SECONDS),
            to.clamp(MIN_SECONDS, MAX_SECONDS),
        );
        if from >= to {
            return Vec::new();
        }
        let mut out: Vec<Transition> = Vec::new();
        let mut current = self.local_type(from);
        let mut push = |t: Transition| {
            if t.to != current {
                current = t.to;
                out.push(t);
            }
        };
        match &self.data {
            RulesData::Tzif(tz) => {
                for t in tz.following(timestamp(from)) {
                    let at = t.timestamp().as_second();
                    if at > to {
                        break;
                    }
                    let offset = t.offset().seconds();
                    push(Transition {
                        at,
                        to: LocalType {
                            offset,
                            dst: t.dst().is_dst(),
                            abbreviation: Abbreviation::new(Some(t.abbreviation()), offset),
                        },
                    });
                }
            }
            RulesData::Bundled(tz) => {
                for t in bundled_transitions(*tz, from, to) {
                    push(t);
                }
            }
        }
        out
    }
}

fn timestamp(at: i64) -> jiff::Timestamp {
    jiff::Timestamp::from_second(at).unwrap_or(if at < 0 {
        jiff::Timestamp::MIN
    } else {
        jiff::Timestamp::MAX
    })
}

fn civil(local: NaiveDateTime) -> Option<jiff::civil::DateTime> {
    use chrono::{Datelike, Timelike};
    let narrow = |v: u32| i8::try_from(v).ok();
    jiff::civil::DateTime::new(
        i16::try_from(local.year()).ok()?,
        narrow(local.month())?,
        narrow(local.day())?,
        narrow(local.hour())?,
        narrow(local.minute())?,
        narrow(local.second())?,
        0,
    )
    .ok()
}

fn bundled_local_type(tz: chrono_tz::Tz, at: i64) -> LocalType {
    use chrono_tz::{OffsetComponents, OffsetName};
    let instant = chrono::DateTime::from_timestamp(at, 0).unwrap_or_default();
    let offset = tz.offset_from_utc_datetime(&instant.naive_utc());
    let total = offset.fix().local_minus_utc();
    LocalType {
        offset: total,
        dst: !offset.dst_offset().is_zero(),
        abbreviation: Abbreviation::new(offset.abbreviation(), total),
    }
}

fn bundled_local_offsets(tz: chrono_tz::Tz, local: NaiveDateTime) -> LocalOffsets {
    use chrono::LocalResult;
    let fix = |o: chrono_tz::TzOffset| o.fix().local_minus_utc();
    match tz.offset_from_local_datetime(&local) {
        LocalResult::Single(o) => LocalOffsets::Single(fix(o)),
        LocalResult::Ambiguous(a, b) => LocalOffsets::Fold {
            before: fix(a),
            after: fix(b),
        },
        LocalResult::None => {
            // Gaps are contiguous and shorter than two days in every tz database entry, so
            // stepping back hour by hour reaches the last wall-clock time before the gap.
            let before = (1..=48)
                .find_map(|h| {
                    tz.offset_from_local_datetime(&(local - chrono::Duration::hours(h)))
                        .latest()
                })
                .map_or(0, fix);
            let after = (1..=48)
                .find_map(|h| {
                    tz.offset_from_local_datetime(&(local + chrono::Duration::hours(h)))
                        .earliest()
                })
                .map_or(before, fix);
            LocalOffsets::Gap { before, after }
        }
    }
}

/// Transitions of a bundled zone in `(from, to]`: chrono-tz lists none, so the local type is
/// sampled every hour and each change narrowed by bisection to the second. Sampling misses a
/// change only if the zone came back to the same local type within an hour; the bundled
/// database has no observance shorter than 6.9 days.
fn bundled_transitions(tz: chrono_tz::Tz, from: i64, to: i64) -> Vec<Transition> {
    let mut current = bundled_local_type(tz, from);
    let mut out = Vec::new();
    let mut at = from;
    while at < to {
        let next = (at + SCAN_STEP_SECONDS).min(to);
        if bundled_local_type(tz, next) == current {
            at = next;
            continue;
        }
        let (mut same, mut changed) = (at, next);
        while changed - same > 1 {
            let mid = same + (changed - same) / 2;
            if bundled_local_type(tz, mid) == current {
                same = mid;
            } else {
                changed = mid;
            }
        }
        current = bundled_local_type(tz, changed);
        out.push(Transition {
            at: changed,
            to: current,
        });
        at = changed;
    }
    out
}

/// A TZif file that could not be read.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("time zone {name}: {reason}")]
pub struct TzifError {
    /// The zone's name.
    pub name: String,
    /// Why it was refused.
    pub reason: String,
}

/// A set of zones and the tz database version they come from.
#[derive(Debug)]
pub struct ZoneDatabase {
    version: String,
    source: DataSource,
    zones: Vec<ZoneRules>,
    by_name: HashMap<Box<str>, u16>,
    by_folded_name: HashMap<String, u16>,
}

/// The name of the zone every database holds at index 0 ([`crate::Zone::UTC`]).
const UTC: &str = "UTC";

impl ZoneDatabase {
    /// The copy compiled into the binary (chrono-tz).
    pub fn bundled() -> Self {
        let mut db = Self::empty(bundled_version(), DataSource::Bundled);
        db.push(
            UTC,
            DataSource::Bundled,
            RulesData::Bundled(chrono_tz::Tz::UTC),
        );
        for tz in chrono_tz::TZ_VARIANTS {
            db.push(tz.name(), DataSource::Bundled, RulesData::Bundled(tz));
        }
        db
    }

    /// The database made of the system's TZif `files` (name, bytes) of release `version`,
    /// completed with the bundled copy, or the bundled copy completed with the system's when
    /// the bundled copy is of a newer release. Files that cannot be read are returned beside
    /// it (their zones come from the bundled copy).
    pub fn from_tzif(
        version: &str,
        files: impl IntoIterator<Item = (String, Vec<u8>)>,
    ) -> (Self, Vec<TzifError>) {
        let mut errors = Vec::new();
        let mut system: Vec<(String, jiff::tz::TimeZone)> = Vec::new();
        for (name, bytes) in files {
            match jiff::tz::TimeZone::tzif(&name, &bytes) {
                Ok(tz) => system.push((name, tz)),
                Err(e) => errors.push(TzifError {
                    name,
                    reason: e.to_string(),
                }),
            }
        }
        let bundled = Self::bundled();
        let system_wins = !is_older_release(version, bundled_version());
        let mut db = if system_wins {
            let mut db = Self::empty(version, DataSource::System);
            db.push(
                UTC,
                DataSource::Bundled,
                RulesData::Bundled(chrono_tz::Tz::UTC),
            );
            db
        } else {
            bundled
        };
        for (name, tz) in system {
            if system_wins {
                db.replace_or_push(&name, DataSource::System, RulesData::Tzif(tz));
            } else if !db.by_name.contains_key(name.as_str()) {
                db.push(&name, DataSource::System, RulesData::Tzif(tz));
            }
        }
        if system_wins {
            for tz in chrono_tz::TZ_VARIANTS {
                if !db.by_name.contains_key(tz.name()) {
                    db.push(tz.name(), DataSource::Bundled, RulesData::Bundled(tz));
                }
            }
        }
        (db, errors)
    }

    fn empty(version: &str, source: DataSource) -> Self {
        ZoneDatabase {
            version: version.to_owned(),
            source,
            zones: Vec::new(),
            by_name: HashMap::new(),
            by_folded_name: HashMap::new(),
        }
    }

    fn push(&mut self, name: &str, source: DataSource, data: RulesData) {
        if self.by_name.contains_key(name) || self.zones.len() >= usize::from(u16::MAX) {
            return;
        }
        #[allow(clippy::cast_possible_truncation)]
        let index = self.zones.len() as u16;
        self.zones.push(ZoneRules {
            name: name.into(),
            source,
            data,
        });
        self.by_name.insert(name.into(), index);
        self.by_folded_name
            .entry(name.to_lowercase())
            .or_insert(index);
    }

    fn replace_or_push(&mut self, name: &str, source: DataSource, data: RulesData) {
        match self.by_name.get(name) {
            Some(&i) => {
                if let Some(zone) = self.zones.get_mut(usize::from(i)) {
                    zone.source = source;
                    zone.data = data;
                }
            }
            None => self.push(name, source, data),
        }
    }

    /// The tz database release in force (`2026f`).
    pub fn version(&self) -> &str {
        &self.version
    }

    /// Whether the release in force is the system's or the bundled one.
    pub fn source(&self) -> DataSource {
        self.source
    }

    /// How many zones (canonical names and links) the database knows.
    pub fn len(&self) -> usize {
        self.zones.len()
    }

    /// True when the database knows no zone (never the case: UTC is always there).
    pub fn is_empty(&self) -> bool {
        self.zones.is_empty()
    }

    /// How many zones come from the copy that is not in force.
    pub fn filled_in(&self) -> usize {
        self.zones
            .iter()
            .filter(|z| z.source != self.source && &*z.name != UTC)
            .count()
    }

    /// Every zone name, in the database's order.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.zones.iter().map(|z| &*z.name)
    }

    /// The rules of the zone named exactly `name`.
    pub fn rules(&self, name: &str) -> Option<&ZoneRules> {
        self.index(name)
            .and_then(|i| self.zones.get(usize::from(i)))
    }

    pub(crate) fn index(&self, name: &str) -> Option<u16> {
        self.by_name.get(name).copied()
    }

    pub(crate) fn index_ignoring_case(&self, name: &str) -> Option<u16> {
        self.index(name)
            .or_else(|| self.by_folded_name.get(&name.to_lowercase()).copied())
    }

    pub(crate) fn at(&self, index: u16) -> &ZoneRules {
        // Indexes come only from this database (see `Zone`), so they are in range; UTC
        // stands in for the impossible rest.
        self.zones
            .get(usize::from(index))
            .unwrap_or_else(|| utc_rules())
    }
}

/// True when release `a` (`2025b`) is older than `b` (`2026f`). Versions are a year and
/// letters; anything else (a distributor's suffix, a git build) compares by its leading
/// year and letters only, and an unreadable version is never called older.
pub fn is_older_release(a: &str, b: &str) -> bool {
    fn key(v: &str) -> Option<(u32, String)> {
        let year: u32 = v.get(..4)?.parse().ok()?;
        let letters: String = v
            .chars()
            .skip(4)
            .take_while(char::is_ascii_lowercase)
            .collect();
        Some((year, letters))
    }
    match (key(a), key(b)) {
        // "2025z" < "2025aa" would be IANA's order if it ever got there: length first.
        (Some((ya, la)), Some((yb, lb))) => (ya, la.len(), la) < (yb, lb.len(), lb),
        _ => false,
    }
}

/// The version and the zone names (zones and links) listed by a `tzdata.zi` file, the
/// compact zic source that the tz distribution installs beside the TZif files.
pub fn tzdata_zi_contents(text: &str) -> Result<(String, Vec<String>), String> {
    let version = text
        .lines()
        .find_map(|l| l.strip_prefix("# version "))
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .ok_or("tzdata.zi has no '# version' line")?;
    let mut names: Vec<String> = text
        .lines()
        .filter_map(|l| {
            let mut fields = l.split_whitespace();
            match fields.next()? {
                "Z" => fields.next(),
                "L" => fields.nth(1),
                _ => None,
            }
        })
        .map(str::to_owned)
        .collect();
    names.sort();
    names.dedup();
    Ok((version.to_owned(), names))
}

static INSTALLED: OnceLock<ZoneDatabase> = OnceLock::new();

/// UTC's rules, for [`ZoneDatabase::at`].
fn utc_rules() -> &'static ZoneRules {
    static RULES: OnceLock<ZoneRules> = OnceLock::new();
    RULES.get_or_init(|| ZoneRules {
        name: UTC.into(),
        source: DataSource::Bundled,
        data: RulesData::Bundled(chrono_tz::Tz::UTC),
    })
}

/// Makes `db` the database of this process; fails (handing it back) when one is already in
/// use, which is the case once any zone has been named.
pub fn install(db: ZoneDatabase) -> Result<&'static ZoneDatabase, Box<ZoneDatabase>> {
    let mut db = Some(db);
    let installed = INSTALLED.get_or_init(|| db.take().unwrap_or_else(ZoneDatabase::bundled));
    match db {
        None => Ok(installed),
        Some(db) => Err(Box::new(db)),
    }
}

/// The database in use, if any zone has been named or one was installed.
pub fn installed() -> Option<&'static ZoneDatabase> {
    INSTALLED.get()
}

/// The database of this process: the installed one, or the bundled copy when none was.
pub fn database() -> &'static ZoneDatabase {
    INSTALLED.get_or_init(ZoneDatabase::bundled)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn releases_order_by_year_then_letters() {
        assert!(is_older_release("2025b", "2026f"));
        assert!(is_older_release("2026a", "2026f"));
        assert!(!is_older_release("2026f", "2026f"));
        assert!(!is_older_release("2026f", "2025b"));
        assert!(is_older_release("2025z", "2025aa"));
        assert!(!is_older_release("unknown", "2025b"));
        assert!(!is_older_release("2026f", "test"));
    }

    #[test]
    fn tzdata_zi_names_zones_and_links() {
        let text = "# version 2026f\n# comment\nR Sw 1941 1942 - May M>=1 1 1 S\n\
            Z Europe/Zurich 0:34:8 - LMT 1853 Jul 16\n1 Sw CE%sT 1981\n1 E CE%sT\n\
            L Europe/Zurich Europe/Busingen\n";
        let (version, names) = tzdata_zi_contents(text).unwrap();
        assert_eq!(version, "2026f");
        assert_eq!(names, ["Europe/Busingen", "Europe/Zurich"]);
        assert!(tzdata_zi_contents("Z A/B 0 - X\n").is_err());
    }

    #[test]
    fn numeric_abbreviations_follow_zic() {
        assert_eq!(numeric_abbreviation(5 * 3600), "+05");
        assert_eq!(numeric_abbreviation(20_700), "+0545");
        assert_eq!(numeric_abbreviation(-3 * 3600), "-03");
        assert_eq!(numeric_abbreviation(-12_600), "-0330");
        assert_eq!(numeric_abbreviation(815), "+001335");
        assert_eq!(Abbreviation::new(None, 20_700).as_str(), "+0545");
        assert_eq!(Abbreviation::new(Some("CEST"), 7200).as_str(), "CEST");
    }

    #[test]
    fn the_bundled_copy_knows_utc_first_and_every_name() {
        let db = ZoneDatabase::bundled();
        assert_eq!(db.at(0).name(), "UTC");
        assert_eq!(db.version(), bundled_version());
        assert!(db.len() > 500);
        assert_eq!(db.filled_in(), 0);
        assert_eq!(
            db.index_ignoring_case("europe/zurich")
                .map(|i| db.at(i).name()),
            Some("Europe/Zurich")
        );
    }

    #[test]
    fn bundled_transitions_are_found_to_the_second() {
        let db = ZoneDatabase::bundled();
        let zurich = db.rules("Europe/Zurich").unwrap();
        let at = |s: &str| {
            s.parse::<chrono::DateTime<chrono::Utc>>()
                .unwrap()
                .timestamp()
        };
        let t = zurich.transitions(at("2027-01-01T00:00:00Z"), at("2028-01-01T00:00:00Z"));
        assert_eq!(t.len(), 2, "{t:?}");
        assert_eq!(t[0].at, at("2027-03-28T01:00:00Z"));
        assert_eq!((t[0].to.offset, t[0].to.dst), (7200, true));
        assert_eq!(t[0].to.abbreviation.as_str(), "CEST");
    }
}
