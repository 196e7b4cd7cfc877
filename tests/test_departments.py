"""Departments of any depth, and staff named and grouped the council's way, in every document."""

from __future__ import annotations

import copy
import json
import sqlite3
from datetime import date, time

import pytest
from sqlite_utils import Database

from agendas.consultations import add_consultation, get_consultation
from agendas.model import ConsultationDraft, ConsultationKind, Department, ItemKind, Question
from agendas.rules import departments_text, parse_departments
from agendas.store import add_agenda_item
from exports.full_minutes import gather_minutes
from exports.record_json import export_record, import_with_notes
from exports.registry import prepare
from exports.staff import StaffGroup, staff_name
from exports.summary import gather_summary
from meeting.dates import at
from meeting.db import open_database
from meeting.errors import InputError
from meeting.forms import parse_path, path_text
from meeting.migrations import MIGRATION_NAMES, MIGRATIONS
from meeting.model import CouncilDraft, SessionPlan, SittingPlan, StaffNames
from meeting.search_index import nfkc
from meeting.store import add_council, get_council, schedule_session, update_council
from minutes.roll import OtherAttendee, OtherKind, add_other, note_agency_entry, others_present

DAY = date(2026, 12, 14)


@pytest.mark.parametrize(
    ("typed", "path"),
    [
        ("総務課", ("総務課",)),
        ("総務部／総務課", ("総務部", "総務課")),
        ("総務部/総務課", ("総務部", "総務課")),
        ("総務部 総務課", ("総務部", "総務課")),
        ("総務部\u3000総務課", ("総務部", "総務課")),
        ("  健康部 ／ 保健所／健康づくり課  ", ("健康部", "保健所", "健康づくり課")),
        (
            "健康部／保健所／健康づくり課／母子保健係",
            ("健康部", "保健所", "健康づくり課", "母子保健係"),
        ),
        ("", ()),
        ("   ", ()),
    ],
)
def test_a_department_is_typed_as_a_path_of_any_depth(typed, path):
    assert parse_path(typed, field="部署") == path
    assert Department(*path).label == "".join(path)  # printed joined, never with a space
    if path:
        assert parse_path(path_text(path), field="部署") == path  # the form shows what it reads


@pytest.mark.parametrize(
    "typed", ["総務部／／総務課", "／総務課", "総務部／", "／", "総務部/ /総務課"]
)
def test_a_part_left_empty_is_named(typed):
    with pytest.raises(InputError) as raised:
        parse_path(typed, field="諮問機関")
    assert raised.value.field == "諮問機関"
    assert "空の部分" in raised.value.message


def test_several_departments_are_read_and_shown_again():
    typed = "総務部／総務課、健康部／保健所／健康づくり課\n市民課"
    departments = parse_departments(typed, field="諮問機関")
    assert [d.label for d in departments] == ["総務部総務課", "健康部保健所健康づくり課", "市民課"]
    assert parse_departments(departments_text(departments), field="諮問機関") == departments


@pytest.mark.parametrize(
    ("one", "other", "covers"),
    [
        (("教育部", "中央図書館"), ("教育部", "中央図書館"), True),
        (("教育部", "中央図書館"), ("教育部",), True),  # the 部長 of the department
        (("教育部",), ("教育部", "中央図書館", "管理係"), True),
        (("市民部", "市民課"), ("市民課",), True),  # written without the parts above it
        (("福祉部", "障がい福祉課"), ("福祉部", "高齢者支援課"), False),
        (("福祉部", "障がい福祉課"), (), False),
        ((), (), False),
    ],
)
def test_which_departments_cover_each_other(one, other, covers):
    assert Department(*one).covers(Department(*other)) is covers
    assert Department(*other).covers(Department(*one)) is covers


def _draft(**changes) -> ConsultationDraft:
    base = ConsultationDraft(
        number="8か健第3号",
        title="乳幼児健診の情報の目的外利用について（諮問）",
        consulting=(Department("健康部", "保健所", "健康づくり課"),),
        using=(Department("子ども未来部", "子育て支援課"),),
        questions=(Question(ConsultationKind.OUT_OF_PURPOSE, "条例第9条第2項第4号"),),
    )
    return ConsultationDraft(**{**base.__dict__, **changes})


