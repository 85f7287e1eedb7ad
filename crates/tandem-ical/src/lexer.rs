//! Content lines (RFC 5545 §3.1) and the component tree, with line numbers for errors.
//!
//! Tolerant of what real producers write: a UTF-8 BOM, LF or lone CR line endings, blank
//! lines (even inside a fold), folds with a tab, whitespace inside property and parameter
//! names (`REFRESH - INTERVAL; VALUE = DURATION`), empty parameters (`DTSTART;;VALUE=…`),
//! properties outside any component, Latin-1 bytes. Strict about lines that cannot be
//! read (a parameter without `=`, an unterminated quote, no `:`), about components that
//! do not close (a truncated download must never half-replace a calendar) and about END
//! lines that close something else.

use std::borrow::Cow;

use crate::ParseError;

/// Deepest component nesting accepted (VCALENDAR > VTIMEZONE > STANDARD is 3).
const MAX_DEPTH: usize = 16;

/// One unfolded content line: `NAME;PARAM=VALUE:value`, borrowing from the input.
#[derive(Clone, Debug)]
pub(crate) struct Property<'a> {
    /// Upper-cased name.
    pub name: Cow<'a, str>,
    /// Parameters with upper-cased names, values unquoted and RFC 6868-decoded; a
    /// parameter with several values (`MEMBER="a","b"`) appears once per value.
    pub params: Vec<(Cow<'a, str>, Cow<'a, str>)>,
    /// The raw value (still escaped for TEXT).
    pub value: Cow<'a, str>,
    /// 1-based physical line where the content line starts.
    pub line: usize,
}

impl Property<'_> {
    /// The first value of parameter `name` (upper-case).
    pub fn param(&self, name: &str) -> Option<&str> {
        self.params
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, value)| value.as_ref())
    }
}

/// A component with its properties and the children tandem-ical reads.
#[derive(Clone, Debug)]
pub(crate) struct Component<'a> {
    /// Upper-cased name (`VEVENT`).
    pub name: Cow<'a, str>,
    /// Line of its BEGIN.
    pub line: usize,
    pub properties: Vec<Property<'a>>,
    pub children: Vec<Component<'a>>,
}

impl<'a> Component<'a> {
    fn new(name: Cow<'a, str>, line: usize) -> Self {
        Self {
            name,
            line,
            properties: Vec::with_capacity(8),
            children: Vec::new(),
        }
    }

    /// The first property called `name`.
    pub fn property(&self, name: &str) -> Option<&Property<'a>> {
        self.properties.iter().find(|p| p.name == name)
    }
}

/// Decodes the input: UTF-8 (BOM stripped), or Latin-1 when it is not valid UTF-8.
pub(crate) fn decode(bytes: &[u8]) -> Cow<'_, str> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => Cow::Borrowed(text),
        Err(_) => Cow::Owned(bytes.iter().map(|&b| char::from(b)).collect()),
    }
}

/// Unfolds physical lines (CRLF, LF or CR) into logical content lines, each with the
/// number of its first physical line.
pub(crate) fn unfold(text: &str) -> Vec<(Cow<'_, str>, usize)> {
    let mut lines: Vec<(Cow<'_, str>, usize)> = Vec::with_capacity(text.len() / 32);
    let bytes = text.as_bytes();
    let mut number = 0;
    let mut at = 0;
    while at < bytes.len() {
        number += 1;
        let end = memchr::memchr2(b'\n', b'\r', bytes.get(at..).unwrap_or_default())
            .map_or(bytes.len(), |i| at + i);
        // Both ends are at an ASCII line break (or the end): always character boundaries.
        let physical = text.get(at..end).unwrap_or_default();
        at = if bytes.get(end) == Some(&b'\r') && bytes.get(end + 1) == Some(&b'\n') {
            end + 2
        } else {
            end + 1
        };
        if physical.is_empty() {
            // Blank lines carry nothing; Mozilla even puts them inside folds.
            continue;
        }
        match (physical.strip_prefix([' ', '\t']), lines.last_mut()) {
            (Some(folded), Some((logical, _))) => logical.to_mut().push_str(folded),
            _ => lines.push((Cow::Borrowed(physical), number)),
        }
    }
    lines
}

fn is_name_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'-'
}

