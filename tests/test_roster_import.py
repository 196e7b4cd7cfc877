"""The office's roster file into the council's roster: each encoding Excel writes, a workbook
with date cells and 和暦 text, full-width digits, and every broken file and bad row named.

The fixture council (conftest) has 青木 一郎 (会長), 井上 花 (副会長), 上田 進, 江口 和子,
小野 大樹, 加藤 静 from 2025-04-01, and 木村 元 whose term ended 2025-03-31; no readings.
"""

from __future__ import annotations

import sqlite3
from datetime import date, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from exports.roster import ERA_DATE_FORMAT, write_roster
from meeting.errors import InputError
from meeting.model import MemberDraft, Role
from meeting.roster_file import header_column, read_roster_file
from meeting.roster_import import Action
from meeting.store import add_member, import_roster, list_members, preview_roster_import
from tests.roster_files import HEADER, write_csv, write_xlsx

NEWCOMER = [
    "新井 三郎",
    "あらい さぶろう",
    "委員",
    "令和８年４月１日",
    "R10.3.31",
    "○○大学",
    "arai@example.jp",
]


def preview(db, council, path):
    return preview_roster_import(db, council.id, read_roster_file(path))


def by_line(plan):
    return {p.line: p for p in plan.planned}


def bad_lines(plan):
    return {b.line: b.reason for b in plan.bad}


# Each encoding Excel writes


@pytest.mark.parametrize(
    ("encoding", "said"),
    [("utf-8", "UTF-8"), ("utf-8-sig", "UTF-8（BOM付き）"), ("cp932", "Shift_JIS（cp932）")],
)
def test_a_csv_in_each_of_excels_encodings_is_read_and_says_which(
    db, council, tmp_path, encoding, said
):
    yoshiko = "髙橋 吉子" if encoding == "cp932" else "髙橋 𠮷子"  # 𠮷 is not in cp932
    rows = [
        HEADER,
        ["青木 一郎", "あおき いちろう", "会長", "令和7年4月1日", "", "", "aoki@example.jp"],
        NEWCOMER,
        [yoshiko, "たかはし よしこ", "", "2026/4/1", "", "①市民委員", ""],
    ]
    plan = preview(db, council, write_csv(tmp_path / "名簿.csv", rows, encoding))
    assert plan.file.read_as == said
    got = by_line(plan)
    assert got[2].action is Action.UPDATE
    assert got[2].changes == ("ふりがな: （なし） → あおき いちろう",)
    assert got[3].action is Action.ADD
    assert got[3].draft == MemberDraft(
        "新井 三郎",
        "あらい さぶろう",
        Role.MEMBER,
        date(2026, 4, 1),
        date(2028, 3, 31),
        "○○大学",
        "arai@example.jp",
    )
    assert got[4].draft.name == yoshiko and got[4].draft.affiliation == "①市民委員"
    assert plan.untouched == 6
    assert not plan.bad


def test_a_workbook_with_a_title_row_date_cells_and_wareki_text(db, council, tmp_path):
    path = write_xlsx(
        tmp_path / "名簿.xlsx",
        [
            [
                "No.",
                "お名前",
                "ﾌﾘｶﾞﾅ",
                "役職",
                "任期（開始）",
                "任期 終了",
                "所属・職",
                "E-mail",
                "備考",
            ],
            [
                1,
                "新井　三郎",
                "アライ サブロウ",
                "委員",
                datetime(2026, 4, 1),
                "令和10年3月31日",
                "○○大学",
                "ＡＲＡＩ＠example.jp",
                "再任",
            ],
            [2, "石井 真一", "いしい しんいち", "副会長", "令和元年５月１日", date(2027, 3, 31)],
            [3, "宇野 恵", "うの めぐみ", "委員", 46113, "R10.3.31"],  # a serial: the format lost
        ],
        title="かもめ台市情報公開・個人情報保護審議会 委員名簿",
    )
    plan = preview(db, council, path)
    assert plan.file.read_as == "Excel ブック（シート「名簿」）"
    assert plan.file.ignored == ("No.", "備考")
    assert set(plan.file.columns) == set(HEADER)
    got = by_line(plan)
    assert set(got) == {4, 6}  # Excel's row numbers: the title, a blank row, then the header
    arai = got[4].draft
    assert arai.name == "新井 三郎"  # the full-width space, as the form would keep it
    assert (arai.term_start, arai.term_end) == (date(2026, 4, 1), date(2028, 3, 31))
    assert arai.reading == "アライ サブロウ" and arai.email == "ARAI@example.jp"
    assert got[6].draft.term_start == date(2026, 4, 1)
    assert bad_lines(plan) == {
        5: "役職: 副会長は任期の重なる井上 花さんです"
        "（一人だけです。先に井上 花さんの役職か任期を変えてください）"
    }


