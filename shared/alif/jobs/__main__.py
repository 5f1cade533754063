"""`python -m alif.jobs <module>:<registry>`: run a service's worker until SIGTERM or Ctrl-C."""

import argparse
import asyncio
import importlib
import signal

import anyio

from alif.app import init_sentry
from alif.db import Database
from alif.jobs.registry import Jobs
from alif.jobs.worker import Worker
from alif.logging import configure_logging


def load(target: str) -> Jobs:
    module_name, _, attribute = target.partition(":")
    jobs = getattr(importlib.import_module(module_name), attribute or "jobs")
    if not isinstance(jobs, Jobs):
        raise SystemExit(f"{target} is not an alif.jobs.Jobs registry")
    return jobs


async def work(jobs: Jobs, *, once: bool) -> None:
    settings = jobs.settings()
    configure_logging(settings)
    init_sentry(settings)
    database = Database.from_settings(settings)
    stop = anyio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    try:
        async with jobs.resources(settings) as resources:
            worker = Worker(jobs, settings, database, resources=resources)
            if once:
                await worker.tick()
            else:
                await worker.run_until(stop)
    finally:
        await database.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m alif.jobs", description=__doc__)
    parser.add_argument("registry", help="the service's registry, e.g. alif_main.jobs:jobs")
    parser.add_argument("--once", action="store_true", help="run one batch of due jobs and exit")
    args = parser.parse_args()
    asyncio.run(work(load(args.registry), once=args.once))


if __name__ == "__main__":
    main()
