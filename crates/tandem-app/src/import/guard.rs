//! The SSRF guard (DESIGN §8): a calendar URL may only reach public addresses, unless its
//! host is on `import.allow_hosts`.
//!
//! Two checks make it hold for every hop of a redirect chain and against DNS rebinding:
//! a URL whose host is an IP literal is checked before the request ([`Guard::check_url`]);
//! a host name is resolved by [`GuardedResolver`], the HTTP client's only resolver, which
//! refuses the name when any of its addresses is refused. The client connects to exactly the
//! addresses the resolver vetted, so a name cannot resolve to a public address for the check
//! and to a private one for the connection.

use std::fmt;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::sync::Arc;

use reqwest::dns::{Addrs, Name, Resolve, Resolving};
use reqwest::Url;
use tandem_core::Phrase;

/// Why an address is refused, or `None` for a public address that may be fetched.
pub fn refusal(ip: IpAddr) -> Option<&'static str> {
    match ip {
        IpAddr::V4(v4) => refusal_v4(v4),
        IpAddr::V6(v6) => refusal_v6(v6),
    }
}

fn in_v4(ip: Ipv4Addr, net: [u8; 4], prefix: u32) -> bool {
    let mask = u32::MAX.checked_shl(32 - prefix).unwrap_or(0);
    u32::from(ip) & mask == u32::from(Ipv4Addr::from(net)) & mask
}

fn refusal_v4(ip: Ipv4Addr) -> Option<&'static str> {
    const RANGES: &[([u8; 4], u32, &str)] = &[
        ([0, 0, 0, 0], 8, "unspecified, 0.0.0.0/8"),
        ([127, 0, 0, 0], 8, "loopback, 127.0.0.0/8"),
        ([10, 0, 0, 0], 8, "private, 10.0.0.0/8"),
        ([172, 16, 0, 0], 12, "private, 172.16.0.0/12"),
        ([192, 168, 0, 0], 16, "private, 192.168.0.0/16"),
        ([169, 254, 0, 0], 16, "link-local, 169.254.0.0/16"),
        ([100, 64, 0, 0], 10, "carrier-grade NAT, 100.64.0.0/10"),
        (
            [192, 0, 0, 0],
            24,
            "IETF protocol assignments, 192.0.0.0/24",
        ),
        ([192, 0, 2, 0], 24, "documentation, 192.0.2.0/24"),
        ([198, 51, 100, 0], 24, "documentation, 198.51.100.0/24"),
        ([203, 0, 113, 0], 24, "documentation, 203.0.113.0/24"),
        ([198, 18, 0, 0], 15, "benchmarking, 198.18.0.0/15"),
        ([224, 0, 0, 0], 4, "multicast, 224.0.0.0/4"),
        ([255, 255, 255, 255], 32, "broadcast"),
        ([240, 0, 0, 0], 4, "reserved, 240.0.0.0/4"),
    ];
    RANGES
        .iter()
        .find(|(net, prefix, _)| in_v4(ip, *net, *prefix))
        .map(|(_, _, why)| *why)
}

fn refusal_v6(ip: Ipv6Addr) -> Option<&'static str> {
    let s = ip.segments();
    if ip.is_unspecified() {
        return Some("unspecified, ::");
    }
    if ip.is_loopback() {
        return Some("loopback, ::1");
    }
    // IPv4 embedded in IPv6: judged by the IPv4 address, so ::ffff:127.0.0.1 is loopback.
    let embedded = |hi: u16, lo: u16| Ipv4Addr::from((u32::from(hi) << 16) | u32::from(lo));
    if s[..5] == [0, 0, 0, 0, 0] && s[5] == 0xffff {
        return refusal_v4(embedded(s[6], s[7])).map(|_| "IPv4-mapped form of a refused address");
    }
    if s[..6] == [0, 0, 0, 0, 0, 0] {
        // IPv4-compatible (deprecated); nothing public lives there.
        return Some("IPv4-compatible IPv6, ::/96");
    }
    if s[..6] == [0x64, 0xff9b, 0, 0, 0, 0] {
        return refusal_v4(embedded(s[6], s[7])).map(|_| "NAT64 form of a refused address");
    }
    if s[0] == 0x64 && s[1] == 0xff9b && s[2] == 1 {
        return Some("local-use NAT64, 64:ff9b:1::/48");
    }
    if s[0] == 0x2002 {
        return refusal_v4(embedded(s[1], s[2])).map(|_| "6to4 form of a refused address");
    }
    let first = s[0];
    if first & 0xff00 == 0xff00 {
        return Some("multicast, ff00::/8");
    }
    if first & 0xffc0 == 0xfe80 {
        return Some("link-local, fe80::/10");
    }
    if first & 0xffc0 == 0xfec0 {
        return Some("site-local, fec0::/10");
    }
    if first & 0xfe00 == 0xfc00 {
        return Some("unique local, fc00::/7");
    }
    if s[0] == 0x2001 && s[1] == 0x0db8 {
        return Some("documentation, 2001:db8::/32");
    }
    if s[0] == 0x2001 && s[1] == 0 {
        return Some("Teredo, 2001::/32");
    }
    if s[..4] == [0x100, 0, 0, 0] {
        return Some("discard-only, 100::/64");
    }
    None
}