def test_a_consultations_departments_are_stored_as_paths(db, council, now):
    saved = add_consultation(db, council.id, _draft(), now=now)
    assert saved.consulting == (Department("健康部", "保健所", "健康づくり課"),)
    assert get_consultation(db, saved.id).using[0].label == "子ども未来部子育て支援課"
    stored = db.execute(
        "SELECT path FROM consultation_departments WHERE role = 'consulting'"
    ).fetchone()[0]
    assert json.loads(stored) == ["健康部", "保健所", "健康づくり課"]


def test_a_row_written_before_paths_is_read_by_its_bureau_and_division(db, council, now):
    saved = add_consultation(db, council.id, _draft(using=()), now=now)
    db.execute(
        "UPDATE consultation_departments SET path = '[]', bureau = '市民部', division = '市民課'"
    )
    db.conn.commit()
    assert get_consultation(db, saved.id).consulting == (Department("市民部", "市民課"),)


def test_migration_9_gives_old_departments_and_staff_their_paths(tmp_path):
    path = tmp_path / "old.db"
    connection = sqlite3.connect(path)
    connection.create_function("nfkc", 1, nfkc, deterministic=True)
    old = Database(connection)
    MIGRATIONS.apply(old, stop_before=MIGRATION_NAMES[8])
    old.execute("INSERT INTO councils (name, created_at) VALUES ('旧い審議会', '2024-01-01')")
    old.execute(
        "INSERT INTO consultations (id, council_id, number, title) VALUES (1, 1, '第1号', '件')"
    )
    for position, (bureau, division) in enumerate(
        [("教育部", "中央図書館"), ("", "市民課"), (" 総務部 ", "")], start=1
    ):
        old.execute(
            "INSERT INTO consultation_departments (consultation_id, role, position, bureau,"
            " division) VALUES (1, 'consulting', ?, ?, ?)",
            [position, bureau, division],
        )
    old.execute(
        "INSERT INTO sessions (id, council_id, fiscal_year, number, uid, created_at, updated_at)"
        " VALUES (1, 1, 2026, 1, 'u', '2026-01-01', '2026-01-01')"
    )
    for kind, organisation in [
        ("agency", "教育部 中央図書館"),
        ("secretariat", "総務課"),
        ("agency", "  健康部\u3000保健所  健康づくり課 "),
        ("observer", "株式会社 ひばりデジタル"),
        ("agency", ""),
    ]:
        old.execute(
            "INSERT INTO others_present (session_id, kind, organisation, name) VALUES (1, ?, ?,"
            " '甲野 太郎')",
            [kind, organisation],
        )
    old.conn.commit()
    old.close()

    db = open_database(path)
    assert [d.path for d in get_consultation(db, 1).consulting] == [
        ("教育部", "中央図書館"),
        ("市民課",),
        ("総務部",),
    ]
    assert [(o.organisation, o.department.path) for o in others_present(db, 1)] == [
        ("", ("教育部", "中央図書館")),
        ("", ("総務課",)),
        ("", ("健康部", "保健所", "健康づくり課")),
        ("株式会社 ひばりデジタル", ()),  # an observer keeps its organisation
        ("", ()),
    ]
    db.close()


# Staff: a name, a title and a department, named the council's way


def _staff(name: str, title: str, *department: str, kind=OtherKind.AGENCY) -> OtherAttendee:
    return OtherAttendee(0, 1, kind, "", title, name, department=Department(*department))


@pytest.mark.parametrize(
    ("naming", "printed"),
    [
        (StaffNames.SURNAME_TITLE, "岡部館長"),
        (StaffNames.SURNAME, "岡部"),
        (StaffNames.FULL_TITLE, "岡部光館長"),
    ],
)
def test_a_member_of_staff_is_named_the_councils_way_without_the_department(naming, printed):
    assert staff_name(_staff("岡部 光", "館長", "教育部", "中央図書館"), naming) == printed


@pytest.mark.parametrize(
    ("group", "heading", "printed"),
    [
        (
            StaffGroup(Department("総務部", "総務課"), ("甲課長", "乙")),
            "",
            "総務部総務課（甲課長、乙）",
        ),
        (StaffGroup(Department(), ("甲課長",)), "", "甲課長"),
        (StaffGroup(Department("事務局"), ("甲事務局長",)), "事務局", "甲事務局長"),
        (StaffGroup(Department("防災課"), ()), "", "防災課"),
    ],
)
def test_a_group_prints_its_department_once(group, heading, printed):
    assert group.text(heading=heading) == printed


