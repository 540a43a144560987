"""What a reader sees of a page: the text the number, account and link checks match.

Why: a hostile pull request hides a scammer's number from a pattern while a
reader still sees it: ``**400** 888 6262``, ``400.888.6262``, ``+86 400-888-6262``,
an HTML comment or a zero-width space inside the digits, a line break, full-width
digits (４００), Chinese numerals (四零零八八八…), an entity (``&#52;00``). The
checks therefore normalise first, here, in one place, and the Markdown rules
(scripts/rules/) and the built-HTML check (scripts/check_site.py) read the same
view. Every character of a view remembers where it came from, so a problem is
still reported at the right line of the source.
"""
from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Callable, Iterator

# Characters a reader does not see: soft hyphen, zero-width and joiner
# characters, bidi controls, variation selectors, fillers, byte order mark.
INVISIBLE = re.compile("[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f"
                       "\u202a-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0]")
ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.S)
# Chinese numerals (and the spoken forms used to read numbers aloud: 幺 1,
# 拐 7, 勾 9, 洞 0) as digits; only runs of three or more are read as a number.
CHINESE_DIGITS = {**dict.fromkeys("〇零○◯洞", "0"), **dict.fromkeys("一壹幺", "1"), **dict.fromkeys("二贰貳两", "2"),
                  **dict.fromkeys("三叁參", "3"), **dict.fromkeys("四肆", "4"), **dict.fromkeys("五伍", "5"),
                  **dict.fromkeys("六陆陸", "6"), **dict.fromkeys("七柒拐", "7"), **dict.fromkeys("八捌", "8"),
                  **dict.fromkeys("九玖勾", "9")}
ENGLISH_DIGITS = {"zero": "0", "oh": "0", "one": "1", "two": "2", "three": "3", "four": "4", "five": "5",
                  "six": "6", "seven": "7", "eight": "8", "nine": "9"}
# What may sit between the digits of one number and still be read as one:
# spaces, one line break, dashes, dots, brackets, Markdown emphasis and code marks.
JOINER_CHARS = " \t\u00a0\u3000*_~=^`\\-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe63.\u00b7\u2022\u30fb()\uff08\uff09"
JOINER = f"(?:[{re.escape(JOINER_CHARS)}]|\\n(?![ \\t]*\\n))"
NUMERAL = "[" + "".join(CHINESE_DIGITS) + "]"
CHINESE_RUN = re.compile(f"{NUMERAL}(?:{JOINER}{{0,3}}{NUMERAL}){{2,}}")
ENGLISH_RUN = re.compile(r"\b(?:" + "|".join(ENGLISH_DIGITS) + r")(?:[\s,-]+(?:" + "|".join(ENGLISH_DIGITS)
                         + r")){2,}\b", re.I)
# A digit mistyped on purpose as a letter: 4OO-888, 1O086, l2315.
LOOKALIKE_TOKEN = re.compile(r"(?<![A-Za-z0-9])(?=[0-9OoIl]*[0-9])(?=[0-9OoIl]*[OoIl])[0-9OoIl]{3,}(?![A-Za-z0-9])")
DIGIT_RUN = re.compile(f"\\+?[0-9](?:{JOINER}{{0,8}}[0-9])*")


@dataclass
class View:
    """Text as a reader sees it, and for each character its index in the source."""

    text: str
    origin: list[int]
    source: str
    line_starts: list[int] = field(default_factory=list)

    @classmethod
    def of(cls, source: str) -> "View":
        return cls(source, list(range(len(source))), source)

    def sub(self, pattern: re.Pattern[str], replace: str | Callable[[re.Match[str]], str]) -> "View":
        """Replace matches; every replacement character points at its match's start."""
        pieces: list[str] = []
        origin: list[int] = []
        last = 0
        for match in pattern.finditer(self.text):
            pieces.append(self.text[last:match.start()])
            origin.extend(self.origin[last:match.start()])
            new = replace(match) if callable(replace) else match.expand(replace)
            at = self.origin[match.start()] if match.start() < len(self.origin) else len(self.source)
            pieces.append(new)
            origin.extend([at] * len(new))
            last = match.end()
        pieces.append(self.text[last:])
        origin.extend(self.origin[last:])
        return View("".join(pieces), origin, self.source)

    def map_chars(self, convert: Callable[[str], str]) -> "View":
        pieces: list[str] = []
        origin: list[int] = []
        for char, at in zip(self.text, self.origin, strict=True):
            new = convert(char)
            pieces.append(new)
            origin.extend([at] * len(new))
        return View("".join(pieces), origin, self.source)

    def source_index(self, index: int) -> int:
        if not self.origin:
            return 0
        return self.origin[min(index, len(self.origin) - 1)]

    def line(self, index: int) -> int:
        """1-based source line of the view character at index."""
        return self.source.count("\n", 0, self.source_index(index)) + 1


