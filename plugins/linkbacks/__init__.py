"""Outgoing linkbacks: tell the pages our articles link to that we linked to them.

A command run after each deploy (`make mentions-send`, or
`python -m linkbacks send` with `plugins/` on the path), never during a build:
receivers fetch our page to verify the link, so it must be live first, and the
build must stay offline. It is therefore not a Pelican plugin: there is no
`register()` and the package is not listed in `PLUGINS`.

Modules: `settings` (the `LINKBACKS` dict), `links` (what an article page links
to), `discovery` (Webmention and Pingback endpoints), `send` (the three
protocols), `outbox` (the state file that makes runs idempotent), `run` (one
pass over the articles) and `cli` (arguments, and the only Pelican import).
Every request goes through the shared `safe_http` package (plugins/safe_http),
which the mentions sync uses too: the SSRF guard (which URLs may be contacted
at all) and the client (HTTP within time and size limits, to checked addresses
only).
"""
