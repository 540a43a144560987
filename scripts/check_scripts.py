"""Scan our own JavaScript for addresses and for APIs that could send data away.

Why: the reader tools keep evidence about a reader and their family on the
device. A changed script that posts the call log somewhere, after a delay
or only when no test is watching, is the attack a pull request would try.
This scan reads docs/assets/*.js and every inline <script> in overrides/
(strings, comments and regular expressions told apart, scripts/js_source.py)
and fails on:
- any absolute URL (https://host, //host, or a bare "https:" to build one);
- a network, navigation or dynamic-code API (fetch, XMLHttpRequest,
  sendBeacon, WebSocket, EventSource, new Image, import(), Worker,
  window.open, location changes, element src/href/action, eval, Function,
  atob, String.fromCharCode, a string given to setTimeout, document.cookie,
  postMessage), unless data/script_apis.yml lists it for that file;
- a global reached by a computed name (window["fe"+"tch"]) or escaped
  letters in a string ("\\x66etch"), which hide which API is used;
- a look at navigator.webdriver or other automation markers: a script
  that behaves differently when no test is watching.
The Content-Security-Policy (data/csp.yml) is the wall behind this scan.

Usage: python scripts/check_scripts.py [files...]
"""
from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
import js_source  # noqa: E402
from problems import Problem, finish  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
# (name reported and listed in data/script_apis.yml, pattern matched in code)
APIS: list[tuple[str, re.Pattern[str]]] = [(name, re.compile(pattern)) for name, pattern in [
    ("fetch", r"\bfetch\b"),
    ("XMLHttpRequest", r"\bXMLHttpRequest\b"),
    ("sendBeacon", r"\bsendBeacon\b"),
    ("WebSocket", r"\bWebSocket\b"),
    ("EventSource", r"\bEventSource\b"),
    ("WebTransport", r"\bWebTransport\b"),
    ("RTCPeerConnection", r"\b(?:webkit|moz)?RTC(?:PeerConnection|DataChannel)\b"),
    ("new Image", r"\bnew\s+Image\b|\bImage\s*\("),
    ("import()", r"\bimport\s*\("),
    ("importScripts", r"\bimportScripts\b"),
    ("Worker", r"\b(?:Shared)?Worker\b"),
    ("serviceWorker", r"\bserviceWorker\b"),
    ("open()", r"(?<![\w$])open\s*\(|\.open\s*\("),
    ("location change", r"\blocation\s*(?:\.\s*(?:href|hash|search|pathname|host|hostname|protocol|port)\s*)?=(?!=)|"
                        r"\blocation\s*\.\s*(?:assign|replace|reload)\s*\("),
    (".src =", r"\.\s*src\s*=(?!=)"),
    (".href =", r"\.\s*href\s*=(?!=)"),
    (".action =", r"\.\s*(?:action|formAction)\s*=(?!=)"),
    (".srcset/.data/.poster/.ping =", r"\.\s*(?:srcset|data|poster|ping|codebase)\s*=(?!=)"),
    ("setAttribute(url)", r"\bsetAttribute(?:NS)?\s*\([^,)]*?[\"'`](?:src|href|xlink:href|action|formaction|data|"
                          r"srcset|poster|ping|background)[\"'`]"),
    ("submit()", r"\.\s*(?:submit|requestSubmit)\s*\("),
    ("postMessage", r"\bpostMessage\b"),
    ("BroadcastChannel", r"\bBroadcastChannel\b"),
    ("document.write", r"\bdocument\s*\.\s*write(?:ln)?\b"),
    ("document.cookie", r"\bcookie\b"),
    ("eval", r"\beval\b"),
    ("Function", r"\bFunction\s*\(|\bnew\s+Function\b"),
    ("string timer", r"\bset(?:Timeout|Interval)\s*\(\s*[\"'`]"),
    ("atob", r"\batob\b|\bbtoa\b"),
    ("fromCharCode", r"\bfrom(?:Char|Code)(?:Code|Point)\b"),
    ("unescape", r"\bunescape\b"),
    ("Reflect", r"\bReflect\b"),
    ("automation check", r"\bwebdriver\b|__playwright|__pw_|callPhantom|_phantom|domAutomation|__selenium|"
                         r"__nightmare|\bcdc_|__webdriver|HeadlessChrome|navigator\s*\.\s*userAgent"),
    ("computed global", r"\b(?:window|self|globalThis|top|parent|frames|document|navigator|location|this)\s*\[|"
                        r"\]\s*\[\s*[\"'`]"),
]]
CREATED = re.compile(r"\bcreateElement(?:NS)?\s*\(\s*(?:[^,)]*,\s*)?[\"'`](script|iframe|frame|img|image|link|form|"
                     r"object|embed|audio|video|source|track|a|area|base|meta|portal|input)[\"'`]", re.I)
