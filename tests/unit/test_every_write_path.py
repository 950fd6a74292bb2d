"""Every service method that writes leaves its audit entry in the transaction of the write (issue #15).

The writers are not listed by hand: ``writer_methods`` walks the services registry (every façade and the
parts it owns) and reads each public method's code; a method writes when it opens ``db.transaction()`` /
``db.bulk()``, or calls a method of its own class or of a service it holds that writes. Each writer found is
then called — most of them by the demo ward, the rest by ``EXTRA`` below — and each call that changed the
database must have added audit entries naming every table it changed. A writer found that no call reaches
fails the test, so a new write path cannot skip this check. Each writer is also called once with the audit
insert made to fail: nothing of its change may be left in the file (the change and its trace share one
transaction, so a crash between the two cannot leave one without the other)."""

from __future__ import annotations

import ast
import inspect
import sqlite3
import textwrap
from contextlib import closing, nullcontext
from datetime import date
from pathlib import Path
from typing import Any

from pbgdpl_desktop.domain.dissemination import TaskInput
from pbgdpl_desktop.domain.errors import DomainError
from pbgdpl_desktop.domain.finance import FundingSource
from pbgdpl_desktop.domain.mediation import CoordinationKind
from pbgdpl_desktop.services.demo import build_demo
from pbgdpl_desktop.services.demo.users import ADMIN, PASSWORDS
from tests.builders import add_mediator, add_team, case_input, session_input

SERVICE_PACKAGE = "pbgdpl_desktop.services."
OPENS = {"transaction", "bulk"}


def service_objects(services: Any) -> list[tuple[str, Any]]:
    """(dotted path, object) for every service object reachable from the registry, each object once, by
    its shortest path from the registry (breadth first)."""
    seen: set[int] = set()
    out: list[tuple[str, Any]] = []
    level = [(name, getattr(services, name)) for name in type(services).names()]
    for _depth in range(4):
        following = []
        for path, obj in level:
            if id(obj) in seen or not type(obj).__module__.startswith(SERVICE_PACKAGE):
                continue
            seen.add(id(obj))
            out.append((path, obj))
            following += [(f"{path}.{k.lstrip('_')}", v) for k, v in sorted(vars(obj).items())]
        level = following
    return out


def _calls(func: Any) -> tuple[bool, set[str], set[tuple[str, str]]]:
    """(opens a transaction, self.method() names called, (self attribute, method) pairs called)."""
    try:
        tree = ast.parse(textwrap.dedent(inspect.getsource(func)))
    except (OSError, TypeError):
        return False, set(), set()
    opens, own, held = False, set(), set()
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute):
            continue
        attr, target = node.func.attr, node.func.value
        if attr in OPENS:
            opens = True
        if isinstance(target, ast.Name) and target.id == "self":
            own.add(attr)
        elif (
            isinstance(target, ast.Attribute)
            and isinstance(target.value, ast.Name)
            and target.value.id == "self"
        ):
            held.add((target.attr, attr))
    return opens, own, held


class _Writers:
    """Decides, from the code, which methods of the service objects write (memoised, cycles cut)."""

    def __init__(self, objects: dict[str, Any]) -> None:
        self.ids = {id(o) for o in objects.values()}
        self.memo: dict[tuple[int, str], bool] = {}

    def writes(self, obj: Any, name: str, stack: frozenset[tuple[int, str]] = frozenset()) -> bool:
        key = (id(obj), name)
        if key not in self.memo:
            if key in stack:
                return False
            func = getattr(type(obj), name, None)
            opens, own, held = _calls(func) if callable(func) else (False, set(), set())
            inner = stack | {key}
            self.memo[key] = (
                opens
                or any(self.writes(obj, m, inner) for m in own if hasattr(type(obj), m))
                or any(self._held_writes(obj, attr, m, inner) for attr, m in held)
            )
        return self.memo[key]

    def _held_writes(self, obj: Any, attr: str, method: str, stack: frozenset[tuple[int, str]]) -> bool:
        other = getattr(obj, attr, None)
        if other is None or id(other) not in self.ids or not hasattr(type(other), method):
            return False
        return self.writes(other, method, stack)


def writer_methods(services: Any) -> dict[str, tuple[Any, str]]:
    """{"mediation.cases.save": (object, "save")} for every public method that writes."""
    objects = dict(service_objects(services))
    judge = _Writers(objects)
    found = {}
    for path, obj in objects.items():
        for name, member in inspect.getmembers(type(obj)):
            if name.startswith("_") or not callable(member) or isinstance(member, property):
                continue
            if judge.writes(obj, name):
                found[f"{path}.{name}"] = (obj, name)
    return found


