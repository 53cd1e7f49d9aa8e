//! Binding the server's address: the requested port if it is free, else the
//! next free one (a few tries, then a clear error), and the URL that address
//! is reached at.

use std::io::ErrorKind;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};

use tokio::net::TcpListener;

use super::ServeError;

/// How many ports after a busy one are tried.
const TRIES: u16 = 20;

/// Listens on `ip`:`port`, or on the first free port after it. Also returns
/// the requested port when it was busy. Port 0 lets the system choose.
pub(super) async fn bind(ip: IpAddr, port: u16) -> Result<(TcpListener, Option<u16>), ServeError> {
    let last = port.saturating_add(if port == 0 { 0 } else { TRIES });
    for candidate in port..=last {
        let address = SocketAddr::new(ip, candidate);
        match TcpListener::bind(address).await {
            Ok(listener) => return Ok((listener, (candidate != port).then_some(port))),
            Err(err) if err.kind() == ErrorKind::AddrInUse && candidate < last => {}
            Err(err) if err.kind() == ErrorKind::AddrInUse => {
                return Err(ServeError::NoFreePort { ip, first: port, last });
            }
            Err(source) => return Err(ServeError::Listen { address, source }),
        }
    }
    // The range is never empty: `last >= port`.
    Err(ServeError::NoFreePort { ip, first: port, last })
}

/// The URL a browser on this machine opens for `address`: an unspecified
/// address (`0.0.0.0`, `::`) is reached through loopback.
pub(super) fn url_for(address: SocketAddr) -> String {
    let ip = match address.ip() {
        IpAddr::V4(ip) if ip.is_unspecified() => IpAddr::V4(Ipv4Addr::LOCALHOST),
        IpAddr::V6(ip) if ip.is_unspecified() => IpAddr::V6(Ipv6Addr::LOCALHOST),
        ip => ip,
    };
    format!("http://{}/", SocketAddr::new(ip, address.port()))
}

#[cfg(test)]
mod tests {
    use std::net::{IpAddr, Ipv4Addr, SocketAddr};

    use super::{bind, url_for};

    #[test]
    fn urls_use_loopback_for_unspecified_addresses() {
        assert_eq!(url_for("127.0.0.1:1111".parse().expect("address")), "http://127.0.0.1:1111/");
        assert_eq!(url_for("0.0.0.0:8080".parse().expect("address")), "http://127.0.0.1:8080/");
        assert_eq!(url_for("[::]:1111".parse().expect("address")), "http://[::1]:1111/");
        assert_eq!(url_for("[::1]:1111".parse().expect("address")), "http://[::1]:1111/");
    }

    #[tokio::test]
    async fn a_busy_port_moves_to_the_next_free_one() {
        let taken = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let port = taken.local_addr().expect("address").port();
        let (listener, busy) = bind(IpAddr::V4(Ipv4Addr::LOCALHOST), port).await.expect("a free port");
        let address: SocketAddr = listener.local_addr().expect("address");
        assert_eq!(busy, Some(port));
        assert!(address.port() > port);
    }
}
