"""The `Key: value` header of a Markdown source file, read the way Pelican reads it."""


def read_header(text: str) -> dict[str, str]:
    """The header keys (lower-cased) and values of a Markdown file, up to the first blank line.

    An indented line continues the previous value; a line that is not
    `Key: value` ends the header. A UTF-8 byte order mark is ignored.
    """
    header: dict[str, str] = {}
    key = None
    for line in text.lstrip("\ufeff").splitlines():
        if not line.strip():
            break
        if line[:1].isspace() and key:
            header[key] += " " + line.strip()
            continue
        name, colon, value = line.partition(":")
        if not colon or not name.strip() or " " in name.strip():
            break
        key = name.strip().lower()
        header[key] = value.strip()
    return header