class Snapshots:
    """What each table holds, cheaply, read on one connection of its own (committed data only): (rows,
    highest change_seq) for synced tables, every row otherwise."""

    def __init__(self, db_path: Any) -> None:
        self.con = sqlite3.connect(db_path, isolation_level=None)
        self.queries: dict[str, tuple[str, bool]] = {}
        for (table,) in self.con.execute("SELECT name FROM sqlite_master WHERE type='table'").fetchall():
            if table.startswith(("audit_", "sqlite_")) or table in NOT_COMPARED | DERIVED:
                continue
            columns = [r[1] for r in self.con.execute(f'PRAGMA table_info("{table}")')]
            if "change_seq" in columns:
                self.queries[table] = (f'SELECT count(*), max(change_seq) FROM "{table}"', False)
            else:
                self.queries[table] = (f'SELECT * FROM "{table}" ORDER BY 1', True)

    def take(self) -> dict[str, Any]:
        out = {}
        for table, (query, every_row) in self.queries.items():
            rows = self.con.execute(query).fetchall()
            out[table] = hash(tuple(rows)) if every_row else rows[0]
        return out

    def last_entry(self) -> int:
        return int(self.con.execute("SELECT coalesce(max(id), 0) FROM audit_log").fetchone()[0])

    def tables_since(self, first: int) -> set[str]:
        return {r[0] for r in self.con.execute("SELECT table_name FROM audit_log WHERE id > ?", (first,))}


NOT_COMPARED = {"alembic_version", "app_meta", "sync_state"}
# A bundle import is one trail entry (table ``sync_import``: the bundle, who, the counts per table), not
# one entry per row applied: it stands for the rows it stored and the bundle's place in the ward's sequence.
SUMMARISED_BY = {"sync_import": ("office_row", "sync_ward_bundle", "sync_ward")}
# derived at the office from the rows the wards sent (recomputed, never edited): not records of their own
DERIVED = {"office_figure", "office_figure_stamp"}


class AuditCrashError(RuntimeError):
    """Raised in place of the audit insert: the "crash between the change and its trace"."""


class Recorder:
    """Wraps every writer of one ``Services``: the outermost call of each is checked (entries for every table
    it changed) and, the first time, run once with the audit insert failing (nothing may be left)."""

    def __init__(self, services: Any, monkeypatch: Any, root: Any = None) -> None:
        self.services = services
        self.monkeypatch = monkeypatch
        self.snap = Snapshots(services.ctx.db.path)
        self.writers = writer_methods(services if root is None else root)
        self.called: set[str] = set()
        self.crashed: set[str] = set()
        self.problems: list[str] = []
        self.depth = 0
        for path, (obj, name) in self.writers.items():
            monkeypatch.setattr(obj, name, self._wrap(path, getattr(obj, name)), raising=False)

    def _wrap(self, path: str, method: Any) -> Any:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            if self.depth:
                return method(*args, **kwargs)
            self.depth += 1
            try:
                if path not in self.crashed:
                    self.crashed.add(path)
                    self._crash_run(path, method, args, kwargs)
                before, last = self.snap.take(), self.snap.last_entry()
                result = method(*args, **kwargs)
                after = self.snap.take()
                changed = {t for t in after if after[t] != before.get(t)}
                self.called.add(path)
                if changed:
                    named = self.snap.tables_since(last)
                    missing = changed - named - {t for n in named for t in SUMMARISED_BY.get(n, ())}
                    if missing:
                        self.problems.append(f"{path}: no audit entry for {sorted(missing)}")
                return result
            finally:
                self.depth -= 1

        return wrapper

    def _crash_run(self, path: str, method: Any, args: Any, kwargs: Any) -> None:
        from pbgdpl_desktop.persistence import audit

        def crash(*_a: Any, **_k: Any) -> None:
            raise AuditCrashError(path)

        before = self.snap.take()
        with self.monkeypatch.context() as patch:
            patch.setattr(audit, "_insert", crash)
            try:
                method(*args, **kwargs)
            except AuditCrashError:
                pass
            except DomainError:  # a refusal before anything is written is fine too
                pass
        after = self.snap.take()
        changed = sorted(t for t in after if after[t] != before.get(t))
        if changed:
            self.problems.append(f"{path}: a failed trail still left changes in {changed}")