/// Reads a name (property or parameter) from `text` up to the first of `stops` (ASCII),
/// upper-cased, with whitespace inside it dropped.
fn read_name<'a>(text: &'a str, stops: &[u8]) -> (Cow<'a, str>, &'a str) {
    let end = text
        .bytes()
        .position(|b| stops.contains(&b))
        .unwrap_or(text.len());
    let (raw, rest) = text.split_at_checked(end).unwrap_or((text, ""));
    let name = if raw
        .bytes()
        .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'-')
    {
        Cow::Borrowed(raw)
    } else {
        Cow::Owned(
            raw.chars()
                .filter(|c| !c.is_whitespace())
                .map(|c| c.to_ascii_uppercase())
                .collect(),
        )
    };
    (name, rest)
}

/// RFC 6868 parameter value decoding (`^n`, `^^`, `^'`); other carets stay as written.
fn decode_caret(value: &str) -> Cow<'_, str> {
    if !value.contains('^') {
        return Cow::Borrowed(value);
    }
    let mut out = String::with_capacity(value.len());
    let mut chars = value.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '^' {
            match chars.peek() {
                Some('n' | 'N') => {
                    out.push('\n');
                    chars.next();
                }
                Some('^') => {
                    out.push('^');
                    chars.next();
                }
                Some('\'') => {
                    out.push('"');
                    chars.next();
                }
                _ => out.push('^'),
            }
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Borrows `part` of `line` when the line is borrowed (so the part outlives it), else
/// copies it.
fn part_of<'a>(line: &Cow<'a, str>, part: &str) -> Cow<'a, str> {
    match line {
        Cow::Borrowed(whole) => (part.as_ptr() as usize)
            .checked_sub(whole.as_ptr() as usize)
            .and_then(|offset| whole.get(offset..offset + part.len()))
            .map_or_else(|| Cow::Owned(part.to_owned()), Cow::Borrowed),
        Cow::Owned(_) => Cow::Owned(part.to_owned()),
    }
}

fn owned_or<'a>(line: &Cow<'a, str>, decoded: Cow<'_, str>, raw: &str) -> Cow<'a, str> {
    match decoded {
        Cow::Borrowed(_) => part_of(line, raw),
        Cow::Owned(text) => Cow::Owned(text),
    }
}

/// Parses one logical content line.
pub(crate) fn parse_content_line<'a>(
    line_text: &Cow<'a, str>,
    line: usize,
) -> Result<Property<'a>, ParseError> {
    let text: &str = line_text;
    let error = |message: String| ParseError::at(line, message);
    let (name, mut rest) = read_name(text, b";:");
    if name.is_empty() {
        return Err(error(format!(
            "'{}' is not a content line (expected NAME:value)",
            shorten(text)
        )));
    }
    if !name.bytes().all(is_name_byte) {
        return Err(error(format!(
            "'{}' is not a content line (expected NAME:value)",
            shorten(text)
        )));
    }
    let name = match name {
        Cow::Borrowed(raw) => part_of(line_text, raw),
        Cow::Owned(owned) => Cow::Owned(owned),
    };
    let mut params = Vec::new();
    while let Some(after) = rest.strip_prefix(';') {
        let (param_name, after_name) = read_name(after, b"=;:");
        let Some(mut values_text) = after_name.strip_prefix('=') else {
            if param_name.is_empty() && !after_name.is_empty() {
                // `DTSTART;;VALUE=…`: an empty parameter, harmless.
                rest = after_name;
                continue;
            }
            return Err(error(format!(
                "{name}: parameter '{}' has no value (expected NAME=VALUE, then ':' and the value)",
                shorten(after.split(':').next().unwrap_or(after))
            )));
        };
        if param_name.is_empty() || !param_name.bytes().all(is_name_byte) {
            return Err(error(format!(
                "{name}: '{}' is not a parameter name",
                shorten(&param_name)
            )));
        }
        let param_name = match param_name {
            Cow::Borrowed(raw) => part_of(line_text, raw),
            Cow::Owned(owned) => Cow::Owned(owned),
        };
        loop {
            let trimmed = values_text.trim_start();
            if let Some(quoted) = trimmed.strip_prefix('"') {
                let Some((raw, after)) = quoted.split_once('"') else {
                    return Err(error(format!(
                        "{name}: the quoted value of parameter {param_name} is never closed"
                    )));
                };
                params.push((
                    param_name.clone(),
                    owned_or(line_text, decode_caret(raw), raw),
                ));
                values_text = after.trim_start();
            } else {
                let end = unquoted_end(trimmed);
                let (raw, after) = trimmed.split_at_checked(end).unwrap_or((trimmed, ""));
                let raw = raw.trim();
                params.push((
                    param_name.clone(),
                    owned_or(line_text, decode_caret(raw), raw),
                ));
                values_text = after;
            }
            match values_text.strip_prefix(',') {
                Some(next) => values_text = next,
                None => break,
            }
        }
        rest = values_text;
    }
    let Some(value) = rest.strip_prefix(':') else {
        return Err(error(format!(
            "{name}: no ':' separates the property from its value"
        )));
    };
    Ok(Property {
        name,
        params,
        value: part_of(line_text, value),
        line,
    })
}

