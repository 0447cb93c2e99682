"""Run Pelican with every non-loopback connection refused: `python offline_pelican.py ARGS`.

The site build must never touch the network; a build that tries fails
loudly instead of quietly depending on the outside world.
"""

import ipaddress
import socket
import sys

_connect = socket.socket.connect


def _loopback_only(sock: socket.socket, address) -> None:
    if sock.family in (socket.AF_INET, socket.AF_INET6):
        host = str(address[0]).split("%")[0]
        if host != "localhost" and not ipaddress.ip_address(host).is_loopback:
            raise OSError(f"the build tried to connect to {address!r}")
    _connect(sock, address)


if __name__ == "__main__":
    socket.socket.connect = _loopback_only
    from pelican import main

    sys.exit(main(sys.argv[1:]))
