#!/usr/bin/env bash
# The long reliability runs (not in CI): 1,000 SIGKILLs of the typist, 100 of an export and of
# a migration, a ten-minute clerk-and-chair run. Prints the counts. About 25 minutes.
set -euo pipefail
cd "$(dirname "$0")/.."
MEETING_LONG=1 python -m pytest -s -p no:cacheprovider -m "long or not long" tests/test_reliability.py
