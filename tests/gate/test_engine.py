"""The engine: parallel and resumed validations agree, history baselines, hard errors."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from edgar_sentinel.errors import RunDirectoryError
from edgar_sentinel.gate import engine, history, validate_run
from edgar_sentinel.gate.checkpoint import CHECKPOINT_DIR, Checkpoint
from edgar_sentinel.gate.partial import CheckAgg, Partial
from edgar_sentinel.gate.result import Decision, GateReport, GateStatus
from edgar_sentinel.gate.scan import ChunkJob, ChunkResult, scan_chunk
from edgar_sentinel.gate.sketch import fingerprint
from edgar_sentinel.gate.view import FilingView
from edgar_sentinel.store import migrate, open_store
from tests.gate.helpers import assert_gate, make_record, with_segment_text, write_run


def _comparable(report: GateReport) -> dict[str, object]:
    return report.model_dump(mode="json", exclude={"timestamp"})


def _mixed_run(tmp_path: Path) -> Path:
    records = [make_record(i) for i in range(40)]
    records[5] = with_segment_text(records[5], 1, "short")
    records[17] = records[17].model_copy(update={"cik": None})
    records.append(records[30])
    return write_run(tmp_path, records)


def test_workers_and_chunking_do_not_change_the_report(tmp_path: Path) -> None:
    run = _mixed_run(tmp_path)
    one = validate_run(run, record=False, chunk_size=64)
    many = validate_run(run, record=False, workers=2, chunk_size=3)
    assert _comparable(one) == _comparable(many)
    assert one.go_no_go is Decision.NO_GO
    assert not (run / CHECKPOINT_DIR).exists()


def test_resume_continues_from_the_checkpoint(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    run = _mixed_run(tmp_path)
    full = validate_run(run, record=False, chunk_size=4)
    # Interrupt a validation after its third checkpoint (one per chunk here), in this
    # process (workers=1) so that the patched functions are the ones called.
    monkeypatch.setattr(engine, "CHECKPOINT_SECONDS", 0.0)
    saved: list[int] = []
    original = Checkpoint.save

    def crash_after_three(self: Checkpoint, next_chunk: int, partial: Partial) -> None:
        original(self, next_chunk, partial)
        saved.append(next_chunk)
        if len(saved) == 3:
            raise KeyboardInterrupt

    with monkeypatch.context() as patch:
        patch.setattr(Checkpoint, "save", crash_after_three)
        with pytest.raises(KeyboardInterrupt):
            validate_run(run, record=False, chunk_size=4, workers=1)
    assert (run / CHECKPOINT_DIR / "state.json").exists()
    scanned: list[int] = []
    original_scan = scan_chunk

    def recording_scan(job: ChunkJob) -> ChunkResult:
        scanned.append(job.index)
        return original_scan(job)

    monkeypatch.setattr(engine, "scan_chunk", recording_scan)
    resumed = validate_run(run, record=False, chunk_size=4, resume=True, workers=1)
    assert _comparable(resumed) == _comparable(full)
    # The resumed validation scanned only the chunks after the last checkpoint.
    assert scanned and scanned[0] == saved[-1]
    assert not (run / CHECKPOINT_DIR).exists()


def test_a_changed_threshold_set_does_not_resume(tmp_path: Path) -> None:
    run = _mixed_run(tmp_path)
    from edgar_sentinel.gate.checkpoint import CheckpointKey

    stale = Checkpoint.for_run(run, CheckpointKey(str(run.resolve()), 41, 4, "0" * 64, 20))
    stale.save(5, Partial(files=999))
    report = validate_run(run, record=False, chunk_size=4, resume=True)
    assert report.files_checked == 41


def test_a_run_that_cannot_hold_a_checkpoint_resumes_from_the_same_private_folder(
    tmp_path: Path,
) -> None:
    from edgar_sentinel.gate.checkpoint import CheckpointKey

    unwritable = tmp_path / "not-a-folder"
    unwritable.write_text("a file where the checkpoint folder would go", encoding="utf-8")
    key = CheckpointKey(str(unwritable), 41, 4, "0" * 64, 20)

    first = Checkpoint.for_run(unwritable, key)
    first.save(3, Partial(files=12))
    second = Checkpoint.for_run(unwritable, key)

    assert second.folder == first.folder
    assert not second.folder.is_relative_to(unwritable)
    loaded = second.load()
    assert loaded is not None and (loaded[0], loaded[1].files) == (3, 12)
    second.remove()
    assert not second.folder.exists()


def test_history_compares_with_the_last_go_run_only(tmp_path: Path) -> None:
    store = tmp_path / "history.db"
    good = [make_record(i) for i in range(20)]
    first = validate_run(write_run(tmp_path, good, name="a"), store_path=store)
    assert first.go_no_go is Decision.GO and first.baseline is None
    bad = [*good[:19], good[19].model_copy(update={"cik": None})]
    failed = validate_run(write_run(tmp_path, bad, name="b"), store_path=store)
    assert failed.go_no_go is Decision.NO_GO
    row = {r.metric: r for r in failed.validation_table}["cik_present_rate"]
    assert row.previous_actual == 1.0
    assert row.delta == pytest.approx(-0.05)
    again = validate_run(write_run(tmp_path, bad, name="c"), store_path=store)
    assert again.baseline is not None and again.baseline.run_directory.endswith("a")
    with sqlite3.connect(store) as conn:
        decisions = [r[0] for r in conn.execute("SELECT decision FROM gate_run ORDER BY id")]
    assert decisions == ["GO", "NO-GO", "NO-GO"]


def test_dataset_identity_ignores_order_and_tool_output(tmp_path: Path) -> None:
    records = [make_record(i) for i in range(6)]
    a = validate_run(write_run(tmp_path, records, name="a"), record=False)
    b = validate_run(write_run(tmp_path, list(reversed(records)), name="b"), record=False)
    c = validate_run(write_run(tmp_path, records[:5], name="c"), record=False)
    assert a.dataset.id == b.dataset.id != c.dataset.id


def test_a_run_without_filings_is_never_go(tmp_path: Path) -> None:
    report = validate_run(write_run(tmp_path, []), record=False)
    assert (report.status, report.go_no_go) == (GateStatus.ERROR, Decision.NO_GO)
    assert report.errors == ["the run has no filings to validate"]


def test_every_check_disabled_is_never_go(tmp_path: Path) -> None:
    from edgar_sentinel.gate.registry import all_checks

    by_category: dict[str, list[str]] = {}
    for name, check in all_checks().items():
        by_category.setdefault(check.category.value, []).append(name)
    body = "categories:\n" + "".join(
        f"  {cat}:\n" + "".join(f"    {n}:\n      enabled: false\n" for n in names)
        for cat, names in by_category.items()
    )
    path = tmp_path / "off.yaml"
    path.write_text(body, encoding="utf-8")
    report = validate_run(write_run(tmp_path, [make_record(1)]), thresholds=path, record=False)
    assert report.go_no_go is Decision.NO_GO and report.errors == ["no check could be evaluated"]


@pytest.mark.parametrize(
    ("disabled", "catching"),
    [
        # an identical filing is the nearest of near duplicates
        ("duplicate_rate", "near_duplicate_filing_rate"),
        # without signatures, the content key still catches the copy
        ("near_duplicate_filing_rate", "duplicate_rate"),
    ],
)
def test_with_one_duplicate_check_disabled_the_other_still_catches_a_copy(
    tmp_path: Path, disabled: str, catching: str
) -> None:
    path = tmp_path / "one-check.yaml"
    path.write_text(
        f"categories:\n  consistency:\n    {disabled}:\n      enabled: false\n",
        encoding="utf-8",
    )
    records = [make_record(i) for i in range(6)]
    run = write_run(tmp_path, [*records, records[2]])

    report = validate_run(run, thresholds=path, record=False)

    rows = {row.metric: row for row in report.validation_table}
    assert disabled not in rows
    assert rows[catching].numerator == 1


def test_fingerprint_without_signature_keeps_the_content_key() -> None:
    view = FilingView(file="a.json", record=make_record(1))

    full, lean = fingerprint(view), fingerprint(view, signature=False)

    assert full.signature is not None and lean.signature is None
    assert lean.content_key == full.content_key


def test_missing_run_directory_raises(tmp_path: Path) -> None:
    with pytest.raises(RunDirectoryError):
        validate_run(tmp_path / "nope", record=False)


def test_fail_on_warn_turns_a_warning_into_no_go(tmp_path: Path) -> None:
    records = [make_record(i) for i in range(20)]
    records = [r.model_copy(update={"sic_code": None}) for r in records[:2]] + records[2:]
    run = write_run(tmp_path, records)
    assert_gate(run, decision=Decision.GO)
    assert_gate(run, decision=Decision.NO_GO, fail_on_warn=True)


def test_store_migrations_are_per_namespace_and_idempotent(tmp_path: Path) -> None:
    conn = open_store(tmp_path / "s.db")
    stmts = ["CREATE TABLE drift_a (x)", "CREATE TABLE drift_b (y)"]
    assert migrate(conn, namespace="drift", statements=stmts[:1]) == 1
    assert migrate(conn, namespace="drift", statements=stmts) == 2
    assert migrate(conn, namespace="drift", statements=stmts) == 2
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    conn.close()


aggs = st.builds(
    CheckAgg,
    measured=st.integers(0, 50),
    offending=st.integers(0, 50),
    minimum=st.none() | st.floats(0, 100),
    samples=st.lists(
        st.tuples(st.sampled_from("abc"), st.integers(-1, 3), st.none(), st.none(), st.just("x")),
        max_size=4,
    ).map(sorted),
)
partials = st.builds(
    Partial,
    files=st.integers(0, 9),
    segments=st.integers(0, 9),
    digest=st.integers(0, 2**256 - 1),
    digest_inputs=st.integers(0, 9),
    checks=st.dictionaries(st.sampled_from(["p", "q"]), aggs, max_size=2),
)


@settings(max_examples=60)
@given(a=partials, b=partials, c=partials)
def test_merging_partials_is_order_independent(a: Partial, b: Partial, c: Partial) -> None:
    left = a.merged(b, 3).merged(c, 3).to_json()
    right = c.merged(a, 3).merged(b, 3).to_json()
    assert left == right
    assert Partial.from_json(left).to_json() == left


@settings(max_examples=25, deadline=None)
@given(
    values=st.lists(st.none() | st.floats(0, 1, allow_nan=False), min_size=1, max_size=5),
    go=st.booleans(),
)
def test_history_store_round_trips_metrics(values: list[float | None], go: bool) -> None:
    from edgar_sentinel.gate.result import Category, CheckStatus, MetricType, Operator, Unit
    from edgar_sentinel.gate.result import ValidationRow as Row

    rows = [
        Row(
            category=Category.SUBSTANCE,
            metric=f"m{i}",
            display_name="M",
            description="d",
            metric_type=MetricType.RATE,
            unit=Unit.FILINGS,
            operator=Operator.GE,
            target=0.5,
            target_upper=None,
            warn_threshold=None,
            actual=v,
            numerator=None,
            denominator=None,
            status=CheckStatus.PASS,
            go_no_go=Decision.GO,
            blocking=True,
            previous_actual=None,
            delta=None,
            message="m",
        )
        for i, v in enumerate(values)
    ]
    conn = open_store(Path(":memory:"))
    history.ensure_schema(conn)
    report = _template_report().model_copy(
        update={"validation_table": rows, "go_no_go": Decision.GO if go else Decision.NO_GO}
    )
    run_id = history.record_run(conn, report)
    (listed,) = history.list_runs(conn)
    assert listed.run_id == run_id
    assert listed.metrics == {r.metric: r.actual for r in rows}
    found = history.last_go_run(conn, report.dataset.id)
    assert (found is not None) == go
    conn.close()


def test_history_lists_the_newest_runs_of_a_dataset_each_with_its_own_metrics() -> None:
    conn = open_store(Path(":memory:"))
    history.ensure_schema(conn)
    template = _template_report()
    ids = {}
    for name, files in (("alpha", 1), ("beta", 2), ("alpha", 3), ("alpha", 4)):
        dataset = template.dataset.model_copy(update={"name": name})
        table = [
            row.model_copy(update={"actual": float(files)}) for row in template.validation_table
        ]
        report = template.model_copy(
            update={"dataset": dataset, "files_checked": files, "validation_table": table}
        )
        ids[files] = history.record_run(conn, report)
    key = history.dataset_key(template.dataset.id, "alpha")

    listed = history.list_runs(conn, dataset=key, limit=2)

    assert [run.run_id for run in listed] == [ids[4], ids[3]]
    assert [set(run.metrics.values()) for run in listed] == [{4.0}, {3.0}]
    assert len(history.list_runs(conn)) == 4
    conn.close()


_TEMPLATE: list[GateReport] = []


def _template_report() -> GateReport:
    if not _TEMPLATE:
        import tempfile

        with tempfile.TemporaryDirectory() as tmp:
            _TEMPLATE.append(validate_run(write_run(Path(tmp), [make_record(1)]), record=False))
    return _TEMPLATE[0]


def test_a_given_checkpoint_folder_keeps_files_it_did_not_write(tmp_path: Path) -> None:
    folder = tmp_path / "work"
    folder.mkdir()
    (folder / "notes.txt").write_text("keep me", encoding="utf-8")
    validate_run(write_run(tmp_path, [make_record(1)]), record=False, checkpoint_dir=folder)
    assert sorted(p.name for p in folder.iterdir()) == ["notes.txt"]


def test_workers_are_not_forked_from_a_multithreaded_process() -> None:
    stop = threading.Event()
    helper = threading.Thread(target=stop.wait)
    helper.start()
    try:
        assert engine._context().get_start_method() == "spawn"
    finally:
        stop.set()
        helper.join()