ABSOLUTE = re.compile(r"\b[A-Za-z][A-Za-z0-9+.-]{1,31}://[A-Za-z0-9\u00a1-\uffff\[%]|^//[A-Za-z0-9\u00a1-\uffff]|^(?:https?|wss?|ftp):$",
                      re.I | re.M)
ESCAPED_LETTER = re.compile(r"\\x(?:[46][1-9a-fA-F]|[57][0-9aA])|\\u00(?:[46][1-9a-fA-F]|[57][0-9aA])|\\u\{[0-9a-fA-F]+\}")
INLINE_SCRIPT = re.compile(r"<script\b(?![^>]*\bsrc\s*=)(?![^>]*type=\"application/json\")[^>]*>(.*?)</script>", re.S | re.I)
ADVICE = ("our scripts keep everything on the reader's device; a new use needs a maintainer's review in "
          "data/script_apis.yml (CODEOWNERS) · 本站脚本不把任何数据送出设备；新的用法须经维护者在 data/script_apis.yml 中批准")


def default_sources(root: Path = ROOT) -> list[Path]:
    return sorted((root / "docs" / "assets").glob("*.js")) + sorted((root / "overrides").rglob("*.html")) + \
        sorted((root / "overrides").rglob("*.js"))


def label_of(path: Path) -> str:
    try:
        return path.resolve().relative_to(ROOT).as_posix()
    except ValueError:
        return path.as_posix()


def scripts_in(path: Path) -> list[tuple[int, str]]:
    """(offset in the file, JavaScript) for a .js file or each inline script of a template."""
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".js":
        return [(0, text)]
    return [(match.start(1), match.group(1)) for match in INLINE_SCRIPT.finditer(text)]


def script_problems(label: str, file_text: str, offset: int, script: str) -> list[tuple[str, int, str]]:
    """(api or '', line, message) for one script; api names an allowable use."""
    found = []

    def line(at: int) -> int:
        return file_text.count("\n", 0, offset + at) + 1

    tokens = list(js_source.tokens(script))
    for token in tokens:
        if token.kind in ("string", "template", "comment", "regex"):
            for match in ABSOLUTE.finditer(token.text):
                found.append(("", line(token.start + match.start()),
                              f"absolute URL {token.text[match.start():match.start() + 40]!r} in a {token.kind}: "
                              f"our scripts name no host, not even in a comment"))
        if token.kind in ("string", "template") and ESCAPED_LETTER.search(token.text):
            found.append(("", line(token.start), "a string spells letters as escapes (\\x66…): it hides what it names"))
    code = js_source.code_only(script)
    for name, pattern in APIS:
        for match in pattern.finditer(code if name not in ("setAttribute(url)", "string timer") else script):
            if name in ("setAttribute(url)", "string timer") and not inside_code(tokens, match.start()):
                continue
            found.append((name, line(match.start()), f"uses {name}"))
    for match in CREATED.finditer(script):
        if inside_code(tokens, match.start()):
            name = f'createElement("{match.group(1).lower()}")'
            found.append((name, line(match.start()), f"uses {name}"))
    return found


def inside_code(tokens: list[js_source.Token], at: int) -> bool:
    return any(token.kind == "code" and token.start <= at < token.start + len(token.text) for token in tokens)


def allowed_uses(path: Path) -> dict[tuple[str, str], int]:
    entries = (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("allowed") or []
    return {(entry["file"], entry["api"]): int(entry.get("count", 1)) for entry in entries}


def run(paths: list[Path], allowed: dict[tuple[str, str], int]) -> list[Problem]:
    problems = []
    for path in paths:
        label = label_of(path)
        text = path.read_text(encoding="utf-8")
        uses: dict[str, list[tuple[int, str]]] = {}
        for offset, script in scripts_in(path):
            for name, line, message in script_problems(label, text, offset, script):
                if not name:
                    problems.append(Problem(label, line, f"{message}: {ADVICE}"))
                else:
                    uses.setdefault(name, []).append((line, message))
        for name, found in uses.items():
            limit = allowed.get((label, name), 0)
            for line, message in found[limit:] if len(found) > limit else []:
                listed = f" (data/script_apis.yml allows {limit})" if limit else ""
                problems.append(Problem(label, line, f"{message}{listed}: {ADVICE}"))
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path, default=default_sources())
    parser.add_argument("--allowed", type=Path, default=ROOT / "data" / "script_apis.yml")
    args = parser.parse_args()
    return finish("check_scripts", run(args.paths, allowed_uses(args.allowed)))


if __name__ == "__main__":
    sys.exit(main())
