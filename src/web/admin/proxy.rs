//! Which address a sign-in comes from, for the throttle (`throttle`): the connection's peer,
//! unless that peer is a reverse proxy the operator named (`--trusted-proxy`), in which case
//! the client is the address that proxy appended to `X-Forwarded-For`.
//!
//! By default no proxy is trusted and the header is ignored: anyone can send it, so believing
//! it would let an attacker pick a fresh address for every guess. With trusted proxies, the
//! header's hops are read from the right (the last one was appended by the peer itself) and the
//! first one that is not a trusted proxy is the client; what lies left of it was written by
//! the client and is not believed. A header that does not parse gives the peer. Pure: no IO.

use std::net::IpAddr;

use axum::http::HeaderMap;

/// The header a reverse proxy appends the client's address to.
const FORWARDED_FOR: &str = "x-forwarded-for";

/// The client's address: `peer`, or when `peer` is one of `trusted`, the last hop of
/// `X-Forwarded-For` that is not itself a trusted proxy.
pub fn client_address(
    peer: Option<IpAddr>,
    headers: &HeaderMap,
    trusted: &[IpAddr],
) -> Option<IpAddr> {
    let peer = peer?;
    if !trusted.contains(&peer) {
        return Some(peer);
    }
    // Several headers count as one list, in order (RFC 9110, 5.3).
    let hops: Vec<&str> = headers
        .get_all(FORWARDED_FOR)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .map(str::trim)
        .collect();
    for hop in hops.iter().rev() {
        let Some(address) = parse_hop(hop) else {
            return Some(peer);
        };
        if !trusted.contains(&address) {
            return Some(address);
        }
    }
    Some(peer)
}

/// One hop: an address, an IPv6 address in brackets, either with a port.
fn parse_hop(hop: &str) -> Option<IpAddr> {
    if let Ok(address) = hop.parse::<IpAddr>() {
        return Some(address);
    }
    if let Ok(socket) = hop.parse::<std::net::SocketAddr>() {
        return Some(socket.ip());
    }
    hop.strip_prefix('[')
        .and_then(|rest| rest.split_once(']'))
        .and_then(|(inner, _)| inner.parse().ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(values: &[&str]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for value in values {
            map.append(FORWARDED_FOR, value.parse().unwrap());
        }
        map
    }

    fn ip(text: &str) -> IpAddr {
        text.parse().unwrap()
    }

    #[test]
    fn without_trusted_proxies_the_header_is_ignored() {
        let forged = headers(&["203.0.113.9"]);
        assert_eq!(
            client_address(Some(ip("198.51.100.7")), &forged, &[]),
            Some(ip("198.51.100.7"))
        );
    }

    #[test]
    fn a_peer_that_is_not_trusted_is_the_client_whatever_it_sends() {
        let forged = headers(&["203.0.113.9"]);
        let trusted = [ip("10.0.0.1")];
        assert_eq!(
            client_address(Some(ip("198.51.100.7")), &forged, &trusted),
            Some(ip("198.51.100.7"))
        );
    }

    #[test]
    fn behind_a_trusted_proxy_the_last_hop_is_the_client() {
        let trusted = [ip("10.0.0.1")];
        // The client forged the first entry; the proxy appended the real address.
        let forwarded = headers(&["1.2.3.4, 198.51.100.7"]);
        assert_eq!(
            client_address(Some(ip("10.0.0.1")), &forwarded, &trusted),
            Some(ip("198.51.100.7"))
        );
        // Split over two headers, with ports and an IPv6 address in brackets.
        let forwarded = headers(&["1.2.3.4", "[2001:db8::7]:4711"]);
        assert_eq!(
            client_address(Some(ip("10.0.0.1")), &forwarded, &trusted),
            Some(ip("2001:db8::7"))
        );
        let forwarded = headers(&["198.51.100.7:5000"]);
        assert_eq!(
            client_address(Some(ip("10.0.0.1")), &forwarded, &trusted),
            Some(ip("198.51.100.7"))
        );
    }

    #[test]
    fn a_chain_of_trusted_proxies_is_walked_from_the_right() {
        let trusted = [ip("10.0.0.1"), ip("10.0.0.2")];
        let forwarded = headers(&["1.2.3.4, 198.51.100.7, 10.0.0.2"]);
        assert_eq!(
            client_address(Some(ip("10.0.0.1")), &forwarded, &trusted),
            Some(ip("198.51.100.7"))
        );
    }

    #[test]
    fn a_missing_or_garbled_header_gives_the_peer() {
        let trusted = [ip("10.0.0.1")];
        assert_eq!(
            client_address(Some(ip("10.0.0.1")), &headers(&[]), &trusted),
            Some(ip("10.0.0.1"))
        );
        assert_eq!(
            client_address(
                Some(ip("10.0.0.1")),
                &headers(&["1.2.3.4, unknown"]),
                &trusted
            ),
            Some(ip("10.0.0.1"))
        );
        assert_eq!(client_address(None, &headers(&["1.2.3.4"]), &trusted), None);
    }
}
