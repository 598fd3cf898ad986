"""The terminal quiz: `python -m quiz`, `python -m quiz --code CODE [--json]`, and
`python -m quiz team CODE... [-o FILE.svg] [--json]`.

main() takes its streams as arguments so tests can drive it in-process (Pyodide has no
subprocesses). Exit status: 0 done, 2 bad input (one line on stderr), 130 stopped with Ctrl-C.
"""

from __future__ import annotations

import argparse
import sys
import textwrap
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from quiz._bridge import dumps
from quiz._codes import decode, encode
from quiz._errors import QuizError
from quiz._load import load_default
from quiz._model import Question, Quiz
from quiz._scoring import Result, score_answers
from quiz._team import build

WIDTH = 78
BAR = 30


class _UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise _UsageError(message)


def _parsers() -> tuple[_Parser, _Parser]:
    main = _Parser(
        prog="python -m quiz",
        description="Where do you stand between work-life balance and integration? "
        "Answer the questions, or score a share code.",
        add_help=False,
    )
    main.add_argument("-h", "--help", action="store_true", help="show this help and exit")
    main.add_argument("--code", help="score this share code instead of asking the questions")
    main.add_argument("--json", action="store_true", help="print the result as JSON")
    team = _Parser(
        prog="python -m quiz team",
        description="Plot a team's share codes: what each member wants against what their "
        "work allows. No names; bad or duplicate codes are reported one per line on stderr.",
        add_help=False,
    )
    team.add_argument("-h", "--help", action="store_true", help="show this help and exit")
    team.add_argument("codes", nargs="*", metavar="CODE", help="share codes, one per member")
    team.add_argument("-o", "--output", metavar="FILE.svg", help="write the map to this file")
    team.add_argument("--json", action="store_true", help="print members, errors and SVG as JSON")
    return main, team