def _session(db, council, now, *days: date):
    plan = SessionPlan(
        sittings=tuple(SittingPlan(at(d, time(10)), at(d, time(12)), "第1会議室") for d in days)
    )
    return schedule_session(db, council.id, plan, now=now)


def _header(db, session_id: int) -> dict[str, str]:
    return dict(gather_minutes(db, session_id, public=True).header)


def test_the_header_groups_staff_per_department_and_never_glues_them(db, council, now):
    session = _session(db, council, now, DAY)
    consultation = add_consultation(db, council.id, _draft(), now=now)
    item = add_agenda_item(db, session.id, ItemKind.CONSULTATION, consultation_id=consultation.id)
    secretariat = OtherKind.SECRETARIAT
    for kind, department, title, name, items in [
        (secretariat, Department("事務局"), "事務局長", "甲野 太郎", []),
        (secretariat, Department("総務部", "総務課"), "課長補佐", "乙川 次郎", []),
        (secretariat, Department("総務部", "総務課"), "主事", "丙田 花子", []),
        (
            OtherKind.AGENCY,
            Department("健康部", "保健所", "健康づくり課"),
            "課長",
            "丁野 一",
            [item.id],
        ),
        (
            OtherKind.AGENCY,
            Department("健康部", "保健所", "健康づくり課"),
            "",
            "戊井 二",
            [item.id],
        ),
        (
            OtherKind.AGENCY,
            Department("子ども未来部", "子育て支援課"),
            "係長",
            "己島 三",
            [item.id],
        ),
    ]:
        add_other(
            db, session.id, kind, department=department, title=title, name=name, item_ids=items
        )
    header = _header(db, session.id)
    # 事務局 as a department prints once, under its own heading (never 甲野事務局事務局長)
    assert header["事務局"] == "甲野事務局長、総務部総務課（乙川課長補佐、丙田主事）"
    assert header["実施機関"] == (
        "健康部保健所健康づくり課（丁野課長、戊井）（議事1のみ出席）、"
        "子ども未来部子育て支援課（己島係長）（議事1のみ出席）"
    )
    summary = gather_summary(db, session.id, public=True)
    facts = dict(summary.sittings[0].sections[0].facts)
    assert facts["諮問機関"] == "健康部保健所健康づくり課"
    assert facts["利用機関"] == "子ども未来部子育て支援課"  # the 利用機関 prints with its staff
    assert (
        facts["実施機関"]
        == "健康部保健所健康づくり課（丁野課長、戊井）、子ども未来部子育て支援課（己島係長）"
    )
    assert dict(summary.sittings[0].header)["事務局"] == header["事務局"]


@pytest.mark.parametrize(
    ("naming", "printed"),
    [
        (StaffNames.SURNAME_TITLE, "総務部総務課（乙川課長補佐、丙田主事）"),
        (StaffNames.SURNAME, "総務部総務課（乙川、丙田）"),
        (StaffNames.FULL_TITLE, "総務部総務課（乙川次郎課長補佐、丙田花子主事）"),
    ],
)
def test_the_councils_setting_decides_how_staff_are_named(db, council, now, naming, printed):
    draft = CouncilDraft(
        name=council.name,
        municipality=council.municipality,
        quorum_article=council.quorum_article,
        staff_names=naming,
    )
    assert update_council(db, council.id, draft).staff_names is naming
    assert get_council(db, council.id).staff_names is naming
    session = _session(db, council, now, DAY)
    for title, name in [("課長補佐", "乙川 次郎"), ("主事", "丙田 花子")]:
        add_other(
            db,
            session.id,
            OtherKind.SECRETARIAT,
            department=Department("総務部", "総務課"),
            title=title,
            name=name,
        )
    assert _header(db, session.id)["事務局"] == printed


def test_a_new_council_keeps_its_naming(db, now):
    council = add_council(
        db,
        CouncilDraft(name="別の審議会", municipality="市", staff_names=StaffNames.SURNAME),
        now=now,
    )
    assert council.staff_names is StaffNames.SURNAME


