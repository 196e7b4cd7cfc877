import sys

from meeting.entry.cli import main

sys.exit(main())
