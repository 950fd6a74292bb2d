"""Dissemination sessions: save (validated, NFC, folded search text), read, tombstone, and the paged list."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict
from datetime import date
from pathlib import Path
from typing import Any

from pbgdpl_desktop.domain.changes import DISSEMINATION, Changes
from pbgdpl_desktop.domain.dissemination import (
    DisseminationForm,
    SessionInput,
    TargetGroup,
    decode_groups,
    encode_groups,
)
from pbgdpl_desktop.domain.errors import FieldProblem, ValidationError
from pbgdpl_desktop.domain.text import clean_input, fold, search_words
from pbgdpl_desktop.persistence.live import get_live, tombstone
from pbgdpl_desktop.persistence.models.base import new_id
from pbgdpl_desktop.persistence.models.dissemination import (
    DisseminationSessionRow,
    LegalDocumentRow,
    PlanTaskRow,
    SpeakerRow,
)
from pbgdpl_desktop.persistence.repos import dissemination_session_repo as repo
from pbgdpl_desktop.services.core.context import ServiceContext
from pbgdpl_desktop.services.core.evidence import EvidenceService
from pbgdpl_desktop.services.core.listing import KeyedPages, ListQuery
from pbgdpl_desktop.services.dissemination.dto import SessionDTO, SessionListRow, SessionQuery, gone

OWNER_TABLE = "dissemination_session"


def search_text(title: str, place: str, residential_group: str, speakers: str, laws: str) -> str:
    return fold(" | ".join(p for p in (title, place, residential_group, speakers, laws) if p))


def as_session_query(query: SessionQuery | ListQuery) -> SessionQuery:
    """The UI's generic ListQuery (search, filters by key, sort_key) → SessionQuery."""
    if isinstance(query, SessionQuery):
        return query
    f = query.filters

    def pick(key: str, kind: type) -> Any:
        value = f.get(key)
        return None if value in (None, "") else kind(value)

    return SessionQuery(
        year=pick("year", int),
        month=pick("month", int),
        form=pick("form", DisseminationForm),
        target_group=pick("target_group", TargetGroup),
        residential_group=pick("residential_group", str),
        plan_task_id=pick("plan_task_id", str),
        search=query.search,
        sort=query.sort_key or "held_on",
        descending=query.descending,
    )


def list_filter(query: SessionQuery | ListQuery) -> repo.ListFilter:
    query = as_session_query(query)
    start = end = None
    if query.year is not None:
        if query.month:
            start = date(query.year, query.month, 1)
            end = date(query.year + (query.month == 12), query.month % 12 + 1, 1)
        else:
            start, end = date(query.year, 1, 1), date(query.year + 1, 1, 1)
    return repo.ListFilter(
        date_from=start,
        date_to=end,
        form=query.form.value if query.form else None,
        target_group=query.target_group.value if query.target_group else None,
        residential_group=query.residential_group or None,
        plan_task_id=query.plan_task_id or None,
        words=tuple(search_words(query.search)),
        sort=query.sort,
        descending=query.descending,
    )


SEARCH_CAP = 10_000


def _list_row(r: Any) -> SessionListRow:
    return SessionListRow(
        id=r.id,
        held_on=r.held_on,
        start_time=r.start_time,
        title=r.title,
        form=DisseminationForm(r.form),
        online=r.online,
        place=r.place,
        residential_group=r.residential_group,
        target_groups=decode_groups(r.target_groups),
        attendance_total=r.attendance_total,
        attendance_women=r.attendance_women,
        speakers_text=r.speakers_text,
        laws_text=r.laws_text,
        plan_task_id=r.plan_task_id,
    )


