"""Small helpers that several plugins and commands share; a library, not a Pelican plugin.

Modules:
    files            the store's canonical JSON text, atomic writes, and
                     all-or-nothing writes of several files at once
    urls             the one check for "an absolute http(s) URL we may link to"
    terminal         outside text made safe to print on a terminal
    markdown_header  the `Key: value` header of a Markdown source file
    settings_file    a Pelican settings file read with its folder importable
                     (its names without Pelican, or handed to Pelican)
    forking          a helper process forked from the build, or None where
                     processes cannot be forked

Nothing here imports Pelican or opens a connection.
"""