/// Hosts let through whatever they resolve to: exact names or IP literals, or `*.domain`
/// for every subdomain of `domain`. Compared case-insensitively.
#[derive(Clone, Debug, Default)]
pub struct AllowList {
    hosts: Vec<String>,
}

impl AllowList {
    /// The list from `import.allow_hosts`.
    pub fn new(hosts: &[String]) -> Self {
        Self {
            hosts: hosts
                .iter()
                .map(|h| normalise_host(h.trim()))
                .filter(|h| !h.is_empty())
                .collect(),
        }
    }

    /// Whether `host` (a name or an IP literal, IPv6 with or without brackets) is allowed.
    pub fn allows(&self, host: &str) -> bool {
        let host = normalise_host(host);
        self.hosts
            .iter()
            .any(|allowed| match allowed.strip_prefix("*.") {
                Some(domain) => host
                    .strip_suffix(domain)
                    .is_some_and(|sub| sub.ends_with('.') && sub.len() > 1),
                None => *allowed == host,
            })
    }
}

fn normalise_host(host: &str) -> String {
    host.trim_start_matches('[')
        .trim_end_matches(']')
        .trim_end_matches('.')
        .to_ascii_lowercase()
}

/// A URL or address the guard refuses.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refused {
    /// The host asked for.
    pub host: String,
    /// The address refused, when the host resolved.
    pub address: Option<IpAddr>,
    /// Why.
    pub reason: Reason,
}

/// Why the guard refuses a URL or an address.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reason {
    /// The address is in a range that is not public, named with its prefix
    /// (`loopback, 127.0.0.0/8`).
    Range(&'static str),
    /// The URL's scheme is neither http nor https.
    Scheme(String),
    /// The URL has no host.
    NoHost,
    /// The host name resolves to no address.
    NoAddress,
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Reason::Range(range) => f.write_str(range),
            Reason::Scheme(scheme) => write!(
                f,
                "the scheme '{scheme}' is not fetched: use https, http or webcal"
            ),
            Reason::NoHost => f.write_str("the URL has no host"),
            Reason::NoAddress => f.write_str("the name resolves to no address"),
        }
    }
}

impl Refused {
    /// The refusal as a fetch reports it (`refused: …`, the text of
    /// [`super::fetch::FetchError::Refused`]), as a message of the translations.
    pub fn phrase(&self) -> Phrase {
        let english = format!("refused: {self}");
        let host = self.host.clone();
        match (self.address, &self.reason) {
            (Some(address), reason) if address.to_string() != self.host => {
                Phrase::new("import-refused-resolves", english)
                    .text("host", host)
                    .text("address", address.to_string())
                    .text("range", reason.to_string())
            }
            (Some(_), reason) | (None, reason @ Reason::Range(_)) => {
                Phrase::new("import-refused-address", english)
                    .text("host", host)
                    .text("range", reason.to_string())
            }
            (None, Reason::Scheme(scheme)) => Phrase::new("import-refused-scheme", english)
                .text("host", host)
                .text("scheme", scheme.as_str()),
            (None, Reason::NoHost) => {
                Phrase::new("import-refused-no-host", english).text("host", host)
            }
            (None, Reason::NoAddress) => {
                Phrase::new("import-refused-no-address", english).text("host", host)
            }
        }
    }
}

impl fmt::Display for Refused {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let allow = "calendars are fetched from public addresses only (list the host in \
                     import.allow_hosts to allow it)";
        match self.address {
            Some(address) if address.to_string() != self.host => write!(
                f,
                "{} resolves to {address}, which is not a public address ({}); {allow}",
                self.host, self.reason
            ),
            Some(_) => write!(
                f,
                "{} is not a public address ({}); {allow}",
                self.host, self.reason
            ),
            None => write!(f, "{}: {}", self.host, self.reason),
        }
    }
}

impl std::error::Error for Refused {}

/// The guard shared by the checks before a request and the resolver.
#[derive(Clone, Debug, Default)]
pub struct Guard {
    allow: AllowList,
}

impl Guard {
    /// A guard letting `allow` through.
    pub fn new(allow: AllowList) -> Self {
        Self { allow }
    }