PW = "mat-khau-dai-1"


def _one(services: Any, query: str) -> Any:
    with closing(sqlite3.connect(services.ctx.db.path)) as con:
        row = con.execute(query).fetchone()
    assert row is not None, query
    return row[0]


def _row(services: Any, query: str) -> tuple:
    with closing(sqlite3.connect(services.ctx.db.path)) as con:
        row = con.execute(query).fetchone()
    assert row is not None, query
    return tuple(row)


def _more_writes(services: Any, tmp_path: Path) -> None:
    """The writers the demo ward does not call, each called once on the demo's records."""
    live = "deleted_at IS NULL"
    services.settings.set("mediation.long_running_days", 40)
    services.holidays.add_day_off(date(2026, 12, 31), "Nghỉ bù")
    services.holidays.remove_day_off(date(2026, 12, 31))
    services.backups.set_second_folder(str(tmp_path / "usb"))
    services.backups.backup_now()
    services.backups.encrypted_copy(tmp_path / "copy.enc", PW)
    services.audit.record("note", "core", "kiểm tra")
    services.audit.export(tmp_path / "audit.csv")
    services.privacy.set_retention_years(1)
    services.privacy.anonymise(1)
    services.privacy.export_person("Nguyễn", tmp_path / "person.json")
    services.users.set_role("canbo", "clerk")
    services.users.reset_password("canbo", PW + "2")
    services.users.set_disabled("canbo", True)
    services.users.set_disabled("canbo", False)
    services.users.change_own_password(PASSWORDS[ADMIN], PW + "3")
    services.users.login(ADMIN, PW + "3")
    services.users.set_single_user(ADMIN)
    services.users.login_single_user()
    case = _one(services, f"SELECT id FROM mediation_case WHERE {live} ORDER BY case_number DESC")
    services.mediation.cases.delete(case)
    services.recycle.restore("case", case)
    pending = f"SELECT id FROM mediator_fee_request WHERE {live} AND paid_on IS NULL AND refused_on IS NULL"
    today = services.ctx.clock.today()
    refused = _one(services, pending)
    services.mediation.fees.refuse(refused, today, "Thiếu hồ sơ")
    # the demo creates its requests with create_requests: one by hand on a case the refusal freed
    mediator = _one(services, f"SELECT mediator_id FROM mediator_fee_request WHERE id = '{refused}'")
    freed = services.mediation.fees.eligible_cases(mediator)[0]
    services.mediation.fees.create_request(mediator, [freed.case_id], today)
    services.mediation.fees.record_payment(_one(services, pending), today, 100_000)
    # the demo adds its trainings and coordination activities in bulk: one of each by hand
    trained = _one(services, f"SELECT id FROM mediator WHERE {live} AND release_date IS NULL")
    services.mediation.mediators.add_training(trained, today, "Sổ tay hòa giải viên", "material")
    team = _one(services, f"SELECT id FROM mediation_team WHERE {live}")
    services.mediation.teams.add_coordination(team, today, CoordinationKind.LEGAL_SUPPORT, "Luật sư")
    item = _one(services, f"SELECT id FROM expenditure WHERE {live} ORDER BY change_seq DESC")
    services.finance.ledger.delete(item)
    adjustment = _one(services, f"SELECT id FROM budget_adjustment WHERE {live}")
    services.finance.budget.remove_adjustment(adjustment)
    session = _one(services, f"SELECT id FROM dissemination_session WHERE {live} ORDER BY change_seq DESC")
    services.dissemination.sessions.delete(session)
    task = _one(
        services,
        f"SELECT id FROM plan_task t WHERE {live} AND NOT EXISTS (SELECT 1 FROM dissemination_session s "
        "WHERE s.plan_task_id = t.id AND s.deleted_at IS NULL)",
    )
    services.dissemination.plans.delete_task(task)
    # the demo adds its plan tasks, speakers' trainings and budget lines in bulk: one of each by hand
    plan = _one(services, f"SELECT id FROM dissemination_plan WHERE {live}")
    services.dissemination.plans.save_task(plan, TaskInput("Tuyên truyền Luật Đất đai"))
    speaker = _one(services, f"SELECT id FROM speaker WHERE {live}")
    services.dissemination.speakers.add_training(speaker, today, "Bồi dưỡng kỹ năng", 4)
    year, category, source = _row(services, f"SELECT year, category_id, source FROM budget_line WHERE {live}")
    services.finance.budget.set_line(year, category, FundingSource(source), 1_000_000, "Điều chỉnh")
    training = _one(services, f"SELECT id FROM speaker_training WHERE {live}")
    services.dissemination.speakers.delete_training(training)
    document = _one(services, f"SELECT id FROM ward_legal_document WHERE {live}")
    services.assessment.registers.delete_document(document)
    info = _one(services, f"SELECT id FROM info_request WHERE {live}")
    services.assessment.registers.delete_request(info)
    _records_and_evidence(services, tmp_path)


