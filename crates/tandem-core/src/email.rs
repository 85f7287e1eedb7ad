//! A participant's e-mail address (DESIGN §15): checked once at the edge, private after.

use std::fmt;

use crate::phrase::Phrase;
use crate::FieldError;

/// Longest address accepted, in octets (RFC 5321 §4.5.3.1.3: a path holds 256 octets, of
/// which the angle brackets take two).
pub const MAX_EMAIL_OCTETS: usize = 254;

/// An e-mail address someone can be invited at: `local@domain`, with a dot-atom local part
/// (RFC 5322 §3.2.3) and a domain of at least two LDH labels (RFC 1035: 1 to 63 letters,
/// digits and hyphens, no hyphen first or last), the last starting with a letter; at most
/// 254 octets in all (RFC 5321 §4.5.3.1.3), no white space around it. Quoted local parts,
/// address literals and comments are refused: no calendar service hands those out, and each
/// is a way to smuggle something into a mail header. [`EMAIL_PATTERN`] says the same for the
/// OpenAPI document. The domain is kept in lower case.
///
/// The address is private: its `Debug` shows nothing of it, and it has no `Display`; read it
/// with [`EmailAddress::expose`] where it is meant to go (a mail, a reader allowed to see it).
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct EmailAddress(String);

/// The addresses [`EmailAddress::parse`] accepts, as an ECMA-262 regular expression (with a
/// `maxLength` of [`MAX_EMAIL_OCTETS`]: every character it allows is one octet).
pub const EMAIL_PATTERN: &str = "^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@\
     (?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$";

impl EmailAddress {
    /// Checks the address. The error never repeats it (it may reach a log line).
    pub fn parse(text: &str) -> Result<Self, FieldError> {
        // The address is no value of the phrase: the error never repeats it.
        let invalid = |id: &'static str, why: &str| {
            FieldError::said(
                "",
                Phrase::new(id, format!("invalid e-mail address: {why}")),
            )
        };
        if text.is_empty() {
            return Err(invalid("email-empty", "it is empty"));
        }
        if text.len() > MAX_EMAIL_OCTETS {
            return Err(invalid("email-too-long", "longer than 254 octets"));
        }
        let Some((local, domain)) = text.rsplit_once('@') else {
            return Err(invalid("email-no-at", "it has no '@'"));
        };
        if !local
            .split('.')
            .all(|atom| !atom.is_empty() && atom.chars().all(is_atext))
        {
            return Err(invalid(
                "email-local-part",
                "the part before '@' may hold letters, digits, dots (not first, last or two in \
                 a row) and !#$%&'*+/=?^_`{|}~-",
            ));
        }
        let labels: Vec<&str> = domain.split('.').collect();
        let label_ok = |l: &&str| {
            !l.is_empty()
                && l.len() <= 63
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        };
        let last_ok = labels
            .last()
            .and_then(|l| l.chars().next())
            .is_some_and(|c| c.is_ascii_alphabetic());
        if labels.len() < 2 || !labels.iter().all(label_ok) || !last_ok {
            return Err(invalid(
                "email-domain",
                "the part after '@' must be a domain name such as example.org",
            ));
        }
        Ok(Self(format!("{local}@{}", domain.to_ascii_lowercase())))
    }

    /// The address itself, for where it is meant to go.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for EmailAddress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("EmailAddress(<private>)")
    }
}

/// RFC 5322 `atext`.
fn is_atext(c: char) -> bool {
    c.is_ascii_alphanumeric() || "!#$%&'*+/=?^_`{|}~-".contains(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_addresses_are_accepted_and_their_domain_lowered() {
        for ok in [
            "amina.diallo@example.org",
            "a@b.co",
            "first.last+tandem@sub.Example.ORG",
            "o'brien@itu.int",
            "x_y-z@xn--bcher-kva.example",
        ] {
            assert!(EmailAddress::parse(ok).is_ok(), "{ok}");
        }
        assert_eq!(
            EmailAddress::parse("Amina@Example.ORG").unwrap().expose(),
            "Amina@example.org"
        );
    }

    #[test]
    fn what_could_break_a_header_or_is_no_address_is_refused() {
        for bad in [
            "",
            "no-at-sign",
            "@example.org",
            "a@",
            "a@localhost",
            "a@127.0.0.1",
            "a@[127.0.0.1]",
            "\"quoted\"@example.org",
            "a b@example.org",
            "a@exa mple.org",
            "a@example.org\r\nBcc: victim@example.org",
            "a,b@example.org",
            "a<b>@example.org",
            ".a@example.org",
            "a.@example.org",
            "a..b@example.org",
            "a@-example.org",
            "a@example-.org",
            "a@example..org",
            "dé@example.org",
            " a@example.org",
            "a@example.org ",
            "a@example.1org",
        ] {
            assert!(EmailAddress::parse(bad).is_err(), "{bad:?}");
        }
        let label = "b".repeat(63);
        let longest = format!("{}@{label}.{label}.{label}.org", "a".repeat(58));
        assert_eq!(longest.len(), MAX_EMAIL_OCTETS);
        assert!(EmailAddress::parse(&longest).is_ok());
        assert!(EmailAddress::parse(&format!("a{longest}")).is_err());
        assert!(EmailAddress::parse(&format!("a@{}.org", "b".repeat(64))).is_err());
    }

    #[test]
    fn neither_debug_nor_the_error_repeats_the_address() {
        let address = EmailAddress::parse("secret.person@example.org").unwrap();
        assert!(!format!("{address:?}").contains("secret"));
        let error = EmailAddress::parse("secret.person@@example").unwrap_err();
        assert!(!error.message.contains("secret"), "{}", error.message);
    }
}
