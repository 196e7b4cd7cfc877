"""Closed (非公開) parts never reach a public file: every part of every public .docx, and every
public .md and .ics, scanned for any closed text — after every way a line can travel (merged,
moved, its item's record moved, split, promoted to an opinion) and for a whole closed session."""

from __future__ import annotations

from datetime import date
from itertools import count

import pytest

from agendas.consultations import list_consultations
from agendas.model import ItemKind
from agendas.store import agenda, move_record, set_item_public
from exports.documents import KINDS, prepare_answer, prepare_document, prepare_request
from exports.full_minutes import CLOSED_SESSION_NOTE, gather_minutes
from exports.invites import export_session_invites
from exports.registry import document_kind, prepare
from exports.summary import gather_summary, summary_text
from meeting.entry.demo import load_demo
from meeting.errors import InputError
from meeting.model import SessionPlan, SessionStatus, SittingPlan
from meeting.store import get_session, list_sessions, reschedule_session
from minutes.approval import confirm_minutes, record_erratum
from minutes.line_order import merge_lines, move_line
from minutes.opinions import OpinionKind, opinions, promote_to_opinion
from minutes.store import (
    closed_lines,
    decisions,
    get_utterance,
    lines_in_closed_parts,
    set_line_public,
    utterances,
)
from minutes.utterances import correct_line, split_line
from tests.test_minutes_export import docx_text

SECRETS = ("秘匿語その一の審議内容", "秘匿語その二の審議内容", "秘匿語その三の審議内容")
SECRET = "非公開の行だけにある秘匿語"
_runs = count()


def public_files(db, council, session_id, now, tmp_path) -> dict[str, str]:
    """Every public file the app writes about a session, as text, by file name."""
    folder = tmp_path / f"run{next(_runs)}"
    folder.mkdir()
    written = []
    for kind in KINDS:
        prepared = prepare_document(db, kind, session_id, public=True)
        written += [
            prepared.write(folder / f"{kind}.docx"),
            prepared.write(folder / f"{kind}.md"),
        ]
        if document_kind(kind).per_sitting:  # and each day's own (（2日目）)
            for sitting in get_session(db, session_id).active_sittings:
                day = prepare(db, kind, session_id, public=True, sitting=sitting.ordinal)
                written += [
                    day.write(folder / f"{kind}-{sitting.ordinal}.docx"),
                    day.write(folder / f"{kind}-{sitting.ordinal}.md"),
                ]
    for consultation_id in {
        i.consultation_id for i in agenda(db, session_id) if i.consultation_id is not None
    }:
        answer = prepare_answer(db, consultation_id)
        written += [
            answer.write(folder / f"answer{consultation_id}.docx"),
            answer.write(folder / f"answer{consultation_id}.md"),
        ]
    for c in list_consultations(db, council.id):  # every 諮問書, an appeal's included
        request = prepare_request(db, c.id)
        written += [
            request.write(folder / f"request{c.id}.docx"),
            request.write(folder / f"request{c.id}.md"),
        ]
    annual = prepare(db, "annual", (council.id, 2026))
    written += [
        annual.write(folder / "annual.docx"),
        annual.write(folder / "annual.md"),
        export_session_invites(db, session_id, folder / "invite.ics", now=now),
    ]
    return {
        path.name: docx_text(path) if path.suffix == ".docx" else path.read_text(encoding="utf-8")
        for path in written
    }


def holding(files: dict[str, str], secret: str) -> list[str]:
    return [name for name, text in files.items() if secret in text]


@pytest.fixture
def demo(db, now):
    """The demo's held session: its first consultation decided (承認), its second to close."""
    council = load_demo(db, now=now)
    held = next(s for s in list_sessions(db, council.id) if s.status is SessionStatus.HELD)
    items = [i for i in agenda(db, held.id) if i.kind is ItemKind.CONSULTATION]
    return council, held, items[0], items[1]


