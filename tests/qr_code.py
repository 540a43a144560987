"""A known QR code, drawn with Pillow from its modules: the fixtures that
prove the QR check fails (tests/test_security_checks.py). No network, no
QR library: the 21 x 21 modules below encode "HTTPS://PAY.EXAMPLE/DXM"
(version 1, drawn once and copied here), so a decoder that reads them back
proves itself."""
from __future__ import annotations

import base64
import io

TEXT = "HTTPS://PAY.EXAMPLE/DXM"
MODULES = [
    "#######.#.#.#.#######",
    "#.....#.#.#.#.#.....#",
    "#.###.#..###..#.###.#",
    "#.###.#.....#.#.###.#",
    "#.###.#.#...#.#.###.#",
    "#.....#.#.#.#.#.....#",
    "#######.#.#.#.#######",
    "........###.#........",
    "###..##.#########..##",
    "##......#....#....#.#",
    ".#.####.###.###..#.#.",
    "##.#.#.#..##..####.#.",
    "###...##.#..###..#.##",
    "........##..#.#.##.##",
    "#######..###.#..#.##.",
    "#.....#.#..###...#.##",
    "#.###.#..#..#.#.####.",
    "#.###.#......###.#...",
    "#.###.#.#.#.###..#.##",
    "#.....#.###..###....#",
    "#######.#....#.....##",
]


def png(scale: int = 8, quiet: int = 4, dark: str = "black", light: str = "white") -> bytes:
    """The code as PNG bytes, each module scale pixels, with a quiet zone."""
    from PIL import Image, ImageDraw
    size = (len(MODULES) + 2 * quiet) * scale
    image = Image.new("RGB", (size, size), light)
    draw = ImageDraw.Draw(image)
    for row, line in enumerate(MODULES):
        for column, module in enumerate(line):
            if module == "#":
                left, top = (column + quiet) * scale, (row + quiet) * scale
                draw.rectangle([left, top, left + scale - 1, top + scale - 1], fill=dark)
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def svg(scale: int = 10, quiet: int = 4) -> str:
    """The code as an SVG of rectangles (how a hand-made QR would hide in markup)."""
    size = (len(MODULES) + 2 * quiet) * scale
    rects = "".join(f'<rect x="{(c + quiet) * scale}" y="{(r + quiet) * scale}" width="{scale}" height="{scale}"/>'
                    for r, line in enumerate(MODULES) for c, module in enumerate(line) if module == "#")
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{size}" height="{size}" viewBox="0 0 {size} {size}">'
            f'<rect width="{size}" height="{size}" fill="white"/>{rects}</svg>')


def data_url() -> str:
    return "data:image/png;base64," + base64.b64encode(png(scale=4)).decode("ascii")
