#!/usr/bin/env python3
"""Renders the figure contact sheet (docs/exercises/*.svg) to a PNG for review.

Writes an HTML page that inlines every SVG at its printed size (4 cm wide) in
a grid with its file name, and screenshots it with headless Chromium.

usage: contact_sheet.py DOCS_EXERCISES_DIR OUT.png [--columns N] [--scale S]
"""
import os
import subprocess
import sys
import tempfile


def main(argv):
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    folder, out = argv[1], os.path.abspath(argv[2])
    columns = int(argv[argv.index("--columns") + 1]) if "--columns" in argv else 6
    scale = float(argv[argv.index("--scale") + 1]) if "--scale" in argv else 1.0
    names = sorted(n for n in os.listdir(folder) if n.endswith(".svg"))
    cells = []
    for name in names:
        with open(os.path.join(folder, name), encoding="utf-8") as f:
            svg = f.read()
        cells.append(f'<figure><div class="box">{svg}</div><figcaption>{name[:-4]}</figcaption></figure>')
    html = (
        "<!doctype html><meta charset=utf-8><style>"
        "body{margin:8px;font:11px sans-serif;background:#fff}"
        f".grid{{display:grid;grid-template-columns:repeat({columns},4.6cm);gap:6px}}"
        "figure{margin:0;border:1px solid #ccc;padding:2px}"
        ".box{height:4cm;display:flex;align-items:center;justify-content:center}"
        "svg{max-height:4cm;max-width:4cm;width:4cm;height:auto;outline:1px dotted #f88}"
        "</style><div class=grid>" + "".join(cells) + "</div>"
    )
    rows = (len(cells) + columns - 1) // columns
    width = int((columns * (4.6 * 37.8 + 6) + 24))
    height = int(rows * (4 * 37.8 + 40) + 24)
    with tempfile.TemporaryDirectory() as tmp:
        page = os.path.join(tmp, "sheet.html")
        with open(page, "w", encoding="utf-8") as f:
            f.write(html)
        cmd = ["/usr/bin/chromium", "--headless", "--no-sandbox", "--disable-gpu",
               "--hide-scrollbars", f"--force-device-scale-factor={scale}",
               f"--window-size={width},{height}", f"--screenshot={out}", "file://" + page]
        r = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
        if r.returncode != 0 or not os.path.exists(out):
            print(r.stderr, file=sys.stderr)
            return 1
    print(out)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