@pytest.mark.parametrize(
    ("header", "column"),
    [
        ("氏名", "氏名"),
        ("氏　名", "氏名"),
        (" 名前 ", "氏名"),
        ("ﾌﾘｶﾞﾅ", "ふりがな"),
        ("よみがな", "ふりがな"),
        ("役職名", "役職"),
        ("任期開始日", "任期開始"),
        ("任期（自）", "任期開始"),
        ("任期満了日", "任期終了"),
        ("所属", "所属"),
        ("メール アドレス", "メール"),
        ("Ｅ－ｍａｉｌ", "メール"),
        ("備考", None),
        ("氏名ふりがな", None),
    ],
)
def test_headers_are_read_with_spaces_and_full_width_forms(header, column):
    assert header_column(header) == column


# Broken files: each named, nothing read


def _refused(tmp_path, name: str, data: bytes) -> str:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(InputError) as caught:
        read_roster_file(path)
    return caught.value.message


@pytest.mark.parametrize(
    ("name", "data", "words"),
    [
        ("garbage.csv", bytes(range(256)) * 4, "バイナリのファイル"),
        ("bytes.csv", b"\x81\x7f\x80\x81\x82", "文字コードを読めません"),
        ("mixed.csv", "氏名\n".encode() + "青木".encode("cp932"), "2行目に UTF-8 として読めない"),
        ("unicode.txt", "氏名\t役職\n".encode("utf-16"), "UTF-16"),
        ("old.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "古い形式の Excel"),
        ("broken.xlsx", b"PK\x03\x04" + b"\x00" * 60, "Excel ブック（.xlsx）として読めません"),
        ("empty.csv", b"", "空です"),
        ("blank.csv", b"\r\n,,\r\n", "空です"),
    ],
)
def test_a_broken_file_is_named_with_what_is_wrong(tmp_path, name, data, words):
    assert words in _refused(tmp_path, name, data)


def test_a_word_document_renamed_xlsx_is_not_a_workbook(tmp_path):
    import zipfile

    path = tmp_path / "名簿.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    assert "Excel ブック（.xlsx）として読めません" in _refused(
        tmp_path, "名簿.xlsx", path.read_bytes()
    )


def test_a_file_without_the_name_column_names_the_columns_it_has(tmp_path):
    rows = [["委員名簿"], ["役職", "メールアドレス", "電話"], ["会長", "a@example.jp", "0"]]
    message = _refused(tmp_path, "名簿.csv", write_csv(tmp_path / "x.csv", rows).read_bytes())
    assert "「氏名」の列がありません" in message
    assert "「役職」、「メールアドレス」、「電話」" in message
    assert "UTF-8（BOM付き）として読みました" in message


def test_a_csv_in_another_encoding_says_the_encoding_may_be_wrong(tmp_path):
    data = write_csv(tmp_path / "x.csv", [HEADER, NEWCOMER], "euc_jp").read_bytes()
    message = _refused(tmp_path, "名簿.csv", data)
    assert "文字コード" in message


def test_a_workbook_without_the_name_column_says_so(tmp_path):
    path = write_xlsx(tmp_path / "x.xlsx", [["役職", "任期開始"], ["会長", date(2026, 4, 1)]])
    with pytest.raises(InputError) as caught:
        read_roster_file(path)
    assert caught.value.field == "氏名"
    assert "「役職」、「任期開始」" in caught.value.message


# Bad rows: every one listed by its row number, nothing imported


def test_every_bad_row_is_listed_with_its_row_number_and_reason(db, council, tmp_path):
    rows = [
        HEADER,
        NEWCOMER,
        ["", "なし", "委員", "", "", "", ""],
        ["石井 真一", "", "委員", "令和8年2月30日", "", "", ""],
        ["宇野 恵", "", "委員", "令和8年4月1日", "令和8年3月31日", "", ""],
        ["江島 学", "", "顧問", "", "", "", ""],
        ["大塚 恵", "", "委員", "", "", "", "otsuka@"],
        ["新井　三郎", "あらい さぶろう", "委員", "", "", "", ""],
        ["岡 真", "", "委員", "昭和", "", "", ""],
    ]
    plan = preview(db, council, write_csv(tmp_path / "名簿.csv", rows, "cp932"))
    assert bad_lines(plan) == {
        3: "氏名が空です",
        4: "任期開始: 「令和8年2月30日」: 2月30日は存在しない日付です",
        5: "任期終了: 令和8年3月31日（火）は任期の開始日（令和8年4月1日（水））より前です",
        6: "役職: 「顧問」は会長・副会長・委員のどれでもありません",
        7: "メール: 「otsuka@」はメールアドレスの形ではありません",
        8: "2行目と同じ委員です（ファイル内の重複）",
        9: "任期開始: 「昭和」を日付として読めません（例: 令和3年7月26日、R3.7.26、2021-07-26）",
    }
    before = list_members(db, council.id)
    with pytest.raises(InputError) as caught:
        import_roster(db, council.id, plan.file, plan)
    assert (
        "問題のある行が7件" in caught.value.message
        and "3、4、5、6、7、8、9行目" in caught.value.message
    )
    assert list_members(db, council.id) == before


