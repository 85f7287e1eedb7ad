//! When a calendar is refreshed next: the feed's REFRESH-INTERVAL / X-PUBLISHED-TTL clamped
//! into `[import.min_refresh_minutes, import.max_refresh_minutes]`, with ±10 % jitter so
//! calendars imported together do not all come due together. After failures the next try
//! comes sooner: the minimum, doubled per consecutive failure, never later than the normal
//! interval.

use chrono::{DateTime, Duration, Utc};

use super::ImportSettings;

/// The refresh interval before jitter, for a feed publishing `published`.
pub fn interval(settings: &ImportSettings, published: Option<Duration>) -> Duration {
    let min = Duration::minutes(i64::from(settings.min_refresh_minutes));
    let max = Duration::minutes(i64::from(settings.max_refresh_minutes));
    published
        .unwrap_or_else(|| Duration::minutes(i64::from(settings.default_refresh_minutes)))
        .clamp(min, max)
}

/// When to refresh after an attempt at `now`. `failures` counts consecutive failures
/// including this attempt (0 after a success); `jitter` is in `[-1, 1]` (a random draw).
pub fn next_refresh(
    settings: &ImportSettings,
    now: DateTime<Utc>,
    published: Option<Duration>,
    failures: u32,
    jitter: f64,
) -> DateTime<Utc> {
    let normal = interval(settings, published);
    let base = if failures == 0 {
        normal
    } else {
        let min = Duration::minutes(i64::from(settings.min_refresh_minutes));
        let factor = 1_i32 << failures.saturating_sub(1).min(16);
        (min * factor).min(normal)
    };
    // Truncation to whole seconds is fine at a granularity of minutes.
    #[allow(clippy::cast_possible_truncation, clippy::cast_precision_loss)]
    let spread = (base.num_seconds() as f64 * 0.1 * jitter.clamp(-1.0, 1.0)) as i64;
    now + base + Duration::seconds(spread)
}

/// A random draw in `[-1, 1]` from the operating system's RNG (0 if it fails).
pub fn jitter() -> f64 {
    let mut bytes = [0u8; 4];
    if getrandom::fill(&mut bytes).is_err() {
        return 0.0;
    }
    f64::from(u32::from_le_bytes(bytes)) / f64::from(u32::MAX) * 2.0 - 1.0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings() -> ImportSettings {
        ImportSettings {
            min_refresh_minutes: 15,
            max_refresh_minutes: 1440,
            default_refresh_minutes: 360,
            ..ImportSettings::default()
        }
    }

    fn at() -> DateTime<Utc> {
        "2027-03-01T00:00:00Z".parse().expect("instant")
    }

    #[test]
    fn the_feed_interval_is_clamped_into_the_configured_bounds() {
        let s = settings();
        assert_eq!(interval(&s, Some(Duration::hours(2))), Duration::hours(2));
        assert_eq!(
            interval(&s, Some(Duration::minutes(1))),
            Duration::minutes(15)
        );
        assert_eq!(interval(&s, Some(Duration::weeks(1))), Duration::hours(24));
        assert_eq!(interval(&s, None), Duration::hours(6));
    }

    #[test]
    fn jitter_stays_within_ten_percent() {
        let s = settings();
        let published = Some(Duration::hours(10));
        assert_eq!(
            next_refresh(&s, at(), published, 0, 1.0),
            at() + Duration::hours(11)
        );
        assert_eq!(
            next_refresh(&s, at(), published, 0, -1.0),
            at() + Duration::hours(9)
        );
        for _ in 0..1000 {
            let j = jitter();
            assert!((-1.0..=1.0).contains(&j));
            let next = next_refresh(&s, at(), published, 0, j);
            assert!(next >= at() + Duration::hours(9) && next <= at() + Duration::hours(11));
        }
    }

    #[test]
    fn failures_retry_sooner_backing_off_up_to_the_normal_interval() {
        let s = settings();
        let published = Some(Duration::hours(4));
        let after = |failures| next_refresh(&s, at(), published, failures, 0.0) - at();
        assert_eq!(after(1), Duration::minutes(15));
        assert_eq!(after(2), Duration::minutes(30));
        assert_eq!(after(3), Duration::minutes(60));
        assert_eq!(after(5), Duration::minutes(240));
        assert_eq!(after(40), Duration::hours(4));
    }
}
