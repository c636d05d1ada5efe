"""``boardgen init``: a new board project that builds at once, from files in the package.

The starter files ship inside the installed package (``boardgen/starter_files/``), so
``init`` works from a plain ``pip install``. Most are copies of this repository's own
board (mkdocs.yml, the guidance pages); a test keeps the copies equal to the originals.
Theme templates are not copied: a board uses the package's (see ``boardgen.site.build``), so
upgrading boardgen upgrades them. Values from flags or prompts are written as JSON
strings, which are valid YAML scalars, so a name cannot break out of its line.
"""

from __future__ import annotations

import json
import re
import string
from collections.abc import Callable
from dataclasses import dataclass, replace
from importlib.resources import files
from pathlib import Path
from typing import Any

from boardgen import __version__
from boardgen.errors import BoardgenError
from boardgen.urls import check_web_url

STARTER = Path(str(files("boardgen") / "starter_files"))
#: Filled in from the answers (string.Template placeholders).
TEMPLATED = ("site_config/board.yml", "requirements.txt")
#: Package names that become dotfiles (setuptools leaves dotfiles out of package data).
RENAMED = {
    "gitignore": ".gitignore",
    "workflows": ".github/workflows",
    "dependabot.yml": ".github/dependabot.yml",
}
#: The starter's update workflow is the repository's, installing the pinned boardgen from
#: requirements.txt instead of this checkout (a test keeps the two in step).
WORKFLOW_CHANGES = (
    (
        "# Maintainers' guide: content/guide/running-the-board.md. Dry run: "
        "scripts/update-dry-run.sh.",
        "# Maintainers' guide: content/guide/running-the-board.md.",
    ),
    (
        "        run: python3 -m pip install .\n",
        "        # The boardgen version requirements.txt pins: raise it there to upgrade.\n"
        "        run: python3 -m pip install -r requirements.txt\n",
    ),
)

Prompt = Callable[..., Any]


class InitError(BoardgenError):
    """``boardgen init`` cannot create the project (the folder is in use, a bad answer)."""

    exit_code = 2


@dataclass(frozen=True)
class NewBoard:
    name: str | None = None
    campus: str | None = None
    site_url: str | None = None

    def ask(self, prompt: Prompt) -> NewBoard:
        """Fill the missing answers by asking (``prompt`` is click.prompt or a test double)."""
        campus = self.campus or prompt("Campus or institution", default="") or None
        default = f"{campus} Opportunity Board" if campus else "Opportunity Board"
        name = self.name or prompt("Board name", default=default)
        site_url = self.site_url or (
            prompt("Where it will be published (https://...; empty for later)", default="") or None
        )
        return replace(self, name=name, campus=campus, site_url=site_url)

    def checked(self) -> NewBoard:
        name = (self.name or "").strip() or (
            f"{self.campus} Opportunity Board" if self.campus else "Opportunity Board"
        )
        if len(name) > 120 or re.search(r"[\x00-\x1f\x7f]", name):
            raise InitError("the board name must be one line of at most 120 characters")
        site_url = (self.site_url or "").strip() or None
        if site_url is not None:
            try:
                site_url = check_web_url(site_url)
            except ValueError as exc:
                raise InitError(f"--site-url: {exc}") from None
            if not site_url.endswith("/"):
                site_url += "/"
        campus = (self.campus or "").strip() or None
        return NewBoard(name=name, campus=campus, site_url=site_url)


def starter_paths() -> list[str]:
    """Every starter file, as its path inside the starter folder (forward slashes)."""
    return sorted(
        path.relative_to(STARTER).as_posix()
        for path in STARTER.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    )


def destination(rel: str) -> str:
    first, _, rest = rel.partition("/")
    if first in RENAMED:
        return f"{RENAMED[first]}/{rest}" if rest else RENAMED[first]
    return rel


def init_board(target: Path, answers: NewBoard, *, force: bool = False) -> list[str]:
    """Create a board project in ``target``; return the files written (relative paths).

    Refuses a folder that holds anything unless ``force`` (then starter files overwrite
    files of the same name, and nothing else is touched).
    """
    from boardgen.config.generated import write_generated

    answers = answers.checked()
    if target.exists() and not target.is_dir():
        raise InitError(f"{target} is a file: give a folder for the new board")
    if target.is_dir() and any(target.iterdir()) and not force:
        raise InitError(
            f"{target} is not empty: choose a new folder, or add --force to write the "
            "starter files into it (files of the same name are overwritten)"
        )
    values = {
        "name": json.dumps(answers.name, ensure_ascii=False),
        "campus": json.dumps(answers.campus, ensure_ascii=False),
        "site_url": json.dumps(answers.site_url),
        "version": __version__,
    }
    # Everything is read and filled in before the first write: a failure writes nothing.
    texts: dict[str, bytes] = {}
    for rel in starter_paths():
        data = (STARTER / rel).read_bytes()
        if rel in TEMPLATED:
            # safe_substitute: '$schema=' in the editor comment is not a placeholder.
            filled = string.Template(data.decode("utf-8")).safe_substitute(values)
            data = filled.encode("utf-8")
        texts[destination(rel)] = data
    for rel, data in texts.items():
        out = target / rel
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(data)
    written = list(texts)
    # mkdocs.yml's site_name is only a fallback (board.yml's name wins), but keep them equal.
    mkdocs = target / "mkdocs.yml"
    text = mkdocs.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^site_name: .*$", f"site_name: {values['name']}", text, count=1)
    mkdocs.write_text(text, encoding="utf-8")
    for folder in ("content/listings", "content/campus", "data"):
        (target / folder).mkdir(parents=True, exist_ok=True)
        keep = target / folder / ".gitkeep"
        keep.touch()
        written.append(f"{folder}/.gitkeep")
    written += write_generated(target)
    return sorted(set(written))
