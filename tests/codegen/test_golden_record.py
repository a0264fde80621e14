"""The golden record (tests/golden/): what sdkgen emits now is, byte for byte, what is
committed. A change that changes emitted code fails here until `make golden` rewrites
the record, so the review of that change shows the code it emits."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from golden_record import Record, differences, records, write

MAKE_GOLDEN = (
    "emitted code differs from the golden record; if the change is meant, run "
    "`make golden` and commit tests/golden/ with it"
)


@pytest.mark.parametrize("record", records(), ids=lambda r: r.path.name)
def test_emitted_code_is_the_golden_record(record: Record) -> None:
    assert record.path.is_dir(), f"{record.label()} missing: run `make golden`"
    found = differences(record)
    if found:
        pytest.fail(f"{MAKE_GOLDEN}\n{found}", pytrace=False)


def test_a_changed_record_is_reported_file_by_file_with_its_diff(
    tmp_path: Path,
) -> None:
    """The report names each missing and extra file and shows a unified diff of a
    changed one (here the small record written afresh, then edited three ways)."""
    copy = dataclasses.replace(records()[0], path=tmp_path / "small")
    write(copy)
    assert differences(copy) == ""
    package = next(p for p in copy.path.iterdir() if p.is_dir())
    models = package / "models" / "note.py"
    text = models.read_text(encoding="utf-8")
    assert '    """A note."""\n' in text
    models.write_text(text.replace('"""A note."""', '"""A memo."""'), encoding="utf-8")
    (package / "_retries.py").unlink()
    (package / "stray.py").write_text("x = 1\n", encoding="utf-8")

    report = differences(copy).splitlines()
    name = package.name
    assert f"{copy.label(f'{name}/stray.py')}: in the record, not emitted" in report
    assert f"{copy.label(f'{name}/_retries.py')}: emitted, not in the record" in report
    assert f"--- {copy.label(f'{name}/models/note.py')} (committed)" in report
    assert '-    """A memo."""' in report
    assert '+    """A note."""' in report
