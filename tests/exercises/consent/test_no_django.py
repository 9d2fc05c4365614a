"""The consent engine is a pure library: it imports nothing from Django."""

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
PACKAGE = ROOT / "exercises" / "consent"


def imported_modules(path: Path) -> set[str]:
    modules: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            modules.add(node.module)
    return modules


def test_no_module_of_the_engine_imports_django() -> None:
    files = sorted(PACKAGE.glob("*.py"))
    assert files

    for path in files:
        django = {m for m in imported_modules(path) if m.split(".")[0] == "django"}
        assert not django, f"{path.name} imports {django}"


def test_importing_the_engine_loads_no_django() -> None:
    code = (
        "import sys\n"
        "import exercises.consent\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] == 'django')\n"
        "print(','.join(loaded))\n"
    )

    result = subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )

    assert result.stdout.strip() == ""