def test_a_row_with_several_problems_names_them_all(db, council, tmp_path):
    rows = [HEADER, ["", "", "議長", "R8.13.1", "", "", ""]]
    plan = preview(db, council, write_csv(tmp_path / "名簿.csv", rows))
    (bad,) = plan.bad
    assert bad.reason.split("／") == [
        "氏名が空です",
        "役職: 「議長」は会長・副会長・委員のどれでもありません",
        "任期開始: 「R8.13.1」の13月はありません",
    ]


# Matching the roster


def test_a_name_matches_without_spaces_and_keeps_the_rosters_spelling(db, council, tmp_path):
    rows = [["氏名", "メール"], ["青木一郎", "aoki@example.jp"], ["井上　花", "hana@example.jp"]]
    plan = preview(db, council, write_csv(tmp_path / "名簿.csv", rows))
    got = by_line(plan)
    assert got[2].action is Action.SAME and got[2].member.name == "青木 一郎"
    assert got[3].changes == ("メール: inoue@example.jp → hana@example.jp",)
    assert got[3].draft.name == "井上 花"


def test_a_column_the_file_lacks_is_kept_and_an_empty_cell_empties(db, council, tmp_path):
    rows = [["氏名", "所属", "メール"], ["小野 大樹", "○○大学", ""]]
    plan = preview(db, council, write_csv(tmp_path / "名簿.csv", rows))
    (ono,) = plan.planned
    assert ono.changes == ("所属: （なし） → ○○大学", "メール: ono@example.jp → （なし）")
    assert ono.draft.term_start == date(2025, 4, 1) and ono.draft.role is Role.MEMBER


def test_names_that_collide_are_told_apart_by_their_reading(db, council, tmp_path):
    add_member(db, council.id, MemberDraft("上田 進", reading="うえだ すすむ"))
    first = next(m for m in list_members(db, council.id) if m.name == "上田 進" and not m.reading)
    rows = [
        ["氏名", "ふりがな", "所属"],
        ["上田 進", "うえだ すすむ", "弁護士"],
        ["上田 進", "", "市民"],
        ["加藤 静", "かとう しずか", "税理士"],
        ["加藤 静", "かとう しず", "公募"],
    ]
    plan = preview(db, council, write_csv(tmp_path / "名簿.csv", rows))
    got = by_line(plan)
    assert got[2].member.reading == "うえだ すすむ" and got[2].member.id != first.id
    assert bad_lines(plan) == {
        3: "同じ氏名の委員が名簿に複数います。ふりがなを入れて区別してください",
    }
    # 加藤 静 twice with two readings: neither is the roster's (which has none): two new people
    assert got[4].action is Action.ADD and got[5].action is Action.ADD


@pytest.mark.parametrize(
    ("written", "role"),
    [
        ("会長", Role.CHAIR),
        ("委員長", Role.CHAIR),
        ("副会長", Role.VICE_CHAIR),
        ("会長職務代理者", Role.VICE_CHAIR),
        ("委員", Role.MEMBER),
        ("", Role.MEMBER),
        ("委 員", Role.MEMBER),
    ],
)
def test_the_role_column_maps_to_the_roles(db, council, tmp_path, written, role):
    rows = [["氏名", "役職", "任期開始"], ["新井 三郎", written, "令和9年4月1日"]]
    plan = preview(db, council, write_csv(tmp_path / "名簿.csv", rows))
    if role is Role.MEMBER:
        assert plan.planned[0].draft.role is role
    else:  # the roster's chair or vice chair has no end: the file must end it
        assert "任期の重なる" in plan.bad[0].reason


