"""A PDF download read as a viewer reads it, by a real PDF library, in a child process.

:mod:`pdf_actions` reads a PDF's bytes and decodes its streams itself; each red team
found an encoding it did not undo (a predictor, a short filter name, a stream without
its end marker) behind which an action ran in Chromium's viewer. This second reading
parses the file with pypdf, which decodes every standard filter and object stream as
viewers do, and walks every object reachable from the trailer, collecting the names
they use and whether the opening action is something other than a page to open at.

It runs as a script in a child process (``python pdf_objects.py``, the PDF on standard
input, JSON on standard output) under a CPU-time and address-space limit, so that a file
crafted against the parser can only end the child: the parent then refuses the file as
one the check could not read.
"""

from __future__ import annotations

import io
import json
import resource
import sys

from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject

#: What the child may use: seconds of CPU, bytes of address space, objects visited.
CPU_SECONDS = 20
MEMORY = 1024 * 1024 * 1024
MAX_OBJECTS = 1_000_000


def walk(reader: PdfReader) -> tuple[set[str], bool]:
    """Every name the objects reachable from the trailer use (keys and values), and whether
    an opening action is anything but a destination array. Each object is visited once."""
    names: set[str] = set()
    opening = False
    seen: set[tuple[int, int]] = set()
    pending: list[object] = [reader.trailer]
    while pending and len(seen) < MAX_OBJECTS:
        item = pending.pop()
        if isinstance(item, IndirectObject):
            if (item.idnum, item.generation) in seen:
                continue
            seen.add((item.idnum, item.generation))
            item = item.get_object()
        if isinstance(item, DictionaryObject):
            for key, value in item.items():
                names.add(str(key)[1:])
                if key == "/OpenAction" and not isinstance(_resolved(value), ArrayObject):
                    opening = True
                pending.append(value)
        elif isinstance(item, ArrayObject):
            pending.extend(item)
        elif isinstance(item, NameObject):
            names.add(str(item)[1:])
    return names, opening


def _resolved(value: object) -> object:
    return value.get_object() if isinstance(value, IndirectObject) else value


def main() -> None:
    resource.setrlimit(resource.RLIMIT_CPU, (CPU_SECONDS, CPU_SECONDS))
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))
    try:
        names, opening = walk(PdfReader(io.BytesIO(sys.stdin.buffer.read()), strict=False))
    except Exception as error:  # any failure to read is the answer: the parent refuses the file
        json.dump({"error": type(error).__name__}, sys.stdout)
        return
    json.dump({"names": sorted(names), "opening": opening}, sys.stdout)


if __name__ == "__main__":
    main()
