"""`make soak`: R1 for longer — 8 writers on one cycle for 60 s on each database, with counts.

python -m tests.server.soak [--seconds 60] [--writers 8] [--database sqlite postgres]
"""

import argparse
import sys
import tempfile
from pathlib import Path

from tests.server.databases import database
from tests.server.scenario import concurrency
from tests.server.server import tail


def main(argv: list[str] | None = None) -> int:
    """Run the soak on each database chosen; 1 if any run broke a promise."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--writers", type=int, default=8)
    parser.add_argument(
        "--database", nargs="+", choices=("sqlite", "postgres"), default=["sqlite", "postgres"]
    )
    args = parser.parse_args(argv)
    failed = False
    with tempfile.TemporaryDirectory(prefix="learnloop-soak-") as folder:
        for kind in args.database:
            logs = Path(folder) / kind
            with database(kind, Path(folder)) as url:
                verdict = concurrency(url, logs, args.seconds, args.writers)
            print(verdict.report(), flush=True)
            if not verdict.ok:
                failed = True
                for path in sorted(logs.glob("*.log")):
                    print(f"--- end of {path.name} ---\n{tail(path, 30)}")
            print()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
