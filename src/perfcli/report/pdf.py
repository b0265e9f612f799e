"""A tagged PDF of a drafted document through LibreOffice, with its fields and contents refreshed.

LibreOffice (7.4 tried) keeps a Word document's field results as saved on conversion, and
`--convert-to pdf` has no option to refresh them; `w:updateFields` in settings.xml and a dirty
field mark are ignored too. So the conversion runs a small Basic macro, put in a scratch
LibreOffice profile, that opens the document hidden, updates every index (the contents list
with its page numbers) and every field (Page N of M), then exports the tagged PDF.
"""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

_MACRO = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">
<script:module xmlns:script="http://openoffice.org/2000/script" script:name="Module1"
 script:language="StarBasic">
Sub ToPdf
  Dim args(0) As New com.sun.star.beans.PropertyValue
  args(0).Name = &quot;Hidden&quot;
  args(0).Value = True
  doc = StarDesktop.loadComponentFromURL(ConvertToURL(Environ(&quot;PERFCLI_DOCX&quot;)), &quot;_blank&quot;, 0, args())
  indexes = doc.getDocumentIndexes()
  For i = 0 To indexes.getCount() - 1
    indexes.getByIndex(i).update()
  Next i
  doc.getTextFields().refresh()
  Dim filterData(0) As New com.sun.star.beans.PropertyValue
  filterData(0).Name = &quot;UseTaggedPDF&quot;
  filterData(0).Value = True
  Dim out(1) As New com.sun.star.beans.PropertyValue
  out(0).Name = &quot;FilterName&quot;
  out(0).Value = &quot;writer_pdf_Export&quot;
  out(1).Name = &quot;FilterData&quot;
  out(1).Value = filterData()
  doc.storeToURL(ConvertToURL(Environ(&quot;PERFCLI_PDF&quot;)), out())
  doc.close(True)
End Sub
</script:module>
"""
_SCRIPT = "vnd.sun.star.script:Standard.Module1.ToPdf?language=Basic&location=application"


def to_pdf_refreshed(docx_path: Path, *, force: bool) -> Path:
    """A tagged PDF beside the .docx, its contents list and page fields brought up to date."""
    from perfcli.report.document import (
        conversion_failed,
        keep_pdf,
        libreoffice_environment,
        run_libreoffice,
        soffice_for,
    )

    program = soffice_for(docx_path)
    target = docx_path.with_suffix(".pdf")
    with tempfile.TemporaryDirectory() as scratch:
        profile = Path(scratch) / "profile"
        made = Path(scratch) / target.name
        options = [program, f"-env:UserInstallation={profile.as_uri()}", "--headless"]
        environment = libreoffice_environment(
            Path(scratch), PERFCLI_DOCX=str(docx_path.resolve()), PERFCLI_PDF=str(made)
        )
        try:
            # The first start writes the profile, replacing any macro put there before it.
            run_libreoffice([*options, "--terminate_after_init"], timeout=120, env=environment)
            module = profile / "user" / "basic" / "Standard" / "Module1.xba"
            module.write_text(_MACRO, encoding="utf-8")
            run_libreoffice([*options, "--invisible", _SCRIPT], timeout=300, env=environment)
        except (subprocess.SubprocessError, OSError) as error:
            raise conversion_failed(docx_path, error) from None
        return keep_pdf(docx_path, made, force=force)