    /// Checks a URL before it is requested: its scheme is http or https, it has a host, and
    /// an IP-literal host is public or allowed (host names are checked when resolved).
    pub fn check_url(&self, url: &Url) -> Result<(), Refused> {
        let host = url.host_str().unwrap_or_default().to_owned();
        if !matches!(url.scheme(), "http" | "https") {
            return Err(Refused {
                host,
                address: None,
                reason: Reason::Scheme(url.scheme().to_owned()),
            });
        }
        if host.is_empty() {
            return Err(Refused {
                host,
                address: None,
                reason: Reason::NoHost,
            });
        }
        // The URL parser has already normalised numeric forms (2130706433, 0x7f.1) to
        // dotted IPv4, and IPv6 literals come in brackets.
        match host
            .trim_start_matches('[')
            .trim_end_matches(']')
            .parse::<IpAddr>()
        {
            Ok(ip) => self.check_address(&host, ip),
            Err(_) => Ok(()),
        }
    }

    /// Checks one address `host` resolved to.
    pub fn check_address(&self, host: &str, ip: IpAddr) -> Result<(), Refused> {
        if self.allow.allows(host) {
            return Ok(());
        }
        match refusal(ip) {
            None => Ok(()),
            Some(reason) => Err(Refused {
                host: host
                    .trim_start_matches('[')
                    .trim_end_matches(']')
                    .to_owned(),
                address: Some(ip),
                reason: Reason::Range(reason),
            }),
        }
    }
}

/// The HTTP client's resolver: resolves with the system resolver (tokio), then refuses the
/// name if any address it resolved to is refused and the name is not allowed.
#[derive(Clone, Debug)]
pub struct GuardedResolver {
    guard: Arc<Guard>,
}

impl GuardedResolver {
    /// A resolver enforcing `guard`.
    pub fn new(guard: Arc<Guard>) -> Self {
        Self { guard }
    }
}

