"""Operator commands: `python -m games seed-demo`."""

import argparse
import asyncio
import sys

from alif.logging import configure_logging
from games import demo
from games.config import GamesSettings


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m games")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("seed-demo", help="add a week of demo play (development only)")
    parser.parse_args()
    settings = GamesSettings()
    configure_logging(settings.model_copy(update={"log_level": "WARNING"}))
    sys.stdout.write(asyncio.run(demo.seed(settings)) + "\n")


if __name__ == "__main__":
    main()
