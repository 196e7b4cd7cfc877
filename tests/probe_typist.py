"""Take lines through the live record's own calls, as fast as they come (for the crash tests).

Usage: python probe_typist.py DB SESSION_ID START. Prints RESTORED and the draft found, then
for i = START, START+1, …: saves the line as a draft (as typing does), prints DRAFT i, keeps
it (as Enter does), prints ENTERED i — until the test kills it with SIGKILL.
"""

import sys

from meeting.clock import system_clock
from meeting.db import open_database
from minutes.model import SpeakerKind
from minutes.speakers import Speaker
from minutes.utterances import Draft, enter_line, load_draft, save_draft

PHRASE = "第{i}行目の発言です。個人情報の取扱いについて確認します。"


def main(path: str, session_id: int, start: int) -> None:
    db = open_database(path)
    draft = load_draft(db, session_id)
    print(f"RESTORED {draft.text if draft else ''}", flush=True)
    speaker = Speaker(SpeakerKind.SECRETARIAT)
    i = start
    while True:
        text = PHRASE.format(i=i)
        now = system_clock()
        save_draft(db, session_id, Draft(text, None, speaker), at=now)
        print(f"DRAFT {i}", flush=True)
        enter_line(db, session_id, text, at=now, agenda_item_id=None, speaker=speaker)
        print(f"ENTERED {i}", flush=True)
        i += 1


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]))