def fold_char(char: str) -> str:
    """Full-width and other compatibility forms as plain characters, any decimal digit as 0-9."""
    if char.isascii():
        return char
    digit = unicodedata.decimal(char, None)
    if digit is not None:
        return str(digit)
    return unicodedata.normalize("NFKC", char)


def unescape_entity(match: re.Match[str]) -> str:
    text = html.unescape(match.group(0))
    return match.group(0) if text == match.group(0) else text


def visible(view: View) -> View:
    """Drop what a reader cannot see and fold what looks the same to what it is."""
    view = view.sub(COMMENT, "")
    view = view.sub(ENTITY, unescape_entity)
    view = view.sub(INVISIBLE, "")
    view = view.map_chars(fold_char)
    view = view.sub(INVISIBLE, "")  # an entity may have been one
    return view


def spelled_digits(view: View) -> View:
    """Numbers written in words or with look-alike letters, as digits."""
    view = view.sub(CHINESE_RUN, lambda m: "".join(CHINESE_DIGITS.get(c, "") for c in m.group(0)))
    view = view.sub(ENGLISH_RUN, lambda m: "".join(ENGLISH_DIGITS[w.lower()] for w in re.findall(r"[A-Za-z]+", m.group(0))))
    view = view.sub(LOOKALIKE_TOKEN, lambda m: m.group(0).translate(str.maketrans("OoIl", "0011")))
    return view


# --- Markdown ------------------------------------------------------------------

PLACEHOLDER = re.compile(r"\{\{\s*phone\.[A-Za-z0-9_]+\s*\}\}")
ATTR_LIST = re.compile(r"\{:?\s*[.#:][^}\n]*\}|\{:?\s*[A-Za-z_:][\w:.-]*\s*=[^}\n]*\}")
BACKSLASH_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
# [text](target "title"), ![alt](src "title"), with <target> allowed.
INLINE_LINK = re.compile(r"(!?)\[((?:[^\[\]]|\[[^\[\]]*\])*)\]\(\s*(<[^>\n]*>|[^\s()]*(?:\([^\s()]*\)[^\s()]*)*)"
                         r"(?:\s+(\"[^\"]*\"|'[^']*'|\([^()]*\)))?\s*\)")
REFERENCE_DEFINITION = re.compile(r"^[ ]{0,3}\[[^\]]+\]:\s*(<[^>\n]*>|\S+)(?:\s+(\"[^\"]*\"|'[^']*'|\([^()]*\)))?\s*$", re.M)
AUTOLINK = re.compile(r"<((?:[A-Za-z][A-Za-z0-9+.-]{1,31}):[^\s<>]*)>")
TAG = re.compile(r"</?[A-Za-z][^<>]*>")
# Attributes whose value a reader sees or hears.
SHOWN_ATTRIBUTES = ("alt", "title", "aria-label", "aria-description", "placeholder", "value", "label",
                    "data-tooltip", "content", "summary")
ATTRIBUTE = re.compile(r"([A-Za-z_:][\w:.-]*)\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s\"'=<>`]+)")


def unquote(value: str) -> str:
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'" or value[:1] == "(" and value[-1:] == ")":
        return value[1:-1]
    if value[:1] == "<" and value[-1:] == ">":
        return value[1:-1]
    return value


def shown_attributes(markup: str) -> str:
    """The values of attributes a reader sees (alt, title, aria-label…), space-joined."""
    return " ".join(unquote(value) for name, value in ATTRIBUTE.findall(markup)
                    if name.lower() in SHOWN_ATTRIBUTES)


