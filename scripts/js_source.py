"""JavaScript split into code, strings, regular expressions and comments.

Why: the checks on scripts (scripts/check_scripts.py on our own JavaScript,
scripts/check_site.py on everything the site ships) must tell a URL in a
string, which a script can fetch, from one in a comment, which it cannot,
and must find a network API in code however it is spaced, without being
fooled by the same word in a string or a regular expression. A full parser
is more than this needs; this tokenizer knows the four kinds of text and
where a "/" starts a regular expression.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

# After these (or at the start), "/" begins a regular expression, not a division.
REGEX_AFTER = set("(,=:[!&|?{};+-*%<>~^") | {""}
REGEX_AFTER_WORDS = {"return", "typeof", "case", "do", "else", "in", "instanceof", "new", "void", "delete", "throw",
                     "yield", "await"}


@dataclass(frozen=True)
class Token:
    kind: str  # "code", "string", "template", "regex", "comment"
    start: int
    text: str  # for strings: the content between the quotes


def tokens(source: str) -> Iterator[Token]:
    index = 0
    length = len(source)
    code_start = 0
    last_significant = ""

    def flush(end: int) -> Iterator[Token]:
        if end > code_start:
            yield Token("code", code_start, source[code_start:end])

    while index < length:
        char = source[index]
        following = source[index + 1] if index + 1 < length else ""
        if char == "/" and following == "/":
            yield from flush(index)
            end = source.find("\n", index)
            end = length if end < 0 else end
            yield Token("comment", index, source[index:end])
            index = code_start = end
            continue
        if char == "/" and following == "*":
            yield from flush(index)
            end = source.find("*/", index + 2)
            end = length if end < 0 else end + 2
            yield Token("comment", index, source[index:end])
            index = code_start = end
            continue
        if char in "'\"`":
            yield from flush(index)
            end = index + 1
            depth = 0
            while end < length:
                current = source[end]
                if current == "\\":
                    end += 2
                    continue
                if char == "`" and current == "$" and end + 1 < length and source[end + 1] == "{":
                    depth += 1
                elif char == "`" and current == "}" and depth:
                    depth -= 1
                elif current == char and not depth:
                    break
                elif current == "\n" and char != "`":
                    break
                end += 1
            yield Token("template" if char == "`" else "string", index + 1, source[index + 1:end])
            index = code_start = min(end + 1, length)
            last_significant = "a"
            continue
        if char == "/":
            word = previous_word(source, index)
            if last_significant in REGEX_AFTER or word in REGEX_AFTER_WORDS:
                yield from flush(index)
                end = index + 1
                in_class = False
                while end < length and source[end] != "\n":
                    current = source[end]
                    if current == "\\":
                        end += 2
                        continue
                    if current == "[":
                        in_class = True
                    elif current == "]":
                        in_class = False
                    elif current == "/" and not in_class:
                        break
                    end += 1
                end += 1
                while end < length and source[end].isalpha():
                    end += 1
                yield Token("regex", index, source[index:end])
                index = code_start = end
                last_significant = "a"
                continue
        if not char.isspace():
            last_significant = char if not (char.isalnum() or char in "_$") else "a"
            if char in ")]":
                last_significant = ")"
        index += 1
    yield from flush(length)


def previous_word(source: str, index: int) -> str:
    end = index
    while end > 0 and source[end - 1].isspace():
        end -= 1
    start = end
    while start > 0 and (source[start - 1].isalnum() or source[start - 1] in "_$"):
        start -= 1
    return source[start:end]


def code_only(source: str) -> str:
    """The source with comments blanked and strings, templates and regular
    expressions replaced by empty literals of the same length (offsets kept)."""
    pieces = []
    for token in tokens(source):
        if token.kind == "code":
            pieces.append(token.text)
        elif token.kind in ("string", "template"):
            quote = source[token.start - 1]
            closing = source[token.start + len(token.text)] if token.start + len(token.text) < len(source) else ""
            pieces.append(quote + " " * len(token.text) + closing)
        else:
            pieces.append(" " * len(token.text) if "\n" not in token.text else
                          "".join("\n" if c == "\n" else " " for c in token.text))
    return "".join(pieces)
