"""Render the README's pictures: the example report's first page and its Appendix A.

Drafts the bundled example's 2023/24 report (seed 000's figures, as the quick start does) in a
temporary copy of the workspace, converts it to PDF with LibreOffice, and writes two small PNGs
and a record of what they were rendered from (page count, page numbers, sizes) to docs/images/.
tests/test_readme_images.py renders again and checks the committed pictures still match.

Run from the repository root:  python scripts/render_readme_images.py
Needs LibreOffice (soffice) and poppler (pdftoppm, pdftotext).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "leicestershire"
IMAGES = ROOT / "docs" / "images"
RECORD = IMAGES / "readme-images.json"
DPI = 60
PICTURES = {"first-page": "report-first-page.png", "appendix-a": "report-appendix-a.png"}


def draft_pdf(folder: Path) -> Path:
    """The quick start's report, drafted in a copy of the example, as a PDF."""
    from perfcli.api import Workspace
    from perfcli.report.document import convert_with_libreoffice, soffice

    workspace = folder / "leicestershire"
    shutil.copytree(EXAMPLE, workspace, ignore=shutil.ignore_patterns("perfcli.db*", "reports"))
    ws = Workspace.open(workspace)
    ws.import_files(sorted((workspace / "data").glob("*.xlsx")))
    drafted = ws.draft_report("adults", period="2023-24", meeting_date="2024-06-03", force=True)
    program = soffice()
    if program is None:
        sys.exit("LibreOffice (soffice) is needed to render the pictures")
    docx = Path(str(getattr(drafted, "path", "")))
    convert_with_libreoffice(program, docx, folder)
    return folder / docx.with_suffix(".pdf").name


def page_texts(pdf: Path) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout  # fmt: skip
    return text.split("\f")[:-1] if text.endswith("\f") else text.split("\f")


def appendix_page(texts: list[str]) -> int:
    """The first page of Appendix A's dashboard: its title opens the page."""
    for number, text in enumerate(texts, start=1):
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        if lines and lines[0].startswith("Appendix A") and "Dashboard" in lines[0]:
            return number
    raise SystemExit("no page opens with Appendix A's title")


def render_page(pdf: Path, page: int, target: Path) -> tuple[int, int]:
    """One page as a small PNG (a palette of 64 colours, optimised); its width and height."""
    from PIL import Image

    stem = target.with_suffix("")
    subprocess.run(["pdftoppm", "-png", "-r", str(DPI), "-f", str(page), "-l", str(page),
                    "-singlefile", str(pdf), str(stem)], check=True)  # fmt: skip
    with Image.open(target) as image:
        small = image.convert("RGB").quantize(colors=64)
        small.save(target, optimize=True)
        return small.size


def render(out: Path) -> dict[str, object]:
    """Render the pictures into `out`; return the record of what they show."""
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="perfcli-readme-") as scratch:
        pdf = draft_pdf(Path(scratch))
        texts = page_texts(pdf)
        pages = {"first-page": 1, "appendix-a": appendix_page(texts)}
        sizes = {name: render_page(pdf, pages[name], out / file) for name, file in PICTURES.items()}
    return {
        "source": "examples/leicestershire, draft-report --committee adults --period 2023-24",
        "dpi": DPI,
        "pages": len(texts),
        "pictures": {
            name: {"file": PICTURES[name], "page": pages[name], "size": list(sizes[name])}
            for name in PICTURES
        },  # fmt: skip
    }


def main() -> None:
    record = render(IMAGES)
    RECORD.write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
    for picture in record["pictures"].values():  # type: ignore[attr-defined]
        size = (IMAGES / picture["file"]).stat().st_size
        print(f"{IMAGES / picture['file']}: page {picture['page']} of {record['pages']}, "
              f"{picture['size'][0]}×{picture['size'][1]} px, {size // 1024} KiB")  # fmt: skip


if __name__ == "__main__":
    main()