/// End of an unquoted parameter value: the first `,`, `;` or `:` not escaped with a
/// backslash (not RFC 5545, but some producers escape parameter values like TEXT).
fn unquoted_end(text: &str) -> usize {
    let mut escaped = false;
    for (i, b) in text.bytes().enumerate() {
        match b {
            _ if escaped => escaped = false,
            b'\\' => escaped = true,
            b',' | b';' | b':' => return i,
            _ => {}
        }
    }
    text.len()
}

fn shorten(text: &str) -> String {
    const MAX: usize = 60;
    if text.chars().count() <= MAX {
        text.to_owned()
    } else {
        let cut: String = text.chars().take(MAX).collect();
        format!("{cut}…")
    }
}

/// Reads unfolded lines into the top-level components (VCALENDARs, or bare components
/// such as a lone VEVENT).
pub(crate) fn components<'a>(
    lines: &[(Cow<'a, str>, usize)],
) -> Result<Vec<Component<'a>>, ParseError> {
    let mut top: Vec<Component<'a>> = Vec::new();
    let mut stack: Vec<Component<'a>> = Vec::new();
    let mut last_line = 1;
    for (logical, line) in lines {
        let line = *line;
        last_line = line;
        let property = parse_content_line(logical, line)?;
        match property.name.as_ref() {
            "BEGIN" => {
                let (name, _) = read_name(&property.value, b"");
                if name.is_empty() || !name.bytes().all(is_name_byte) {
                    return Err(ParseError::at(
                        line,
                        format!(
                            "BEGIN:{} does not name a component",
                            shorten(&property.value)
                        ),
                    ));
                }
                if stack.len() >= MAX_DEPTH {
                    return Err(ParseError::at(
                        line,
                        format!("components nested more than {MAX_DEPTH} deep"),
                    ));
                }
                stack.push(Component::new(Cow::Owned(name.into_owned()), line));
            }
            "END" => {
                let (name, _) = read_name(&property.value, b"");
                let Some(open) = stack.pop() else {
                    return Err(ParseError::at(
                        line,
                        format!("END:{} without a matching BEGIN", shorten(&name)),
                    ));
                };
                if open.name != name {
                    return Err(ParseError::at(
                        line,
                        format!(
                            "END:{} does not close BEGIN:{} (line {})",
                            shorten(&name),
                            open.name,
                            open.line
                        ),
                    ));
                }
                match stack.last_mut() {
                    Some(parent) => {
                        if keeps_child(&parent.name, &open.name) {
                            parent.children.push(open);
                        }
                    }
                    None => top.push(open),
                }
            }
            _ => {
                // Properties outside any component (Podio appends one after
                // END:VCALENDAR) belong to nothing and are ignored.
                if let Some(open) = stack.last_mut() {
                    open.properties.push(property);
                }
            }
        }
    }
    if let Some(open) = stack.last() {
        return Err(ParseError::at(
            open.line,
            format!(
                "BEGIN:{} is never closed (END:{} missing by line {last_line}; truncated file?)",
                open.name, open.name
            ),
        ));
    }
    if top.is_empty() {
        return Err(ParseError::at(
            1,
            "no iCalendar data: expected BEGIN:VCALENDAR".to_owned(),
        ));
    }
    Ok(top)
}