def _records_and_evidence(services: Any, tmp_path: Path) -> None:
    photo = tmp_path / "anh-hoi-nghi.jpg"
    photo.write_bytes(b"\xff\xd8fake jpeg")
    proof = tmp_path / "minh-chung.pdf"
    proof.write_bytes(b"%PDF-1.4 minh chung")
    saved, _ = services.dissemination.sessions.save(session_input())
    services.dissemination.sessions.attach_evidence(saved.id, photo)
    services.evidence.attach(proof, "dissemination_session", saved.id)
    link = services.evidence.list_for("dissemination_session", saved.id)[0].link_id
    services.evidence.detach(link)
    services.assessment.records.set_value(
        services.ctx.clock.today().year, "input.ct2_7_1", False
    )  # demo: set_values
    services.assessment.records.attach_evidence(services.ctx.clock.today().year, "CT2.1.1", proof)
    live_team = _one(services, "SELECT id FROM mediation_team WHERE deleted_at IS NULL")
    active = _one(services, "SELECT id FROM mediator WHERE deleted_at IS NULL AND release_date IS NULL")
    case, _ = services.mediation.cases.save(case_input(live_team, [active]))  # the demo adds with add_many
    services.mediation.cases.delete(case.id)
    team = add_team(services, "Tổ hòa giải thử", area="Tổ dân phố thử")
    services.mediation.teams.delete(team.id)
    mediator = add_mediator(services, None, "Lê Văn Thử")
    services.mediation.mediators.delete(mediator.id)
    category, _ = services.finance.catalogue.add_category("CHI_THU", "Chi thử")
    services.finance.catalogue.update_category(
        category.id, "Chi thử nghiệm", legal_ref="", unit="", needs_quantity=False
    )
    services.finance.catalogue.set_active(category.id, False)
    services.finance.catalogue.delete_category(category.id)
    services.dissemination.library.add_document("99/2026/NQ-HĐND", "Nghị quyết thử về mức chi")
    services.backups.daily()
    rules = services.assessment.rulesets.save_edits("qd25_2021", 1, {"TC2.CT4": {"points": 4}})
    rule_file = tmp_path / "bo-tieu-chi.json"
    rule_file.write_text(rules.source_text, encoding="utf-8")
    services.assessment.rulesets.import_file(rule_file)
    services.sync.settle_mode(None)
    services.sync.exporter.export(tmp_path / "goi", privacy="full")


# Writers no call of this test reaches yet, each with the reason; the test fails when one of them starts
# being reached (drop it from here) or when a new writer appears that nothing calls.
NOT_REACHED = {
    "assessment.records.note_id": "creates the note row on first use; reached through set_note",
    "assessment.records.use_ruleset": "needs a second rule file",
    "dissemination.attendees.replace": "attendee lists are not in the demo",
    "dissemination.imports.commit": "needs an import workbook",
    "dissemination.speakers.delete": "every demo speaker has sessions",
    "evidence.record_signature": "needs a signed PDF",
    "finance.ledger.save": "the demo saves with save_many",
    "mediation.norms.delete_override": "norm table edits: test_finance_catalogue",
    "signing.certificates.seal_and_register": "needs a signing key",
    "signing.recheck_evidence": "needs a signed PDF",
    "sync.importer.import_paths": "bundles: test_sync_roundtrip",
    "sync.register": "office mode",
}


def test_every_write_path_leaves_its_entry_in_its_own_transaction(services, monkeypatch, tmp_path):
    monkeypatch.setattr(services.ctx.db, "bulk", lambda **_: nullcontext())  # each call commits on its own
    recorder = Recorder(services, monkeypatch)
    assert len(recorder.writers) > 60
    build_demo(services)
    services.users.login(ADMIN, PASSWORDS[ADMIN])
    services.users.add("canbo", "viewer", PW)
    _more_writes(services, tmp_path)
    assert recorder.problems == []
    unreached = set(recorder.writers) - recorder.called
    assert sorted(unreached) == sorted(NOT_REACHED)


