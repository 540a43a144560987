"""Label each table cell with its column heading, for narrow screens.

Why: on a phone, and more so with large text, a table of two or three
columns of sentences does not fit: the reader scrolls sideways inside it
and loses the row. docs/assets/extra.css folds such tables into one block
per row on narrow screens, each cell preceded by its column heading, which
it reads from the data-label attribute this hook writes. The table markup
stays a table (screen readers and print see the same table as before).
Tables with a class are labelled too (the downloads page's file table,
written by overrides/hooks/downloads.py, folds like the others); which
tables fold is the stylesheet's choice.
"""
from __future__ import annotations

import html
import itertools
import re
from typing import Any

TABLE = re.compile(r"<table(\s[^>]*)?>(.*?)</table>", re.S)
HEAD = re.compile(r"<thead>(.*?)</thead>", re.S)
HEADING = re.compile(r"<th(?:\s[^>]*)?>(.*?)</th>", re.S)
ROW = re.compile(r"<tr>(.*?)</tr>", re.S)
CELL = re.compile(r"<td(\s[^>]*)?>")
TAG = re.compile(r"<[^>]+>")


def heading_texts(table_html: str) -> list[str]:
    head = HEAD.search(table_html)
    if not head:
        return []
    return [" ".join(html.unescape(TAG.sub("", cell)).split()) for cell in HEADING.findall(head.group(1))]


def label_row(row_html: str, headings: list[str]) -> str:
    column = itertools.count()

    def label(match: re.Match[str]) -> str:
        index = next(column)
        attributes = match.group(1) or ""
        if index >= len(headings) or not headings[index] or "data-label" in attributes:
            return match.group(0)
        return f'<td{attributes} data-label="{html.escape(headings[index], quote=True)}">'

    return CELL.sub(label, row_html)


def label_table(table_html: str) -> str:
    headings = heading_texts(table_html)
    if not headings:
        return table_html
    return ROW.sub(lambda row: f"<tr>{label_row(row.group(1), headings)}</tr>", table_html)


def label_tables(page_html: str) -> str:
    """data-label on every <td> of every <table> that has a <thead>."""
    return TABLE.sub(lambda table: f"<table{table.group(1) or ''}>{label_table(table.group(2))}</table>", page_html)


def on_page_content(html_content: str, page: Any, config: Any, files: Any) -> str:
    return label_tables(html_content)