def test_a_new_chair_and_the_old_ones_term_ended_in_the_same_file(db, council, tmp_path):
    rows = [
        ["氏名", "役職", "任期開始", "任期終了"],
        ["新井 三郎", "会長", "令和9年4月1日", ""],
        ["青木 一郎", "会長", "令和7年4月1日", "令和9年3月31日"],
    ]
    plan = preview(db, council, write_csv(tmp_path / "名簿.csv", rows))
    assert not plan.bad
    import_roster(db, council.id, plan.file, plan)
    chairs = [m for m in list_members(db, council.id) if m.role is Role.CHAIR]
    assert [(m.name, m.term_end) for m in chairs] == [
        ("青木 一郎", date(2027, 3, 31)),
        ("新井 三郎", None),
    ]


# Applying: one transaction, and only what the clerk saw


def test_an_import_adds_and_updates_in_one_go(db, council, tmp_path):
    rows = [HEADER, NEWCOMER, ["木村 元", "", "委員", "令和5年4月1日", "令和9年3月31日", "", ""]]
    plan = preview(db, council, write_csv(tmp_path / "名簿.csv", rows))
    assert (plan.count(Action.ADD), plan.count(Action.UPDATE)) == (1, 1)
    done = import_roster(db, council.id, plan.file, plan)
    assert done.done == "追加 1名、更新 1名"
    members = {m.name: m for m in list_members(db, council.id)}
    assert members["木村 元"].term_end == date(2027, 3, 31)
    assert members["新井 三郎"].position == max(m.position for m in members.values())
    again = preview(db, council, tmp_path / "名簿.csv")
    assert not again.writes


def test_a_roster_changed_after_the_preview_is_not_imported(db, council, tmp_path):
    plan = preview(db, council, write_csv(tmp_path / "名簿.csv", [HEADER, NEWCOMER]))
    add_member(db, council.id, MemberDraft("宇野 恵"))  # another window, meanwhile
    before = list_members(db, council.id)
    with pytest.raises(InputError) as caught:
        import_roster(db, council.id, plan.file, plan)
    assert "読み込んだ後に名簿が変わりました" in caught.value.message
    assert list_members(db, council.id) == before


def test_an_import_that_fails_midway_leaves_the_roster_unchanged(db, council, tmp_path):
    rows = [
        HEADER,
        ["青木 一郎", "あおき いちろう", "会長", "令和7年4月1日", "", "", "aoki@example.jp"],
        NEWCOMER,
        ["宇野 恵", "うの めぐみ", "委員", "令和8年4月1日", "", "", ""],
    ]
    plan = preview(db, council, write_csv(tmp_path / "名簿.csv", rows))
    before = list_members(db, council.id)
    # the disk fails at the third write: one update and one insert are already done
    db.execute(
        "CREATE TRIGGER fail_midway BEFORE INSERT ON members WHEN NEW.name = '宇野 恵'"
        " BEGIN SELECT RAISE(ABORT, 'disk I/O error (simulated)'); END"
    )
    with pytest.raises(sqlite3.DatabaseError):
        import_roster(db, council.id, plan.file, plan)
    assert list_members(db, council.id) == before
    assert not db.conn.in_transaction


# Export, and back


def _a_roster_with_formula_like_text(db, council):
    add_member(db, council.id, MemberDraft("=HYPERLINK(1)", affiliation="-", email=""))
    add_member(db, council.id, MemberDraft("野村 舞", reading="のむら まい", affiliation="@home"))


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_an_exported_roster_imports_back_unchanged(db, council, tmp_path, suffix):
    _a_roster_with_formula_like_text(db, council)
    path = write_roster(list_members(db, council.id), tmp_path / f"名簿{suffix}")
    assert path.stat().st_mode & 0o777 == 0o600  # addresses: private, like every export
    plan = preview(db, council, path)
    assert not plan.bad and not plan.writes
    assert len(plan.planned) == len(list_members(db, council.id)) and plan.untouched == 0