def main(
    argv: Sequence[str] | None = None,
    *,
    stdin: TextIO | None = None,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    ins = stdin if stdin is not None else sys.stdin
    out = stdout if stdout is not None else sys.stdout
    err = stderr if stderr is not None else sys.stderr
    main_parser, team_parser = _parsers()
    try:
        if args and args[0] == "team":
            options = team_parser.parse_args(args[1:])
            if options.help:
                out.write(team_parser.format_help())
                return 0
            return _team(load_default(), options.codes, options.output, options.json, out, err)
        options = main_parser.parse_args(args)
        if options.help:
            out.write(main_parser.format_help())
            return 0
        quiz = load_default()
        if options.code is not None:
            answers = decode(quiz, options.code)
        else:
            # With --json the questions go to stderr, so stdout holds nothing but the JSON.
            answers = _ask(quiz, ins, err if options.json else out)
        result = score_answers(quiz, answers)
        if options.json:
            out.write(dumps(result.to_dict()) + "\n")
        else:
            _report(quiz, result, answers, encode(quiz, answers), out)
        return 0
    except _UsageError as exc:
        err.write(f"quiz: error: {exc} (try: python -m quiz --help)\n")
        return 2
    except QuizError as exc:
        err.write(f"quiz: error: {exc}\n")
        return 2
    except KeyboardInterrupt:
        err.write("\nquiz: stopped; nothing was saved.\n")
        return 130


def _wrap(text: str, first: str = "", rest: str | None = None) -> str:
    return textwrap.fill(
        text, WIDTH, initial_indent=first, subsequent_indent=first if rest is None else rest
    )


def _ask_one(question: Question, index: int, total: int, ins: TextIO, out: TextIO) -> str:
    out.write(f"\nQuestion {index} of {total}\n{_wrap(question.text)}\n")
    for number, option in enumerate(question.options, start=1):
        out.write(_wrap(option.text, f"  {number}. ", "     ") + "\n")
    count = len(question.options)
    while True:
        out.write(f"Your answer (1-{count}): ")
        out.flush()
        line = ins.readline()
        if not line:
            raise QuizError(f"the input ended before question {index} was answered")
        choice = line.strip()
        if choice.isdigit() and 1 <= int(choice) <= count:
            return question.options[int(choice) - 1].id
        out.write(f"Please type a number from 1 to {count}.\n")


def _ask(quiz: Quiz, ins: TextIO, out: TextIO) -> dict[str, str]:
    out.write(f"{quiz.title}\n\n{_wrap(quiz.disclaimer)}\n\n")
    out.write("Type the number of your answer and press Enter. Press Ctrl-C to stop.\n")
    answers: dict[str, str] = {}
    total = len(quiz.questions)
    for section in quiz.sections:
        out.write(f"\n== {section.title} ==\n{_wrap(section.intro)}\n")
        for question in section.questions:
            answers[question.id] = _ask_one(question, question.number, total, ins, out)
    return answers


def _bar(value: int) -> str:
    filled = value * BAR // 100
    return "[" + "#" * filled + "." * (BAR - filled) + "]"


def _effect(value: int | float) -> str:
    return f"+{value}" if value > 0 else str(value)


def _report(quiz: Quiz, result: Result, answers: dict[str, str], code: str, out: TextIO) -> None:
    lines = [
        "",
        "Your result",
        "===========",
        "0 = keep work and personal life apart, 100 = blend them fully.",
        f"  What you want     {_bar(result.preference)} {result.preference:>3}",
        f"  How your days go  {_bar(result.behavior)} {result.behavior:>3}",
        "",
    ]
    for title, part in (
        (quiz.style.label, result.style),
        (quiz.profile.label, result.profile),
        (quiz.fit.label, result.fit),
    ):
        lines.append(_wrap(f"{title}: {part.label}. {part.text}"))
    lines += ["", "Things to watch"]
    if result.flags:
        lines += [_wrap(f"{f.label}: {f.reason}", "  - ", "    ") for f in result.flags]
    else:
        lines.append("  Nothing in your answers calls for a warning.")
    lines += ["", "What to try (see the guide's sections with these names)"]
    for group in result.recommendations:
        lines.append(f"  {group.label}")
        for item in group.items:
            text = f"{item.slug} ({item.kind}): {item.reason}"
            lines.append(_wrap(text, "    - ", "      "))
    lines += ["", "Why this result"]
    for sub in result.subscales:
        lines.append(f"  {sub.label}: {sub.score} of 100. {sub.summary}")
        for why in sub.why:
            question = quiz.question(why.question)
            assert question is not None
            option = question.option(why.option)
            assert option is not None
            asked = textwrap.shorten(question.text, 44, placeholder="...")
            lines.append(
                f"    Q{question.number:<3}{_effect(why.effect):>6}  {asked} {option.text}"
            )
    lines += [
        "",
        f"Share code: {code}",
        f"See this result again with: python -m quiz --code {code}",
        "",
        _wrap(quiz.disclaimer),
    ]
    out.write("\n".join(lines) + "\n")


def _team(
    quiz: Quiz, codes: list[str], output: str | None, as_json: bool, out: TextIO, err: TextIO
) -> int:
    if not codes:
        raise QuizError("give at least one share code after 'team'")
    team = build(quiz, codes)
    for error in team.errors:
        err.write(f"code {error.position} ({error.code}): {error.reason}\n")
    if not team.members:
        raise QuizError(f"none of the {len(codes)} codes could be plotted")
    if output is not None:
        try:
            Path(output).write_text(team.svg + "\n", encoding="utf-8")
        except OSError as exc:
            raise QuizError(f"cannot write {output}: {exc.strerror}") from None
    if as_json:
        out.write(dumps(team.to_dict()) + "\n")
    elif output is None:
        out.write(team.svg + "\n")
    else:
        count = len(team.members)
        out.write(f"Wrote the team map of {count} member{'s' * (count != 1)} to {output}\n")
    return 0