def markdown_view(source: str) -> View:
    """What a reader sees of a Markdown page: link text and titles, image alt text,
    raw HTML's visible attributes and text, front matter and code blocks included;
    link targets, tags and phone placeholders left out."""
    view = visible(View.of(source))
    view = view.sub(BACKSLASH_ESCAPE, r"\1")
    view = view.sub(PLACEHOLDER, "\ufffc")
    view = view.sub(INLINE_LINK, lambda m: f"{m.group(2)} {unquote(m.group(4) or '')}")
    view = view.sub(REFERENCE_DEFINITION, lambda m: unquote(m.group(2) or ""))
    view = view.sub(AUTOLINK, "\ufffc")
    view = view.sub(ATTR_LIST, lambda m: " " + shown_attributes(m.group(0)) + " " if "=" in m.group(0) else "")
    view = view.sub(TAG, lambda m: shown_attributes(m.group(0)))
    view = view.sub(re.compile(r"(?:https?:)?//[^\s<>\"'()（）]+|www\.[^\s<>\"'()（）]+", re.I), "\ufffc")
    return spelled_digits(view)


# --- HTML ------------------------------------------------------------------------

BLOCK_TAGS = {"address", "article", "aside", "blockquote", "br", "caption", "dd", "details", "div", "dl", "dt",
              "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li",
              "main", "nav", "ol", "p", "pre", "section", "summary", "table", "td", "th", "tr", "ul", "option",
              "label", "button", "textarea", "select", "input", "img"}


def html_text(element: object, lines: list[tuple[int, int]] | None = None) -> str:
    """The text of a BeautifulSoup element as a reader sees it: inline markup
    joins (<b>400</b>888 is one number), blocks and cells break lines, and
    visible attributes (alt, title, aria-label…) are read as text. If `lines`
    is given, it gets (offset in the text, source line) for each piece."""
    from bs4 import NavigableString, Tag
    from bs4.element import Comment, Declaration, Doctype, ProcessingInstruction
    pieces: list[str] = []
    length = 0

    def add(text: str, line: int | None) -> None:
        nonlocal length
        if lines is not None and line:
            lines.append((length, line))
        pieces.append(text)
        length += len(text)

    def walk(node: object, line: int | None) -> None:
        if isinstance(node, (Comment, Declaration, Doctype, ProcessingInstruction)):
            return
        if isinstance(node, NavigableString):
            add(str(node), line)
            return
        if not isinstance(node, Tag) or node.name in ("script", "style", "template"):
            return
        line = node.sourceline or line
        block = node.name in BLOCK_TAGS
        if block:
            add("\n", line)
        shown = [str(node.get(name)) for name in SHOWN_ATTRIBUTES if node.get(name)]
        if shown:
            add(" " + " ".join(shown) + " ", line)
        for child in node.children:
            walk(child, line)
        if block:
            add("\n", line)

    walk(element, getattr(element, "sourceline", None))
    return "".join(pieces)


def line_at(lines: list[tuple[int, int]], offset: int) -> int:
    """The source line of a text offset, from html_text's `lines`."""
    import bisect
    index = bisect.bisect_right([start for start, _ in lines], offset) - 1
    return lines[index][1] if index >= 0 else 1


def text_view(text: str) -> View:
    """Plain text (HTML text content, a data file's value) as a reader sees it."""
    view = visible(View.of(text))
    view = view.sub(re.compile(r"(?:https?:)?//[^\s<>\"'()（）]+|www\.[^\s<>\"'()（）]+", re.I), "\ufffc")
    return spelled_digits(view)


# --- digit runs: the numbers a reader would read ------------------------------------

@dataclass(frozen=True)
class Digits:
    """A number as read: its digits, where it starts and ends in the view, its text."""

    digits: str
    start: int
    end: int
    text: str
    plus: bool = False  # written with a leading + (an international number)


def digit_runs(view: View) -> Iterator[tuple[list[Digits], str]]:
    """Each run of digits joined only by separators, as its groups (the parts
    between separators), with the run's text."""
    for run in DIGIT_RUN.finditer(view.text):
        groups = [Digits(g.group(0), run.start() + g.start(), run.start() + g.end(), g.group(0))
                  for g in re.finditer(r"[0-9]+", run.group(0))]
        if run.group(0).startswith("+") and groups:
            first = groups[0]
            groups[0] = Digits(first.digits, run.start(), first.end, view.text[run.start():first.end], plus=True)
        yield groups, run.group(0)


def numbers_in_run(view: View, groups: list[Digits], longest: int = 30) -> Iterator[Digits]:
    """Every number a reader could read in a run: each sequence of consecutive
    groups (so "400 888 6262 24" still holds 400 888 6262)."""
    for first in range(len(groups)):
        digits = ""
        for last in range(first, len(groups)):
            digits += groups[last].digits
            if len(digits) > longest:
                break
            yield Digits(digits, groups[first].start, groups[last].end,
                         view.text[groups[first].start:groups[last].end], plus=groups[first].plus)


