"""Check the images: each one listed with its source, and none holding a QR code.

Why: a QR code is the easiest way to hide a payment account or a phishing
link in plain sight: no reviewer reads it, and a frightened reader scans
it. Every image under docs/ must be listed in data/images.yml with its
source, reviewed date and confidence (scripts/check_data.py checks those
fields), and every image, in docs/ and in the built site (including data:
URLs in pages and stylesheets), is decoded with zxing-cpp; any QR code, or
any other barcode a phone could scan, fails.

Usage: python scripts/check_images.py [--docs docs] [--data data] [--site site]
"""
from __future__ import annotations

import argparse
import base64
import hashlib
import io
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import unquote_to_bytes

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from problems import Problem, finish  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
RASTER = {".png", ".jpg", ".jpeg", ".gif", ".webp", ".bmp", ".ico", ".tif", ".tiff", ".avif"}
IMAGES = RASTER | {".svg"}
ADVICE = ("the guide shows no QR code or barcode: a scan-to-pay or scan-to-visit code is the scam it warns about · "
          "本指南不放二维码或条形码：扫码付款、扫码访问正是它提醒读者防范的骗局")
LIST_ADVICE = ("list it in data/images.yml with its source, reviewed date and confidence; a maintainer approves "
               "it (CODEOWNERS) · 请在 data/images.yml 中登记它的来源、核对日期和可信度，并由维护者批准")
DATA_IMAGE = re.compile(r"data:image/([a-z0-9.+-]+)((?:;[a-z0-9=.+-]+)*?)(;base64)?,([^\"')\s>]+)", re.I)


DECODED: dict[str, list[str]] = {}  # by SHA-256: the theme's icons repeat across files


def barcodes(data: bytes, suffix: str = ".png") -> list[str]:
    """What a phone would read from the image: the text of every barcode in it."""
    key = hashlib.sha256(data).hexdigest()
    if key not in DECODED:
        DECODED[key] = decode(data, suffix)
    return DECODED[key]


def decode(data: bytes, suffix: str) -> list[str]:
    import zxingcpp
    from PIL import Image, ImageOps
    if suffix == ".svg" or data.lstrip()[:5] in (b"<?xml", b"<svg ") or data.lstrip().startswith(b"<svg"):
        data = rasterise_svg(data)
        if data is None:
            return []
    try:
        image = Image.open(io.BytesIO(data))
    except Exception:  # noqa: BLE001 (not an image a browser would show either)
        return []
    found: list[str] = []
    frames = getattr(image, "n_frames", 1)
    for frame in range(min(frames, 20)):
        image.seek(frame)
        rgb = image.convert("RGBA")
        flat = Image.new("RGB", rgb.size, "white")
        flat.paste(rgb, mask=rgb.getchannel("A"))
        for candidate in (flat, ImageOps.invert(flat)):  # a light code on a dark ground too
            for result in zxingcpp.read_barcodes(candidate):
                text = result.text or result.format.name
                if text not in found:
                    found.append(text)
    return found


def rasterise_svg(data: bytes) -> bytes | None:
    """An SVG as PNG (WeasyPrint draws it into a PDF, poppler renders that)."""
    if shutil.which("pdftoppm") is None:
        return None
    from weasyprint import HTML
    with tempfile.TemporaryDirectory() as folder:
        svg = Path(folder) / "image.svg"
        svg.write_bytes(data)
        pdf = Path(folder) / "image.pdf"
        page = ('<style>@page { size: 8cm 8cm; margin: 0.5cm } img { width: 7cm; height: 7cm; '
                'object-fit: contain }</style>')
        HTML(string=f'{page}<img src="{svg.as_uri()}">', base_url=folder).write_pdf(pdf)
        subprocess.run(["pdftoppm", "-png", "-r", "120", "-singlefile", str(pdf), str(Path(folder) / "image")],
                       check=True, capture_output=True)
        return (Path(folder) / "image.png").read_bytes()


def data_url_bytes(match: re.Match[str]) -> tuple[bytes, str]:
    payload = match.group(4)
    body = base64.b64decode(payload + "=" * (-len(payload) % 4)) if match.group(3) else unquote_to_bytes(payload)
    kind = match.group(1).lower()
    return body, ".svg" if kind.startswith("svg") else "." + kind


def qr_message(where: str, codes: list[str]) -> str:
    shown = ", ".join(repr(code[:60]) for code in codes)
    return f"{where} holds a QR code or barcode ({shown}): {ADVICE}"


def image_files(folder: Path) -> list[Path]:
    return sorted(path for path in folder.rglob("*") if path.suffix.lower() in IMAGES and path.is_file())


def listed_images(data_dir: Path) -> dict[str, dict]:
    path = data_dir / "images.yml"
    entries = (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("images") or [] if path.is_file() else []
    return {str(entry.get("file")): entry for entry in entries if isinstance(entry, dict)}


def label_of(path: Path) -> str:
    try:
        return path.resolve().relative_to(ROOT).as_posix()
    except ValueError:
        return path.as_posix()


def source_problems(docs_dir: Path, data_dir: Path) -> list[Problem]:
    """Each image under docs/ is listed in data/images.yml and holds no code."""
    listed = listed_images(data_dir)
    problems = []
    for path in image_files(docs_dir):
        relative = path.relative_to(docs_dir).as_posix()
        label = label_of(path)
        if relative not in listed:
            problems.append(Problem(label, 1, f"image '{relative}' is not in data/images.yml: {LIST_ADVICE}"))
        codes = barcodes(path.read_bytes(), path.suffix.lower())
        if codes:
            problems.append(Problem(label, 1, qr_message(f"image '{relative}'", codes)))
    for name in sorted(set(listed) - {p.relative_to(docs_dir).as_posix() for p in image_files(docs_dir)}):
        problems.append(Problem(label_of(data_dir / "images.yml"), 1, f"lists '{name}', which is not under {docs_dir.name}/"))
    return problems


def data_url_problems(label: str, text: str) -> list[Problem]:
    """QR codes in data: image URLs written in a page, stylesheet or script."""
    problems = []
    for match in DATA_IMAGE.finditer(text):
        try:
            body, suffix = data_url_bytes(match)
        except ValueError:
            continue
        codes = barcodes(body, suffix)
        if codes:
            line = text.count("\n", 0, match.start()) + 1
            problems.append(Problem(label, line, qr_message("a data: image", codes)))
    return problems


def site_problems(site: Path) -> list[Problem]:
    """Every image file in the built site, and every data: image in its pages,
    stylesheets and scripts, holds no code."""
    problems = []
    for path in image_files(site):
        codes = barcodes(path.read_bytes(), path.suffix.lower())
        if codes:
            problems.append(Problem(path.relative_to(site).as_posix(), 1, qr_message("this image", codes)))
    for path in sorted(list(site.rglob("*.html")) + list(site.rglob("*.css")) + list(site.rglob("*.js"))):
        text = path.read_text(encoding="utf-8", errors="replace")
        if "data:image" in text:
            problems += data_url_problems(path.relative_to(site).as_posix(), text)
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=Path, default=ROOT / "docs")
    parser.add_argument("--data", type=Path, default=ROOT / "data")
    parser.add_argument("--site", type=Path, help="also decode every image of a built site")
    args = parser.parse_args()
    problems = source_problems(args.docs, args.data)
    if args.site:
        problems += site_problems(args.site)
    return finish("check_images", problems)


if __name__ == "__main__":
    sys.exit(main())
