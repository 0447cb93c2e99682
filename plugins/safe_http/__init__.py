"""Safe outgoing HTTP: a library used by the mentions sync and the linkbacks sender.

`python -m mentions sync` fetches webmention.io API pages and author photos
with it, `python -m linkbacks send` target pages and their endpoints. It is not
a Pelican plugin (no `register()`, not in `PLUGINS`): the build never touches
the network. Both commands run with `plugins/` on the path and import it.

Modules: `guard` (which URLs may be contacted at all: http(s) only, every
resolved address public unless the caller allows its network, such as the
`literal_network` of an address the site owner typed) and `fetch` (the
`Client`: GET with checked redirects and POST, connecting only to the checked
address, within a `Deadline`, a byte cap and a redirect cap, with the caller's
User-Agent). No message from either contains a URL, only its host, so a secret
in a query string stays out of errors and logs, nor any text the server sent.
Every bad URL, redirect, response or charset is a `FetchError`, never a
ValueError, UnicodeError or LookupError.
"""

from .fetch import Client, Deadline, Response, retryable_status
from .guard import FetchError, IPNetwork, Refused, is_public, literal_network

__all__ = [
    "Client",
    "Deadline",
    "FetchError",
    "IPNetwork",
    "Refused",
    "Response",
    "is_public",
    "literal_network",
    "retryable_status",
]
