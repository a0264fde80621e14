"""Spec arguments -> rendered packages written to the output folder, with a report."""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable

from ..collector import cycles_not_collected
from ..config import Project
from ..ir import Api
from ..load import load_openapi
from ..specs import require_pins, sha256_of, spec_source
from .render import GeneratedPackage, package_name, render_package
from .writer import write_files

if TYPE_CHECKING:
    from ..parse.refs import RefPolicy
    from ..release.history import History


@dataclass
class GenerationResult:
    label: str
    package: str
    operations: int
    models: int
    seconds: float
    report: dict[str, Any]


@dataclass
class Rendered:
    results: list[GenerationResult]
    files: dict[str, str]  # path under the output folder -> text
    spec_digests: dict[str, str]  # api-version -> sha256 of the spec file
    # every file the parses looked at (ir.Api.files_read): what a memo of this
    # rendering must find unchanged (generator.codegen.memo)
    files_read: tuple[tuple[str, str, str], ...] = ()


def generate_all(
    specs: list[str],
    out_dir: Path,
    *,
    project: Project = Project(),
    package: str | None = None,
    docs: bool = False,
    refs: RefPolicy | None = None,
    report: Path | None = None,
    lock: Path | None = None,
    history: History | None = None,
) -> list[GenerationResult]:
    """Renders every spec first and writes only when all of them rendered; then the
    JSON report and the lock file for `sdkgen check`, when asked for. A project's
    distribution takes its release history from `history`, else from the lock
    (`lock`, else OUT/sdkgen.lock), and the lock written keeps it."""
    if history is None:
        from ..release.history import read_history

        history = read_history(lock or out_dir / "sdkgen.lock")
    options: dict[str, Any] = dict(
        project=project, package=package, docs=docs, refs=refs, history=history
    )
    with cycles_not_collected():
        if lock:  # a lock is there to be checked: remember what check would render
            from .memo import render_remembered

            rendered = render_remembered(specs, out_dir, **options)
        else:
            rendered = render_all(specs, out_dir, **options)
        write_files(out_dir, rendered.files)
    from ..files import write_file

    if report:
        reports = {"specs": [r.report for r in rendered.results]}
        write_file(report, json.dumps(reports, indent=2) + "\n")
    if lock:
        from ..release.history import history_json
        from .lock import lock_document, lock_outputs

        outputs = lock_outputs(rendered)
        document = lock_document(
            rendered.files, rendered.spec_digests, outputs, history_json(history)
        )
        write_file(lock, document)
    return rendered.results


def render_all(
    specs: list[str],
    out_dir: Path,
    *,
    project: Project = Project(),
    package: str | None = None,
    docs: bool = False,
    refs: RefPolicy | None = None,
    history: History | None = None,
) -> Rendered:
    """Every spec (all pinned ones when none is named) rendered in memory; with `docs`,
    its Markdown reference too, as docs/<api-version>.md. A configured project given
    no spec renders its distribution (every pin in one package, versioned by
    `history`); named specs become packages <import-name>_<api-version>. `refs`:
    which `$ref`s beyond each spec's folder are followed."""
    if not specs and project.package is not None:
        from ..release.history import History

        return render_project(out_dir, project, docs, refs, history or History())
    arguments = specs or list(require_pins(project))
    prefix = project.package.import_name if project.package else None
    digests: dict[str, str] = {}
    files: dict[str, str] = {}
    results = []
    apis = []
    for argument in arguments:
        started = time.perf_counter()
        source = spec_source(argument, project)
        api = load_openapi(source.path, refs)
        apis.append(api)
        api_version = source.api_version or api.version
        # a pinned file was verified against its pin on the way in: no second read
        digests[api_version] = (
            source.pin.openapi.sha256 if source.pin else sha256_of(source.path)
        )
        name = package or package_name(api, api_version, prefix)
        generated = render_package(api, name, api_version, project.conventions)
        for rel, text in generated.files.items():
            files[f"{name}/{rel}"] = text
        if docs:
            from ..docs import render_markdown

            files[f"docs/{api_version}.md"] = render_markdown(api)
        results.append(
            GenerationResult(
                label=argument,
                package=name,
                operations=len(api.operations),
                models=len(generated.models.definitions),
                seconds=time.perf_counter() - started,
                report=_report(str(source.path), api_version, generated, out_dir),
            )
        )
    return Rendered(results, files, digests, _files_read(apis))


def _files_read(apis: Iterable[Api]) -> tuple[tuple[str, str, str], ...]:
    return tuple(dict.fromkeys(seen for api in apis for seen in api.files_read))


def _report(
    source: str, api_version: str, generated: GeneratedPackage, out_dir: Path
) -> dict[str, Any]:
    name = generated.name
    plan = generated.client
    models = generated.models
    return {
        "source": source,
        "api_version": api_version,
        "package": name,
        "package_dir": str(out_dir.resolve()),
        "client": f"{name}:Client",
        "async_client": f"{name}:AsyncClient",
        "operations": [
            {
                "method": method.operation.method.upper(),
                "path": method.operation.path,
                "operation_id": method.operation.operation_id,
                "call": ".".join(path + (method.name,)),
                "arguments": [
                    {"name": a.name, "wire": a.wire, "in": a.location}
                    for a in method.arguments
                ],
            }
            for path, method in plan.methods
        ],
        "models": [
            {"schema": schema, "class": f"{name}.models:{py_name}"}
            for schema, py_name in models.component_names.items()
        ],
        "skipped": [],
    }


def load_pinned(
    project: Project, refs: RefPolicy | None
) -> tuple[dict[str, Api], dict[str, str]]:
    """Every pinned api-version's IR, oldest first, and its spec's sha256."""
    apis, digests = {}, {}
    for version, pin in require_pins(project).items():
        source = spec_source(version, project)
        apis[version] = load_openapi(source.path, refs)
        digests[version] = pin.openapi.sha256
    return apis, digests


def render_project(
    out_dir: Path,
    project: Project,
    docs: bool,
    refs: RefPolicy | None,
    history: History,
) -> Rendered:
    """The project's distribution, and with `docs` each pin's Markdown reference."""
    from .distribution import render_distribution

    started = time.perf_counter()
    apis, digests = load_pinned(project, refs)
    distribution = render_distribution(project, apis)
    version, files = distribution.stamped(history)
    if docs:
        from ..docs import render_markdown

        for api_version, api in apis.items():
            files[f"docs/{api_version}.md"] = render_markdown(api)
    generated = distribution.generated
    report = _report(
        ", ".join(api.source for api in apis.values()),
        distribution.api_versions[-1],
        generated,
        out_dir / distribution.source_dir,
    )
    available = distribution.available
    for entry in report["operations"]:
        key = f"{entry['method']} {entry['path']}"
        entry["api_versions"] = list(available.operations.get(key, apis))
    report |= {
        "distribution": distribution.root,
        "version": version,
        "api_versions": list(apis),
    }
    result = GenerationResult(
        label=f"{distribution.root} {version} ({', '.join(apis)})",
        package=distribution.root,
        operations=len(generated.client.methods),
        models=len(generated.models.definitions),
        seconds=time.perf_counter() - started,
        report=report,
    )
    return Rendered([result], files, digests, _files_read(apis.values()))