@pytest.fixture
def closed(db, demo, now):
    """The held session with a closed item and a closed stretch of two lines."""
    council, held, open_item, closed_item = demo
    lines = utterances(db, held.id)
    in_closed = next(u for u in lines if u.agenda_item_id == closed_item.id)
    stretch = [u for u in lines if u.agenda_item_id == open_item.id][2:4]
    for secret, line in zip(SECRETS, [in_closed, *stretch], strict=True):
        correct_line(db, line.id, f"{line.text}{secret}", at=now)
    set_item_public(db, closed_item.id, False, "ひばり野市情報公開条例第7条第2号に該当するため")
    for line in stretch:
        set_line_public(db, line.id, False)
    return council, held


def test_no_public_file_holds_closed_text(db, closed, now, tmp_path):
    council, held = closed
    files = public_files(db, council, held.id, now, tmp_path)
    for secret in SECRETS:
        assert holding(files, secret) == []
    assert "（非公開部分につき省略）" in files["minutes.md"]


def test_a_closed_item_prints_its_title_and_reason_only(db, closed):
    _, held = closed
    text = gather_minutes(db, held.id, public=True).text_lines()
    title = next(i for i in agenda(db, held.id) if not i.public).title
    assert any(t.startswith("【2(3)") and title in t for t in text)
    assert "（非公開（ひばり野市情報公開条例第7条第2号に該当するため）につき省略）" in text
    summary = summary_text(gather_summary(db, held.id, public=True))
    assert f"件名：{title}" in summary
    assert "（非公開（ひばり野市情報公開条例第7条第2号に該当するため）につき省略）" in summary


def test_the_internal_version_holds_everything_and_says_so(db, closed, tmp_path):
    _, held = closed
    prepared = prepare_document(db, "minutes", held.id, public=False)
    text = docx_text(prepared.write(tmp_path / "internal.docx"))
    assert all(secret in text for secret in SECRETS)  # the scan above can find them
    assert "内部用・非公開部分を含む" in text
    minutes = gather_minutes(db, held.id, public=False)
    reason = "【非公開】（ひばり野市情報公開条例第7条第2号に該当するため）"
    assert any(reason in a for a in minutes.agenda)
    assert sum("【非公開】" in t and SECRETS[1] in t for t in minutes.text_lines()) == 1


def test_an_export_writes_only_the_path_given(db, closed, tmp_path, monkeypatch):
    _, held = closed
    work = tmp_path / "cwd"
    out = tmp_path / "out"
    work.mkdir()
    out.mkdir()
    monkeypatch.chdir(work)
    prepare_document(db, "minutes", held.id, public=True).write(out / "会議録.docx")
    prepare_document(db, "summary", held.id, public=True).write(out / "会議概要.md")
    assert sorted(p.name for p in out.iterdir()) == ["会議概要.md", "会議録.docx"]
    assert list(work.iterdir()) == []


# Every way a closed line can travel


def _secret_line(db, held, item, now, index=2, *, close=True):
    """A line of ``item`` given the secret and (by default) closed."""
    line = [u for u in utterances(db, held.id) if u.agenda_item_id == item.id][index]
    correct_line(db, line.id, line.text + SECRET, at=now)
    if close:
        set_line_public(db, line.id, False)
    return line


def _merge_public_then_closed(db, held, open_item, closed_item, now):
    line = _secret_line(db, held, open_item, now)
    before = next(u for u in utterances(db, held.id) if u.position == line.position - 1)
    return merge_lines(db, before.id, line.id, at=now).id


def _merge_closed_then_public(db, held, open_item, closed_item, now):
    line = _secret_line(db, held, open_item, now)
    after = next(u for u in utterances(db, held.id) if u.position == line.position + 1)
    return merge_lines(db, line.id, after.id, at=now).id


def _move_closed_line(db, held, open_item, closed_item, now):
    line = _secret_line(db, held, closed_item, now)
    return move_line(db, line.id, open_item.id, at=now).id


def _move_line_of_closed_item(db, held, open_item, closed_item, now):
    set_item_public(db, closed_item.id, False)
    line = _secret_line(db, held, closed_item, now, close=False)
    return move_line(db, line.id, open_item.id, at=now).id


