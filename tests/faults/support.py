"""Throwaway PostgreSQL and Redis servers the fault tests may restart and kill.

The machine's own PostgreSQL and Redis serve every other test (and other people's): a fault is
only ever done to a server started here, in a temporary folder, on a free port.
"""

import contextlib
import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

import pytest

from tests.gateway.support import free_port


def postgres_bin() -> Path | None:
    """The newest installed PostgreSQL's programs (Debian keeps them out of PATH)."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=_version)
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def _version(path: str) -> int:
    part = Path(path).parts[-3]
    return int(part) if part.isdigit() else 0


def need(program: str) -> None:
    if program == "initdb" and postgres_bin() is None:
        pytest.skip("PostgreSQL's initdb is not installed (postgresql package)")
    if program != "initdb" and shutil.which(program) is None:
        pytest.skip(f"{program} is not installed")


class ThrowawayPostgres:
    """initdb + pg_ctl in a temporary folder. PostgreSQL refuses to run as root, so as root the
    programs run as the `postgres` user (who owns the folder)."""

    def __init__(self) -> None:
        binaries = postgres_bin()
        assert binaries is not None
        self.bin = binaries
        self.folder = Path(tempfile.mkdtemp(prefix="alif-faults-pg-"))
        self.port = free_port()
        self._as: Sequence[str] = ()
        if os.geteuid() == 0:
            owner = pwd.getpwnam("postgres")
            os.chown(self.folder, owner.pw_uid, owner.pw_gid)
            self._as = ("runuser", "-u", "postgres", "--")
        self._run("initdb", "-D", str(self.data), "-A", "trust", "-U", "postgres", "--no-sync")

    @property
    def data(self) -> Path:
        return self.folder / "data"

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+asyncpg://postgres@127.0.0.1:{self.port}/{database}"

    def _run(self, program: str, *args: str) -> None:
        subprocess.run(  # noqa: S603 - our own arguments, no shell
            [*self._as, str(self.bin / program), *args], check=True, capture_output=True
        )

    def start(self) -> None:
        options = (
            f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off "
            "-c full_page_writes=off"
        )
        log = str(self.folder / "server.log")
        self._run("pg_ctl", "-D", str(self.data), "-o", options, "-l", log, "-w", "start")

    def stop(self, mode: str = "fast") -> None:
        """`fast` ends every session at once (what a restart does to the services); `immediate`
        is a crash."""
        self._run("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "stop")

    def restart(self, mode: str = "fast") -> None:
        self.stop(mode)
        self.start()

    def remove(self) -> None:
        with contextlib.suppress(subprocess.CalledProcessError):
            self.stop("immediate")
        shutil.rmtree(self.folder, ignore_errors=True)


class ThrowawayRedis:
    """A redis-server of its own, nothing persisted; `kill` is Redis going away."""

    def __init__(self) -> None:
        self.port = free_port()
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        program = shutil.which("redis-server")
        assert program is not None
        self.process = subprocess.Popen(  # noqa: S603 - our own arguments, no shell
            [
                program,
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", self.port)):
                return
            time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def kill(self) -> None:
        if self.process is not None:
            self.process.kill()
            self.process.wait(timeout=10)
            self.process = None
