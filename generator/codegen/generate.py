"""Spec arguments -> rendered packages written to the output folder, with a report."""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..config import Project
from ..load import load_openapi
from ..specs import require_pins, sha256_of, spec_source
from .render import GeneratedPackage, package_name, render_package
from .writer import write_files

if TYPE_CHECKING:
    from ..parse.refs import RefPolicy


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
) -> list[GenerationResult]:
    """Renders every spec first and writes only when all of them rendered; then the
    JSON report and the lock file for `sdkgen check`, when asked for."""
    rendered = render_all(
        specs, out_dir, project=project, package=package, docs=docs, refs=refs
    )
    write_files(out_dir, rendered.files)
    from ..files import write_file

    if report:
        reports = {"specs": [r.report for r in rendered.results]}
        write_file(report, json.dumps(reports, indent=2) + "\n")
    if lock:
        from .lock import lock_document, lock_outputs

        outputs = lock_outputs(rendered)
        write_file(lock, lock_document(rendered.files, rendered.spec_digests, outputs))
    return rendered.results


def render_all(
    specs: list[str],
    out_dir: Path,
    *,
    project: Project = Project(),
    package: str | None = None,
    docs: bool = False,
    refs: RefPolicy | None = None,
) -> Rendered:
    """Every spec (all pinned ones when none is named) rendered in memory; with `docs`,
    its Markdown reference too, as docs/<api-version>.md. In a configured project the
    packages are named <import-name>_<api-version>. `refs`: which `$ref`s beyond each
    spec's folder are followed."""
    arguments = specs or list(require_pins(project))
    prefix = project.package.import_name if project.package else None
    digests: dict[str, str] = {}
    files: dict[str, str] = {}
    results = []
    for argument in arguments:
        started = time.perf_counter()
        source = spec_source(argument, project)
        api = load_openapi(source.path, refs)
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
    return Rendered(results, files, digests)


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
