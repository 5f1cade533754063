"""Operator commands: `python -m lessions seed-demo`."""

import argparse
import asyncio
import sys

from alif.logging import configure_logging
from lessions import demo
from lessions.config import LessionsSettings


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m lessions")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("seed-demo", help="add demo courses (development only)")
    parser.parse_args()
    settings = LessionsSettings()
    configure_logging(settings.model_copy(update={"log_level": "WARNING"}))
    sys.stdout.write(asyncio.run(demo.seed(settings)) + "\n")


if __name__ == "__main__":
    main()
