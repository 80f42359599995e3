"""Regenerate the single initial migration from the models (only until the first release ships).

Run: `python -m storage.migrations.regen`. It autogenerates against an empty SQLite database and
formats the result with ruff, so the file stays reviewable.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from alembic import command

from storage.migrate import MIGRATIONS_DIR, alembic_config

INITIAL = "0001"


def main() -> None:
    versions = MIGRATIONS_DIR / "versions"
    for old in versions.glob(f"{INITIAL}_*.py"):
        old.unlink()
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'empty.db'}"
        command.revision(
            alembic_config(url), message="initial schema", autogenerate=True, rev_id=INITIAL
        )
    subprocess.run([sys.executable, "-m", "ruff", "format", str(versions)], check=False)


if __name__ == "__main__":
    main()
