"""Writing YAML that coself's strict reader reads back exactly as it was written."""

from __future__ import annotations

import math
import re
from typing import Any

import yaml

from coself.io.yamlsafe import resolve_plain


class _Dumper(yaml.SafeDumper):
    """PyYAML's safe dumper, quoting every string that a reader could take for something else.

    PyYAML leaves a string plain when YAML 1.1 reads it as text, but coself reads plain
    scalars by YAML 1.2's core schema (`1e5` is a number there, not text), and other tools
    still read YAML 1.1 (`yes` is true there). A string is left plain only when both agree.
    """

    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
        tag = super().resolve(kind, value, implicit)  # type: ignore[no-untyped-call]
        if kind is yaml.ScalarNode and implicit[0] and tag == _STR:
            read = resolve_plain(value) if value else None
            if not (type(read) is str and read == value):
                return _NOT_TEXT  # any tag but text's: the emitter then quotes the string
        return tag


_STR = "tag:yaml.org,2002:str"
_NOT_TEXT = "tag:yaml.org,2002:null"


def _represent_float(dumper: yaml.SafeDumper, value: float) -> Any:
    """Floats as Python writes them (`1e+20`), which YAML 1.2 reads back; infinity as 1e999."""
    if math.isinf(value):
        text = "1e999" if value > 0 else "-1e999"
    elif math.isnan(value):
        text = ".nan"  # cannot come from coself's reader; written for completeness
    else:
        text = repr(value)
    return dumper.represent_scalar("tag:yaml.org,2002:float", text)


# Line breaks of any kind, and characters a reader may refuse or fold, are written as escapes
# in double quotes: in any other style a line break inside the text would be read back changed.
_ESCAPED = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\ud800-\udfff]")


def _represent_str(dumper: yaml.SafeDumper, value: str) -> Any:
    style = '"' if _ESCAPED.search(value) else None
    return dumper.represent_scalar(_STR, value, style=style)


class FlowList(list[Any]):
    """A short list of scalars written on one line (`[3, 3, 4]`), as a room's votes are."""


def _represent_flow_list(dumper: yaml.SafeDumper, value: FlowList) -> Any:
    return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=True)


_Dumper.add_representer(FlowList, _represent_flow_list)
_Dumper.add_representer(float, _represent_float)
_Dumper.add_representer(str, _represent_str)


def plain_data(value: Any) -> Any:
    """Parsed data (located mappings and lists) as plain dicts and lists, for writing."""
    if isinstance(value, dict):
        return {key: plain_data(item) for key, item in value.items()}
    if isinstance(value, list):
        return [plain_data(item) for item in value]
    return value


def dump_yaml(data: Any) -> str:
    """A YAML document of plain data, in the order given, that reads back as the same data."""
    return yaml.dump(
        data,
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=100,
    )


def yaml_scalar(value: str) -> str:
    """One string as a YAML scalar on one line, to write after a key."""
    dumped = yaml.dump(value, Dumper=_Dumper, allow_unicode=True, width=1_000_000)
    return dumped.removesuffix("\n...\n").rstrip("\n")
