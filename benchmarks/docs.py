"""Benchmark tables in docs/performance.md: each script owns a block between two markers
and replaces it with its latest run (`--write-docs`)."""

from pathlib import Path

DOCS = Path(__file__).resolve().parent.parent / "docs" / "performance.md"


def write_block(name: str, text: str) -> None:
    """Put `text` between `<!-- name:start -->` and `<!-- name:end -->`, appending the
    block at the end of the page the first time."""
    start, end = f"<!-- {name}:start -->", f"<!-- {name}:end -->"
    current = DOCS.read_text()
    if start in current and end in current:
        head, rest = current.split(start, 1)
        _old, tail = rest.split(end, 1)
        DOCS.write_text(f"{head}{start}\n{text}{end}{tail}")
    else:
        DOCS.write_text(current.rstrip() + f"\n\n{start}\n{text}{end}\n")
