"""Publish the built site, unchanged, to a mirror: an S3-compatible bucket, through rclone.

Why: github.io may not open from mainland China, so the guide is also served
from a bucket behind a CDN there (README, "Mirrors"). The mirror job
(.github/workflows/mirror.yml) runs this on the exact site/ the Pages
workflow built. The order protects a reader who opens a page while it runs:

1. everything except the pages (stylesheets, scripts, search index,
   downloads), so no page arrives before a file it names;
2. the pages (*.html);
3. only then, remove what the new site no longer has: until the new pages
   are in place, the old ones still name the old files.

Configuration comes only from the environment, which the workflow fills
from repository secrets (never from a file in the repository):

  MIRROR_S3_BUCKET             the bucket, optionally with a folder: bucket/guide
  MIRROR_S3_ENDPOINT           the provider's S3 endpoint, https://...
  MIRROR_S3_ACCESS_KEY_ID      a key that may write to that bucket only
  MIRROR_S3_SECRET_ACCESS_KEY
  MIRROR_S3_REGION             optional
  MIRROR_S3_PROVIDER           optional, rclone's provider name (default: Other;
                               rclone help backend s3 lists them: Alibaba, TencentCOS, ...)
  MIRROR_S3_ACL                optional, e.g. public-read where the bucket's own
                               policy does not already let everyone read

With none of them set the mirror is not configured (a fork): a notice says
so and the command succeeds. With some but not all, it fails naming them.

Usage: python3 scripts/publish_mirror.py --site site
       python3 scripts/publish_mirror.py --check   (only: is it configured?)
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REQUIRED = ("MIRROR_S3_BUCKET", "MIRROR_S3_ENDPOINT", "MIRROR_S3_ACCESS_KEY_ID", "MIRROR_S3_SECRET_ACCESS_KEY")
OPTIONAL = ("MIRROR_S3_REGION", "MIRROR_S3_PROVIDER", "MIRROR_S3_ACL")
REMOTE = "mirror"
# Files a built site always has; anything else is not a site, and step 3
# would empty the bucket to match it.
SITE_MARKERS = ("index.html", "404.html")
# --checksum: compare content (MD5), not times, which are new on every CI
# checkout. --s3-no-check-bucket: the key needs no right to create buckets.
COMMON = ["--checksum", "--s3-no-check-bucket", "--log-level", "INFO", "--stats", "0", "--retries", "3"]
PAGES = "*.html"


class MirrorError(Exception):
    pass


def settings(environ: dict[str, str]) -> dict[str, str] | None:
    """The mirror's settings, None when not configured at all; an error when half configured."""
    present = {name: environ[name] for name in REQUIRED + OPTIONAL if environ.get(name)}
    if not any(name in present for name in REQUIRED):
        return None
    missing = [name for name in REQUIRED if name not in present]
    if missing:
        raise MirrorError(f"the mirror is only partly configured: set the repository secrets {', '.join(missing)} "
                          f"too, or remove the others")
    if not present["MIRROR_S3_ENDPOINT"].startswith(("https://", "http://127.0.0.1:", "http://localhost:")):
        raise MirrorError("MIRROR_S3_ENDPOINT must be an https:// address: the keys travel to it")
    return present


def rclone_environment(mirror: dict[str, str], environ: dict[str, str], config_file: str) -> dict[str, str]:
    """rclone's own environment variables for the 'mirror' remote: keys never on a command line.

    The machine's own AWS_* and RCLONE_* settings are left out: only the
    secrets decide where the site goes (an AWS_CA_BUNDLE, for one, stops
    rclone 1.60 before it connects)."""
    prefix = f"RCLONE_CONFIG_{REMOTE.upper()}_"
    inherited = {name: value for name, value in environ.items() if not name.startswith(("AWS_", "RCLONE_"))}
    remote = {"TYPE": "s3", "PROVIDER": mirror.get("MIRROR_S3_PROVIDER", "Other"), "ENV_AUTH": "false",
              "ENDPOINT": mirror["MIRROR_S3_ENDPOINT"], "ACCESS_KEY_ID": mirror["MIRROR_S3_ACCESS_KEY_ID"],
              "SECRET_ACCESS_KEY": mirror["MIRROR_S3_SECRET_ACCESS_KEY"]}
    remote.update({name: mirror[f"MIRROR_S3_{name}"] for name in ("REGION", "ACL") if f"MIRROR_S3_{name}" in mirror})
    return {**inherited, "RCLONE_CONFIG": config_file, **{prefix + name: value for name, value in remote.items()}}


def steps(site: Path, destination: str) -> list[tuple[str, list[str]]]:
    """The three rclone commands, in the order readers need them."""
    return [
        ("1/3 files other than pages (assets, search, downloads)",
         ["copy", str(site), destination, "--exclude", PAGES]),
        ("2/3 pages (*.html), now that what they name is there",
         ["copy", str(site), destination, "--include", PAGES]),
        ("3/3 remove what the new site no longer has",
         ["sync", str(site), destination, "--delete-after"]),
    ]


def publish(site: Path, mirror: dict[str, str], environ: dict[str, str]) -> None:
    rclone = shutil.which("rclone")
    if rclone is None:
        raise MirrorError("rclone is not installed: sudo apt-get install rclone")
    absent = [name for name in SITE_MARKERS if not (site / name).is_file()]
    if absent:
        raise MirrorError(f"{site} has no {', '.join(absent)}: not a built site, nothing published")
    destination = f"{REMOTE}:{mirror['MIRROR_S3_BUCKET'].strip('/')}"
    with tempfile.NamedTemporaryFile("w", suffix=".conf") as empty_config:
        env = rclone_environment(mirror, environ, empty_config.name)
        for title, arguments in steps(site, destination):
            print(f"mirror: {title}", flush=True)
            result = subprocess.run([rclone, *arguments, *COMMON], env=env, check=False)
            if result.returncode != 0:
                raise MirrorError(f"rclone {arguments[0]} failed (exit {result.returncode}); "
                                  f"pages already on the mirror still name files that are there")
    print(f"mirror: published {site} to the bucket {mirror['MIRROR_S3_BUCKET']}", flush=True)


def say(kind: str, title: str, message: str) -> None:
    """A workflow annotation on GitHub Actions, a plain line elsewhere."""
    if os.environ.get("GITHUB_ACTIONS") == "true":
        print(f"::{kind} title={title}::{message}", flush=True)
    else:
        print(f"mirror: {message}", flush=True)


def github_output(name: str, value: str) -> None:
    path = os.environ.get("GITHUB_OUTPUT")
    if path:
        with open(path, "a", encoding="utf-8") as output:
            output.write(f"{name}={value}\n")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=Path("site"))
    parser.add_argument("--check", action="store_true", help="only say whether the mirror is configured")
    args = parser.parse_args()
    try:
        mirror = settings(dict(os.environ))
        github_output("configured", "true" if mirror else "false")
        if mirror is None:
            say("notice", "Mirror not configured", "no MIRROR_S3_* secrets in this repository, so the site was not "
                "published to a mirror; to publish one, see README.md, section Mirrors")
            return 0
        if not args.check:
            publish(args.site, mirror, dict(os.environ))
    except MirrorError as error:
        say("error", "Mirror", str(error))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
