"""`python -m publish_assets s3-upload OUTPUT`: what `make s3_upload` runs.

Reads the store from the environment:
    S3_BUCKET              the bucket (required)
    S3_ENDPOINT_URL        the store's API address; unset means Amazon S3 itself
    AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_DEFAULT_REGION
                           credentials and region, read by boto3 as usual
"""

import argparse
import os
import sys
from datetime import UTC, datetime
from pathlib import Path

import boto3
from botocore.exceptions import BotoCoreError, ClientError

from .s3 import apply_plan, local_files, make_plan, remote_objects


def upload(output: Path, *, dry_run: bool, force: bool) -> int:
    bucket = os.environ.get("S3_BUCKET")
    if not bucket:
        message = "s3-upload: set S3_BUCKET (and S3_ENDPOINT_URL for a store other than AWS)"
        print(message, file=sys.stderr)
        return 2
    if not (output / "index.html").is_file():
        print(f"s3-upload: {output} has no index.html; run `make publish` first", file=sys.stderr)
        return 2
    client = boto3.client("s3", endpoint_url=os.environ.get("S3_ENDPOINT_URL") or None)
    try:
        stored = remote_objects(client, bucket)
        plan = make_plan(local_files(output), stored, datetime.now(UTC), force=force)
        for item in plan.upload:
            print(f"upload {item.key}")
        for key in plan.delete:
            print(f"delete {key}")
        if not dry_run:
            apply_plan(client, bucket, plan)
    except (BotoCoreError, ClientError, RuntimeError) as error:
        print(f"s3-upload: {bucket}: {error}", file=sys.stderr)
        return 1
    upload_verb, delete_verb = (
        ("would upload", "would delete") if dry_run else ("uploaded", "deleted")
    )
    print(
        f"{bucket}: {upload_verb} {len(plan.upload)}, {delete_verb} {len(plan.delete)}, "
        f"unchanged {plan.unchanged}, kept from the last deploys {len(plan.kept)}"
    )
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m publish_assets")
    commands = parser.add_subparsers(dest="command", required=True)
    s3 = commands.add_parser("s3-upload", help="publish OUTPUT to an S3-compatible store")
    s3.add_argument("output", type=Path, help="the built site (output/ of `make publish`)")
    s3.add_argument("--dry-run", action="store_true", help="print the plan, change nothing")
    s3.add_argument("--force", action="store_true",
                    help="upload every file (after changing the header rules)")  # fmt: skip
    args = parser.parse_args(argv)
    return upload(args.output, dry_run=args.dry_run, force=args.force)