class SessionListSource:
    """Qt-free source of the list page: ``count(query)`` and ``page(query, offset, limit)`` in SQL.

    A search or a target-group filter, by date (the default order), makes one pass over the covering search index collecting up to
    SEARCH_CAP + 1 matches: fewer → exact count and pages sorted in Python by (date, id) then fetched by id;
    more → the count shows SEARCH_CAP (``capped(query)`` is True: the page says “more than …, newest shown”)
    and pages walk the date index, which finds common words quickly."""

    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx
        self._matches: dict[repo.ListFilter, list[str] | None] = {}  # sorted ids, or None when over the cap
        self._keyed = KeyedPages()  # pages without a search: by key at any depth

    def _search_ids(self, f: repo.ListFilter) -> list[str] | None:
        if f not in self._matches:
            with self._ctx.db.read() as session:
                keys = repo.match_keys(session, f, SEARCH_CAP + 1)
            keys.sort(reverse=f.descending)
            if len(self._matches) > 16:
                self._matches.clear()
            self._matches[f] = [k[1] for k in keys] if len(keys) <= SEARCH_CAP else None
        return self._matches[f]

    def _by_search(self, f: repo.ListFilter) -> bool:
        """Searches and target-group filters (LIKE over the covering search index) go the capped way."""
        return bool(f.words or f.target_group) and f.sort == "held_on"

    def capped(self, query: SessionQuery | ListQuery) -> bool:
        f = list_filter(query)
        return self._by_search(f) and self._search_ids(f) is None

    def count(self, query: SessionQuery | ListQuery) -> int:
        f = list_filter(query)
        self._keyed.refresh(self._ctx.data_version())  # forgets the keys and counts if the records changed
        if self._by_search(f):
            self._matches.pop(f, None)  # a count starts a fresh look (the data may have changed)
            ids = self._search_ids(f)
            return SEARCH_CAP if ids is None else len(ids)

        def counted() -> int:
            with self._ctx.db.read() as session:
                return repo.count(session, f)

        return self._keyed.count(f, counted)

    def page(self, query: SessionQuery | ListQuery, offset: int, limit: int) -> list[SessionListRow]:
        f = list_filter(query)
        ids = self._search_ids(f) if self._by_search(f) else None
        with self._ctx.db.read() as session:
            if ids is not None:
                wanted = ids[offset : offset + limit]
                found = {r.id: r for r in repo.rows_by_ids(session, wanted)} if wanted else {}
                rows = [found[i] for i in wanted if i in found]
            else:
                rows = self._keyed.page(
                    f,
                    offset,
                    limit,
                    after=lambda key, skip, n: repo.page_after(session, f, key, skip, n),
                    key_at=lambda key, n, back: repo.key_at(session, f, n, key, backwards=back),
                    by_offset=lambda start, n: repo.page(session, f, start, n),
                )
        return [_list_row(r) for r in rows]


class SessionService:
    def __init__(self, ctx: ServiceContext, evidence: EvidenceService) -> None:
        self._ctx = ctx
        self._evidence = evidence

    def list_source(self) -> SessionListSource:
        """A Qt-free paged source of the session list (count + page in SQL) for ``PagedTableModel``."""
        return SessionListSource(self._ctx)

    # ---------------------------------------------------------------- write
    def save(self, data: SessionInput, session_id: str | None = None) -> tuple[SessionDTO, Changes]:
        data = clean_input(data).normalised()
        data.validate(self._ctx.clock.today())
        with self._ctx.db.transaction() as session:
            values = self._row_values(session, data)
            if session_id is None:
                row = DisseminationSessionRow(**values)
                session.add(row)
                session.flush()
            else:
                found = repo.get(session, session_id)
                if found is None:
                    raise gone("Buổi phổ biến")
                row = found
                for key, value in values.items():
                    if getattr(row, key) != value:
                        setattr(row, key, value)
            repo.set_links(session, row.id, data.speaker_ids, data.law_ids, self._ctx.clock.now())
            session.flush()
            dto = self._dto(session, row)
        return dto, Changes.of(DISSEMINATION)

    def _row_values(self, session: Any, data: SessionInput) -> dict[str, Any]:
        problems: list[FieldProblem] = []
        names = []
        for speaker_id in data.speaker_ids:
            speaker = get_live(session, SpeakerRow, speaker_id)
            if speaker is None:
                problems.append(
                    FieldProblem("speakers", "Một người trình bày đã chọn không còn trong danh sách.")
                )
            else:
                names.append(speaker.full_name)
        laws = []
        for law_id in data.law_ids:
            doc = get_live(session, LegalDocumentRow, law_id)
            if doc is None:
                problems.append(
                    FieldProblem("laws", "Một văn bản pháp luật đã chọn không còn trong danh mục.")
                )
            else:
                laws.append(f"{doc.number} {doc.title}".strip())
        if data.plan_task_id and get_live(session, PlanTaskRow, data.plan_task_id) is None:
            problems.append(FieldProblem("plan_task_id", "Nhiệm vụ kế hoạch đã chọn không còn."))
        if problems:
            raise ValidationError(problems)
        speakers_text = "; ".join([*names, data.speakers_extra] if data.speakers_extra else names)
        laws_text = "; ".join([*laws, data.laws_extra] if data.laws_extra else laws)
        return session_row_values(data, speakers_text, laws_text)

    def add_many(self, inputs: list[SessionInput]) -> tuple[int, Changes]:
        """Validate and insert many sessions in one transaction (demo, bulk entry); all or nothing."""
        today = self._ctx.clock.today()
        items = [data.normalised() for data in inputs]
        for number, data in enumerate(items, start=1):
            problems = data.problems(today)
            if problems:
                raise ValidationError(
                    [FieldProblem(p.field, f"Buổi thứ {number}: {p.message}") for p in problems]
                )
        with self._ctx.db.transaction() as session:
            names, labels = repo.speaker_names(session), repo.law_labels(session)
            rows, links = [], []
            for data in items:
                if any(s not in names for s in data.speaker_ids) or any(
                    x not in labels for x in data.law_ids
                ):
                    raise ValidationError("Người trình bày hoặc văn bản đã chọn không còn trong danh mục.")
                speakers = [names[s] for s in data.speaker_ids] + (
                    [data.speakers_extra] if data.speakers_extra else []
                )
                laws = [labels[x] for x in data.law_ids] + ([data.laws_extra] if data.laws_extra else [])
                row = {
                    "id": new_id(),
                    **session_row_values(data, "; ".join(speakers), "; ".join(laws)),
                    "import_key": None,
                }
                rows.append(row)
                links += [("speaker", row["id"], s) for s in data.speaker_ids]
                links += [("law", row["id"], x) for x in data.law_ids]
            now = self._ctx.clock.now()
            repo.bulk_insert(session, rows, now=now)
            repo.bulk_insert_links(session, links, now=now)
        return len(rows), Changes.of(DISSEMINATION)

    def delete(self, session_id: str) -> Changes:
        """Tombstone the session (rows are never hard-deleted)."""
        with self._ctx.db.transaction() as session:
            row = repo.get(session, session_id)
            if row is None:
                raise gone("Buổi phổ biến")
            tombstone(row, self._ctx.clock.now())
        return Changes.of(DISSEMINATION)

    # ---------------------------------------------------------------- read
    def get(self, session_id: str) -> SessionDTO:
        with self._ctx.db.read() as session:
            row = repo.get(session, session_id)
            if row is None:
                raise gone("Buổi phổ biến")
            return self._dto(session, row)

    def live_ids(self, session_ids: Iterable[str]) -> set[str]:
        """Those of ``session_ids`` that ``get`` would find (read at once)."""
        with self._ctx.db.read() as session:
            return repo.live_ids(session, session_ids)

    def residential_groups(self) -> list[str]:
        with self._ctx.db.read() as session:
            return repo.residential_groups(session)

    def attach_evidence(self, session_id: str, path: Path, note: str = "") -> Changes:
        self.get(session_id)  # raises when deleted
        _, changes = self._evidence.attach(Path(path), OWNER_TABLE, session_id, note)
        return changes

    def _dto(self, session: Any, row: DisseminationSessionRow) -> SessionDTO:
        speakers = repo.linked_speakers(session, row.id)
        laws = repo.linked_laws(session, row.id)
        data = SessionInput(
            held_on=row.held_on,
            title=row.title,
            form=DisseminationForm(row.form),
            start_time=row.start_time,
            online=row.online,
            digital_activity=row.digital_activity,
            place=row.place,
            residential_group=row.residential_group,
            target_groups=decode_groups(row.target_groups),
            attendance_total=row.attendance_total,
            attendance_women=row.attendance_women,
            attendance_special=row.attendance_special,
            materials_count=row.materials_count,
            law_day=row.law_day,
            plan_task_id=row.plan_task_id,
            speaker_ids=tuple(s[0] for s in speakers),
            speakers_extra=row.speakers_extra,
            law_ids=tuple(x[0] for x in laws),
            laws_extra=row.laws_extra,
            notes=row.notes,
        )
        return SessionDTO(
            id=row.id,
            data=data,
            speakers=tuple(speakers),
            laws=tuple((i, f"{n} – {t}" if n else t) for i, n, t in laws),
            speakers_text=row.speakers_text,
            laws_text=row.laws_text,
            import_key=row.import_key,
        )


