"""The schema, as ordered, named migrations.

Each migration runs in its own transaction with the record that it ran (sqlite-utils
``Migrations``) and ends by writing its number to ``schema_version``, so the version and the
tables never disagree. Never edit a migration that has shipped: add the next one.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from sqlite_utils import Database, Migrations

MIGRATIONS = Migrations("meeting")
_STEPS: list[str] = []


def _step(fn: Callable[[Database], None]) -> Callable[[Database], None]:
    version = len(_STEPS) + 1
    _STEPS.append(fn.__name__)

    def run(db: Database) -> None:
        fn(db)
        db.execute("DELETE FROM schema_version")
        db.execute(
            "INSERT INTO schema_version (version, migrated_at) VALUES (?, ?)",
            [version, datetime.now(UTC).isoformat(timespec="seconds")],
        )

    run.__name__ = fn.__name__
    MIGRATIONS(name=fn.__name__)(run)
    return fn


@_step
def m001_councils_and_sessions(db: Database) -> None:
    _script(
        db,
        """
        CREATE TABLE schema_version (version INTEGER NOT NULL, migrated_at TEXT NOT NULL);
        CREATE TABLE councils (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL CHECK (trim(name) <> ''),
            municipality TEXT NOT NULL DEFAULT '',
            kind TEXT NOT NULL DEFAULT '審議会' CHECK (kind IN ('審議会', '審査会')),
            quorum_article TEXT NOT NULL DEFAULT '',
            speaker_names TEXT NOT NULL DEFAULT 'named'
                CHECK (speaker_names IN ('named', 'anonymised')),
            secretariat_name TEXT NOT NULL DEFAULT '',
            secretariat_email TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL
        );
        CREATE TABLE members (
            id INTEGER PRIMARY KEY,
            council_id INTEGER NOT NULL REFERENCES councils(id),
            name TEXT NOT NULL CHECK (trim(name) <> ''),
            reading TEXT NOT NULL DEFAULT '',
            role TEXT NOT NULL DEFAULT 'member' CHECK (role IN ('chair', 'vice_chair', 'member')),
            term_start TEXT,
            term_end TEXT,
            affiliation TEXT NOT NULL DEFAULT '',
            email TEXT NOT NULL DEFAULT '',
            position INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX members_council ON members(council_id, position);
        CREATE TABLE sessions (
            id INTEGER PRIMARY KEY,
            council_id INTEGER NOT NULL REFERENCES councils(id),
            fiscal_year INTEGER NOT NULL,
            number INTEGER NOT NULL CHECK (number > 0),
            kind TEXT NOT NULL DEFAULT 'regular' CHECK (kind IN ('regular', 'extraordinary')),
            form TEXT NOT NULL DEFAULT 'in_person'
                CHECK (form IN ('in_person', 'online', 'written_resolution')),
            public INTEGER NOT NULL DEFAULT 1,
            status TEXT NOT NULL DEFAULT 'scheduled'
                CHECK (status IN ('scheduled', 'held', 'cancelled')),
            sequence INTEGER NOT NULL DEFAULT 0,
            uid TEXT NOT NULL UNIQUE,
            written_from TEXT,
            written_until TEXT,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        -- A cancelled session gives its number back.
        CREATE UNIQUE INDEX sessions_number ON sessions(council_id, fiscal_year, number)
            WHERE status <> 'cancelled';
        CREATE TABLE sittings (
            id INTEGER PRIMARY KEY,
            session_id INTEGER NOT NULL REFERENCES sessions(id),
            ordinal INTEGER NOT NULL,
            starts_at TEXT NOT NULL,
            ends_at TEXT NOT NULL,
            place TEXT NOT NULL DEFAULT '',
            online INTEGER NOT NULL DEFAULT 0,
            uid TEXT NOT NULL UNIQUE,
            status TEXT NOT NULL DEFAULT 'scheduled' CHECK (status IN ('scheduled', 'cancelled')),
            UNIQUE (session_id, ordinal)
        );
        CREATE INDEX sittings_start ON sittings(starts_at);
        """,
    )


@_step
def m002_records(db: Database) -> None:
    """The tables the session record fills: later issues give them their screens."""
    _script(
        db,
        """
        CREATE TABLE attendance (
            sitting_id INTEGER NOT NULL REFERENCES sittings(id),
            member_id INTEGER NOT NULL REFERENCES members(id),
            status TEXT NOT NULL CHECK (status IN ('present', 'absent', 'late', 'left_early')),
            arrived_at TEXT,
            left_at TEXT,
            online INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (sitting_id, member_id)
        );
        CREATE TABLE consultations (
            id INTEGER PRIMARY KEY,
            council_id INTEGER NOT NULL REFERENCES councils(id),
            number TEXT NOT NULL,
            filed_on TEXT,
            title TEXT NOT NULL,
            status TEXT NOT NULL DEFAULT 'filed',
            UNIQUE (council_id, number)
        );
        CREATE TABLE agenda_items (
            id INTEGER PRIMARY KEY,
            session_id INTEGER NOT NULL REFERENCES sessions(id),
            sitting_id INTEGER REFERENCES sittings(id),
            position INTEGER NOT NULL,
            kind TEXT NOT NULL,
            title TEXT NOT NULL,
            consultation_id INTEGER REFERENCES consultations(id),
            carried_from_id INTEGER REFERENCES agenda_items(id),
            public INTEGER NOT NULL DEFAULT 1
        );
        CREATE INDEX agenda_items_session ON agenda_items(session_id, position);
        CREATE TABLE utterances (
            id INTEGER PRIMARY KEY,
            session_id INTEGER NOT NULL REFERENCES sessions(id),
            sitting_id INTEGER REFERENCES sittings(id),
            agenda_item_id INTEGER REFERENCES agenda_items(id),
            position INTEGER NOT NULL,
            kind TEXT NOT NULL DEFAULT 'speech' CHECK (kind IN ('speech', 'narration')),
            speaker_kind TEXT,
            member_id INTEGER REFERENCES members(id),
            speaker_label TEXT NOT NULL DEFAULT '',
            text TEXT NOT NULL,
            spoken_at TEXT NOT NULL,
            public INTEGER NOT NULL DEFAULT 1
        );
        CREATE INDEX utterances_item ON utterances(agenda_item_id, position);
        CREATE INDEX utterances_session ON utterances(session_id, position);
        CREATE TABLE decisions (
            id INTEGER PRIMARY KEY,
            agenda_item_id INTEGER NOT NULL REFERENCES agenda_items(id),
            outcome TEXT NOT NULL,
            decided_at TEXT NOT NULL,
            narration TEXT NOT NULL DEFAULT '',
            quorum_present INTEGER,
            quorum_needed INTEGER,
            present_names TEXT,
            override_reason TEXT
        );
        CREATE TABLE opinions (
            id INTEGER PRIMARY KEY,
            decision_id INTEGER NOT NULL REFERENCES decisions(id),
            kind TEXT NOT NULL,
            text TEXT NOT NULL,
            utterance_id INTEGER REFERENCES utterances(id),
            position INTEGER NOT NULL DEFAULT 0
        );
        CREATE TABLE answers (
            id INTEGER PRIMARY KEY,
            consultation_id INTEGER NOT NULL REFERENCES consultations(id),
            number TEXT NOT NULL DEFAULT '',
            answered_on TEXT,
            body TEXT NOT NULL DEFAULT '{}'
        );
        """,
    )


@_step
def m003_quorum_and_attendance(db: Database) -> None:
    """The council's quorum rule, who else is in the room, recusals and written answers."""
    _script(
        db,
        """
        ALTER TABLE councils ADD COLUMN quorum_base TEXT NOT NULL DEFAULT 'in_office'
            CHECK (quorum_base IN ('seats', 'in_office'));
        ALTER TABLE councils ADD COLUMN quorum_seats INTEGER;
        ALTER TABLE councils ADD COLUMN quorum_threshold TEXT NOT NULL DEFAULT 'majority'
            CHECK (quorum_threshold IN ('majority', 'half', 'two_thirds', 'fixed'));
        ALTER TABLE councils ADD COLUMN quorum_fixed INTEGER;
        ALTER TABLE councils ADD COLUMN chair_counts INTEGER NOT NULL DEFAULT 1;
        ALTER TABLE councils ADD COLUMN online_counts INTEGER NOT NULL DEFAULT 1;
        ALTER TABLE sittings ADD COLUMN public_attendees INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE decisions ADD COLUMN quorum_base INTEGER;
        CREATE TABLE others_present (
            id INTEGER PRIMARY KEY,
            session_id INTEGER NOT NULL REFERENCES sessions(id),
            kind TEXT NOT NULL CHECK (kind IN ('secretariat', 'agency', 'observer')),
            organisation TEXT NOT NULL DEFAULT '',
            title TEXT NOT NULL DEFAULT '',
            name TEXT NOT NULL DEFAULT '',
            headcount INTEGER NOT NULL DEFAULT 1 CHECK (headcount > 0),
            position INTEGER NOT NULL DEFAULT 0
        );
        CREATE TABLE others_items (
            other_id INTEGER NOT NULL REFERENCES others_present(id) ON DELETE CASCADE,
            agenda_item_id INTEGER NOT NULL REFERENCES agenda_items(id),
            PRIMARY KEY (other_id, agenda_item_id)
        );
        CREATE TABLE recusals (
            agenda_item_id INTEGER NOT NULL REFERENCES agenda_items(id),
            member_id INTEGER NOT NULL REFERENCES members(id),
            reason TEXT NOT NULL DEFAULT '',
            PRIMARY KEY (agenda_item_id, member_id)
        );
        CREATE TABLE written_answers (
            session_id INTEGER NOT NULL REFERENCES sessions(id),
            member_id INTEGER NOT NULL REFERENCES members(id),
            answered_on TEXT NOT NULL,
            PRIMARY KEY (session_id, member_id)
        );
        """,
    )


@_step
def m004_consultations(db: Database) -> None:
    """The register of consultations: departments, questions with their articles, materials."""
    _script(
        db,
        """
        ALTER TABLE consultations ADD COLUMN answer_number TEXT NOT NULL DEFAULT '';
        ALTER TABLE consultations ADD COLUMN answered_on TEXT;
        ALTER TABLE consultations ADD COLUMN created_at TEXT;
        CREATE TABLE consultation_departments (
            consultation_id INTEGER NOT NULL REFERENCES consultations(id) ON DELETE CASCADE,
            role TEXT NOT NULL CHECK (role IN ('consulting', 'using')),
            position INTEGER NOT NULL,
            bureau TEXT NOT NULL DEFAULT '',
            division TEXT NOT NULL DEFAULT '',
            PRIMARY KEY (consultation_id, role, position)
        );
        CREATE TABLE consultation_questions (
            id INTEGER PRIMARY KEY,
            consultation_id INTEGER NOT NULL REFERENCES consultations(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN
                ('out_of_purpose', 'external_provision', 'online_link', 'notice_omission')),
            article TEXT NOT NULL DEFAULT '',
            text TEXT NOT NULL DEFAULT ''
        );
        CREATE TABLE consultation_materials (
            consultation_id INTEGER NOT NULL REFERENCES consultations(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            name TEXT NOT NULL,
            PRIMARY KEY (consultation_id, position)
        );
        CREATE INDEX agenda_items_consultation ON agenda_items(consultation_id);
        """,
    )


@_step
def m005_live_record(db: Database) -> None:
    """Drafts that survive a crash, the history of each line, speaker letters, opinions' kinds."""
    _script(
        db,
        """
        CREATE TABLE utterance_drafts (
            session_id INTEGER PRIMARY KEY REFERENCES sessions(id),
            text TEXT NOT NULL DEFAULT '',
            agenda_item_id INTEGER REFERENCES agenda_items(id),
            speaker_kind TEXT,
            member_id INTEGER REFERENCES members(id),
            speaker_label TEXT NOT NULL DEFAULT '',
            updated_at TEXT NOT NULL
        );
        CREATE TABLE utterance_history (
            id INTEGER PRIMARY KEY,
            utterance_id INTEGER NOT NULL,
            changed_at TEXT NOT NULL,
            actor TEXT NOT NULL DEFAULT '',
            action TEXT NOT NULL,
            before TEXT,
            after TEXT
        );
        CREATE INDEX utterance_history_line ON utterance_history(utterance_id);
        CREATE TABLE speaker_letters (
            session_id INTEGER NOT NULL REFERENCES sessions(id),
            member_id INTEGER NOT NULL REFERENCES members(id),
            letter TEXT NOT NULL,
            PRIMARY KEY (session_id, member_id),
            UNIQUE (session_id, letter)
        );
        ALTER TABLE sessions ADD COLUMN speaker_names TEXT
            CHECK (speaker_names IS NULL OR speaker_names IN ('named', 'anonymised'));
        ALTER TABLE decisions ADD COLUMN follow_up TEXT NOT NULL DEFAULT '';
        CREATE TABLE narrations (
            id INTEGER PRIMARY KEY,
            council_id INTEGER NOT NULL REFERENCES councils(id),
            text TEXT NOT NULL,
            UNIQUE (council_id, text)
        );
        """,
    )


@_step
def m006_documents(db: Database) -> None:
    """The council's page, approval of the minutes with errata, and the answer's texts."""
    _script(
        db,
        """
        ALTER TABLE councils ADD COLUMN page_size_pt REAL NOT NULL DEFAULT 10.5
            CHECK (page_size_pt IN (10.5, 12));
        ALTER TABLE councils ADD COLUMN page_chars INTEGER NOT NULL DEFAULT 40
            CHECK (page_chars BETWEEN 20 AND 50);
        ALTER TABLE councils ADD COLUMN page_lines INTEGER NOT NULL DEFAULT 36
            CHECK (page_lines BETWEEN 20 AND 50);
        ALTER TABLE sessions ADD COLUMN minutes_confirmed_on TEXT;
        ALTER TABLE sessions ADD COLUMN minutes_confirmed_by INTEGER REFERENCES sessions(id);
        ALTER TABLE sessions ADD COLUMN minutes_revision INTEGER NOT NULL DEFAULT 0;
        CREATE TABLE errata (
            id INTEGER PRIMARY KEY,
            session_id INTEGER NOT NULL REFERENCES sessions(id),
            utterance_id INTEGER NOT NULL,
            revision INTEGER NOT NULL,
            reason TEXT NOT NULL CHECK (trim(reason) <> ''),
            before TEXT NOT NULL,
            after TEXT NOT NULL,
            recorded_at TEXT NOT NULL
        );
        CREATE INDEX errata_session ON errata(session_id);
        ALTER TABLE answers ADD COLUMN updated_at TEXT;
        CREATE UNIQUE INDEX answers_consultation ON answers(consultation_id);
        """,
    )


@_step
def m007_search(db: Database) -> None:
    """Full-text search of the record: FTS5 trigrams over NFKC-folded text (index only).

    The stored text stays as entered; ``nfkc()`` is registered on every connection by
    ``open_database``, and triggers keep the index in step with every write.
    """
    _script(
        db,
        """
        CREATE VIRTUAL TABLE utterance_search USING fts5(body, tokenize = 'trigram');
        INSERT INTO utterance_search (rowid, body) SELECT id, nfkc(text) FROM utterances;
        CREATE TRIGGER utterance_search_insert AFTER INSERT ON utterances BEGIN
            INSERT INTO utterance_search (rowid, body) VALUES (new.id, nfkc(new.text)); END;
        CREATE TRIGGER utterance_search_update AFTER UPDATE OF text ON utterances BEGIN
            UPDATE utterance_search SET body = nfkc(new.text) WHERE rowid = new.id; END;
        CREATE TRIGGER utterance_search_delete AFTER DELETE ON utterances BEGIN
            DELETE FROM utterance_search WHERE rowid = old.id; END;
        """,
    )


@_step
def m008_trust(db: Database) -> None:
    """Closed parts with their reason, opinions that stay closed, an answer's earlier texts,
    and the one app instance that writes a session's record."""
    _script(
        db,
        """
        ALTER TABLE agenda_items ADD COLUMN closed_reason TEXT NOT NULL DEFAULT '';
        ALTER TABLE opinions ADD COLUMN public INTEGER NOT NULL DEFAULT 1;
        CREATE TABLE answer_history (
            id INTEGER PRIMARY KEY,
            consultation_id INTEGER NOT NULL REFERENCES consultations(id),
            number TEXT NOT NULL DEFAULT '',
            answered_on TEXT,
            body TEXT NOT NULL DEFAULT '{}',
            updated_at TEXT,
            replaced_at TEXT NOT NULL,
            replaced_by TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX answer_history_consultation ON answer_history(consultation_id);
        CREATE TABLE session_holds (
            session_id INTEGER PRIMARY KEY REFERENCES sessions(id),
            token TEXT NOT NULL,
            holder TEXT NOT NULL,
            host TEXT NOT NULL DEFAULT '',
            pid INTEGER NOT NULL DEFAULT 0,
            since TEXT NOT NULL,
            seen_at TEXT NOT NULL
        );
        """,
    )


@_step
def m009_record_facts(db: Database) -> None:
    """Facts real records print: a sitting with no end time, departments of any depth, staff
    by department, the council's ways of naming and numbering, a consultation not yet numbered,
    the 諮問書's sender and body, 審査請求 cases with their deadline, agenda headings with
    children, a line that continues its speaker's turn.

    Two tables are rebuilt (SQLite cannot drop a NOT NULL): sittings.ends_at and
    consultations.number become optional; every row is copied, ids kept.

    Agendas numbered before headings had their 議事 heading made up from the kinds (a run of
    前回会議の概要報告, 諮問案件 and 報告事項 printed 2(1), 2(2)…): each such run gets a heading
    item 議事 of its own, the run its children, so every number stays what it was. No stored
    value changes: the heading takes its first child's position, and a heading sorts before
    its children (``agendas.rules.in_tree_order``).
    """
    _script(
        db,
        """
        CREATE TABLE sittings_new (
            id INTEGER PRIMARY KEY,
            session_id INTEGER NOT NULL REFERENCES sessions(id),
            ordinal INTEGER NOT NULL,
            starts_at TEXT NOT NULL,
            ends_at TEXT,
            place TEXT NOT NULL DEFAULT '',
            online INTEGER NOT NULL DEFAULT 0,
            uid TEXT NOT NULL UNIQUE,
            status TEXT NOT NULL DEFAULT 'scheduled' CHECK (status IN ('scheduled', 'cancelled')),
            public_attendees INTEGER NOT NULL DEFAULT 0,
            UNIQUE (session_id, ordinal)
        );
        INSERT INTO sittings_new (id, session_id, ordinal, starts_at, ends_at, place, online, uid,
            status, public_attendees)
            SELECT id, session_id, ordinal, starts_at, ends_at, place, online, uid, status,
            public_attendees FROM sittings;
        DROP TABLE sittings;
        ALTER TABLE sittings_new RENAME TO sittings;
        CREATE INDEX sittings_start ON sittings(starts_at);

        CREATE TABLE consultations_new (
            id INTEGER PRIMARY KEY,
            council_id INTEGER NOT NULL REFERENCES councils(id),
            number TEXT,
            filed_on TEXT,
            title TEXT NOT NULL,
            status TEXT NOT NULL DEFAULT 'filed',
            answer_number TEXT NOT NULL DEFAULT '',
            answered_on TEXT,
            created_at TEXT,
            kind TEXT NOT NULL DEFAULT 'consultation' CHECK (kind IN ('consultation', 'appeal')),
            sender TEXT NOT NULL DEFAULT '',
            disposition TEXT CHECK (disposition IS NULL OR disposition IN
                ('non_disclosure', 'partial_disclosure', 'refusal_to_confirm', 'other')),
            disposition_detail TEXT NOT NULL DEFAULT '',
            disposition_on TEXT,
            disposition_number TEXT NOT NULL DEFAULT '',
            appealed_on TEXT,
            answer_due TEXT,
            withdrawn_on TEXT,
            conclusion TEXT CHECK (conclusion IS NULL OR conclusion IN
                ('appropriate', 'revoke', 'disclose_part', 'other')),
            conclusion_text TEXT NOT NULL DEFAULT '',
            UNIQUE (council_id, number)
        );
        INSERT INTO consultations_new (id, council_id, number, filed_on, title, status,
            answer_number, answered_on, created_at)
            SELECT id, council_id, nullif(trim(number), ''), filed_on, title, status,
            answer_number, answered_on, created_at FROM consultations;
        DROP TABLE consultations;
        ALTER TABLE consultations_new RENAME TO consultations;

        CREATE TABLE appellants (
            consultation_id INTEGER PRIMARY KEY REFERENCES consultations(id) ON DELETE CASCADE,
            name TEXT NOT NULL DEFAULT '',
            address TEXT NOT NULL DEFAULT '',
            contact TEXT NOT NULL DEFAULT ''
        );
        CREATE TABLE consultation_extensions (
            id INTEGER PRIMARY KEY,
            consultation_id INTEGER NOT NULL REFERENCES consultations(id) ON DELETE CASCADE,
            extended_to TEXT NOT NULL,
            reason TEXT NOT NULL CHECK (trim(reason) <> ''),
            decided_on TEXT
        );
        CREATE INDEX consultation_extensions_consultation
            ON consultation_extensions(consultation_id);
        CREATE TABLE consultation_sections (
            consultation_id INTEGER NOT NULL REFERENCES consultations(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            heading TEXT NOT NULL DEFAULT '',
            text TEXT NOT NULL DEFAULT '',
            PRIMARY KEY (consultation_id, position)
        );

        ALTER TABLE consultation_departments ADD COLUMN path TEXT NOT NULL DEFAULT '[]';
        UPDATE consultation_departments SET path = (
            SELECT json_group_array(part) FROM (
                SELECT trim(bureau) AS part WHERE trim(bureau) <> ''
                UNION ALL SELECT trim(division) WHERE trim(division) <> ''
            )
        );
        ALTER TABLE others_present ADD COLUMN department TEXT NOT NULL DEFAULT '[]';

        ALTER TABLE councils ADD COLUMN consulted_under TEXT NOT NULL DEFAULT '';
        ALTER TABLE councils ADD COLUMN staff_names TEXT NOT NULL DEFAULT 'surname_title'
            CHECK (staff_names IN ('surname_title', 'surname', 'full_title'));
        ALTER TABLE councils ADD COLUMN agenda_numbering TEXT NOT NULL DEFAULT 'nested'
            CHECK (agenda_numbering IN ('nested', 'flat'));
        ALTER TABLE councils ADD COLUMN summary_questions INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE councils ADD COLUMN annual_conclusions TEXT NOT NULL DEFAULT 'item'
            CHECK (annual_conclusions IN ('item', 'session'));

        ALTER TABLE agenda_items ADD COLUMN parent_id INTEGER REFERENCES agenda_items(id);
        ALTER TABLE utterances ADD COLUMN continues INTEGER NOT NULL DEFAULT 0;

        CREATE TABLE consultation_attachments (
            consultation_id INTEGER NOT NULL REFERENCES consultations(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            name TEXT NOT NULL,
            PRIMARY KEY (consultation_id, position)
        );
        ALTER TABLE councils ADD COLUMN request_wording TEXT NOT NULL DEFAULT 'consult'
            CHECK (request_wording IN ('consult', 'opinion'));
        ALTER TABLE consultations ADD COLUMN consulted_under TEXT NOT NULL DEFAULT '';
        -- Staff kept their department in organisation, its parts split at spaces
        -- (教育部 中央図書館): it becomes their department's path; organisation stays an
        -- observer's organisation.
        UPDATE others_present SET department = (
            WITH RECURSIVE split(n, part, rest) AS (
                SELECT 0, '', trim(replace(organisation, '　', ' ')) || ' '
                UNION ALL
                SELECT n + 1, substr(rest, 1, instr(rest, ' ') - 1),
                    ltrim(substr(rest, instr(rest, ' ') + 1))
                FROM split WHERE rest <> ''
            )
            SELECT json_group_array(part) FROM (SELECT part FROM split WHERE part <> '' ORDER BY n)
        ), organisation = ''
        WHERE kind <> 'observer' AND trim(organisation) <> '';
        CREATE TEMP TABLE m009_lag AS SELECT id, session_id, sitting_id, position,
            kind IN ('previous_minutes', 'consultation', 'report') AS deliberation,
            coalesce(lag(kind IN ('previous_minutes', 'consultation', 'report')) OVER w, 0)
                AS after_deliberation,
            lag(id) OVER w AS prev_id, lag(kind) OVER w AS prev_kind
            FROM agenda_items WINDOW w AS (PARTITION BY session_id ORDER BY position, id);
        CREATE TEMP TABLE m009_items AS SELECT *, sum(deliberation AND NOT after_deliberation)
            OVER (PARTITION BY session_id ORDER BY position, id ROWS UNBOUNDED PRECEDING) AS run
            FROM m009_lag;
        CREATE TEMP TABLE m009_max AS SELECT coalesce(max(id), 0) AS id FROM agenda_items;
        CREATE TEMP TABLE m009_runs AS SELECT session_id, run, sitting_id, position, prev_id,
            prev_kind FROM m009_items WHERE deliberation AND NOT after_deliberation;
        INSERT INTO agenda_items (session_id, sitting_id, position, kind, title, public)
            SELECT session_id, sitting_id, position, 'proceedings', '議事', 1 FROM m009_runs
            WHERE prev_kind IS NOT 'proceedings' ORDER BY session_id, run;
        CREATE TEMP TABLE m009_headings AS SELECT r.session_id, r.run,
            CASE WHEN r.prev_kind = 'proceedings' THEN r.prev_id ELSE (
                SELECT min(h.id) FROM agenda_items h WHERE h.id > (SELECT id FROM m009_max)
                AND h.session_id = r.session_id AND h.position = r.position) END AS heading_id
            FROM m009_runs r;
        UPDATE agenda_items SET parent_id = (
            SELECT h.heading_id FROM m009_items i
            JOIN m009_headings h ON h.session_id = i.session_id AND h.run = i.run
            WHERE i.id = agenda_items.id)
            WHERE id IN (SELECT id FROM m009_items WHERE deliberation);
        DROP TABLE m009_lag;
        DROP TABLE m009_items;
        DROP TABLE m009_max;
        DROP TABLE m009_runs;
        DROP TABLE m009_headings;
        """,
    )


@_step
def m010_templates(db: Database) -> None:
    """The council's own templates, with their history, and which one each kind is made from.

    Every import is a new version and none is ever deleted. A council's choice per kind is a
    default's name or ``own`` (its latest own version). A confirmed record remembers the
    template it was made with, per kind (``session_templates``), so a later export prints the
    same; a session confirmed with no row for a kind was made with the kind's first default.
    """
    _script(
        db,
        """
        CREATE TABLE templates (
            id INTEGER PRIMARY KEY,
            council_id INTEGER NOT NULL REFERENCES councils(id),
            kind TEXT NOT NULL CHECK (trim(kind) <> ''),
            version INTEGER NOT NULL CHECK (version > 0),
            docx BLOB NOT NULL,
            markdown TEXT NOT NULL,
            label TEXT NOT NULL DEFAULT '',
            source TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            UNIQUE (council_id, kind, version)
        );
        CREATE TABLE template_choices (
            council_id INTEGER NOT NULL REFERENCES councils(id),
            kind TEXT NOT NULL,
            name TEXT NOT NULL CHECK (trim(name) <> ''),
            PRIMARY KEY (council_id, kind)
        );
        CREATE TABLE session_templates (
            session_id INTEGER NOT NULL REFERENCES sessions(id),
            kind TEXT NOT NULL,
            name TEXT NOT NULL CHECK (trim(name) <> ''),
            version INTEGER CHECK ((name = 'own') = (version IS NOT NULL)),
            PRIMARY KEY (session_id, kind)
        );
        """,
    )


@_step
def m011_openings_waiting(db: Database) -> None:
    """The chair's opening recorded before anyone spoke waits for the secretariat's opening."""
    _script(
        db,
        """
        CREATE TABLE openings_waiting (
            session_id INTEGER PRIMARY KEY REFERENCES sessions(id),
            utterance_id INTEGER NOT NULL
        );
        """,
    )


@_step
def m012_sitting_recordings(db: Database) -> None:
    """The audio recording of each sitting, to check the record against it.

    One row a sitting: attaching again replaces it. ``path`` is where the file lies on this PC
    (empty while only the moment the recorder started is known, marked from the live screen);
    ``started_at`` is that moment, from which a line's place in the recording is reckoned.
    """
    _script(
        db,
        """
        CREATE TABLE sitting_recordings (
            sitting_id INTEGER PRIMARY KEY REFERENCES sittings(id),
            path TEXT NOT NULL DEFAULT '',
            started_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        """,
    )


@_step
def m013_transcript_labels(db: Database) -> None:
    """How each speaker label of an imported transcript maps to the roster, per session.

    A speech-recognition service names speakers its own way (発言者1, Speaker 2); the clerk maps
    each label once, and the next file of the same session reuses it. ``becomes`` is what the
    label's lines become: a speaker's lines (who in ``speaker_kind``, ``member_id`` and
    ``speaker_label``, as a line keeps them), stage directions, or nothing (dropped). A member
    deleted from the roster takes their mappings with them.
    """
    _script(
        db,
        """
        CREATE TABLE transcript_labels (
            session_id INTEGER NOT NULL REFERENCES sessions(id),
            label TEXT NOT NULL,
            becomes TEXT NOT NULL CHECK (becomes IN ('speech', 'narration', 'drop')),
            speaker_kind TEXT,
            member_id INTEGER REFERENCES members(id) ON DELETE CASCADE,
            speaker_label TEXT NOT NULL DEFAULT '',
            updated_at TEXT NOT NULL,
            PRIMARY KEY (session_id, label),
            CHECK ((becomes = 'speech') = (speaker_kind IS NOT NULL))
        );
        """,
    )


@_step
def m014_short_term_search(db: Database) -> None:
    """One- and two-character terms found through an index, never by scanning every line.

    The trigram index cannot match a term shorter than three characters; ``utterance_grams``
    holds every character and every pair of neighbouring characters of each line's folded
    text (``grams()``, registered on every connection with ``nfkc()``), as CJK search engines
    index bigrams and unigrams. Contentless, without positions (``detail=none``): it answers
    only which lines hold a gram, which is all a one- or two-character term asks. Its rows
    are cleared by giving FTS5 the line's grams again, made from the folded text the trigram
    index keeps, so the triggers are made anew here to keep both indexes in one defined order.

    Both indexes merge their segments 16 at a time instead of 4: each Enter writes a segment to
    each, and merging at 4 put a merge inside one Enter in a hundred (the grams index doubled
    that). Lookups read a few more segments and stay well under a millisecond (bench/README.md).
    """
    _script(
        db,
        """
        CREATE VIRTUAL TABLE utterance_grams USING fts5(
            grams, content = '', detail = none, tokenize = 'ascii'
        );
        INSERT INTO utterance_grams (rowid, grams) SELECT rowid, grams(body) FROM utterance_search;
        INSERT INTO utterance_grams (utterance_grams, rank) VALUES ('automerge', 16);
        INSERT INTO utterance_search (utterance_search, rank) VALUES ('automerge', 16);
        DROP TRIGGER utterance_search_insert;
        DROP TRIGGER utterance_search_update;
        DROP TRIGGER utterance_search_delete;
        """,
    )
    # One statement each: the triggers' bodies hold statement ends that _script would split.
    db.execute(
        """
        CREATE TRIGGER utterance_search_insert AFTER INSERT ON utterances BEGIN
            INSERT INTO utterance_search (rowid, body) VALUES (new.id, nfkc(new.text));
            INSERT INTO utterance_grams (rowid, grams) VALUES (new.id, grams(nfkc(new.text)));
        END
        """
    )
    db.execute(
        """
        CREATE TRIGGER utterance_search_update AFTER UPDATE OF text ON utterances BEGIN
            INSERT INTO utterance_grams (utterance_grams, rowid, grams)
                SELECT 'delete', rowid, grams(body) FROM utterance_search WHERE rowid = old.id;
            UPDATE utterance_search SET body = nfkc(new.text) WHERE rowid = new.id;
            INSERT INTO utterance_grams (rowid, grams) VALUES (new.id, grams(nfkc(new.text)));
        END
        """
    )
    db.execute(
        """
        CREATE TRIGGER utterance_search_delete AFTER DELETE ON utterances BEGIN
            INSERT INTO utterance_grams (utterance_grams, rowid, grams)
                SELECT 'delete', rowid, grams(body) FROM utterance_search WHERE rowid = old.id;
            DELETE FROM utterance_search WHERE rowid = old.id;
        END
        """
    )


def _script(db: Database, script: str) -> None:
    """Run DDL statement by statement: ``executescript`` would commit the open transaction."""
    for statement in script.split(";\n"):
        if statement.strip():
            db.execute(statement)


SCHEMA_VERSION = len(_STEPS)
"""The newest schema this code knows; a database with a higher version is refused."""

MIGRATION_NAMES: tuple[str, ...] = tuple(_STEPS)
