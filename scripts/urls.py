"""Every URL in a page source, HTML, CSS or text, parsed the way a browser parses it.

Why: a hostile link does not look like ``https://evil.example``. It is
``HTTPS://``, ``//evil.example``, ``https://www.gov.cn@evil.example``,
``https://evil.example:8443``, ``https:\\\\evil.example``, a look-alike host in
another script (``www.gоv.cn`` with a Cyrillic о), an ``attr_list``
``{ href=... }``, a ``url()`` in a style, a bare ``pay-dxm.cn`` in a
sentence, or a ``javascript:`` link. So every URL is first cleaned as a
browser cleans it (tabs and line breaks dropped, backslashes read as slashes,
the host lower-cased, IDNA-encoded, userinfo and port split off) and only then
judged. The Markdown rules and scripts/check_site.py share this module.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator
from urllib.parse import urlsplit

import idna

from reader_view import (ATTRIBUTE, AUTOLINK, INLINE_LINK, REFERENCE_DEFINITION, TAG, View, unquote, visible)

# Schemes whose target is dialled or texted; the phone-numbers rule owns them.
PHONE_SCHEMES = {"tel", "sms", "smsto", "mms", "callto", "facetime", "facetime-audio", "wtai", "sip", "sips"}
# Schemes that open a payment, chat or app screen; the payment-accounts rule owns them.
APP_SCHEMES = {"alipay", "alipays", "alipayqr", "weixin", "wechat", "wxp", "wxpay", "mqq", "mqqapi", "mqqwpa",
               "mqqopensdkapi", "tg", "telegram", "whatsapp", "viber", "line", "upwallet", "unionpay", "uppay",
               "taobao", "tbopen", "tmall", "openapp.jdmobile", "baiduboxapp", "snssdk1128", "dingtalk", "market",
               "itms-services", "itms-apps", "intent", "bdwallet", "dxmpay", "duxiaoman"}
# Schemes that run code or smuggle content: never in a page.
SCRIPT_SCHEMES = {"javascript", "vbscript", "livescript", "data", "blob", "file", "filesystem", "about", "jar",
                  "view-source", "chrome", "chrome-extension", "ms-appx", "res", "mhtml"}
WEB_SCHEMES = {"http", "https"}
SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
# Attributes whose value the browser follows or fetches.
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "poster", "srcset", "xlink:href", "background",
                  "cite", "longdesc", "ping", "manifest", "icon", "codebase", "archive", "usemap", "lowsrc",
                  "dynsrc", "imagesrcset", "itemtype", "profile", "classid"}
CSS_URL = re.compile(r"url\(\s*(\"[^\"]*\"|'[^']*'|[^)]*)\s*\)|@import\s+(\"[^\"]*\"|'[^']*')", re.I)
META_REFRESH_URL = re.compile(r"url\s*=\s*(\S+)", re.I)
SRCSET_ITEM = re.compile(r"\s*([^\s,]+)(?:\s+[^,]*)?(?:,|$)")


@dataclass(frozen=True)
class Url:
    """A URL as written, and as a browser would read it."""

    written: str
    cleaned: str   # tabs and line breaks dropped, backslashes as slashes, trimmed
    scheme: str    # lower case; '' for a relative URL
    host: str      # lower case, IDNA (punycode), no trailing dot; '' without an authority
    shown_host: str  # the host as a reader reads it (Unicode)
    port: int | None
    userinfo: bool
    has_authority: bool
    error: str = ""

    @property
    def outside(self) -> bool:
        return self.has_authority


def clean(url: str) -> str:
    """What a browser makes of an attribute value before it parses it."""
    url = re.sub(r"[\t\r\n]", "", url).strip(" \x00-\x1f")
    return url.replace("\\", "/")


def ascii_host(host: str) -> tuple[str, str, str]:
    """(punycode host, Unicode host, error) for a host as a browser maps it (UTS 46)."""
    host = host.strip().rstrip(".")
    host = host.replace("\u3002", ".").replace("\uff0e", ".").replace("\uff61", ".")
    if not host:
        return "", "", ""
    if re.fullmatch(r"[0-9.]+|\[[0-9a-fA-F:.]+\]", host):
        return host.lower(), host.lower(), ""
    try:
        encoded = idna.encode(host, uts46=True, transitional=False).decode("ascii")
    except (idna.IDNAError, UnicodeError) as error:
        return host.lower(), host, f"host '{host}' is not a valid name ({error})"
    try:
        shown = idna.decode(encoded)
    except (idna.IDNAError, UnicodeError):
        shown = encoded
    return encoded.lower(), shown, ""


def parse(written: str) -> Url:
    cleaned = clean(written)
    match = SCHEME.match(cleaned)
    scheme = match.group(1).lower() if match else ""
    rest = cleaned[match.end():] if match else cleaned
    has_authority = rest.startswith("//")
    if has_authority and scheme in WEB_SCHEMES | {"ftp", "ws", "wss", ""}:
        rest = "//" + rest.lstrip("/")  # a browser skips any number of slashes there
    host = shown = error = ""
    port: int | None = None
    userinfo = False
    if has_authority:
        try:
            parts = urlsplit("x:" + rest)
            netloc = parts.netloc
            userinfo = "@" in netloc
            hostport = netloc.rsplit("@", 1)[-1]
            if hostport.startswith("["):
                raw_host, _, port_text = hostport[1:].partition("]")
                raw_host = f"[{raw_host}]"
                port_text = port_text.lstrip(":")
            else:
                raw_host, _, port_text = hostport.partition(":")
            if port_text:
                port = int(port_text) if port_text.isdigit() else -1
            host, shown, error = ascii_host(raw_host)
        except ValueError as problem:
            error = f"not a valid URL ({problem})"
    elif scheme in WEB_SCHEMES and rest:
        # https:evil.example: a browser on an http page goes to https://evil.example.
        host, shown, error = ascii_host(re.split(r"[/?#]", rest.lstrip("/"), maxsplit=1)[0])
        has_authority = True
    return Url(written, cleaned, scheme, host, shown, port, userinfo, has_authority, error)


# --- where URLs are written -----------------------------------------------------

@dataclass(frozen=True)
class Found:
    """A URL found in a text, with the index of its start in the view."""

    url: Url
    at: int
    where: str  # "link", "image", "attribute href", "css", "text", ...


def attribute_urls(markup: str) -> Iterator[tuple[str, str]]:
    """(attribute, URL) for every URL-valued attribute in a tag or attr_list."""
    for name, value in ATTRIBUTE.findall(markup):
        name = name.lower()
        value = unquote(value)
        if name in ("srcset", "imagesrcset"):
            for item in SRCSET_ITEM.finditer(value):
                if item.group(1):
                    yield name, item.group(1)
        elif name == "style":
            for css in css_urls(value):
                yield "style", css
        elif name == "content" and META_REFRESH_URL.search(value):
            yield "meta refresh", META_REFRESH_URL.search(value).group(1).strip("'\"")
        elif name in URL_ATTRIBUTES or SCHEME.match(clean(value)) and SCHEME.match(clean(value)).group(1).lower() in (
                SCRIPT_SCHEMES | APP_SCHEMES | PHONE_SCHEMES):
            yield name, value


def css_urls(css: str) -> Iterator[str]:
    for match in CSS_URL.finditer(css):
        yield unquote(match.group(1) or match.group(2) or "")


# A bare web address in a sentence: labels joined by dots (or a full-width or
# ideographic full stop, "[.]", "(.)", " dot ", "点"), ending in a known top-level domain.
TLDS = ("com|cn|net|org|info|top|xyz|vip|shop|club|site|online|store|tech|cc|co|io|me|tv|biz|hk|tw|mo|asia|app|"
        "ltd|work|life|live|wang|ren|fun|icu|pro|mobi|link|click|cloud|tk|ml|ga|cf|gq|pw|ws|la|in|so|gov|edu|us|uk|"
        "jp|kr|sg|my|ru|de|fr|xin|kim|red|ink|love|run|group|today|news|space|website|host|world|plus|pub|bid|win|"
        "loan|money|finance|bank|cash|credit|fund|services|support|help|company|email|vip|art|ai|gg|to|ly|su|ph|"
        "vn|th|id|au|ca|nl|eu|name|mba|team|zone|center|cyou|buzz|monster|rest|sbs|bond|lat|homes|beauty|skin|"
        "hair|quest|cfd|中国|中國|公司|网络|網絡|在线|网址|集团|我爱你|商城|网店|中文网|移动|信息|购物")
DOT = r"(?:\.|\u3002|\uff0e|\uff61|\[\.\]|\(\.\)|（\.）|\s?点\s?|\s(?:dot|DOT)\s|\[dot\]|\(dot\))"
LABEL = r"(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?|xn--[a-z0-9-]+)"
BARE_DOMAIN = re.compile(rf"(?<![\w@./-])((?:{LABEL}{DOT})+(?:{TLDS}))(?![\w-])", re.I)
EMAIL = re.compile(rf"[A-Za-z0-9._%+-]+@((?:{LABEL}\.)+[A-Za-z]{{2,24}})")
BARE_URL = re.compile(r"(?<![\w\"'=(<])(?:[A-Za-z][A-Za-z0-9+.-]{1,31}:)?//[^\s<>\"'()（）\]]+|"
                      r"(?<![\w/.@-])www\.[^\s<>\"'()（）\]]+|"
                      r"(?<![\w])(?:javascript|vbscript|data|alipays?|weixin|wxp|mqqapi|intent):[^\s<>\"'()（）\]]+", re.I)


def domain_of(text: str) -> str:
    """The domain a reader would type for a bare address like 'pay-dxm。cn'."""
    return re.sub(DOT, ".", text).lower()


def markdown_urls(view: View) -> Iterator[Found]:
    """Every URL in a Markdown page's view (see reader_view.visible): link and
    image targets, reference definitions, autolinks, raw HTML and attr_list
    attributes, CSS, and bare addresses in the text."""
    taken: list[tuple[int, int]] = []
    text = view.text

    def add(url: str, start: int, end: int, where: str) -> Iterator[Found]:
        taken.append((start, end))
        yield Found(parse(url), start, where)

    for match in INLINE_LINK.finditer(text):
        where = "image source" if match.group(1) else "link target"
        yield from add(unquote(match.group(3)), match.start(3), match.end(3), where)
    for match in REFERENCE_DEFINITION.finditer(text):
        yield from add(unquote(match.group(1)), match.start(1), match.end(1), "link reference")
    for match in AUTOLINK.finditer(text):
        yield from add(match.group(1), match.start(1), match.end(1), "autolink")
    for pattern, where in ((TAG, "attribute"), (re.compile(r"\{:?[^{}\n]*=[^{}\n]*\}"), "attr_list attribute")):
        for match in pattern.finditer(text):
            for name, url in attribute_urls(match.group(0)):
                yield from add(url, match.start(), match.end(), f"{where} {name}")
    for match in re.finditer(r"<style\b[^>]*>(.*?)</style>", text, re.S | re.I):
        for url in css_urls(match.group(1)):
            yield from add(url, match.start(1), match.end(1), "css")

    def free(start: int, end: int) -> bool:
        return not any(start < t_end and t_start < end for t_start, t_end in taken)

    for match in BARE_URL.finditer(text):
        if free(match.start(), match.end()):
            written = match.group(0).rstrip(".,;:!?。，；：！？」』》）")
            if written.lower().startswith("www."):
                written = "https://" + written  # what a browser makes of a typed address
            yield from add(written, match.start(), match.end(), "address in the text")
    for match in EMAIL.finditer(text):
        if free(match.start(), match.end()):
            taken.append((match.start(), match.end()))
            yield Found(parse("mailto:" + match.group(0)), match.start(), "e-mail address")
    for match in BARE_DOMAIN.finditer(text):
        if free(match.start(), match.end()):
            yield Found(parse("https://" + domain_of(match.group(1))), match.start(), "bare address in the text")


def text_urls(text: str) -> Iterator[Found]:
    """URLs and bare addresses in plain text (HTML text content, data files)."""
    view = visible(View.of(text))
    yield from markdown_urls(view)


# --- judging a link in a page ------------------------------------------------------

DOMAIN_ADVICE = ("link only to official sites; to add one, put it in data/allowed_domains.yml in a pull request "
                 "that cites a source showing the site is official · "
                 "只链接官方网站；新增网站须在 data/allowed_domains.yml 中加入，并在拉取请求中附上证明其为官方网站的来源")
DEFAULT_PORTS = {"http": 80, "https": 443, "": None}


def shorten(text: str, limit: int = 60) -> str:
    text = re.sub(r"\s+", " ", text)
    return text if len(text) <= limit else text[:limit - 1] + "…"


def allowed_hosts(domains: dict) -> set[str]:
    """The hosts of data/allowed_domains.yml, IDNA-encoded like parsed URLs."""
    hosts = set()
    for entry in domains.get("allowed") or []:
        name = entry.get("domain") if isinstance(entry, dict) else entry
        if name:
            hosts.add(ascii_host(str(name))[0])
    return hosts


def official_copy_hosts(mirrors: dict) -> set[str]:
    """The hosts of data/mirrors.yml: the primary address and every mirror.
    A page may name an official copy of the guide as it may name an
    allowed site (issue 16: "if this address does not open, try …")."""
    urls = [(mirrors.get("primary") or {}).get("url", "")]
    urls += [entry.get("url", "") for entry in mirrors.get("mirrors") or []]
    hosts = set()
    for url in urls:
        host = urlsplit(str(url)).hostname or ""
        if host:
            hosts.add(ascii_host(host)[0])
    return hosts


def link_problem(url: Url, allowed: set[str]) -> str:
    """Why this URL may not appear in a page, or ''. Phone and app links are
    judged by their own rules (phone-numbers, payment-accounts)."""
    written = shorten(url.written)
    scheme = url.scheme
    if url.error:
        return f"'{written}': {url.error}: {DOMAIN_ADVICE}"
    if scheme in PHONE_SCHEMES or scheme in APP_SCHEMES:
        return ""
    if scheme in SCRIPT_SCHEMES:
        return (f"'{written}' is a {scheme}: link, which runs code or carries hidden content; pages link only to "
                f"their own pages and to official sites · 禁止 {scheme}: 链接：它会运行代码或夹带隐藏内容")
    if scheme == "mailto":
        domain = url.cleaned.split("?", 1)[0].rsplit("@", 1)[-1]
        host = ascii_host(domain)[0]
        if host not in allowed:
            return f"e-mail address at '{domain}' is not an official site in data/allowed_domains.yml: {DOMAIN_ADVICE}"
        return ""
    if not url.has_authority:
        if scheme and scheme not in WEB_SCHEMES:
            return (f"'{written}' uses the unknown scheme {scheme}:; pages link only to their own pages and to "
                    f"official sites (https://) · 只能链接本站页面和官方网站（https://）")
        return ""
    if scheme not in WEB_SCHEMES | {""}:
        return f"'{written}' uses {scheme}://; only https:// links to official sites are allowed: {DOMAIN_ADVICE}"
    where = f"'{url.shown_host}'" + (f" (written {url.host})" if url.shown_host != url.host else "")
    if url.host not in allowed:
        return f"link to {where} is not in data/allowed_domains.yml: {DOMAIN_ADVICE}"
    if url.userinfo:
        return (f"'{written}' has a name before '@': a browser ignores it and goes to the host after '@' · "
                f"网址中 @ 前面的部分会被浏览器忽略，实际打开的是 @ 后面的网站")
    if url.port is not None and url.port != DEFAULT_PORTS.get(scheme):
        return f"'{written}' names a port; official sites are linked as https://host/ · 官方网站链接不写端口"
    if scheme == "http":
        return f"'{written}' uses http://; write https:// (an http link can be altered on the way) · 请改用 https://"
    if scheme == "":
        return f"'{written}' has no scheme; write https:// · 请写完整的 https:// 网址"
    return ""
