"""The release history of a project's distribution, kept in its lock file.

`sdkgen release` appends one record per release: the version, the date, the
api-versions served and each one's pinned spec (upstream, mirror path, sha256), the
sdkgen version, the digest of the generated code, and the changelog entry. Every
later `sdkgen generate` renders the package's version and CHANGELOG.md from these
records, so a fresh clone reproduces the package byte for byte on any day; it never
makes a release itself. Generated code that is not the last release's (other
api-versions pinned, or another sdkgen's output) gets the next patch version with
`.dev0` (and an Unreleased changelog entry) until the next `sdkgen release`, so no
two different packages carry one version.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import UserError

# The Azure SDK changelog headings, in their order.
HEADINGS = ("Features Added", "Breaking Changes", "Bugs Fixed", "Other Changes")
_VERSION = re.compile(r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
FIRST_VERSION = "0.1.0"


@dataclass(frozen=True)
class Release:
    version: str
    date: str  # YYYY-MM-DD
    api_versions: tuple[str, ...]  # oldest first
    # api-version -> its pinned spec as the pin file wrote it (sha256, mirror-path,
    # and repo/commit/path or url)
    specs: dict[str, dict[str, str]]
    code: str  # digest of the generated code (release-independent files)
    sections: tuple[tuple[str, tuple[str, ...]], ...]  # heading -> bullet lines
    sdkgen: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "version": self.version,
            "date": self.date,
            "api_versions": list(self.api_versions),
            "specs": self.specs,
            "sdkgen": self.sdkgen,
            "code": self.code,
            "changes": {heading: list(lines) for heading, lines in self.sections},
        }


@dataclass(frozen=True)
class History:
    releases: tuple[Release, ...] = ()  # oldest first
    source: str = ""  # the lock file they were read from

    @property
    def last(self) -> Release | None:
        return self.releases[-1] if self.releases else None

    def stamp(self, code: str, api_versions: tuple[str, ...]) -> str:
        """The version generated code gets: the last release's when it is that
        release's code for the same api-versions, else the next patch's dev0."""
        last = self.last
        if last is None:
            return f"{FIRST_VERSION}.dev0"
        if last.code == code and last.api_versions == api_versions:
            return last.version
        return f"{bump(last.version, 'patch')}.dev0"

    def with_release(self, release: Release) -> History:
        return History(self.releases + (release,), self.source)


def parse_version(text: str) -> tuple[int, int, int] | None:
    found = _VERSION.match(text)
    return (int(found[1]), int(found[2]), int(found[3])) if found else None


def bump(version: str, level: str) -> str:
    """The next version: `major`, `minor` or `patch` (a major bump below 1.0 is a
    minor one, as semantic versioning's 0.x rule has it)."""
    parsed = parse_version(version)
    if parsed is None:
        raise UserError(version, "not a MAJOR.MINOR.PATCH version")
    major, minor, patch = parsed
    if level == "major" and major > 0:
        return f"{major + 1}.0.0"
    if level in ("major", "minor"):
        return f"{major}.{minor + 1}.0"
    return f"{major}.{minor}.{patch + 1}"


def code_digest(files: dict[str, str], release_files: set[str]) -> str:
    """One sha256 over the generated files that do not depend on the release."""
    h = hashlib.sha256()
    for name in sorted(set(files) - release_files):
        h.update(name.encode("utf-8") + b"\0")
        h.update(hashlib.sha256(files[name].encode("utf-8")).digest())
    return h.hexdigest()


def read_history(lock_file: Path | None) -> History:
    """The releases recorded in a lock file; none when there is no such file."""
    if lock_file is None or not lock_file.is_file():
        return History(source=str(lock_file or ""))
    source = str(lock_file)
    try:
        records = json.loads(lock_file.read_text(encoding="utf-8")).get("releases", [])
        releases = tuple(_release(record) for record in records)
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise UserError(source, f"unreadable release history ({exc})") from None
    for before, after in zip(releases, releases[1:]):
        if _order(after) <= _order(before):
            raise UserError(source, f"release {after.version} follows {before.version}")
    return History(releases, source)


def _order(release: Release) -> tuple[int, int, int]:
    return parse_version(release.version) or (0, 0, 0)


def _release(record: dict[str, Any]) -> Release:
    version, date = record["version"], record["date"]
    if parse_version(version) is None:
        raise ValueError(f"version {version!r} is not MAJOR.MINOR.PATCH")
    if not isinstance(date, str) or not _DATE.match(date):
        raise ValueError(f"date {date!r} is not YYYY-MM-DD")
    changes = record.get("changes", {})
    return Release(
        version=version,
        date=date,
        api_versions=tuple(record["api_versions"]),
        specs={k: dict(v) for k, v in record["specs"].items()},
        code=record["code"],
        sections=tuple(
            (heading, tuple(changes[heading]))
            for heading in HEADINGS
            if changes.get(heading)
        ),
        sdkgen=record.get("sdkgen", ""),
    )


def history_json(history: History) -> list[dict[str, Any]]:
    return [release.to_json() for release in history.releases]


@dataclass(frozen=True)
class Entry:
    """One CHANGELOG.md entry as the template lays it out."""

    version: str
    date: str
    sections: tuple[tuple[str, tuple[str, ...]], ...] = field(default=())


def changelog_entries(history: History, version: str) -> list[Entry]:
    """Newest first; an unreleased version heads the list with what it is."""
    entries = [Entry(r.version, r.date, r.sections) for r in reversed(history.releases)]
    if history.last is None or version != history.last.version:
        since = f" since {history.last.version}" if history.last else ""
        note = (
            f"Not released: the generated code or its api-versions changed{since}; "
            "`sdkgen release` lists the changes and sets the version."
        )
        entries.insert(0, Entry(version, "Unreleased", (("Other Changes", (note,)),)))
    return entries
