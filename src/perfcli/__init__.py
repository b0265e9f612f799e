"""perfcli: import, validate, rate and report local-government performance measures."""

__version__ = "0.1.0"
