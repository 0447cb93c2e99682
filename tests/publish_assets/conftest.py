"""A real S3 API on 127.0.0.1 (moto in server mode) and a copy of the fixture site to upload."""

import shutil
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

import boto3
import pytest
from publish_assets.compress import compress_tree

FIXTURES = Path(__file__).parent / "fixtures"
MOTO_SERVER = Path(sys.executable).with_name("moto_server")
CREDENTIALS = {
    "AWS_ACCESS_KEY_ID": "testing",
    "AWS_SECRET_ACCESS_KEY": "testing",
    "AWS_DEFAULT_REGION": "us-east-1",
}


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="session")
def s3_endpoint():
    """The URL of a moto S3 server running for the whole session."""
    port = _free_port()
    server = subprocess.Popen(
        [str(MOTO_SERVER), "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 30
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            if server.poll() is not None or time.monotonic() > deadline:
                server.kill()
                pytest.fail(f"moto_server did not start on port {port}", pytrace=False)
            time.sleep(0.1)
    yield f"http://127.0.0.1:{port}"
    server.terminate()
    server.wait(timeout=10)


@pytest.fixture
def bucket(s3_endpoint, monkeypatch):
    """A new empty bucket, with the environment `make s3_upload` reads pointing at it."""
    name = f"site-{uuid.uuid4().hex[:12]}"
    for key, value in {**CREDENTIALS, "S3_ENDPOINT_URL": s3_endpoint, "S3_BUCKET": name}.items():
        monkeypatch.setenv(key, value)
    client = boto3.client("s3", endpoint_url=s3_endpoint)
    client.create_bucket(Bucket=name)
    return client, name


@pytest.fixture
def built_site(tmp_path) -> Path:
    """The fixture site with its .gz and .br copies, as `make publish` leaves output/."""
    site = tmp_path / "output"
    shutil.copytree(FIXTURES / "site", site)
    compress_tree(site, (".html", ".css", ".js", ".xml", ".json"), 256, ("gz", "br"), 6)
    return site
