"""Run perfcli as `python -m perfcli`."""

from perfcli.cli import main

main()