def test_the_csv_export_is_what_excel_opens(db, council, tmp_path):
    _a_roster_with_formula_like_text(db, council)
    data = write_roster(list_members(db, council.id), tmp_path / "名簿.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # the BOM: Excel reads it as UTF-8
    lines = data.decode("utf-8-sig").split("\r\n")
    assert lines[0] == ",".join(HEADER)
    assert lines[1] == "青木 一郎,,会長,令和7年4月1日,,,aoki@example.jp"
    assert "木村 元,,委員,令和5年4月1日,令和7年3月31日,,kimura@example.jp" in lines
    assert "'=HYPERLINK(1),,委員,,,-," in lines  # a formula to Excel, behind an apostrophe
    assert "野村 舞,のむら まい,委員,,,'@home," in lines


def test_the_workbook_export_has_date_cells_shown_in_the_era(db, council, tmp_path):
    from openpyxl import load_workbook

    _a_roster_with_formula_like_text(db, council)
    path = write_roster(list_members(db, council.id), tmp_path / "名簿.xlsx")
    sheet = load_workbook(path).active
    assert sheet.title == "委員名簿"
    assert [c.value for c in sheet[1]] == HEADER
    start = sheet["D2"]
    assert start.value == datetime(2025, 4, 1) and start.number_format == ERA_DATE_FORMAT
    names = [row[0].value for row in sheet.iter_rows(min_row=2)]
    formula = next(row[0] for row in sheet.iter_rows(min_row=2) if "HYPERLINK" in row[0].value)
    assert "=HYPERLINK(1)" in names and formula.data_type == "s"  # text, not a formula


@pytest.mark.parametrize(
    ("target", "existing", "words"),
    [
        ("名簿.xlsx", b"%PDF-1.7", "Excel ブック（.xlsx）ではありません"),
        ("名簿.csv", b"PK\x03\x04xxxx", "CSV のテキストではありません"),
        ("名簿.txt", None, ".csv か .xlsx"),
    ],
)
def test_an_export_never_replaces_another_kind_of_file(
    db, council, tmp_path, target, existing, words
):
    path = tmp_path / target
    if existing is not None:
        path.write_bytes(existing)
    with pytest.raises(InputError) as caught:
        write_roster(list_members(db, council.id), path)
    assert words in caught.value.message
    if existing is not None:
        assert path.read_bytes() == existing


# Any text, any date: what is exported imports back as it is

_TEXT = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=12
)
_PRINTABLE = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=12)
_DAY = st.one_of(st.none(), st.dates(date(1873, 1, 1), date(9999, 3, 31)))


@pytest.mark.parametrize(("suffix", "text"), [(".csv", _TEXT), (".xlsx", _PRINTABLE)])
def test_any_roster_round_trips(suffix, text):
    import tempfile
    from pathlib import Path

    from meeting.db import open_database
    from meeting.model import CouncilDraft
    from meeting.store import add_council

    @settings(max_examples=25, deadline=None)
    @given(
        name=text.filter(lambda t: t.split()),
        reading=text,
        affiliation=text,
        start=_DAY,
        end=_DAY,
    )
    def round_trip(name, reading, affiliation, start, end):
        if start and end and end < start:
            start, end = end, start
        with tempfile.TemporaryDirectory() as folder:
            db = open_database(Path(folder) / "m.db")
            try:
                council = add_council(
                    db,
                    CouncilDraft(name="審議会", municipality="かもめ台市"),
                    now=datetime(2026, 1, 1),
                )
                draft = MemberDraft(name, reading, Role.MEMBER, start, end, affiliation)
                add_member(db, council.id, draft)
                path = write_roster(list_members(db, council.id), Path(folder) / f"r{suffix}")
                plan = preview(db, council, path)
                assert not plan.bad and not plan.writes, (plan.bad, plan.planned)
            finally:
                db.close()

    round_trip()


def test_a_workbook_named_csv_and_excels_tab_separated_text_are_read(db, council, tmp_path):
    renamed = write_xlsx(tmp_path / "名簿.csv", [HEADER, NEWCOMER])
    assert preview(db, council, renamed).file.read_as == "Excel ブック（シート「名簿」）"
    tabs = tmp_path / "名簿.txt"
    tabs.write_bytes("\r\n".join("\t".join(r) for r in [HEADER, NEWCOMER]).encode("cp932"))
    plan = preview(db, council, tabs)
    assert plan.planned[0].draft.email == "arai@example.jp"


def test_a_control_character_cannot_go_into_a_workbook_and_is_shown_as_a_mark(
    db, council, tmp_path
):
    from openpyxl import load_workbook

    add_member(db, council.id, MemberDraft("野村 舞", affiliation="貼り付け\x1b[31m"))
    path = write_roster(list_members(db, council.id), tmp_path / "名簿.xlsx")
    cells = [row[5].value for row in load_workbook(path).active.iter_rows(min_row=2)]
    assert "貼り付け␛[31m" in cells


def test_numbers_and_dates_in_text_columns_read_as_text(db, council, tmp_path):
    rows = [["氏名", "所属", "メール"], ["江島 学", datetime(2026, 4, 1), "ejima@example.jp"]]
    rows += [[1234.0, 56, None]]
    plan = preview(db, council, write_xlsx(tmp_path / "名簿.xlsx", rows))
    assert [(p.draft.name, p.draft.affiliation) for p in plan.planned] == [
        ("江島 学", "令和8年4月1日"),
        ("1234", "56"),
    ]
