"""Stop the build when a reviewed data file lacks its review fields.

Why: data/contacts.yml (numbers readers dial), data/allowed_domains.yml
(sites readers are sent to), data/payment_accounts.yml and data/images.yml
decide what a frightened reader trusts. Each entry must say where it comes
from (source), when a person last checked it (reviewed) and how sure we are
(confidence). The rule lives once, in scripts/check_data.py; this hook runs
it before any page is built, so the build fails naming the file and line.
"""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))
from check_data import review_problems  # noqa: E402


def on_config(config: Any) -> Any:
    problems = review_problems(ROOT / "data")
    if problems:
        raise PluginError("\n".join(str(problem) for problem in problems))
    return config
