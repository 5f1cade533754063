"""Operator commands: `python -m testai seed-demo`."""

import argparse
import asyncio
import sys

from alif.logging import configure_logging
from testai import demo
from testai.config import TestaiSettings


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m testai")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("seed-demo", help="add demo tests (development only)")
    parser.parse_args()
    settings = TestaiSettings()
    configure_logging(settings.model_copy(update={"log_level": "WARNING"}))
    sys.stdout.write(asyncio.run(demo.seed(settings)) + "\n")


if __name__ == "__main__":
    main()
