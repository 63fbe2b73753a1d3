#!/usr/bin/env python3
"""Rewrites the generated tables in README.md (keys) and Lessons/README.md (views, lab-block
keys) from what DocsAgreeTests expects, i.e. from KeyBindings and ViewRegistry.

Run from the package root after adding a view, a block key, a knob or a key binding:
    python3 scripts/sync_doc_tables.py
"""
import subprocess
import sys

out = subprocess.run(["swift", "test", "--filter", "DocsAgreeTests"], capture_output=True, text=True).stdout


def expected(marker):
    if marker not in out:
        return None
    lines = []
    for line in out[out.index(marker):].split("\n")[1:]:
        if not line.startswith("|"):
            break
        lines.append(line)
    return "\n".join(lines)


def replace(path, header, table):
    text = open(path).read()
    start = text.index(header)
    end = text.index("\n\n", start)
    open(path, "w").write(text[:start] + table + text[end:])
    print(f"updated {path}: {header}")


changes = [
    ("README.md", "| keys | where | what they do |", expected("key table must be exactly:")),
    ("Lessons/README.md", "| view | what it shows | keys |", expected("table of views must be exactly:")),
    ("Lessons/README.md", "| key | meaning | default | range |", expected("table of keys must be exactly:")),
]
for path, header, table in changes:
    if table:
        replace(path, header, table)
if "error:" in out and not any(t for _, _, t in changes):
    print(out, file=sys.stderr)
    sys.exit(1)
