"""Flag British forms in the guide's text: the site is written in American English.

    python scripts/check_american.py [PATH ...]   # default: docs/, data/, README.md

codespell (make lint) already catches British spellings such as "behaviour" or "organise";
this check adds the words and phrases it does not know: "fortnight", "at weekends",
"one-to-one", "school run", "whilst" and the like. Each hit is printed as
``file:line: 'found' -> use 'suggestion'``, and the exit status is 1 if there is any.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_PATHS = ("docs", "data", "README.md")
SUFFIXES = {".md", ".yml", ".yaml", ".j2"}

# British form (a regular expression, matched case-insensitively on word boundaries) -> the
# American form to use instead.
BRITISH: dict[str, str] = {
    r"fortnights?": "two weeks",
    r"fortnightly": "every two weeks",
    r"at (?:the )?weekends?": "on weekends / on the weekend",
    r"one-to-ones?": "one-on-one",
    r"school[- ]runs?": "school pickup / drop-off",
    r"whilst": "while",
    r"amongst": "among",
    r"learnt": "learned",
    r"towards": "toward",
    r"afterwards": "afterward",
    r"holidays?(?= from work| at work| off)": "vacation",
    r"annual leave": "vacation / paid time off",
    r"carers?": "caregiver",
    r"colleague's leaving do": "farewell party",
    r"mobile phones?": "cell phone / phone",
    r"flat(?:mates?|share)": "roommate / apartment",
    r"queue(?:s|d)?": "line",
    r"timetabled": "scheduled",
    r"rotas?": "schedule",
    r"in hospital": "in the hospital",
    r"practise[sd]?|practising": "practice (the verb too)",
    r"\w+isations?": "-ization",
    r"(?:organ|real|recogn|priorit|minim|maxim|emphas|apolog|util|summar|categor|special)"
    r"is(?:e|es|ed|ing)": "-ize",
    r"(?:behavi|col|fav|hon|lab|neighb|harb|rum|hum|endeav|flav)our(?:s|ed|ing|ite|ites|able)?": (
        "-or"
    ),
    r"centre[sd]?": "center",
    r"programmes?": "program",
    r"judgement": "judgment",
    r"cheque": "check",
    r"enrol(?:s|ment)?": "enroll",
    r"licence": "license",
    r"defence": "defense",
    r"travell(?:ed|ing|er)": "traveled / traveling / traveler",
    r"cancell(?:ed|ing)": "canceled / canceling",
}
# Words the patterns above would catch but that are fine: names, quoted titles, technical terms.
ALLOWED = {"colleagues", "colleague"}
PATTERN = re.compile(
    "|".join(f"(?P<p{i}>\\b(?:{p})\\b)" for i, p in enumerate(BRITISH)), re.IGNORECASE
)
SUGGESTIONS = list(BRITISH.values())


def files(paths: Iterable[Path]) -> Iterator[Path]:
    for path in paths:
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.suffix in SUFFIXES)
        elif path.is_file():
            yield path


def problems(text: str) -> Iterator[tuple[int, str, str]]:
    """(line number, British form found, American form to use) for each hit in ``text``."""
    for number, line in enumerate(text.splitlines(), start=1):
        for match in PATTERN.finditer(line):
            if match.group(0).lower() in ALLOWED:
                continue
            group = next(name for name, value in match.groupdict().items() if value)
            yield number, match.group(0), SUGGESTIONS[int(group[1:])]


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    paths = [Path(a) for a in args] or [REPO_ROOT / p for p in DEFAULT_PATHS]
    found = 0
    for path in files(paths):
        for number, word, use in problems(path.read_text(encoding="utf-8")):
            shown = path.relative_to(REPO_ROOT) if path.is_relative_to(REPO_ROOT) else path
            print(f"{shown}:{number}: {word!r} -> use {use!r}")
            found += 1
    if found:
        print(f"{found} British form(s); the guide is written in American English", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
