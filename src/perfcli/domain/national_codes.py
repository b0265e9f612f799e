"""Which of a workspace's measures a national file's row is: by ASCOF code, or by measure name."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from msgspec import Struct

from perfcli.domain.model import Measure
from perfcli.domain.national_areas import name_key


def ascof_key(code: str) -> str:
    """`ASCOF 2A`, `2A`, `ascof2a` -> `2a`: how ASCOF codes are matched."""
    return re.sub(r"[^0-9a-z()]", "", code.lower().replace("ascof", ""))


class NationalCodes(Struct, frozen=True):
    """Measure ids by ASCOF key (`codes`) and by name key (`names`)."""

    codes: dict[str, str]
    names: dict[str, str]


def national_codes(measures: Iterable[Measure], named: Mapping[str, str]) -> NationalCodes:
    """The measures a national file can name. A measure's current ASCOF code wins over an old code
    (an alias) another measure once had; `named` ([national] measures in perfcli.toml: a code or
    a name -> a measure id) wins over both."""
    measures = list(measures)
    codes = {ascof_key(m.code): m.id for m in measures if m.code.lower().startswith("ascof")}
    for measure in measures:
        for code in measure.aliases:
            if code.lower().startswith("ascof"):
                codes.setdefault(ascof_key(code), measure.id)
    codes.update({ascof_key(key): measure_id for key, measure_id in named.items()})
    names = {name_key(key): measure_id for key, measure_id in named.items()}
    return NationalCodes(codes, names)
