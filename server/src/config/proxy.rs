//! Which reverse proxies are trusted to say who the client is, and how the
//! client's address is read from `X-Forwarded-For`.

use std::net::IpAddr;

/// `REHEARSE_TRUST_PROXY`: `false` (the default: the connecting address is
/// the client), `true` (one proxy: whatever connects), or a comma-separated
/// list of proxy addresses and networks such as `10.0.0.0/8, ::1`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum TrustProxy {
    #[default]
    Off,
    /// The connecting peer is a proxy; the address it appended is the client.
    Peer,
    /// Proxies on these networks; the client is the right-most address in
    /// the chain that is not one of them.
    Networks(Vec<Network>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Network {
    addr: IpAddr,
    prefix: u8,
}

impl Network {
    pub fn parse(text: &str) -> Option<Self> {
        let (addr, prefix) = match text.split_once('/') {
            Some((addr, prefix)) => (addr, Some(prefix)),
            None => (text, None),
        };
        let addr: IpAddr = addr.trim().parse().ok()?;
        let max = if addr.is_ipv4() { 32 } else { 128 };
        let prefix = match prefix {
            Some(p) => p.trim().parse::<u8>().ok().filter(|p| *p <= max)?,
            None => max,
        };
        Some(Self { addr, prefix })
    }

    pub fn contains(&self, ip: IpAddr) -> bool {
        let ip = canonical(ip);
        match (canonical(self.addr), ip) {
            (IpAddr::V4(net), IpAddr::V4(ip)) => {
                let mask = u32::MAX
                    .checked_shl(32 - u32::from(self.prefix))
                    .unwrap_or(0);
                u32::from(net) & mask == u32::from(ip) & mask
            }
            (IpAddr::V6(net), IpAddr::V6(ip)) => {
                let mask = u128::MAX
                    .checked_shl(128 - u32::from(self.prefix))
                    .unwrap_or(0);
                u128::from(net) & mask == u128::from(ip) & mask
            }
            _ => false,
        }
    }
}

/// IPv4 addresses written as IPv6 (`::ffff:192.0.2.1`) are IPv4.
fn canonical(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(ip, IpAddr::V4),
        v4 => v4,
    }
}

impl TrustProxy {
    /// Reads the setting; `None` when it is neither a yes/no nor a list of
    /// addresses and networks.
    pub fn parse(raw: &str) -> Option<Self> {
        let raw = raw.trim();
        match raw.to_ascii_lowercase().as_str() {
            "" | "false" | "no" | "off" | "0" => return Some(Self::Off),
            "true" | "yes" | "on" | "1" => return Some(Self::Peer),
            _ => {}
        }
        raw.split(',')
            .map(Network::parse)
            .collect::<Option<Vec<_>>>()
            .map(Self::Networks)
    }

    pub fn is_on(&self) -> bool {
        !matches!(self, Self::Off)
    }

    fn trusts(&self, ip: IpAddr) -> bool {
        match self {
            Self::Off => false,
            Self::Peer => true,
            Self::Networks(networks) => networks.iter().any(|n| n.contains(ip)),
        }
    }

    /// The client's address: `peer` connected, and `forwarded` holds every
    /// `X-Forwarded-For` line in order. Only a trusted peer's header is
    /// read, from the right, past the trusted proxies; an entry that is not
    /// an address ends the walk, so a client cannot forge its way past the
    /// last proxy's own entry.
    pub fn client<'a>(&self, peer: IpAddr, forwarded: impl IntoIterator<Item = &'a str>) -> IpAddr {
        if !self.trusts(peer) {
            return peer;
        }
        let chain: Vec<&str> = forwarded
            .into_iter()
            .flat_map(|line| line.split(','))
            .map(str::trim)
            .collect();
        let mut client = peer;
        for entry in chain.iter().rev() {
            let Ok(ip) = entry.parse::<IpAddr>() else {
                break;
            };
            client = canonical(ip);
            // With one trusted proxy, its entry is the client.
            if matches!(self, Self::Peer) || !self.trusts(client) {
                break;
            }
        }
        client
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn the_setting_is_a_yes_no_or_a_list_of_networks() {
        assert_eq!(TrustProxy::parse(""), Some(TrustProxy::Off));
        assert_eq!(TrustProxy::parse("false"), Some(TrustProxy::Off));
        assert_eq!(TrustProxy::parse("TRUE"), Some(TrustProxy::Peer));
        let TrustProxy::Networks(nets) = TrustProxy::parse("10.0.0.0/8, ::1, 192.0.2.7").unwrap()
        else {
            panic!("a list of networks")
        };
        assert_eq!(nets.len(), 3);
        assert!(nets[0].contains(ip("10.200.3.4")));
        assert!(!nets[0].contains(ip("11.0.0.1")));
        assert!(nets[1].contains(ip("::1")));
        assert!(nets[2].contains(ip("::ffff:192.0.2.7")));
        for bad in ["maybe", "10.0.0.0/33", "10.0.0.0/8,", "300.1.1.1"] {
            assert_eq!(TrustProxy::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn without_trust_the_header_is_ignored() {
        let client = TrustProxy::Off.client(ip("203.0.113.9"), ["198.51.100.1"]);
        assert_eq!(client, ip("203.0.113.9"));
    }

    #[test]
    fn one_proxy_gives_the_address_it_appended_across_header_lines() {
        let trust = TrustProxy::Peer;
        // A client's forged entries come first; the proxy appends the real one.
        let client = trust.client(ip("10.0.0.2"), ["1.1.1.1, 2.2.2.2", "203.0.113.9"]);
        assert_eq!(client, ip("203.0.113.9"));
    }

    #[test]
    fn a_chain_of_trusted_proxies_is_walked_from_the_right() {
        let trust = TrustProxy::parse("10.0.0.0/8").unwrap();
        let forged = "6.6.6.6, 10.9.9.9";
        let client = trust.client(ip("10.0.0.2"), [forged, "203.0.113.9, 10.1.1.1"]);
        assert_eq!(client, ip("203.0.113.9"));
        // A peer outside the trusted networks is the client, header or not.
        let direct = trust.client(ip("198.51.100.4"), ["10.1.1.1"]);
        assert_eq!(direct, ip("198.51.100.4"));
        // Garbage ends the walk at the last good entry.
        let garbage = trust.client(ip("10.0.0.2"), ["6.6.6.6, not-an-ip, 10.1.1.1"]);
        assert_eq!(garbage, ip("10.1.1.1"));
        // No header: the proxy itself.
        assert_eq!(trust.client(ip("10.0.0.2"), []), ip("10.0.0.2"));
    }
}