def refresh_speaker_texts(session: Any, speaker_id: str) -> int:
    """After a speaker is renamed: rebuild the speakers and search text of the sessions that name them."""
    rows = repo.sessions_of_speaker(session, speaker_id)
    for row in rows:
        names = [name for _, name in repo.linked_speakers(session, row.id)]
        row.speakers_text = "; ".join([*names, row.speakers_extra] if row.speakers_extra else names)
        row.search_text = search_text(
            row.title, row.place, row.residential_group, row.speakers_text, row.laws_text
        )
    return len(rows)


def detach_speaker(session: Any, speaker_id: str, name: str, now: Any) -> int:
    """Before a speaker is deleted: their sessions keep the name as typed text and lose the link."""
    rows = repo.sessions_of_speaker(session, speaker_id)
    for row in rows:
        row.speakers_extra = "; ".join(x for x in (name, row.speakers_extra) if x)
        remaining = [i for i, _ in repo.linked_speakers(session, row.id) if i != speaker_id]
        laws = [i for i, _, _ in repo.linked_laws(session, row.id)]
        repo.set_links(session, row.id, remaining, laws, now)
    session.flush()
    for row in rows:
        names = [n for i, n in repo.linked_speakers(session, row.id)]
        row.speakers_text = "; ".join([*names, row.speakers_extra] if row.speakers_extra else names)
        row.search_text = search_text(
            row.title, row.place, row.residential_group, row.speakers_text, row.laws_text
        )
    return len(rows)


def session_row_values(data: SessionInput, speakers_text: str, laws_text: str) -> dict[str, Any]:
    """Column values of one session (shared by save, import and demo bulk inserts)."""
    values = asdict(data)
    for key in ("speaker_ids", "law_ids"):
        values.pop(key)
    values["form"] = data.form.value
    values["target_groups"] = encode_groups(data.target_groups)
    values["speakers_text"] = speakers_text
    values["laws_text"] = laws_text
    values["search_text"] = search_text(
        data.title, data.place, data.residential_group, speakers_text, laws_text
    )
    return values
