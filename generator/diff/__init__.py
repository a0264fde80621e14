"""Semantic diff of two APIs in the IR: facts from one walk (facts.py), judged by one
rule table (rules.py) with the request/response side of shared schemas from usage.py,
rendered by render.py."""

from __future__ import annotations

from ..ir import Api
from .facts import collect_facts
from .rules import Change, classify
from .usage import schema_usage


def diff_apis(old: Api, new: Api) -> list[Change]:
    # New first, so each change lists the operations it reaches in the new spec's order.
    return classify(collect_facts(old, new), schema_usage(new, old))
