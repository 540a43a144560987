"""Run LinkChecker on a site served from this machine, keeping the user.

Why: run as root (as CI runs), LinkChecker switches to user "nobody"
before it loads its plugins. When the virtualenv sits in a private folder
(a fresh clone under mktemp, or CI's checkout) "nobody" cannot read it, the
AnchorCheck plugin silently fails to load, and broken #anchors pass. We only
ever point it at our own site on 127.0.0.1, so we keep the current user.

Usage: python scripts/linkcheck_local.py [linkchecker arguments...]
"""
from __future__ import annotations

import sys

from linkcheck.command import linkchecker as command


def keep_user() -> None:
    """Replacement for LinkChecker's drop_privileges (see the module docstring)."""


if __name__ == "__main__":
    command.drop_privileges = keep_user
    sys.argv[0] = "linkchecker"
    sys.exit(command.linkchecker())
