"""The backup and restore drill (docs/operations.md §2.3): dump a running platform's database,
restore the dump into a new database next to it, and check that what came back is whole.

    uv run python -m tools.restore_drill postgresql://postgres:...@127.0.0.1:5432/alif24

It prints how long the dump and the restore took and what it checked: the migration revision,
every table's row count against the source, and the coin ledger (every transaction's entries sum
to zero, every wallet's balance is the sum of its entries). The scratch database is dropped at
the end unless `--keep` is given. The platform starting on a restored database is proved by
tests/faults/test_backup_restore.py.
"""

import argparse
import asyncio
import glob
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import asyncpg
from sqlalchemy.engine import URL, make_url

LEDGER_CHECKS = {
    "a transaction whose entries do not sum to zero": """
        SELECT count(*) FROM (
            SELECT transaction_id FROM coin_entry GROUP BY transaction_id HAVING sum(amount) <> 0
        ) AS unbalanced""",
    "a wallet whose balance is not the sum of its entries": """
        SELECT count(*) FROM coin_account AS account
        WHERE account.kind = 'wallet' AND account.balance <> coalesce(
            (SELECT sum(entry.amount) FROM coin_entry AS entry
             WHERE entry.account_id = account.id), 0)""",
    "a wallet's transaction whose amount is not its wallet entry": """
        SELECT count(*) FROM coin_transaction AS tx
        JOIN coin_account AS wallet ON wallet.user_id = tx.user_id
        WHERE tx.amount <> coalesce(
            (SELECT sum(entry.amount) FROM coin_entry AS entry
             WHERE entry.transaction_id = tx.id AND entry.account_id = wallet.id), 0)""",
}


@dataclass
class DrillReport:
    database: str
    revision: str = ""
    dump_seconds: float = 0.0
    restore_seconds: float = 0.0
    dump_bytes: int = 0
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        return [
            f"restored into {self.database} (revision {self.revision})",
            f"dump: {self.dump_bytes / 1_048_576:.1f} MiB in {self.dump_seconds:.1f} s; "
            f"restore: {self.restore_seconds:.1f} s",
            *(f"note: {note}" for note in self.notes),
            *(f"PROBLEM: {problem}" for problem in self.problems),
            "the restore is whole" if not self.problems else "the restore is NOT whole",
        ]


def program(name: str) -> str:
    """pg_dump/pg_restore of the newest installed PostgreSQL (Debian keeps them out of PATH);
    a dump needs a pg_dump at least as new as the server."""
    found = sorted(
        glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), key=lambda p: int(p.split("/")[4])
    )
    path = found[-1] if found else shutil.which(name)
    if path is None:
        raise SystemExit(f"{name} is not installed (the postgresql-client package)")
    return path


def client_major(name: str = "pg_dump") -> int:
    """The major version of the installed pg_dump (`pg_dump (PostgreSQL) 16.4` -> 16)."""
    version = subprocess.run(  # noqa: S603 - fixed arguments, no shell
        [program(name), "--version"], check=True, capture_output=True, text=True
    ).stdout
    return int(version.split()[-1].split(".")[0])


async def server_major(url: URL) -> int:
    connection = await _connect(url)
    try:
        return int(await connection.fetchval("SHOW server_version_num")) // 10_000
    finally:
        await connection.close()


def _libpq(url: URL) -> tuple[list[str], dict[str, str]]:
    """Connection options for the PostgreSQL programs; the password goes in the environment."""
    options = ["-h", url.host or "127.0.0.1", "-p", str(url.port or 5432)]
    options += ["-U", url.username or "postgres"]
    environment = {**os.environ, "PGPASSWORD": url.password or ""}
    return options, environment


async def _connect(url: URL) -> asyncpg.Connection:
    return await asyncpg.connect(
        host=url.host,
        port=url.port or 5432,
        user=url.username,
        password=url.password,
        database=url.database,
    )