/// Which nested components are worth keeping: calendar contents and time zone rules.
/// (VALARMs inside events and the like are read for syntax, then dropped.) A VEVENT counts
/// only directly in a VCALENDAR: inside a component tandem-ical does not know it goes with
/// that component (RFC 5545 §3.6: unrecognised x-comp and iana-comp are ignored), since
/// the one such nesting in use, VPOLL, holds the choices of a poll, not bookings.
/// (README, "Readings where parsers differ".)
fn keeps_child(parent: &str, child: &str) -> bool {
    match parent {
        "VCALENDAR" => true,
        "VTIMEZONE" => matches!(child, "STANDARD" | "DAYLIGHT"),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unfolds_blank_lines_inside_folds_and_tabs() {
        let lines = unfold("VERSION\n\n :2.0\r\nSUMMARY:a\r\n\tb\rX:1");
        let texts: Vec<_> = lines.iter().map(|(t, n)| (t.as_ref(), *n)).collect();
        assert_eq!(
            texts,
            vec![("VERSION:2.0", 1), ("SUMMARY:ab", 4), ("X:1", 6)]
        );
    }

    #[test]
    fn parameters_quoted_caret_and_whitespace() {
        let p = parse_content_line(
            &Cow::Borrowed("ATTENDEE;CN=\"George ^'Babe^' Ruth\";X-A=a,\"b:c\":mailto:x@y"),
            3,
        )
        .unwrap();
        assert_eq!(p.name, "ATTENDEE");
        assert_eq!(p.param("CN"), Some("George \"Babe\" Ruth"));
        let values: Vec<&str> = p.params[1..].iter().map(|(_, v)| v.as_ref()).collect();
        assert_eq!(values, vec!["a", "b:c"]);
        assert_eq!(p.value, "mailto:x@y");
        let p = parse_content_line(
            &Cow::Borrowed("REFRESH - INTERVAL; VALUE = DURATION:PT48H"),
            1,
        )
        .unwrap();
        assert_eq!(p.name, "REFRESH-INTERVAL");
        assert_eq!(p.param("VALUE"), Some("DURATION"));
    }

    #[test]
    fn unreadable_lines_name_their_line() {
        let line = |text: &'static str| Cow::Borrowed(text);
        let e = parse_content_line(&line("DESCRIPTION;This is a description"), 2).unwrap_err();
        assert_eq!(e.line, Some(2));
        assert!(e.message.contains("has no value"), "{e}");
        let e = parse_content_line(&line("NAME;P=\"open:value"), 7).unwrap_err();
        assert!(e.to_string().starts_with("line 7: "), "{e}");
        assert!(parse_content_line(&line("just text"), 1).is_err());
    }

    fn components(bytes: &[u8]) -> Result<usize, ParseError> {
        let text = decode(bytes);
        let lines = unfold(&text);
        super::components(&lines).map(|c| c.len())
    }

    #[test]
    fn structure_errors() {
        let e = components(b"BEGIN:VCALENDAR\nBEGIN:VEVENT\nEND:VCALENDAR\n").unwrap_err();
        assert_eq!(e.line, Some(3));
        let e = components(b"BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:1\n").unwrap_err();
        assert_eq!(e.line, Some(2));
        assert!(e.message.contains("never closed"), "{e}");
        assert!(components(b"").is_err());
        assert!(components(b"\xEF\xBB\xBFBEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n").is_ok());
    }
}
