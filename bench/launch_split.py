"""Where launch time goes, in one process: imports, then the bare app's and ours to first paint.

Usage: python bench/launch_split.py ARCHIVE
"""

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

t0 = time.perf_counter()
import textual.app  # noqa: E402, F401

t1 = time.perf_counter()
import sqlite_utils  # noqa: E402, F401

import meeting.app  # noqa: E402, F401
import meeting.screens.home  # noqa: E402, F401

t2 = time.perf_counter()
import launch_probe  # noqa: E402

print(f"import textual {t1 - t0:.3f} s; sqlite-utils and meeting {t2 - t1:.3f} s")
started = time.perf_counter()
launch_probe.bare()
print(f"bare app to first paint {time.perf_counter() - started:.3f} s")
started = time.perf_counter()
launch_probe.meeting(sys.argv[1])
print(f"meeting to first paint {time.perf_counter() - started:.3f} s")
