"""A publish build served on 127.0.0.1 as a production server would: for the browser benchmarks.

`publish_and_serve(content, work)` builds `content` with publishconf.py into
`work/output`, its links pointing at a loopback address, and serves it the way
a static server with precompressed files does (nginx `brotli_static`): the
`.br` copy when the browser accepts brotli. The server notes every byte it
sends, headers included, in its `sent` list as (path, bytes): what the browser
fetched, its web workers' requests too.
"""

import contextlib
import io
import json
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

from bench.run import RESULTS, free_port
from scripts.devserver import _Handler, serve

ROOT = Path(__file__).resolve().parent.parent


class _Precompressed(_Handler):
    """The dev server's handler, with the `.br` copies and a count of the bytes sent."""

    def flush_headers(self):
        headers = b"".join(getattr(self, "_headers_buffer", []))
        self.server.sent.append((urlsplit(self.path).path, len(headers)))
        super().flush_headers()

    def copyfile(self, source, outputfile):
        data = source.read()
        self.server.sent.append((urlsplit(self.path).path, len(data)))
        # Lighthouse drops connections it no longer needs; that is not an error here.
        with contextlib.suppress(ConnectionError):
            outputfile.write(data)

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        packed = path.with_name(path.name + ".br")
        if "br" not in self.headers.get("Accept-Encoding", "") or not packed.is_file():
            return super().send_head()
        data = packed.read_bytes()
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "br")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        return io.BytesIO(data)


def publish_and_serve(content: Path, work: Path):
    """Build (or, with the address file of an earlier run, reuse) and serve; return (server, url).

    With `--keep`, a second run serves the site built the first time on the
    port its links name, instead of building it again. Stop with `server.shutdown()`.
    """
    output, address = work / "output", work / "siteurl"
    if address.is_file() and (output / "index.html").is_file():
        siteurl = address.read_text(encoding="utf-8")
    else:
        siteurl = f"http://127.0.0.1:{free_port()}"
        command = [
            sys.executable, "-m", "pelican", str(content), "-o", str(output),
            "-s", "publishconf.py", "--fatal", "errors", "-q", "-e", f'SITEURL="{siteurl}"',
        ]  # fmt: skip
        subprocess.run(command, cwd=ROOT, check=True)
        address.write_text(siteurl, encoding="utf-8")
    server = serve(str(output), "127.0.0.1", int(siteurl.rsplit(":", 1)[1]))
    # Set before the first request: the same server, answering with the .br copies.
    server.RequestHandlerClass = type("Handler", (_Precompressed,), {"base_path": str(output)})
    server.sent = []
    return server, siteurl


def in_work_folder(keep: Path | None, prefix: str, measure: Callable[[Path], dict]) -> dict:
    """`measure(folder)` in `keep` (made if needed, kept) or in a temporary folder."""
    if keep:
        keep.mkdir(parents=True, exist_ok=True)
        return measure(keep)
    with tempfile.TemporaryDirectory(prefix=prefix) as work:
        return measure(Path(work))


def write_report(name: str, data: dict, markdown: str) -> None:
    """bench/results/<name>.json and <name>.md, and the table printed."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / f"{name}.json").write_text(json.dumps(data, indent=2) + "\n", "utf-8")
    (RESULTS / f"{name}.md").write_text(markdown, encoding="utf-8")
    print(markdown)
    print(f"written to {RESULTS / name}.md (and {name}.json)")
