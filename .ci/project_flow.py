"""sdkgen as a user runs it in their own repo, outside any sdkgen checkout.

In a new folder: `sdkgen init`, `sdkgen pin FILE` (a copy of a mirror spec), `sdkgen pin
URL` (a GitHub-raw-style URL served by a loopback server started here and stopped
after), `sdkgen pins`, `sdkgen generate`, `sdkgen check`, `sdkgen diff`, `sdkgen
changelog`; then the generated package is imported by PYTHON and one call goes over a
real socket. Standard library only (and the tests' loopback server, tests/loopback.py): it
runs under whichever Python has sdkgen installed.

    python .ci/project_flow.py --sdkgen "VENV/bin/sdkgen" --python VENV/bin/python \
        --checkout . --work TMPDIR
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

# the tests' loopback HTTP server: plain standard library, beside this script
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from loopback import Loopback  # noqa: E402

FILE_PIN = "2024-10-21"  # pinned from a copied file
# pinned from a URL, which records the upstream of this repo's pin of it
URL_PIN = "2024-12-01-preview"
SHOWN_LINES = 8  # of each command's output
ANSWER = "Hello from loopback"
CHAT_REPLY = {"id": "c1", "object": "chat.completion", "created": 1, "model": "m"}
CHAT_REPLY["choices"] = [
    {"index": 0, "message": {"role": "assistant", "content": ANSWER}}
]


class Flow:
    def __init__(self, args: argparse.Namespace) -> None:
        self.sdkgen = shlex.split(args.sdkgen)
        self.python = args.python
        self.checkout = args.checkout.resolve()
        self.project = args.work / "project"
        self.env = {
            **os.environ,
            "SDKGEN_SPEC_MIRROR": "",  # the project's own mirror, nothing else
            "XDG_CACHE_HOME": str(args.work / "cache"),
        }

    def run(self, *args: str) -> str:
        print(f"$ sdkgen {' '.join(args)}", flush=True)
        result = subprocess.run(
            [*self.sdkgen, *args],
            cwd=self.project,
            env=self.env,
            capture_output=True,
            text=True,
        )
        lines = result.stdout.splitlines()
        for line in lines[:SHOWN_LINES]:
            print(f"  {line}")
        if len(lines) > SHOWN_LINES:
            print(f"  ... ({len(lines) - SHOWN_LINES} more lines)")
        if result.returncode != 0:
            sys.exit(
                f"project flow: `sdkgen {' '.join(args)}` exited {result.returncode}:"
                f"\n{result.stderr}"
            )
        return result.stdout


def check(condition: bool, message: str) -> None:
    if not condition:
        sys.exit(f"project flow: {message}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sdkgen", required=True, help="the sdkgen command to test")
    parser.add_argument("--python", required=True, help="Python to import the SDK with")
    parser.add_argument("--checkout", required=True, type=Path, help="sdkgen checkout")
    parser.add_argument("--work", required=True, type=Path, help="a new folder")
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    flow = Flow(args)
    repo_pins = flow.checkout / "specs"
    config = tomllib.loads((flow.checkout / "sdkgen.toml").read_text(encoding="utf-8"))
    mirror = (flow.checkout / config["paths"]["mirror"]).resolve()
    file_pin = tomllib.loads((repo_pins / f"{FILE_PIN}.toml").read_text())["openapi"]
    url_pin = tomllib.loads((repo_pins / f"{URL_PIN}.toml").read_text())["openapi"]

    where = subprocess.run(
        [flow.python, "-c", "import generator; print(generator.__file__)"],
        env=flow.env,
        capture_output=True,
        text=True,
        cwd=args.work,
    ).stdout.strip()
    check(bool(where), "the Python under test cannot import sdkgen's generator package")
    check(
        not Path(where).resolve().is_relative_to(flow.checkout),
        f"sdkgen is imported from the checkout ({where}), not from the installed wheel",
    )

    flow.project.mkdir(parents=True)
    flow.run("init")
    check((flow.project / "sdkgen.toml").is_file(), "init wrote no sdkgen.toml")
    copy = args.work / "downloads" / "inference.json"
    copy.parent.mkdir()
    shutil.copyfile(mirror / file_pin["mirror-path"], copy)
    flow.run("pin", str(copy))

    raw_path = f"/{url_pin['repo']}/{url_pin['commit']}/{url_pin['path']}"
    with Loopback() as server:
        server.reply(200, (mirror / url_pin["mirror-path"]).read_bytes())
        flow.env["SDKGEN_SPEC_URL"] = server.url + "/{repo}/{commit}/{path}"
        flow.run("pin", server.url + raw_path)
        check(server.last().path == raw_path, f"pin fetched {server.last().path}")
    pinned = tomllib.loads((flow.project / "specs" / f"{URL_PIN}.toml").read_text())
    for key in ("repo", "commit", "path", "sha256"):
        check(
            pinned["openapi"][key] == url_pin[key],
            f"the URL pin's {key} is {pinned['openapi'][key]!r}, not {url_pin[key]!r}",
        )

    listed = flow.run("pins")
    check(
        [line.split()[0] for line in listed.splitlines()[1:]] == [FILE_PIN, URL_PIN],
        "pins lists other api-versions",
    )
    flow.run("generate")
    flow.run("check")
    changes = json.loads(flow.run("diff", FILE_PIN, URL_PIN, "--format", "json"))
    check(len(changes["changes"]) > 0, f"diff {FILE_PIN} {URL_PIN} found no changes")
    flow.run("changelog", "--output", "CHANGELOG.md")
    check(
        f"## {URL_PIN}" in (flow.project / "CHANGELOG.md").read_text(encoding="utf-8"),
        "the changelog has no entry for the newer pin",
    )

    flow.run("release", "--date", "2024-12-31")
    config = tomllib.loads((flow.project / "sdkgen.toml").read_text(encoding="utf-8"))
    name, import_name = config["package"]["name"], config["package"]["import-name"]
    distribution = flow.project / "generated" / name
    check(
        'version = "0.1.0"' in (distribution / "pyproject.toml").read_text(),
        "the first release is not 0.1.0",
    )
    wheels = args.work / "wheels"
    print(f"$ {flow.python} -m build {distribution}", flush=True)
    built = subprocess.run(
        [flow.python, "-m", "build", "--no-isolation", "--outdir", str(wheels)]
        + [str(distribution)],
        capture_output=True,
        text=True,
    )
    check(built.returncode == 0, f"the distribution did not build:\n{built.stderr}")
    (wheel,) = wheels.glob("*.whl")
    venv = args.work / "sdk-venv"
    print(f"$ pip install {wheel.name}  # into a fresh venv", flush=True)
    for command in (
        [flow.python, "-m", "venv", str(venv)],
        [str(venv / "bin" / "python"), "-m", "pip", "install", "-q", str(wheel)],
    ):
        done = subprocess.run(command, capture_output=True, text=True)
        check(done.returncode == 0, f"{command[-1]}: {done.stderr}")
    call = (
        f"import sys, {import_name} as sdk\n"
        "for version in sdk.API_VERSIONS:\n"
        "    client = sdk.Client(endpoint=sys.argv[1], api_key='flow-key',"
        " api_version=version)\n"
        "    reply = client.chat.completions.create(deployment_id='gpt-4o',"
        " messages=[{'role': 'user', 'content': 'Hi'}])\n"
        "    print(reply.choices[0].message.content)\n"
    )
    with Loopback() as server:
        for _ in (FILE_PIN, URL_PIN):
            server.reply(200, CHAT_REPLY)
        print(f"$ python -c 'import {import_name}; ...chat.completions.create(...)'")
        result = subprocess.run(
            [str(venv / "bin" / "python"), "-c", call, server.url],
            env={k: v for k, v in flow.env.items() if k != "PYTHONPATH"},
            cwd=args.work,
            capture_output=True,
            text=True,
        )
    check(result.returncode == 0, f"the installed package failed:\n{result.stderr}")
    check(result.stdout.splitlines() == [ANSWER, ANSWER], f"got {result.stdout!r}")
    sent = [(r.path, r.query) for r in server.requests]
    check(
        sent
        == [
            ("/openai/deployments/gpt-4o/chat/completions", {"api-version": [v]})
            for v in (FILE_PIN, URL_PIN)
        ],
        f"the calls went to {sent}",
    )
    check(server.last().headers.get("api-key") == "flow-key", "no api-key sent")
    agent = server.last().headers.get("user-agent", "")
    check(agent.startswith(f"{name}/0.1.0 Python/"), f"User-Agent {agent!r}")
    print("project flow: every step passed")


if __name__ == "__main__":
    main()