async def table_counts(url: URL) -> dict[str, int]:
    connection = await _connect(url)
    try:
        tables = await connection.fetch(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
        )
        return {
            row["tablename"]: await connection.fetchval(
                # a name PostgreSQL itself listed, quoted: nothing a user typed
                f'SELECT count(*) FROM "{row["tablename"]}"'  # noqa: S608
            )
            for row in tables
        }
    finally:
        await connection.close()


async def ledger_problems(url: URL) -> list[str]:
    connection = await _connect(url)
    try:
        problems = []
        for what, query in LEDGER_CHECKS.items():
            count = await connection.fetchval(query)
            if count:
                problems.append(f"{count} x {what}")
        return problems
    finally:
        await connection.close()


def dump(source: URL, target: Path) -> None:
    options, environment = _libpq(source)
    subprocess.run(  # noqa: S603 - fixed arguments, no shell
        [
            program("pg_dump"),
            *options,
            "-d",
            source.database or "",
            "--format=custom",
            "-f",
            str(target),
        ],
        check=True,
        env=environment,
        capture_output=True,
    )


async def restore(source: URL, dump_file: Path, name: str) -> URL:
    """A new database `name` on the source's server, restored from `dump_file`."""
    restored = source.set(database=name)
    admin = await _connect(source)
    try:
        await admin.execute(f'CREATE DATABASE "{name}"')
    finally:
        await admin.close()
    options, environment = _libpq(restored)
    await asyncio.to_thread(
        subprocess.run,
        [
            program("pg_restore"),
            *options,
            "-d",
            name,
            "--no-owner",
            "--exit-on-error",
            str(dump_file),
        ],
        check=True,
        env=environment,
        capture_output=True,
    )
    return restored


async def drop(url: URL) -> None:
    admin = await _connect(url.set(database="postgres"))
    try:
        await admin.execute(f'DROP DATABASE IF EXISTS "{url.database}" WITH (FORCE)')
    finally:
        await admin.close()


async def drill(source_url: str, folder: Path) -> tuple[DrillReport, URL]:
    """Dump, restore into a new database, compare. Returns the report and the restored URL."""
    source = make_url(source_url).set(drivername="postgresql")
    if client_major() < await server_major(source):
        raise SystemExit(
            f"pg_dump {client_major()} cannot dump PostgreSQL {await server_major(source)}: "
            "install the server's version of the client programs"
        )
    dump_file = folder / "alif24.dump"
    started = time.monotonic()
    await asyncio.to_thread(dump, source, dump_file)
    dumped = time.monotonic()
    restored = await restore(source, dump_file, f"restore_drill_{secrets.token_hex(4)}")
    report = DrillReport(
        database=restored.database or "",
        dump_seconds=dumped - started,
        restore_seconds=time.monotonic() - dumped,
        dump_bytes=dump_file.stat().st_size,
    )
    before, after = await table_counts(source), await table_counts(restored)
    for table in sorted(before.keys() | after.keys()):
        was, now = before.get(table), after.get(table)
        if was is not None and now is not None and now < was:
            # A live platform kept writing after the dump: expected, and shown.
            report.notes.append(f"{table}: {was - now} rows written since the dump")
        elif was != now:
            report.problems.append(f"{table}: {was} rows in the source, {now} restored")
    connection = await _connect(restored)
    try:
        report.revision = str(await connection.fetchval("SELECT version_num FROM alembic_version"))
    finally:
        await connection.close()
    report.problems += await ledger_problems(restored)
    return report, restored


async def _main(source_url: str, keep: bool) -> int:
    with tempfile.TemporaryDirectory(prefix="alif-restore-drill-") as folder:
        report, restored = await drill(source_url, Path(folder))
    for line in report.lines():
        print(line)
    if not keep:
        await drop(restored)
    return 1 if report.problems else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("database_url", help="the running platform's database")
    parser.add_argument("--keep", action="store_true", help="keep the restored database")
    arguments = parser.parse_args()
    return asyncio.run(_main(arguments.database_url, arguments.keep))


if __name__ == "__main__":
    sys.exit(main())
