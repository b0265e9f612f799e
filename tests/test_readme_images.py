"""The README's pictures of the drafted report still match what perfcli drafts today.

scripts/render_readme_images.py drafts the example's 2023/24 report, converts it to PDF and
renders two pages; here it renders again, and the page count, the pages shown and the pictures'
sizes must be those committed (pixels may differ with the fonts installed; the layout may not).
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import shutil

import pytest
from PIL import Image

from tests.conftest import ROOT

IMAGES = ROOT / "docs" / "images"
RECORD = json.loads((IMAGES / "readme-images.json").read_text())


def script():
    spec = importlib.util.spec_from_file_location(
        "render_readme_images", ROOT / "scripts" / "render_readme_images.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_readme_opens_with_both_pictures_and_says_what_they_show():
    readme = (ROOT / "README.md").read_text()
    opening = readme[: readme.index("## Quick start")]
    for picture in RECORD["pictures"].values():
        match = re.search(rf"!\[([^\]]+)\]\(docs/images/{re.escape(picture['file'])}\)", opening)
        assert match, picture["file"]
        assert len(match.group(1)) > 40  # alt text that describes the page, not a file name


@pytest.mark.parametrize("name", sorted(RECORD["pictures"]))
def test_the_committed_pictures_are_small_and_of_their_recorded_size(name):
    picture = RECORD["pictures"][name]
    path = IMAGES / picture["file"]
    with Image.open(path) as image:
        assert list(image.size) == picture["size"]
    assert path.stat().st_size < 80 * 1024


def test_the_pictures_match_the_report_drafted_today(tmp_path):
    if not (shutil.which("soffice") or shutil.which("libreoffice")) or not shutil.which("pdftoppm"):
        if os.environ.get("CI") == "true":
            pytest.fail(".ci/run should have installed LibreOffice and poppler")
        pytest.skip("needs LibreOffice and poppler")
    today = script().render(tmp_path)
    assert today["pages"] == RECORD["pages"]
    assert today["pictures"] == RECORD["pictures"], (
        "the drafted report changed: run python scripts/render_readme_images.py and commit"
    )
