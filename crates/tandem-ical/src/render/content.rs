//! Content lines (RFC 5545 §3.1): escaping of TEXT values and parameter values, and
//! folding at 75 octets with CRLF endings.

use std::fmt::Write as _;

use chrono::{DateTime, NaiveDateTime, Utc};

/// Longest physical line in octets, CRLF excluded (RFC 5545 §3.1).
pub(crate) const MAX_LINE_OCTETS: usize = 75;

/// A buffer of folded content lines.
#[derive(Default)]
pub(crate) struct Lines {
    out: String,
}

impl Lines {
    /// Starts an empty buffer.
    pub(crate) fn new() -> Self {
        Self::default()
    }

    /// Appends one logical line `NAME[;PARAM…]:value`, folded, with CRLF.
    ///
    /// `name_and_params` and `value` must already be escaped or quoted as their type
    /// requires; only folding happens here.
    pub(crate) fn push(&mut self, name_and_params: &str, value: &str) {
        let mut width = 0;
        for ch in name_and_params
            .chars()
            .chain(Some(':'))
            .chain(value.chars())
        {
            let len = ch.len_utf8();
            if width + len > MAX_LINE_OCTETS {
                // The continuation's leading space counts towards its 75 octets.
                self.out.push_str("\r\n ");
                width = 1;
            }
            self.out.push(ch);
            width += len;
        }
        self.out.push_str("\r\n");
    }

    /// Appends a TEXT property (escaped).
    pub(crate) fn text(&mut self, name: &str, value: &str) {
        self.push(name, &escape_text(value));
    }

    /// Appends a property whose value is a UTC DATE-TIME.
    pub(crate) fn utc(&mut self, name: &str, instant: DateTime<Utc>) {
        self.push(name, &utc_datetime(instant));
    }

    /// Appends the lines of an already rendered component (a VTIMEZONE).
    pub(crate) fn raw(&mut self, folded: &str) {
        self.out.push_str(folded);
    }

    /// The rendered bytes.
    pub(crate) fn finish(self) -> String {
        self.out
    }
}