# Words right before or after a short number that make it an article,
# date, amount or count instead of something to dial.
NOT_A_PHONE_BEFORE = re.compile(r"(?:第|Arts?\.|Articles?|No\.|Nos\.|§|〔|\[|¥|￥|\$|RMB|CNY|USD|HK\$|版本|version|v)\s*$", re.I)
NOT_A_PHONE_AFTER = re.compile(r"^\s*(?:条|款|项|章|节|编|年|月|日|号(?!码)|元|块|万|亿|千|百|%|％|‰|天|次|个|岁|倍|页|字|人|份|期|小时|分钟|秒|"
                               r"周|届|位|名|户|家|笔|张|篇|KB|MB|GB|px|em|rem|pt|°|℃|"
                               r"yuan|RMB|days?\b|years?\b|months?\b|hours?\b|minutes?\b|times\b|people\b|percent\b|pages?\b)",
                               re.I)
PHONE_WORDS = re.compile(r"(?:电话|热线|拨打|致电|来电|打给|客服|联系|号码|手机|座机|专线|tel|phone|call|hotline|dial|ring|number|"
                         r"whatsapp|短信|sms|text)\W{0,12}$", re.I)


def phone_kind(digits: str, plus: bool) -> str:
    """'' or what kind of dialable number these digits are."""
    if plus and len(digits) >= 7 and not digits.startswith("86"):
        return "an international number"
    for prefix in ("0086", "86") if (plus or digits.startswith("0086")) else ():
        if digits.startswith(prefix) and len(digits) - len(prefix) >= 5:
            digits = digits[len(prefix):]
            break
    length = len(digits)
    if length == 3 and digits in ("110", "119", "120", "122"):
        return "an emergency number"
    if length == 5 and digits[0] in "19":
        return "a service number"
    if 6 <= length <= 8 and digits.startswith(("95", "96", "1010")):
        return "a service number"
    if 7 <= length <= 21 and digits.startswith("106"):
        return "an SMS service number"
    if length == 10 and digits.startswith(("400", "800")):
        return "a 400/800 number"
    if length == 11 and re.fullmatch(r"1[3-9]\d{9}", digits):
        return "a mobile number"
    if 10 <= length <= 12 and re.fullmatch(r"0[1-9]\d+", digits):
        return "a landline number"
    return ""


def local_number(digits: str) -> bool:
    """7 or 8 digits without an area code: a phone number only where phone words precede it."""
    return len(digits) in (7, 8) and digits[0] in "2345678"


def phone_numbers(view: View) -> list[Digits]:
    """Every number in the view a reader could dial, longest reading first, not overlapping."""
    found: list[Digits] = []
    for groups, _ in digit_runs(view):
        whole = "".join(group.digits for group in groups)
        plus = bool(groups) and groups[0].plus
        if not phone_kind(whole, plus) and (16 <= len(whole) <= 19 or 13 <= len(whole) <= 19 and luhn(whole)):
            continue  # a bank card (rule payment-accounts), not a phone number inside one
        candidates = []
        for number in numbers_in_run(view, groups):
            kind = phone_kind(number.digits, number.plus)
            if not kind and local_number(number.digits) and PHONE_WORDS.search(view.text[max(0, number.start - 24):number.start]):
                kind = "a local number"
            if not kind:
                continue
            if len(number.digits) <= 8 and not number.plus and (
                    NOT_A_PHONE_BEFORE.search(view.text[max(0, number.start - 12):number.start])
                    or NOT_A_PHONE_AFTER.search(view.text[number.end:number.end + 12])):
                continue
            candidates.append(number)
        candidates.sort(key=lambda n: (-(n.end - n.start), n.start))
        for number in candidates:
            if not any(number.start < taken.end and taken.start < number.end for taken in found):
                found.append(number)
    return sorted(found, key=lambda n: n.start)


def luhn(digits: str) -> bool:
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char)
        if index % 2:
            value = value * 2 - 9 if value > 4 else value * 2
        total += value
    return total % 10 == 0


def long_numbers(view: View, shortest: int = 12) -> Iterator[Digits]:
    """Runs of at least `shortest` digits read as one number (bank cards, accounts)."""
    for groups, _ in digit_runs(view):
        best: Digits | None = None
        for number in numbers_in_run(view, groups, longest=34):
            if len(number.digits) >= shortest and (best is None or len(number.digits) > len(best.digits)):
                best = number
        if best:
            yield best