def test_staff_given_an_organisation_take_it_as_their_department(db, council, now):
    session = _session(db, council, now, DAY)
    other = add_other(
        db, session.id, OtherKind.AGENCY, organisation="教育部 中央図書館", name="岡部 光"
    )
    assert (other.organisation, other.department.path) == ("", ("教育部", "中央図書館"))
    observer = add_other(db, session.id, OtherKind.OBSERVER, organisation="株式会社ひばり")
    assert observer.organisation == "株式会社ひばり"
    with pytest.raises(InputError) as raised:
        add_other(
            db,
            session.id,
            OtherKind.AGENCY,
            organisation="株式会社ひばり",
            department=Department("教育部"),
            name="岡部 光",
        )
    assert raised.value.field == "団体"
    with pytest.raises(InputError, match="空の部分"):
        add_other(db, session.id, OtherKind.AGENCY, organisation="教育部／／図書館", name="岡部 光")


def test_staff_come_in_for_the_items_of_their_departments(db, council, now):
    session = _session(db, council, now, DAY)
    consultation = add_consultation(db, council.id, _draft(), now=now)
    item = add_agenda_item(db, session.id, ItemKind.CONSULTATION, consultation_id=consultation.id)
    for name, department in [
        ("丁野 一", Department("健康づくり課")),  # the 課 alone
        ("己島 三", Department("子ども未来部", "子育て支援課")),  # the 利用機関
        ("庚田 四", Department("健康部")),  # the 部 above
        ("辛井 五", Department("総務部", "総務課")),  # another department
    ]:
        add_other(db, session.id, OtherKind.AGENCY, department=department, name=name)
    came = note_agency_entry(db, session.id, item.id)
    assert [o.name for o in came] == ["丁野 一", "己島 三", "庚田 四"]


def test_the_notice_prints_both_departments_as_written(db, council, now):
    session = _session(db, council, now, DAY)
    consultation = add_consultation(db, council.id, _draft(), now=now)
    add_agenda_item(db, session.id, ItemKind.CONSULTATION, consultation_id=consultation.id)
    lines = prepare(db, "agenda", session.id).preview
    assert "　　諮問機関：健康部保健所健康づくり課" in lines
    assert "　　利用機関：子ども未来部子育て支援課" in lines


# The record file


def _exported(db, council, now) -> tuple[int, dict]:
    session = _session(db, council, now, DAY)
    consultation = add_consultation(db, council.id, _draft(), now=now)
    add_agenda_item(db, session.id, ItemKind.CONSULTATION, consultation_id=consultation.id)
    add_other(
        db,
        session.id,
        OtherKind.AGENCY,
        department=Department("健康部", "保健所"),
        title="所長",
        name="丁野 一",
    )
    return session.id, json.loads(json.dumps(export_record(db, session.id), ensure_ascii=False))


def test_paths_and_the_naming_travel_in_the_record_file(db, council, now, tmp_path):
    update_council(
        db,
        council.id,
        CouncilDraft(name=council.name, municipality="", staff_names=StaffNames.FULL_TITLE),
    )
    _, data = _exported(db, council, now)
    other = open_database(tmp_path / "other.db")
    session_id = import_with_notes(other, data).session_id
    (staff,) = others_present(other, session_id)
    assert staff.department.path == ("健康部", "保健所")
    assert get_council(other, 1).staff_names is StaffNames.FULL_TITLE
    assert _header(other, session_id)["実施機関"] == "健康部保健所（丁野一所長）"
    other.close()


@pytest.mark.parametrize(
    ("table", "column", "value"),
    [
        ("consultation_departments", "path", "教育部 中央図書館"),
        ("consultation_departments", "path", '{"部": "教育部"}'),
        ("consultation_departments", "path", "[1, 2]"),
        ("others_present", "department", '["教育部", null]'),
        ("councils", "staff_names", "given_name"),
    ],
)
def test_a_record_file_with_a_bad_path_or_naming_is_refused(
    db, council, now, tmp_path, table, column, value
):
    _, data = _exported(db, council, now)
    data["tables"][table][0][column] = value
    other = open_database(tmp_path / "other.db")
    with pytest.raises(InputError) as raised:
        import_with_notes(other, data)
    assert f"表 {table} の 1 行目" in str(raised.value) and f"列 {column}" in str(raised.value)
    other.close()