# ----------------------------------------------------------------------------------- the office's services
def office_root(**parts: Any) -> Any:
    """A registry-like holder of service objects built outside ``Services`` (the office's façade, the ward's
    reply inbox), walked by ``writer_methods`` like the registry."""
    root_type = type("Root", (), {"names": classmethod(lambda cls: list(parts))})
    root = root_type()
    for name, part in parts.items():
        setattr(root, name, part)
    return root


OFFICE_NOT_REACHED = {
    "office.sync.exporter.export": "an office does not export ward bundles (it refuses: test_sync_roundtrip)",
    "office.sync.importer.import_paths": "reached through office.import_paths",
}


def test_every_office_write_path_leaves_its_entry_in_its_own_transaction(
    services, monkeypatch, tmp_path, _template_db, clock
):
    """The same walk over services/office: at the office the import, appraisals, status moves, the decision
    and its PDF, the reply; at the ward the office key, the reply's import and the offers accepted or
    declined. Each write has its audit entry in its transaction."""
    from pbgdpl_desktop.services.office.annex import RecognitionAnnex
    from pbgdpl_desktop.services.office.dto import ReviewStatus
    from pbgdpl_desktop.services.office.inbox import ReplyInbox
    from pbgdpl_desktop.services.office.service import OfficeService
    from pbgdpl_desktop.services.office.ward_file import WardFileService
    from tests.helpers.bundles import open_office, small_ward
    from tests.helpers.office import signed_decision_pdf
    from tests.unit.test_office_offers import _norm_file, _rule_file

    year = 2026
    small_ward(services)
    bundle = services.sync.exporter.export(tmp_path / "out", full=True, privacy="full").record.path
    office_svc = open_office(tmp_path / "office", _template_db, clock)
    try:
        office = OfficeService(office_svc.ctx, office_svc.sync)
        root = office_root(
            office=office, annex=RecognitionAnnex(office), ward_file=WardFileService(office_svc.ctx)
        )
        at_office = Recorder(office_svc, monkeypatch, root)
        assert {"office.import_paths", "office.appraise", "office.set_status", "office.reply"} <= set(
            at_office.writers
        )
        office_svc.sync.register(bundle, registered_by="Chuyên viên A")
        assert office.import_paths([bundle]).ok
        office.appraise("00070", year, "1.1", "5", note="Đủ hồ sơ", by="Hội đồng")
        review = office.set_status("00070", year, ReviewStatus.PASSED, version=0, by="Hội đồng")
        review = office.set_status(
            "00070",
            year,
            ReviewStatus.RECOGNISED,
            version=review.version,
            by="Lãnh đạo",
            decision_number="15/QĐ-UBND",
            decision_on=date(2026, 11, 20),
        )
        (tmp_path / "pki").mkdir()
        pdf, _root = signed_decision_pdf(tmp_path / "pki")
        office.attach_decision_pdf("00070", year, pdf, by="Lãnh đạo")
        files = tmp_path / "files"
        outcome = office.reply(
            "00070", tmp_path / "reply", rules=[_rule_file(files, 2)], norms=[_norm_file(files, 1)]
        )
        office.refresh_figures(force=True)  # derived figures only: no record changes
        office.rollup(year)
        office.missing(year)
        office.export_rollup(year, "year", tmp_path / "tong-hop.xlsx")
        office_svc.sync.settle_mode(None)
        assert at_office.problems == []
        unreached = set(at_office.writers) - at_office.called
        assert sorted(unreached) == sorted(OFFICE_NOT_REACHED), " ".join(sorted(unreached))

        inbox = ReplyInbox(services.ctx)
        at_ward = Recorder(services, monkeypatch, office_root(inbox=inbox))
        assert {"inbox.import_reply", "inbox.accept_offer", "inbox.decline_offer"} <= set(at_ward.writers)
        inbox.register_office_key(office_svc.sync.export_public_key(tmp_path / "so.pem"))
        inbox.import_reply(outcome.path)
        rules, norms = sorted(inbox.offers(), key=lambda o: o.kind, reverse=True)
        inbox.accept_offer(rules.id, by="Chị Hoa")
        inbox.decline_offer(norms.id, by="Chị Hoa")
        assert at_ward.problems == []
        assert sorted(set(at_ward.writers) - at_ward.called) == []
    finally:
        office_svc.ctx.db.close()
