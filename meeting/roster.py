"""Rules of the council and its roster: who may be entered, and in what order they are read."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace
from datetime import date

from meeting.dates import format_date
from meeting.errors import InputError
from meeting.model import CouncilDraft, Member, MemberDraft, PageSetting, Role
from meeting.quorum import validate_rule

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_ROLE_ORDER = {Role.CHAIR: 0, Role.VICE_CHAIR: 1, Role.MEMBER: 2}


def validate_council(draft: CouncilDraft) -> CouncilDraft:
    name = draft.name.strip()
    if not name:
        raise InputError(
            "名称", "審議会の名称を入れてください（例: ○○市情報公開・個人情報保護審議会）"
        )
    _check_email("事務局のメール", draft.secretariat_email)
    validate_rule(draft.quorum)
    validate_page(draft.page)
    return CouncilDraft(
        name=name,
        municipality=draft.municipality.strip(),
        kind=draft.kind,
        quorum_article=draft.quorum_article.strip(),
        speaker_names=draft.speaker_names,
        secretariat_name=draft.secretariat_name.strip(),
        secretariat_email=draft.secretariat_email.strip(),
        quorum=replace(draft.quorum, article=draft.quorum_article.strip()),
        page=draft.page,
        agenda_numbering=draft.agenda_numbering,
    )


A4_MM = (210, 297)
_PT_MM = 25.4 / 72


def validate_page(page: PageSetting) -> None:
    """10.5 or 12 pt; a line that fits A4 with at least 15 mm each side; lines with air."""
    if page.size_pt not in (10.5, 12):
        raise InputError("文字の大きさ", f"{page.size_pt:g}ポイントは選べません（10.5 か 12）")
    if not 20 <= page.chars <= 50:
        raise InputError("1行の字数", f"{page.chars}字は範囲外です（20～50字）")
    if not 20 <= page.lines <= 50:
        raise InputError("1ページの行数", f"{page.lines}行は範囲外です（20～50行）")
    width = page.chars * page.size_pt * _PT_MM
    if width > A4_MM[0] - 30:
        most = int((A4_MM[0] - 30) / (page.size_pt * _PT_MM))
        raise InputError(
            "1行の字数",
            f"{page.size_pt:g}ポイントで{page.chars}字はA4に収まりません（{most}字まで）",
        )
    pitch = (A4_MM[1] - 65) / page.lines
    if pitch < page.size_pt * _PT_MM * 1.2:
        most = int((A4_MM[1] - 65) / (page.size_pt * _PT_MM * 1.2))
        raise InputError(
            "1ページの行数",
            f"{page.size_pt:g}ポイントで{page.lines}行は行が重なります（{most}行まで）",
        )


def validate_member(draft: MemberDraft, others: Iterable[Member]) -> MemberDraft:
    """Check a member against the rest of the roster (``others`` excludes the one edited)."""
    name = " ".join(draft.name.split())
    if not name:
        raise InputError("氏名", "氏名を入れてください")
    if draft.term_start and draft.term_end and draft.term_end < draft.term_start:
        raise InputError(
            "任期の終了日",
            f"{format_date(draft.term_end)}は任期の開始日（{format_date(draft.term_start)}）より前です",
        )
    _check_email("メール", draft.email)
    if draft.role in (Role.CHAIR, Role.VICE_CHAIR):
        for other in others:
            if other.role is draft.role and _terms_overlap(draft, other):
                raise InputError(
                    "役職",
                    f"{draft.role.label}は任期の重なる{other.name}さんです"
                    f"（一人だけです。先に{other.name}さんの役職か任期を変えてください）",
                )
    return MemberDraft(
        name=name,
        reading=draft.reading.strip(),
        role=draft.role,
        term_start=draft.term_start,
        term_end=draft.term_end,
        affiliation=draft.affiliation.strip(),
        email=draft.email.strip(),
    )


def roster_order(members: Iterable[Member]) -> list[Member]:
    """The chair first, then the vice chair, then the roster's own order."""
    return sorted(members, key=lambda m: (_ROLE_ORDER[m.role], m.position, m.id))


def in_office(members: Iterable[Member], on: date) -> list[Member]:
    return [m for m in roster_order(members) if m.in_office(on)]


def _terms_overlap(a: MemberDraft, b: Member) -> bool:
    a_start, a_end = a.term_start or date.min, a.term_end or date.max
    b_start, b_end = b.term_start or date.min, b.term_end or date.max
    return a_start <= b_end and b_start <= a_end


def _check_email(field: str, value: str) -> None:
    if value.strip() and not _EMAIL.match(value.strip()):
        raise InputError(field, f"「{value.strip()}」はメールアドレスの形ではありません")
