"""Hostile and fuzzed files meet perfcli. A case runs with both .xlsx readers (python-calamine's
and openpyxl's) only where the reader matters, by asking for the `reader` fixture: a workbook
read through the CLI. Cases about CSVs, settings, options, the store or Word run once."""
