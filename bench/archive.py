"""A synthetic archive for the benchmarks: one council, 20 fiscal years, 2,000 sessions,
500,000 utterances of Japanese text of realistic length (fictional, generated); with
``--lines-per-session 1000`` the 2,000,000-line variant.

One line in :data:`RARE_EVERY` carries a rare sentence (:data:`RARE`), so that search has a
rare term of each length to find (騒, 騒音, 騒音の, 騒音の苦情が) besides frequent and absent ones.

The rows go in with bulk inserts in one transaction (the search index is filled by the same
triggers the app uses); the file is built once and reused while its counts match.
"""

from __future__ import annotations

import random
import sys
import time
import uuid
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from meeting.dates import TOKYO, to_iso  # noqa: E402
from meeting.db import open_database  # noqa: E402
from meeting.model import CouncilDraft, MemberDraft, Role  # noqa: E402
from meeting.store import add_council, add_member  # noqa: E402

YEARS = range(2007, 2027)
SESSIONS_PER_YEAR = 100
LINES_PER_SESSION = 250
ITEMS_PER_SESSION = 5

_OPENINGS = [
    "ただ今の説明について、",
    "資料2の3ページにある",
    "先ほどの実施機関からの回答に関連して、",
    "前回の審議会で指摘のあった点ですが、",
    "委託先の管理体制について、",
    "本人への通知の方法について、",
    "保存期間が満了した後の",
    "オンライン結合の回線について、",
]
_MIDDLES = [
    "個人情報の取扱いがどのように確認されているのか",
    "委託先の従業者に対する研修の実施状況",
    "提供する項目を必要最小限に絞った理由",
    "システムのアクセスログを誰がいつ確認するのか",
    "目的外利用に当たらないと判断した根拠",
    "事業者との契約書に再委託の禁止が明記されているか",
    "市民からの問合せへの対応窓口",
    "データの消去を証明する書面の提出",
]
RARE = "なお、騒音の苦情が一件ありました。"
RARE_EVERY = 4999

_ENDINGS = [
    "を教えてください。",
    "について説明をお願いします。",
    "は十分だと考えています。",
    "を確認いたしました。",
    "について、次回までに資料を用意いたします。",
    "は契約で定めております。",
]


def sentence(rng: random.Random) -> str:
    parts = [rng.choice(_OPENINGS), rng.choice(_MIDDLES), rng.choice(_ENDINGS)]
    if rng.random() < 0.5:
        parts += ["また、", rng.choice(_MIDDLES), rng.choice(_ENDINGS)]
    return "".join(parts)


def build(path: Path, *, lines_per_session: int = LINES_PER_SESSION) -> dict[str, float]:
    """Create the archive at ``path`` (replacing one whose counts are off); returns timings."""
    if path.exists() and counts(path) == expected(lines_per_session):
        return {"built_s": 0.0}
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    started = time.perf_counter()
    now = datetime(2026, 11, 25, 9, tzinfo=TOKYO)
    db = open_database(path)
    council = add_council(
        db,
        CouncilDraft(name="あおば台市情報公開・個人情報保護審議会", municipality="あおば台市"),
        now=now,
    )
    names = ["森 一郎", "林 二葉", "池田 三夫", "川口 四季", "岡 五月", "沢 六郎", "浜 七海"]
    members = [
        add_member(db, council.id, MemberDraft(n, role=Role.CHAIR if i == 0 else Role.MEMBER)).id
        for i, n in enumerate(names)
    ]
    rng = random.Random(2026)
    stamp = to_iso(now)
    db.execute("BEGIN")
    session_id = sitting_id = item_id = utterance_id = 0
    for fy in YEARS:
        for number in range(1, SESSIONS_PER_YEAR + 1):
            session_id += 1
            day = datetime(fy, 4, 10, 14, tzinfo=TOKYO) + timedelta(days=number * 3)
            db.execute(
                "INSERT INTO sessions (id, council_id, fiscal_year, number, status, uid,"
                " created_at, updated_at) VALUES (?, ?, ?, ?, 'held', ?, ?, ?)",
                [session_id, council.id, fy, number, f"{uuid.uuid4()}@bench", stamp, stamp],
            )
            sitting_id += 1
            db.execute(
                "INSERT INTO sittings (id, session_id, ordinal, starts_at, ends_at, place, uid)"
                " VALUES (?, ?, 1, ?, ?, '第1会議室', ?)",
                [
                    sitting_id,
                    session_id,
                    to_iso(day),
                    to_iso(day + timedelta(hours=2)),
                    f"{uuid.uuid4()}@bench",
                ],
            )
            db.conn.executemany(
                "INSERT INTO attendance (sitting_id, member_id, status) VALUES (?, ?, 'present')",
                [(sitting_id, m) for m in members],
            )
            items = []
            for position in range(1, ITEMS_PER_SESSION + 1):
                item_id += 1
                items.append(item_id)
                db.execute(
                    "INSERT INTO agenda_items (id, session_id, position, kind, title)"
                    " VALUES (?, ?, ?, 'report', ?)",
                    [item_id, session_id, position, f"報告事項{position}"],
                )
            rows = []
            for position in range(1, lines_per_session + 1):
                utterance_id += 1
                member = rng.choice(members)
                text = sentence(rng)
                if utterance_id % RARE_EVERY == 0:
                    text += RARE
                rows.append(
                    (
                        utterance_id,
                        session_id,
                        sitting_id,
                        items[(position - 1) * ITEMS_PER_SESSION // lines_per_session],
                        position,
                        "member",
                        member,
                        text,
                        to_iso(day + timedelta(seconds=position * 25)),
                    )
                )
            db.conn.executemany(
                "INSERT INTO utterances (id, session_id, sitting_id, agenda_item_id, position,"
                " speaker_kind, member_id, text, spoken_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                rows,
            )
    db.conn.commit()
    db.execute("PRAGMA optimize")
    db.close()
    return {"built_s": time.perf_counter() - started}


def expected(lines_per_session: int = LINES_PER_SESSION) -> tuple[int, int]:
    sessions = len(YEARS) * SESSIONS_PER_YEAR
    return sessions, sessions * lines_per_session


def counts(path: Path) -> tuple[int, int]:
    import sqlite3

    conn = sqlite3.connect(path)
    try:
        sessions = conn.execute("SELECT count(*) FROM sessions").fetchone()[0]
        lines = conn.execute("SELECT count(*) FROM utterances").fetchone()[0]
    except sqlite3.Error:
        return (0, 0)
    finally:
        conn.close()
    return sessions, lines


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("path", nargs="?", type=Path, default=Path("/tmp/meeting-bench/archive.db"))
    parser.add_argument("--lines-per-session", type=int, default=LINES_PER_SESSION)
    args = parser.parse_args()
    args.path.parent.mkdir(parents=True, exist_ok=True)
    print(build(args.path, lines_per_session=args.lines_per_session), counts(args.path))
