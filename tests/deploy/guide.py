"""The `.env` files of a new server, made by running docs/operations.md's own commands.

The guide's section 1.4 is followed as an operator would: its `sh` blocks run as written (with the
operator's domain for `alif24.uz`), and its `dotenv` template is filled with what one types, the
chosen passwords single-quoted as it says. The first-deploy tests read the result; CI's stack job
starts the compose stack from it:

    python -m tests.deploy.guide <the repository's folder> [--domain alif24.uz]
"""

import argparse
import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GUIDE = ROOT / "docs" / "operations.md"
# What the operator types into the template; the passwords hold what, unquoted, would be a
# comment, a variable and a quote.
TYPED = {
    "<Eskiz account e-mail>": "ops@example.org",
    "<Eskiz password>": 'k#7 $x"y',
    "<mail server>": "smtp.example.org",
    "<user>": "alif",
    "<password>": "p@ss #w0rd $HOME",
}


def guide_section(number: str) -> str:
    text = GUIDE.read_text()
    start = text.index(f"### {number} ")
    return text[start : text.index("\n### ", start + 1)]


def code_blocks(section: str, language: str) -> list[str]:
    return re.findall(rf"^```{language}\n(.*?)^```", section, flags=re.MULTILINE | re.DOTALL)


def follow_the_guide(directory: Path, domain: str) -> None:
    """Make `.env` and `.env.main` in `directory` (a checkout, or a folder to hold a copy of
    `.env.example`) as section 1.4 says."""
    if not (directory / ".env.example").exists():
        (directory / ".env.example").write_text((ROOT / ".env.example").read_text())
    if subprocess.run(  # noqa: S603 - RELEASE comes from git describe
        ["git", "-C", str(directory), "rev-parse", "HEAD"],  # noqa: S607
        capture_output=True,
        check=False,
    ).returncode:
        git = ["git", "-C", str(directory), "-c", "user.name=ops", "-c", "user.email=ops@x.org"]
        subprocess.run([*git, "init", "-q"], check=True)  # noqa: S603
        subprocess.run([*git, "commit", "-q", "--allow-empty", "-m", "release"], check=True)  # noqa: S603
    section = guide_section("1.4")
    commands = "\n".join(code_blocks(section, "sh")).replace("alif24.uz", domain)
    subprocess.run(  # noqa: S603 - the guide's own commands
        ["bash", "-c", "set -euo pipefail\n" + commands],  # noqa: S607
        cwd=directory,
        check=True,
    )
    [template] = code_blocks(section, "dotenv")
    for placeholder in set(re.findall(r"<[^<>]* [^<>]*>", template)):
        if placeholder != "<no-reply@alif24.uz>" and placeholder not in TYPED:
            raise ValueError(f"the guide asks for {placeholder}: add what one types to TYPED")
    filled = template.replace("alif24.uz", domain)
    for placeholder, value in TYPED.items():
        filled = filled.replace(placeholder, value)
    with (directory / ".env.main").open("a") as env_main:
        env_main.write(filled)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("directory", type=Path)
    parser.add_argument("--domain", default="alif24.uz")
    arguments = parser.parse_args()
    follow_the_guide(arguments.directory, arguments.domain)
