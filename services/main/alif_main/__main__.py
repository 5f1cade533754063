"""Operator commands: `python -m alif_main create-admin | seed-demo`."""

import argparse
import asyncio
import getpass
import sys

from alif.logging import configure_logging
from alif_main import demo
from alif_main.accounts_cli import create_admin
from alif_main.config import MainSettings


def _read_password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\n")
    first = getpass.getpass("Password (8+ characters): ")
    if first != getpass.getpass("Password again: "):
        raise SystemExit("The passwords differ.")
    return first


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m alif_main")
    commands = parser.add_subparsers(dest="command", required=True)
    admin = commands.add_parser(
        "create-admin", help="create an admin account (there is no default)"
    )
    admin.add_argument("--identifier", required=True, help="phone (+998...) or e-mail")
    admin.add_argument("--name", required=True, help="first and last name")
    admin.add_argument("--password-stdin", action="store_true", help="read the password from stdin")
    commands.add_parser("seed-demo", help="add demo accounts (development only)")
    args = parser.parse_args()

    settings = MainSettings()
    # The commands print what they did; the services' info lines would only bury it.
    configure_logging(settings.model_copy(update={"log_level": "WARNING"}))
    if args.command == "create-admin":
        password = _read_password(args.password_stdin)
        message = asyncio.run(create_admin(settings, args.identifier, args.name, password))
    else:
        message = asyncio.run(demo.seed(settings))
    sys.stdout.write(message + "\n")


if __name__ == "__main__":
    main()