def test_an_older_record_file_gets_its_paths_as_the_migration_gives_them(
    db, council, now, tmp_path
):
    _, data = _exported(db, council, now)
    older = copy.deepcopy(data)
    older["schema"] = 8
    for row in older["tables"]["consultation_departments"]:
        path = json.loads(row.pop("path"))
        row["bureau"], row["division"] = path[0], "".join(path[1:])
    for row in older["tables"]["others_present"]:
        row["organisation"] = " ".join(json.loads(row.pop("department")))
    other = open_database(tmp_path / "other.db")
    session_id = import_with_notes(other, older).session_id
    (staff,) = others_present(other, session_id)
    assert (staff.organisation, staff.department.path) == ("", ("健康部", "保健所"))
    consulting = json.loads(
        other.execute(
            "SELECT path FROM consultation_departments WHERE role = 'consulting'"
        ).fetchone()[0]
    )
    assert consulting == ["健康部", "保健所健康づくり課"]
    other.close()


# The screens where the clerk types them


async def _form(app, pilot, form):
    saved = []
    app.push_screen(form, saved.append)
    await pilot.pause()
    return saved


def _error(app) -> str:
    from textual.widgets import Static

    return str(app.screen.query_one("#error", Static).render())


async def test_the_clerk_types_a_department_of_three_parts_and_a_bad_one_is_named(db, council):
    from textual.widgets import Input

    from meeting.app import MeetingApp
    from meeting.clock import fixed_clock
    from meeting.screens.consultations import ConsultationForm
    from tests.conftest import NOW

    app = MeetingApp(db, clock=fixed_clock(NOW))
    async with app.run_test(size=(120, 40)) as pilot:
        form = ConsultationForm(council)
        saved = await _form(app, pilot, form)
        for selector, value in [
            ("#number", "8か健第3号"),
            ("#title", "乳幼児健診の情報の目的外利用について（諮問）"),
            ("#consulting", "健康部／／健康づくり課"),
            ("#article-1", "条例第9条第2項第4号"),
        ]:
            form.query_one(selector, Input).value = value
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form and "空の部分" in _error(app)
        assert app.focused is form.query_one("#consulting", Input)
        form.query_one("#consulting", Input).value = "健康部／保健所／健康づくり課"
        form.query_one("#using", Input).value = "子ども未来部 子育て支援課"
        await pilot.press("ctrl+s")
        await pilot.pause()
    (consultation,) = saved
    assert consultation.consulting[0].path == ("健康部", "保健所", "健康づくり課")
    assert consultation.using[0].label == "子ども未来部子育て支援課"


async def test_the_clerk_gives_staff_a_department_and_a_bad_one_is_named(db, council, now):
    from textual.widgets import Input

    from meeting.app import MeetingApp
    from meeting.clock import fixed_clock
    from meeting.screens.others import OtherForm

    session = _session(db, council, now, DAY)
    app = MeetingApp(db, clock=fixed_clock(now))
    async with app.run_test(size=(120, 40)) as pilot:
        form = OtherForm(session)
        saved = await _form(app, pilot, form)
        form.query_one("#department", Input).value = "総務部／"
        form.query_one("#title", Input).value = "課長補佐"
        form.query_one("#name", Input).value = "乙川 次郎"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form and "空の部分" in _error(app)
        assert app.focused is form.query_one("#department", Input)
        form.query_one("#department", Input).value = "総務部／総務課"
        await pilot.press("ctrl+s")
        await pilot.pause()
    (staff,) = saved
    assert (staff.department.path, staff.title, staff.organisation) == (
        ("総務部", "総務課"),
        "課長補佐",
        "",
    )


async def test_the_council_form_sets_how_staff_are_named(db, council):
    from meeting.app import MeetingApp
    from meeting.clock import fixed_clock
    from meeting.screens.council_form import CouncilForm
    from tests.conftest import NOW

    app = MeetingApp(db, clock=fixed_clock(NOW))
    async with app.run_test(size=(120, 60)) as pilot:
        form = CouncilForm(council)
        saved = await _form(app, pilot, form)
        form.query_one("#staff_names").value = StaffNames.SURNAME
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert saved[0].staff_names is StaffNames.SURNAME
    assert get_council(db, council.id).staff_names is StaffNames.SURNAME
    assert get_council(db, council.id).page == council.page  # the rest as it was
