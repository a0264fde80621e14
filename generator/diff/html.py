"""A report as one self-contained HTML page for a release manager: counts by severity,
breaking changes first, the changes grouped by Python call and by model, filters by
severity, and old and new descriptions side by side. No network, no external assets:
the style and the filter script are inline."""

from __future__ import annotations

from html import escape

from .python import Report
from .render import by_severity, headline, summary
from .rules import BREAKING, SEVERITIES, Change
from .wording import ADDED, REMOVED, word_diff

_STYLE = """
body{font:15px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:72rem;padding:0 1rem;color:#1f2328}
h1{font-size:1.5rem}h2{margin-top:2rem;border-bottom:1px solid #d0d7de}h3{font-size:1rem;margin:1.2rem 0 .3rem}
code{font:13px ui-monospace,monospace;background:#f6f8fa;padding:0 .2em;border-radius:4px}
.counts span,.badge{display:inline-block;border-radius:1em;padding:0 .6em;font-size:.85em;font-weight:600}
.breaking{background:#ffebe9;color:#a40e26}.warning{background:#fff8c5;color:#7d4e00}.info{background:#ddf4ff;color:#0550ae}
.filters label{margin-right:1rem}ul{padding-left:1.2rem}li.change{margin:.35rem 0}
.where{color:#57606a;font-size:.85em}.texts{display:grid;grid-template-columns:1fr 1fr;gap:.5rem;margin:.3rem 0}
.texts div{background:#f6f8fa;padding:.4rem;border-radius:4px;white-space:pre-wrap}
del{background:#ffebe9}ins{background:#dafbe1;text-decoration:none}
body.hide-breaking .change.breaking-change,body.hide-warning .change.warning-change,
body.hide-info .change.info-change,.group.empty{display:none}
"""

_SCRIPT = """
function refresh(){
  for (const box of document.querySelectorAll('.filters input'))
    document.body.classList.toggle('hide-' + box.value, !box.checked);
  let shown = 0;
  for (const group of document.querySelectorAll('.group')) {
    const visible = [...group.querySelectorAll('.change')]
      .filter(li => getComputedStyle(li).display !== 'none').length;
    group.classList.toggle('empty', visible === 0);
  }
  for (const li of document.querySelectorAll('#all .change'))
    if (getComputedStyle(li).display !== 'none') shown++;
  document.getElementById('shown').textContent = shown;
}
for (const box of document.querySelectorAll('.filters input'))
  box.addEventListener('change', refresh);
refresh();
"""


def render_html(report: Report) -> str:
    changes = by_severity(report.changes)
    counts = {s: sum(c.severity == s for c in changes) for s in SEVERITIES}
    title = f"API changes: {report.old} → {report.new}"
    out = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>{escape(title)}</title><style>{_STYLE}</style></head><body>",
        f"<h1>{escape(title)}</h1>",
        f"<p>{escape(summary(report.changes))}.</p>",
        '<p class="counts">'
        + " ".join(
            f'<span class="{s}" data-count="{s}">{counts[s]} {s}</span>'
            for s in SEVERITIES
        )
        + "</p>",
        '<p class="filters">Show: '
        + "".join(
            f'<label><input type="checkbox" value="{s}" checked> {s}</label>'
            for s in SEVERITIES
        )
        + ' — <span id="shown"></span> shown</p>',
    ]
    breaking = [c for c in changes if c.severity == BREAKING]
    if breaking:
        out += ['<h2 id="breaking">Breaking changes</h2>', _group(breaking, report)]
    out += ['<h2 id="by-call">By Python call</h2>']
    for op, items in _by_operation(changes).items():
        call = report.call(op)
        heading = f"<code>{escape(call)}()</code> " if call else ""
        out.append(
            _group(items, report, f"{heading}<span class='where'>{escape(op)}</span>")
        )
    out += ['<h2 id="by-model">By model</h2>']
    for schema, items in _by_schema(changes).items():
        model = report.model(schema) or schema
        heading = f"<code>{escape(model)}</code> <span class='where'>schema {escape(schema)}</span>"
        out.append(_group(items, report, heading))
    out += ['<h2 id="all-changes">All changes</h2>', _group(changes, report, key="all")]
    out += [f"<script>{_SCRIPT}</script></body></html>"]
    return "\n".join(out) + "\n"


def _by_operation(changes: list[Change]) -> dict[str, list[Change]]:
    """Every change an operation's callers meet: its own and its schemas'."""
    grouped: dict[str, list[Change]] = {}
    for change in changes:
        for op in change.operations:
            grouped.setdefault(op, []).append(change)
    return grouped


def _by_schema(changes: list[Change]) -> dict[str, list[Change]]:
    grouped: dict[str, list[Change]] = {}
    for change in changes:
        if change.schema is not None:
            grouped.setdefault(change.schema, []).append(change)
    return grouped


def _group(
    changes: list[Change], report: Report, heading: str = "", key: str = ""
) -> str:
    head = f"<h3>{heading}</h3>" if heading else ""
    ident = f' id="{key}"' if key else ""
    items = "".join(_item(change, report) for change in changes)
    return f'<section class="group"{ident}>{head}<ul>{items}</ul></section>'


def _item(change: Change, report: Report) -> str:
    where = " · ".join(
        escape(part) for part in (change.operation, f"#{change.location}") if part
    )
    parts = [
        f'<li class="change {change.severity}-change" data-id="{escape(change.id)}">',
        f'<span class="badge {change.severity}">{change.severity}</span> ',
        f"<code>{escape(headline(change, report))}</code>: {escape(change.message)}",
        f' <span class="where">{escape(change.id)} · {where}</span>',
    ]
    if change.id in ("description-changed", "summary-changed"):
        parts.append(_texts(change))
    return "".join(parts) + "</li>"


def _texts(change: Change) -> str:
    """Old and new text side by side, the changed words marked in each."""
    segments = word_diff(change.old, change.new, context=10**6)
    old = " ".join(
        f"<del>{escape(t)}</del>" if k == REMOVED else escape(t)
        for k, t in segments
        if k != ADDED
    )
    new = " ".join(
        f"<ins>{escape(t)}</ins>" if k == ADDED else escape(t)
        for k, t in segments
        if k != REMOVED
    )
    return (
        f'<div class="texts"><div class="old">{old or "<em>none</em>"}</div>'
        f'<div class="new">{new or "<em>none</em>"}</div></div>'
    )
