"""Operator commands: `python -m crm seed-demo`."""

import argparse
import asyncio
import sys

from alif.logging import configure_logging
from crm import demo
from crm.config import CrmSettings


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m crm")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser(
        "seed-demo", help="add the demo learning centre's office (development only)"
    )
    parser.parse_args()
    settings = CrmSettings()
    configure_logging(settings.model_copy(update={"log_level": "WARNING"}))
    sys.stdout.write(asyncio.run(demo.seed(settings)) + "\n")


if __name__ == "__main__":
    main()
