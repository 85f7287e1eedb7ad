//! Sentences of the application's field errors that wrap another error: the phrase says
//! what tandem knows in the reader's language and carries the other error as `reason` —
//! the other phrase when there is one, else its text (DESIGN §16).

use tandem_core::{FieldError, Phrase};
use tandem_ical::ParseError;

/// `phrase` with `error` as its `reason`: said in the reader's language where `error` has a
/// phrase, else as written.
pub(crate) fn because(phrase: Phrase, error: FieldError) -> Phrase {
    match error.phrase {
        Some(inner) => phrase.list("reason", vec![inner]),
        None => phrase.text("reason", error.message),
    }
}

/// Why an iCalendar document cannot be read, naming the line where there is one; the
/// reader's own words are the parser's.
pub(crate) fn unreadable(error: &ParseError) -> Phrase {
    match error.line {
        Some(line) => Phrase::new("calendar-unreadable-line", error.to_string())
            .count("line", line)
            .text("reason", error.message.clone()),
        None => Phrase::new("calendar-unreadable", error.to_string())
            .text("reason", error.message.clone()),
    }
}

#[cfg(test)]
mod tests {
    use tandem_core::PhraseArg;

    use super::*;

    #[test]
    fn a_phrased_reason_stays_a_phrase_and_an_english_one_becomes_text() {
        let inner = Phrase::new("invalid-text-empty", "must not be empty");
        let phrased = because(
            Phrase::new("windows-read-failed", "outer"),
            FieldError::said("x", inner.clone()),
        );
        assert_eq!(phrased.args(), [("reason", PhraseArg::List(vec![inner]))]);
        let plain = because(
            Phrase::new("windows-read-failed", "outer"),
            FieldError {
                field: "x".into(),
                message: "in English".into(),
                phrase: None,
            },
        );
        assert_eq!(
            plain.args(),
            [("reason", PhraseArg::Text("in English".into()))]
        );
    }

    #[test]
    fn an_unreadable_calendar_keeps_the_parser_s_english() {
        let error = tandem_ical::parse(b"BEGIN:VCALENDAR\r\nnonsense\r\n").unwrap_err();
        let phrase = unreadable(&error);
        assert_eq!(phrase.english(), error.to_string());
        assert!(phrase
            .args()
            .contains(&("reason", PhraseArg::Text(error.message.clone()))));
    }
}