def _move_closed_items_record(db, held, open_item, closed_item, now):
    set_item_public(db, closed_item.id, False)
    line = _secret_line(db, held, closed_item, now, close=False)
    move_record(db, closed_item.id, open_item.id)
    return line.id


def _split_closed_line(db, held, open_item, closed_item, now):
    line = _secret_line(db, held, open_item, now)
    head, tail = split_line(db, line.id, len(line.text) // 2, at=now)
    assert {head.id, tail.id} <= closed_lines(db, held.id)
    return tail.id


PATHS = [
    _merge_public_then_closed,
    _merge_closed_then_public,
    _move_closed_line,
    _move_line_of_closed_item,
    _move_closed_items_record,
    _split_closed_line,
]


@pytest.mark.parametrize("path", PATHS, ids=[p.__name__.strip("_") for p in PATHS])
def test_a_closed_line_stays_closed_wherever_it_goes(db, demo, now, tmp_path, path):
    council, held, open_item, closed_item = demo
    line_id = path(db, held, open_item, closed_item, now)
    assert line_id in lines_in_closed_parts(db, held.id)
    files = public_files(db, council, held.id, now, tmp_path)
    assert holding(files, SECRET) == []
    internal = prepare_document(db, "minutes", held.id, public=False).preview
    assert any(SECRET in t for t in internal)


def test_lines_of_two_items_are_never_merged(db, demo, now):
    """A closed item's first line cannot be joined to the open item's last (nor any two items'
    lines): the merged line would carry closed words into the open item."""
    council, held, open_item, closed_item = demo
    set_item_public(db, closed_item.id, False)
    line = _secret_line(db, held, closed_item, now, index=0, close=False)
    before = next(u for u in utterances(db, held.id) if u.position == line.position - 1)
    assert before.agenda_item_id == open_item.id
    with pytest.raises(InputError, match="同じ議題で続いている2行"):
        merge_lines(db, before.id, line.id, at=now)
    assert get_utterance(db, line.id).text.endswith(SECRET)


def test_the_scan_sees_a_line_the_clerk_chose_to_open(db, demo, now, tmp_path):
    council, held, open_item, closed_item = demo
    line = _secret_line(db, held, closed_item, now)
    move_line(db, line.id, open_item.id, at=now, public=True)
    files = public_files(db, council, held.id, now, tmp_path)
    assert holding(files, SECRET) == [
        "minutes.docx",
        "minutes.md",
        "minutes-2.docx",  # spoken on the second day, and moved to an item of the first
        "minutes-2.md",
        "summary.docx",
        "summary.md",
        "summary-2.docx",
        "summary-2.md",
    ]


def _decision_of(db, held, item):
    return next(d for d in decisions(db, held.id) if d.agenda_item_id == item.id)


def test_an_opinion_from_a_closed_line_stays_out_of_the_answer(db, demo, now, tmp_path):
    council, held, open_item, _ = demo
    line = _secret_line(db, held, open_item, now)
    decision = _decision_of(db, held, open_item)
    opinion = promote_to_opinion(db, line.id, decision.id, OpinionKind.REMARK)
    assert not opinion.public and not opinions(db, decision.id)[-1].public
    files = public_files(db, council, held.id, now, tmp_path)
    assert holding(files, SECRET) == []
    answer = prepare_answer(db, open_item.consultation_id)
    assert answer.withheld == ["非公開の付帯意見1件は答申書に載せていません"]
    # The template is never given it: the answer's context holds no closed opinion.
    assert SECRET not in repr(answer.context)
    assert answer.context.withheld == answer.withheld
    assert answer.notes == prepare_answer(db, open_item.consultation_id).notes  # not a gap


def test_an_opinion_from_a_line_of_a_closed_item_stays_closed(db, demo, now):
    _, held, open_item, closed_item = demo
    set_item_public(db, closed_item.id, False)
    line = _secret_line(db, held, closed_item, now, close=False)
    decision = _decision_of(db, held, open_item)
    assert not promote_to_opinion(db, line.id, decision.id, OpinionKind.RIDER).public


def test_the_clerk_may_make_such_an_opinion_public(db, demo, now, tmp_path):
    council, held, open_item, _ = demo
    line = _secret_line(db, held, open_item, now)
    decision = _decision_of(db, held, open_item)
    promote_to_opinion(db, line.id, decision.id, OpinionKind.REMARK, public=True)
    files = public_files(db, council, held.id, now, tmp_path)
    # A public opinion prints at its item in the minutes and the summary, and in the answer.
    assert sorted(holding(files, SECRET)) == sorted(
        [f"answer{open_item.consultation_id}{s}" for s in (".docx", ".md")]
        + [
            f"{kind}{day}{s}"
            for kind in ("minutes", "summary")
            for day in ("", "-1")
            for s in (".docx", ".md")
        ]  # the whole session's, and its first day's (the item's)
    )
    assert prepare_answer(db, open_item.consultation_id).withheld == []


# A whole closed session


def _close_session(db, session, now):
    plan = SessionPlan(
        kind=session.kind,
        form=session.form,
        public=False,
        sittings=tuple(
            SittingPlan(s.starts_at, s.ends_at, s.place, s.online) for s in session.sittings
        ),
        fiscal_year=session.fiscal_year,
        number=session.number,
    )
    return reschedule_session(db, session.id, plan, now=now)


def test_a_closed_session_prints_no_line_of_it(db, demo, now, tmp_path):
    council, held, open_item, _ = demo
    _close_session(db, held, now)
    line = _secret_line(db, held, open_item, now, close=False)
    promote_to_opinion(db, line.id, _decision_of(db, held, open_item).id, OpinionKind.REMARK)
    confirm_minutes(db, held.id, on=date(2026, 12, 16))
    record_erratum(db, line.id, "秘匿された訂正後の文", reason="委員の申し出による", at=now)
    texts = {u.text for u in utterances(db, held.id)}

    files = public_files(db, council, held.id, now, tmp_path)
    for text in texts | {"秘匿された訂正後の文", "委員の申し出による"}:
        assert holding(files, text) == [], text
    for name in ("minutes.md", "summary.md"):
        assert CLOSED_SESSION_NOTE in files[name]
        assert "非公開" in files[name]
    minutes = gather_minutes(db, held.id, public=True)
    assert dict(minutes.header)["公開・非公開の別"] == "非公開"
    assert dict(minutes.header)["出席委員"].startswith("1日目 森川会長")  # attendance stays
    assert minutes.text_lines() == [CLOSED_SESSION_NOTE, "以上"]
    assert minutes.errata == []
    internal = gather_minutes(db, held.id, public=False)
    assert any("秘匿された訂正後の文" in t for t in internal.text_lines()) and internal.errata


def test_one_closed_line_makes_the_session_partly_closed(db, demo, now):
    from exports.full_minutes import gather_minutes
    from minutes.store import set_line_public, utterances

    _, held, _, _ = demo
    assert dict(gather_minutes(db, held.id, public=True).header)["公開・非公開の別"] == "公開"
    set_line_public(db, utterances(db, held.id)[3].id, False)
    for public in (True, False):
        header = dict(gather_minutes(db, held.id, public=public).header)
        assert header["公開・非公開の別"] == "一部非公開"


# The appellant of a 審査請求 (personal data): in the internal record, in no public file


APPELLANT = ("松本 和夫", "松本", "ひばり野市みどり町2丁目5番8号", "みどり町", "090-0000-1234")


def test_the_appellant_reaches_no_public_file(db, demo, now, tmp_path):
    from agendas.store import add_agenda_item
    from exports.record_json import export_record

    council, held, _, _ = demo
    appeal = next(c for c in list_consultations(db, council.id) if c.is_appeal)
    add_agenda_item(db, held.id, ItemKind.CONSULTATION, consultation_id=appeal.id)
    files = public_files(db, council, held.id, now, tmp_path)
    assert f"request{appeal.id}.md" in files and f"answer{appeal.id}.md" in files
    assert any(appeal.title in text for text in files.values())  # the scan sees the case
    for text in APPELLANT:
        assert holding(files, text) == [], text
    record = export_record(db, held.id)
    (row,) = record["tables"]["appellants"]
    assert (row["consultation_id"], row["name"], row["address"]) == (
        appeal.id,
        "松本 和夫",
        "ひばり野市みどり町2丁目5番8号",
    )


# Whatever a council's template prints, a public context holds no closed text.

_EVERYTHING = """\
{%- macro dump(x) -%}
{%- if x is none or x is boolean or x is number -%}{{ x }}
{% elif x is string -%}{{ x }}
{% elif x is mapping -%}{% for k, v in x.items() %}{{ k }}={{ dump(v) }}{% endfor %}
{%- elif x is iterable -%}{% for v in x %}{{ dump(v) }}{% endfor %}
{%- elif x|names -%}{% for name in x|names %}{{ name }}={{ dump(x[name]) }}{% endfor %}
{%- else -%}{{ x }}
{% endif -%}
{%- endmacro -%}
{{ dump(context) }}"""


def _names(value):
    """Every field and property of a context piece: what a template can print of it."""
    import dataclasses

    if not dataclasses.is_dataclass(value):
        return []
    props = [n for n, v in vars(type(value)).items() if isinstance(v, property)]
    return [f.name for f in dataclasses.fields(value)] + props


def print_everything(prepared) -> str:
    """A template that prints every variable it is given, every level down."""
    from jinja2 import Environment, StrictUndefined

    from exports.templating import FILTERS, as_mapping

    env = Environment(undefined=StrictUndefined)
    env.filters.update(FILTERS, names=_names)
    return env.from_string(_EVERYTHING).render(context=as_mapping(prepared.context))


def templated_documents(db, council, session_id):
    """Every public document of a kind rendered from templates, prepared for the session (its
    days too) or for each of its consultations, or the council's year."""
    from exports.kinds import About
    from exports.template_sets import templated

    out = []
    for kind in (k for k in KINDS if templated(k)):
        about = document_kind(kind).about
        if about is About.SESSION:
            out.append(prepare(db, kind, session_id, public=True))
            if document_kind(kind).per_sitting:
                for s in get_session(db, session_id).active_sittings:
                    out.append(prepare(db, kind, session_id, public=True, sitting=s.ordinal))
        elif about is About.CONSULTATION:
            for c in list_consultations(db, council.id):
                out.append(prepare(db, kind, c.id, public=True))
        else:
            out.append(prepare(db, kind, (council.id, 2026), public=True))
    return out


def test_a_template_printing_every_variable_prints_no_closed_text(db, closed):
    council, held = closed
    documents = templated_documents(db, council, held.id)
    assert documents  # the 会議録 at least
    for prepared in documents:
        text = print_everything(prepared)
        assert council.name in text  # it does print the document
        for secret in SECRETS:
            assert secret not in text, prepared.kind.name


def _texts(value) -> list[str]:
    """Every text a context holds, however deep: what a template could print."""
    import dataclasses

    if isinstance(value, str):
        return [value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return [t for f in dataclasses.fields(value) for t in _texts(getattr(value, f.name))]
    if isinstance(value, dict):
        return [t for pair in value.items() for v in pair for t in _texts(v)]
    if isinstance(value, (list, tuple)):
        return [t for v in value for t in _texts(v)]
    return []


def test_a_public_summarys_context_holds_no_closed_text(db, closed):
    """The public filter comes before the template: whatever a council's template prints of
    the 会議概要's context (the whole session or one day), no closed text is there to print."""
    _, held = closed
    for sitting in (None, *(s.ordinal for s in held.active_sittings)):
        context = prepare(db, "summary", held.id, public=True, sitting=sitting).context
        texts = "\n".join(_texts(context))
        assert "秘匿語" not in texts, sitting
    assert "（非公開（ひばり野市情報公開条例第7条第2号に該当するため）につき省略）" in "\n".join(
        _texts(prepare(db, "summary", held.id, public=True).context)
    )
    internal = "\n".join(_texts(prepare(db, "summary", held.id, public=False).context))
    assert all(secret in internal for secret in SECRETS)