/// Escapes a TEXT value (RFC 5545 §3.3.11): `\` `;` `,` and line breaks; other control
/// characters, which TEXT cannot carry, are dropped (a tab is kept).
pub(crate) fn escape_text(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut chars = value.chars().peekable();
    while let Some(ch) = chars.next() {
        match ch {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' => {
                chars.next_if_eq(&'\n');
                out.push_str("\\n");
            }
            '\n' => out.push_str("\\n"),
            '\t' => out.push('\t'),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// A parameter value (RFC 5545 §3.2): line breaks, `^` and `"` encoded by RFC 6868, other
/// control characters dropped, and the whole quoted when it holds `:` `;` or `,`.
pub(crate) fn param_value(value: &str) -> String {
    let mut encoded = String::with_capacity(value.len());
    let mut chars = value.chars().peekable();
    while let Some(ch) = chars.next() {
        match ch {
            '^' => encoded.push_str("^^"),
            '"' => encoded.push_str("^'"),
            '\r' => {
                chars.next_if_eq(&'\n');
                encoded.push_str("^n");
            }
            '\n' => encoded.push_str("^n"),
            '\t' => encoded.push('\t'),
            c if c.is_control() => {}
            c => encoded.push(c),
        }
    }
    if encoded.contains([':', ';', ',']) {
        format!("\"{encoded}\"")
    } else {
        encoded
    }
}

/// A URI value: not escaped (RFC 5545 §3.3.13), but control characters, which no URI
/// holds and which would break the content line, are dropped. `None` when nothing is left.
pub(crate) fn uri(value: &str) -> Option<String> {
    let clean: String = value.chars().filter(|c| !c.is_control()).collect();
    let clean = clean.trim();
    (!clean.is_empty()).then(|| clean.to_owned())
}

/// `20270310T080000Z`.
pub(crate) fn utc_datetime(instant: DateTime<Utc>) -> String {
    instant.format("%Y%m%dT%H%M%SZ").to_string()
}

/// `20270310T090000` (a local or floating DATE-TIME form).
pub(crate) fn local_datetime(local: NaiveDateTime) -> String {
    local.format("%Y%m%dT%H%M%S").to_string()
}

/// A UTC offset in seconds as `+hhmm` or `+hhmmss` (RFC 5545 §3.3.14; never `-0000`).
pub(crate) fn utc_offset(seconds: i32) -> String {
    let sign = if seconds < 0 { '-' } else { '+' };
    let abs = seconds.unsigned_abs();
    let (h, m, s) = (abs / 3600, abs / 60 % 60, abs % 60);
    if s == 0 {
        format!("{sign}{h:02}{m:02}")
    } else {
        format!("{sign}{h:02}{m:02}{s:02}")
    }
}

/// A positive duration as `PT…` (hours, minutes, seconds; whole seconds).
pub(crate) fn duration(seconds: i64) -> String {
    let (h, m, s) = (seconds / 3600, seconds / 60 % 60, seconds % 60);
    let mut out = String::from("PT");
    if h > 0 {
        let _ = write!(out, "{h}H");
    }
    if m > 0 {
        let _ = write!(out, "{m}M");
    }
    if s > 0 || (h == 0 && m == 0) {
        let _ = write!(out, "{s}S");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folded(name: &str, value: &str) -> String {
        let mut lines = Lines::new();
        lines.push(name, value);
        lines.finish()
    }

    fn unfold(text: &str) -> String {
        text.replace("\r\n ", "")
    }

    /// Every physical line fits in 75 octets, and unfolding gives back the logical line.
    fn assert_well_folded(name: &str, value: &str) {
        let text = folded(name, value);
        assert!(text.ends_with("\r\n"));
        for line in text.strip_suffix("\r\n").unwrap().split("\r\n") {
            assert!(
                line.len() <= MAX_LINE_OCTETS,
                "{} octets: {line:?}",
                line.len()
            );
            assert!(!line.contains('\r') && !line.contains('\n'));
        }
        assert_eq!(unfold(&text), format!("{name}:{value}\r\n"));
    }

    #[test]
    fn a_line_of_exactly_75_octets_is_not_folded() {
        let value = "x".repeat(75 - "SUMMARY:".len());
        let text = folded("SUMMARY", &value);
        assert_eq!(text, format!("SUMMARY:{value}\r\n"));
        let longer = folded("SUMMARY", &format!("{value}y"));
        assert_eq!(longer, format!("SUMMARY:{value}\r\n y\r\n"));
    }

    #[test]
    fn continuation_lines_count_their_leading_space() {
        let text = folded("DESCRIPTION", &"a".repeat(300));
        let lines: Vec<&str> = text.trim_end().split("\r\n").collect();
        assert_eq!(lines[0].len(), 75);
        assert!(lines[1..lines.len() - 1].iter().all(|l| l.len() == 75));
        assert!(lines[1..].iter().all(|l| l.starts_with(' ')));
        assert_well_folded("DESCRIPTION", &"a".repeat(300));
    }

    #[test]
    fn multi_byte_characters_are_never_split() {
        // 2-, 3- and 4-octet characters at every alignment against the 75-octet limit.
        for pad in 0..8 {
            for ch in ['é', '中', '😀'] {
                let value = format!("{}{}", "-".repeat(pad), ch.to_string().repeat(60));
                assert_well_folded("SUMMARY", &value);
                let text = folded("SUMMARY", &value);
                // Each physical line is valid UTF-8 on its own: no character straddles a fold.
                for line in text.split("\r\n") {
                    assert!(std::str::from_utf8(line.as_bytes()).is_ok());
                    assert!(line
                        .trim_start()
                        .chars()
                        .all(|c| c == ch || c == '-' || "SUMMARY:".contains(c)));
                }
            }
        }
        // A 3-octet character that would end at octet 76 moves to the next line whole.
        let value = format!("{}中", "x".repeat(75 - "SUMMARY:".len() - 2));
        assert_eq!(
            folded("SUMMARY", &value),
            format!("SUMMARY:{}\r\n 中\r\n", "x".repeat(65))
        );
    }

    #[test]
    fn mixed_scripts_and_emoji_fold_cleanly() {
        assert_well_folded(
            "LOCATION",
            "Palais des Congrès, Yaoundé — 会议中心 🇨🇲 👩🏽‍💻 salle « A » et l’annexe, niveau 2",
        );
    }

    #[test]
    fn text_escapes_backslash_semicolon_comma_and_newlines() {
        assert_eq!(
            escape_text("a\\b;c,d\ne\r\nf\rg\th"),
            "a\\\\b\\;c\\,d\\ne\\nf\\ng\th"
        );
        assert_eq!(escape_text("bell\u{7}null\u{0}del\u{7f}"), "bellnulldel");
        assert_eq!(escape_text("Yaoundé: 中 😀"), "Yaoundé: 中 😀");
    }

    #[test]
    fn parameter_values_are_quoted_and_caret_encoded() {
        assert_eq!(param_value("Secretariat"), "Secretariat");
        assert_eq!(param_value("BDT, Yaoundé"), "\"BDT, Yaoundé\"");
        assert_eq!(param_value("a:b"), "\"a:b\"");
        assert_eq!(param_value("a;b"), "\"a;b\"");
        assert_eq!(param_value("the \"AFR\" desk"), "the ^'AFR^' desk");
        assert_eq!(param_value("line\r\nbreak^"), "line^nbreak^^");
        assert_eq!(param_value("bell\u{7}"), "bell");
    }

    #[test]
    fn uris_are_not_escaped_but_lose_control_characters() {
        assert_eq!(
            uri("https://meet.example.org/j/1?a=1,2;b").as_deref(),
            Some("https://meet.example.org/j/1?a=1,2;b")
        );
        assert_eq!(
            uri("https://x.example/\r\nBEGIN:VEVENT").as_deref(),
            Some("https://x.example/BEGIN:VEVENT")
        );
        assert_eq!(uri(" \u{0} "), None);
    }

    #[test]
    fn offsets_and_durations() {
        assert_eq!(utc_offset(0), "+0000");
        assert_eq!(utc_offset(3600), "+0100");
        assert_eq!(utc_offset(20_700), "+0545");
        assert_eq!(utc_offset(49_500), "+1345");
        assert_eq!(utc_offset(-12_600), "-0330");
        assert_eq!(utc_offset(-2_670), "-004430");
        assert_eq!(utc_offset(815), "+001335");
        assert_eq!(duration(43_200), "PT12H");
        assert_eq!(duration(5_430), "PT1H30M30S");
        assert_eq!(duration(0), "PT0S");
        assert_eq!(duration(86_400 * 2), "PT48H");
    }
}