impl Resolve for GuardedResolver {
    fn resolve(&self, name: Name) -> Resolving {
        let guard = self.guard.clone();
        Box::pin(async move {
            let host = name.as_str().to_owned();
            let addrs: Vec<SocketAddr> =
                tokio::net::lookup_host((host.as_str(), 0)).await?.collect();
            if addrs.is_empty() {
                return Err(Box::new(Refused {
                    host,
                    address: None,
                    reason: Reason::NoAddress,
                })
                    as Box<dyn std::error::Error + Send + Sync>);
            }
            for addr in &addrs {
                guard.check_address(&host, addr.ip())?;
            }
            Ok(Box::new(addrs.into_iter()) as Addrs)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refused(text: &str) -> bool {
        refusal(text.parse().expect("an address")).is_some()
    }

    #[test]
    fn non_public_ipv4_addresses_are_refused() {
        for addr in [
            "0.0.0.0",
            "0.1.2.3",
            "127.0.0.1",
            "127.255.255.254",
            "10.0.0.1",
            "10.255.255.255",
            "172.16.0.1",
            "172.31.255.255",
            "192.168.0.1",
            "192.168.255.255",
            "169.254.169.254",
            "169.254.0.1",
            "100.64.0.1",
            "100.127.255.255",
            "224.0.0.1",
            "239.255.255.250",
            "255.255.255.255",
            "240.0.0.1",
            "192.0.0.8",
            "192.0.2.1",
            "198.51.100.7",
            "203.0.113.9",
            "198.18.0.1",
            "198.19.255.255",
        ] {
            assert!(refused(addr), "{addr} must be refused");
        }
    }

    #[test]
    fn public_ipv4_addresses_pass_including_range_neighbours() {
        for addr in [
            "1.1.1.1",
            "8.8.8.8",
            "9.255.255.255",
            "11.0.0.1",
            "172.15.255.255",
            "172.32.0.1",
            "192.167.255.255",
            "192.169.0.1",
            "169.253.255.255",
            "169.255.0.1",
            "100.63.255.255",
            "100.128.0.1",
            "126.255.255.255",
            "128.0.0.1",
            "198.17.255.255",
            "198.20.0.1",
            "223.255.255.255",
            "156.106.192.10",
        ] {
            assert!(!refused(addr), "{addr} is public");
        }
    }

    #[test]
    fn non_public_ipv6_addresses_are_refused() {
        for addr in [
            "::",
            "::1",
            "fe80::1",
            "febf:ffff::1",
            "fc00::1",
            "fd12:3456:789a::1",
            "ff02::1",
            "ff05::1:3",
            "fec0::1",
            "2001:db8::1",
            "2001:0:4136:e378::1",
            "100::1",
            "64:ff9b:1::a00:1",
        ] {
            assert!(refused(addr), "{addr} must be refused");
        }
    }

    #[test]
    fn ipv4_embedded_in_ipv6_is_judged_by_the_ipv4_address() {
        for addr in [
            "::ffff:127.0.0.1",
            "::ffff:10.0.0.1",
            "::ffff:192.168.1.1",
            "::ffff:169.254.169.254",
            "::ffff:100.64.0.1",
            "::ffff:0.0.0.0",
            "::127.0.0.1",
            "::10.0.0.1",
            "::8.8.8.8",
            "64:ff9b::7f00:1",
            "64:ff9b::a9fe:a9fe",
            "2002:7f00:1::1",
            "2002:c0a8:101::1",
        ] {
            assert!(refused(addr), "{addr} must be refused");
        }
        for addr in ["::ffff:8.8.8.8", "64:ff9b::808:808", "2002:808:808::1"] {
            assert!(!refused(addr), "{addr} embeds a public address");
        }
    }

    #[test]
    fn public_ipv6_addresses_pass() {
        for addr in [
            "2001:4860:4860::8888",
            "2606:4700:4700::1111",
            "2a00:1450:4001:80b::200e",
            "fbff::1",
            "fe00::1",
            "2001:db9::1",
        ] {
            assert!(!refused(addr), "{addr} is public");
        }
    }

    fn url(text: &str) -> Url {
        Url::parse(text).expect("a URL")
    }

    #[test]
    fn ip_literal_urls_are_checked_before_any_request() {
        let guard = Guard::default();
        for bad in [
            "http://10.0.0.1/cal.ics",
            "http://127.0.0.1:8080/",
            "http://[::1]/",
            "http://[::ffff:127.0.0.1]/",
            "http://2130706433/",
            "http://0x7f.1/",
            "http://0/",
            "https://169.254.169.254/latest/meta-data/",
            "ftp://example.org/cal.ics",
            "file:///etc/passwd",
        ] {
            assert!(guard.check_url(&url(bad)).is_err(), "{bad} must be refused");
        }
        for good in [
            "https://calendar.google.com/calendar/ical/x/basic.ics",
            "http://8.8.8.8/cal.ics",
            "https://[2001:4860:4860::8888]/cal.ics",
        ] {
            assert!(guard.check_url(&url(good)).is_ok(), "{good} may be fetched");
        }
    }

    #[test]
    fn allowed_hosts_pass_whatever_their_address() {
        let guard = Guard::new(AllowList::new(&[
            "127.0.0.1".into(),
            "[::1]".into(),
            "Calendar.Intranet".into(),
            "*.corp.example".into(),
        ]));
        assert!(guard.check_url(&url("http://127.0.0.1:9/x.ics")).is_ok());
        assert!(guard.check_url(&url("http://[::1]:9/x.ics")).is_ok());
        assert!(guard.check_url(&url("http://127.0.0.2/x.ics")).is_err());
        let local: IpAddr = "10.1.2.3".parse().expect("address");
        assert!(guard.check_address("calendar.intranet", local).is_ok());
        assert!(guard.check_address("CALENDAR.INTRANET.", local).is_ok());
        assert!(guard.check_address("hr.corp.example", local).is_ok());
        assert!(guard.check_address("corp.example", local).is_err());
        assert!(guard.check_address("evilcorp.example", local).is_err());
        assert!(guard.check_address("other.intranet", local).is_err());
    }

    #[test]
    fn refusals_say_what_and_how_to_allow() {
        let err = Guard::default()
            .check_address("metadata.internal", "169.254.169.254".parse().expect("ip"))
            .expect_err("refused");
        let text = err.to_string();
        assert!(
            text.contains("metadata.internal resolves to 169.254.169.254"),
            "{text}"
        );
        assert!(text.contains("link-local"), "{text}");
        assert!(text.contains("import.allow_hosts"), "{text}");
        let phrase = err.phrase();
        assert_eq!(
            (phrase.id(), phrase.english()),
            (
                "import-refused-resolves",
                format!("refused: {text}").as_str()
            )
        );
        assert!(phrase.args().contains(&(
            "range",
            tandem_core::PhraseArg::Text("link-local, 169.254.0.0/16".into())
        )));
        let literal = Guard::default()
            .check_url(&Url::parse("http://10.0.0.1/cal.ics").expect("url"))
            .expect_err("refused");
        assert_eq!(literal.phrase().id(), "import-refused-address");
        assert_eq!(
            literal.phrase().english(),
            super::super::fetch::FetchError::Refused(literal.clone()).to_string()
        );
    }

    #[tokio::test]
    async fn the_resolver_refuses_names_of_loopback_addresses() {
        let resolver = GuardedResolver::new(Arc::new(Guard::default()));
        let name: Name = "localhost".parse().expect("a name");
        let Err(err) = resolver.resolve(name).await else {
            panic!("localhost must be refused")
        };
        assert!(err.to_string().contains("loopback"), "{err}");
        let allowed =
            GuardedResolver::new(Arc::new(Guard::new(AllowList::new(&["localhost".into()]))));
        let name: Name = "localhost".parse().expect("a name");
        assert!(allowed.resolve(name).await.is_ok());
    }
}
