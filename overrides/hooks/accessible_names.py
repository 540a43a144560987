"""Give unnamed controls in the built pages a name, and the menu button a key.

Why: screen readers announce a control by its name. Three come without one:
each task-list checkbox (pymdownx.tasklist writes an empty <label> around
it, so a reader hears only "checkbox"), Material's search dialog
(role="dialog" with no label) and, on phone-sized screens, the header's
menu button, which is also out of reach of the Tab key. This hook names the
checkbox after its item's text, the dialog after the search box's own
placeholder and the menu button after the navigation it opens (Material's
own aria-label, so both languages come free), and makes that button
focusable; Material opens it with Enter. It works on the built HTML, so it
holds without JavaScript and in the offline bundles. A script that later
moves the item text into the <label> gives the same name; aria-label simply
wins with the same words.
"""
from __future__ import annotations

import html
import re
from typing import Any

CHECKBOX = re.compile(r'(<label class="task-list-control"><input type="checkbox")([^>]*?)(\s*/?>)')
# The item's own text: after the checkbox's label, up to a nested list or the item's end.
ITEM_TEXT = re.compile(r"</label>(.*?)(?:<ul|<ol|</li>|</p>|<li|$)", re.S)
TAG = re.compile(r"<[^>]+>")
SEARCH_DIALOG = re.compile(r'<div class="md-search" data-md-component="search" role="dialog"(?![^>]*aria-label)')
SEARCH_PLACEHOLDER = re.compile(r'<input type="text" class="md-search__input"[^>]*?placeholder="([^"]*)"')
MENU_BUTTON = re.compile(r'<label class="md-header__button md-icon" for="__drawer">')
NAVIGATION_NAME = re.compile(r'<nav class="md-nav md-nav--primary" aria-label="([^"]*)"')


def plain_text(fragment: str) -> str:
    """Text of an HTML fragment, whitespace collapsed, entities decoded."""
    return " ".join(html.unescape(TAG.sub("", fragment)).split())


def name_checkboxes(page_html: str) -> str:
    """aria-label on each task-list checkbox: its item's text."""
    def replace(match: re.Match[str]) -> str:
        attributes = match.group(2)
        if "aria-label" in attributes:
            return match.group(0)
        end = page_html.find("</label>", match.end())
        item = ITEM_TEXT.match(page_html, end) if end >= 0 else None
        text = plain_text(item.group(1)) if item else ""
        if not text:
            return match.group(0)
        return f'{match.group(1)}{attributes} aria-label="{html.escape(text, quote=True)}"{match.group(3)}'

    return CHECKBOX.sub(replace, page_html)


def name_search_dialog(page_html: str) -> str:
    """aria-label on Material's search dialog: the search box's placeholder."""
    placeholder = SEARCH_PLACEHOLDER.search(page_html)
    if not placeholder:
        return page_html
    return SEARCH_DIALOG.sub(lambda m: f'{m.group(0)} aria-label="{placeholder.group(1)}"', page_html, count=1)


def name_menu_button(page_html: str) -> str:
    """Tab reaches the header's menu button; its hidden text names it.

    A <label> may not take role="button" or a bare aria-label (axe), so the
    name is text inside it, shown only to screen readers (extra.css)."""
    name = NAVIGATION_NAME.search(page_html)
    if not name:
        return page_html
    return MENU_BUTTON.sub(lambda m: f'{m.group(0)[:-1]} tabindex="0"><span class="guide-sr-only">{name.group(1)}</span>',
                           page_html, count=1)


def on_post_page(output: str, page: Any, config: Any) -> str:
    return name_menu_button(name_search_dialog(name_checkboxes(output)))


def on_post_template(output_content: str, template_name: str, config: Any) -> str:
    # 404.html is a template, not a page, and has the same search dialog.
    return name_search_dialog(output_content) if template_name == "404.html" else output_content
