"""`sdkgen pin SOURCE`: pin a spec file or URL under its api-version."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..pinning import Upstream


def register(subparsers: Any) -> None:
    from ..download import DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT
    from . import add_project_options

    parser = subparsers.add_parser(
        "pin",
        description="Copy SOURCE into the project's mirror folder and write "
        "<pins>/<api-version>.toml with its sha256 and upstream. The api-version is "
        "the spec's info.version unless --api-version says otherwise. A GitHub raw URL "
        "(raw.githubusercontent.com/OWNER/REPO/COMMIT/PATH) records its upstream itself.",
    )
    parser.add_argument("source", metavar="SOURCE", help="a spec file or http(s) URL")
    parser.add_argument(
        "--markdown",
        action="store_true",
        help="SOURCE is the Markdown API reference published beside the spec: pin it "
        "as the [markdown] file of the api-version --api-version names (already pinned)",
    )
    parser.add_argument("--api-version", help="pin under this api-version")
    parser.add_argument("--repo", help="upstream repository, OWNER/NAME")
    parser.add_argument(
        "--commit", help="upstream commit (a full hash); with --repo and --path"
    )
    parser.add_argument("--path", help="the file's path in the upstream repository")
    parser.add_argument(
        "--timeout",
        type=float,
        default=DEFAULT_TIMEOUT,
        metavar="SECONDS",
        help=f"give up a download after this long (default: {DEFAULT_TIMEOUT:g})",
    )
    parser.add_argument(
        "--max-size",
        type=int,
        default=DEFAULT_MAX_BYTES,
        metavar="BYTES",
        help=f"refuse a larger download (default: {DEFAULT_MAX_BYTES})",
    )
    add_project_options(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..config import project_of
    from ..pinning import pin_spec

    pinned = pin_spec(
        project_of(args),
        args.source,
        api_version=args.api_version,
        upstream=_upstream(args),
        timeout=args.timeout,
        max_bytes=args.max_size,
        markdown=args.markdown,
    )
    pin, api = pinned.pin, pinned.api
    pinned_file = pin.markdown if args.markdown else pin.openapi
    assert pinned_file is not None
    what = "Markdown reference" if args.markdown else "spec"
    print(
        f"pinned {pin.api_version} {what}: {len(api.operations)} operations, "
        f"{len(api.schemas)} schemas, sha256 {pinned_file.sha256}"
    )
    print(f"  pin:      {pin.pin_file}")
    print(f"  mirror:   {pinned.mirrored}{'' if pinned.copied else ' (already there)'}")
    if pinned_file.repo:
        upstream = f"{pinned_file.repo}@{pinned_file.commit} {pinned_file.path}"
    else:
        upstream = pinned_file.url or "none recorded (the mirror copy is the source)"
    print(f"  upstream: {upstream}")
    return 0


def _upstream(args: argparse.Namespace) -> Upstream | None:
    import re

    from ..errors import UserError
    from ..pinning import Upstream

    given = [args.repo, args.commit, args.path]
    if not any(given):
        return None
    if not all(given):
        raise UserError("sdkgen pin", "--repo, --commit and --path go together")
    if not re.match(r"^[\w.-]+/[\w.-]+$", args.repo):
        raise UserError("--repo", f"{args.repo!r} is not OWNER/NAME")
    if not re.match(r"^[0-9a-f]{40}$", args.commit):
        raise UserError("--commit", f"{args.commit!r} is not a full commit hash")
    return Upstream(args.repo, args.commit, args.path)
