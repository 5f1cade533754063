"""Operator commands: `python -m olimp seed-demo`."""

import argparse
import asyncio
import sys

from alif.logging import configure_logging
from olimp import demo
from olimp.config import OlimpSettings


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m olimp")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("seed-demo", help="add demo olympiads (development only)")
    parser.parse_args()
    settings = OlimpSettings()
    configure_logging(settings.model_copy(update={"log_level": "WARNING"}))
    sys.stdout.write(asyncio.run(demo.seed(settings)) + "\n")


if __name__ == "__main__":
    main()
