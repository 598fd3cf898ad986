"""The terminal quiz: `python -m quiz`, `python -m quiz --code CODE [--json]`, and
`python -m quiz team TEAMCODE... [-o FILE.svg] [--json]`.

Every word of a result comes from the result dictionary (quiz.toml's texts), as in the browser.
main() takes its streams as arguments so tests can drive it in-process (Pyodide has no
subprocesses). Exit status: 0 done, 2 bad input (one line on stderr), 130 stopped with Ctrl-C.
"""

from __future__ import annotations

import argparse
import sys
import textwrap
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

from quiz._bridge import dumps
from quiz._codes import encode, open_code, team_code
from quiz._errors import QuizError
from quiz._load import load_default
from quiz._model import Question, Quiz
from quiz._scoring import score_answers

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
        "Answer the questions, or open a share code (an older code asks only the new questions).",
        add_help=False,
    )
    main.add_argument("-h", "--help", action="store_true", help="show this help and exit")
    main.add_argument("--code", help="open this share code instead of asking every question")
    main.add_argument("--json", action="store_true", help="print the result as JSON")
    team = _Parser(
        prog="python -m quiz team",
        description="Draw a team map from team codes (not share codes): the group's spread, and "
        "once three people are on it, everyone's position, sorted by value and without names.",
        add_help=False,
    )
    team.add_argument("-h", "--help", action="store_true", help="show this help and exit")
    team.add_argument("codes", nargs="*", metavar="TEAMCODE", help="team codes, one per member")
    team.add_argument("-o", "--output", metavar="FILE.svg", help="write the map to this file")
    team.add_argument("--json", action="store_true", help="print the map as JSON")
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
        # With --json the questions go to stderr, so stdout holds nothing but the JSON.
        talk = err if options.json else out
        if options.code is not None:
            opened = open_code(quiz, options.code)
            answers = dict(opened.answers)
            if opened.note is not None:
                talk.write(_wrap(opened.note) + "\n")
            if opened.unanswered:
                if opened.note is None:
                    talk.write(f"{len(opened.unanswered)} questions are not answered yet.\n")
                talk.write(f"\n{quiz.texts['new_questions']}\n")
                answers.update(_ask(quiz, ins, talk, only=opened.unanswered, intro=False))
        else:
            answers = _ask(quiz, ins, talk)
        result = score_answers(quiz, answers)
        if options.json:
            out.write(dumps(result.to_dict()) + "\n")
        else:
            _report(result.to_dict(), encode(quiz, answers), team_code(quiz, answers), out)
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


def _ask(
    quiz: Quiz,
    ins: TextIO,
    out: TextIO,
    *,
    only: Sequence[str] | None = None,
    intro: bool = True,
) -> dict[str, str]:
    if intro:
        out.write(f"{quiz.title}\n\n{_wrap(quiz.disclaimer)}\n\n")
    out.write("Type the number of your answer and press Enter. Press Ctrl-C to stop.\n")
    answers: dict[str, str] = {}
    asked = [(s, q) for s in quiz.sections for q in s.questions if only is None or q.id in only]
    shown = None
    for index, (section, question) in enumerate(asked, start=1):
        if section is not shown:
            out.write(f"\n== {section.title} ==\n{_wrap(section.intro)}\n")
            shown = section
        answers[question.id] = _ask_one(question, index, len(asked), ins, out)
    return answers


def _bar(value: int) -> str:
    filled = value * BAR // 100
    return "[" + "#" * filled + "." * (BAR - filled) + "]"


def _effect(value: int | float) -> str:
    return f"+{value}" if value > 0 else str(value)


def _heading(text: str) -> list[str]:
    return ["", text, "-" * len(text)]


def _report(result: dict[str, Any], code: str, team: str, out: TextIO) -> None:
    texts: dict[str, str] = result["texts"]
    unit = texts["of_100"]
    lines = ["", texts["result_heading"], "=" * len(texts["result_heading"])]
    if result["support"] is not None:
        lines += _heading(texts["support_heading"])
        lines += [_wrap(result["support"]["text"]), _wrap(texts["support_fallback"])]
    style, days = result["style"], result["days"]
    lines += _heading(texts["style_heading"])
    lines += [_wrap(f"{style['label']}. {style['text']}"), _wrap(style["basis"], "  ")]
    if result["cycling"] is not None:
        cycling = result["cycling"]
        lines += _heading(texts["cycling_heading"])
        lines.append(_wrap(f"{cycling['label']}. {cycling['text']}"))
    lines += _heading(texts["days_heading"])
    lines += [_wrap(f"{days['label']}. {days['text']}"), _wrap(days["basis"], "  ")]
    fit = result["fit"]
    lines += _heading(f"{texts['fit_heading']}: {fit['label']}")
    for d in fit["directions"]:
        lines.append(_wrap(f"{d['direction_label'].capitalize()}: {d['label']}. {d['text']}"))
    for key in ("control", "identity"):
        part = result[key]
        lines += _heading(texts[f"{key}_heading"])
        lines.append(_wrap(f"{part['label']}. {part['text']}"))
    lines += _heading(texts["flags_heading"])
    if result["flags"]:
        lines += [_wrap(f"{f['label']}: {f['reason']}", "  - ", "    ") for f in result["flags"]]
    else:
        lines.append(_wrap(texts["flags_empty"], "  "))
    lines += _heading(texts["recommendations_heading"])
    if result["recommendations"]:
        lines.append(_wrap(texts["recommendations_intro"]))
    else:
        lines.append(_wrap(texts["recommendations_empty"], "  "))
    for group in result["recommendations"]:
        lines.append(f"  {group['label']}")
        for item in group["items"]:
            lines.append(_wrap(f"{item['slug']}: {item['reason']}", "    - ", "      "))
    lines += [_wrap(note["text"], "  ") for note in result["notes"]]
    lines += _heading(texts["why_heading"])
    lines.append(_wrap(texts["why_intro"]))
    for scale in result["scales"]:
        name = scale["label"]
        if scale["direction_label"]:
            name += f" ({scale['direction_label']})"
        lines.append("")
        lines.append(f"  {name}: {scale['score']} {unit}  {_bar(scale['score'])}")
        lines.append(_wrap(scale["summary"], "  "))
        for why in scale["why"]:
            asked = textwrap.shorten(why["question_text"], 48, placeholder="...")
            lines.append(
                _wrap(
                    f"{_effect(why['effect']):>6}  {asked} {texts['you_answered']}: "
                    f"{why['option_text']}",
                    "    ",
                    "            ",
                )
            )
    lines += [
        "",
        f"{texts['share_code']}: {code}",
        f"{texts['again']}: python -m quiz --code {code}",
        f"{texts['team_code']}: {team}",
        "",
        _wrap(result["disclaimer"]),
    ]
    out.write("\n".join(lines) + "\n")


def _team(
    quiz: Quiz, codes: list[str], output: str | None, as_json: bool, out: TextIO, err: TextIO
) -> int:
    from quiz._team import build  # on first use, as in the browser

    if not codes:
        raise QuizError("give at least one team code after 'team'")
    team = build(quiz, codes)
    for error in team.errors:
        err.write(f"code {error.position} ({error.code}): {error.reason}\n")
    if not team.entries:
        raise QuizError(f"none of the {len(codes)} codes is a team code that can be plotted")
    if output is not None:
        try:
            Path(output).write_text(team.svg + "\n", encoding="utf-8")
        except OSError as exc:
            raise QuizError(f"cannot write {output}: {exc.strerror}") from None
    data = team.to_dict()
    if as_json:
        out.write(dumps(data) + "\n")
        return 0
    lines = [quiz.texts["team_spread_heading"]]
    if data["note"]:
        lines.append(_wrap(data["note"]))
    for d in data["spread"]:
        counts = ", ".join(f"{f['label'].lower()}: {f['count']}" for f in d["fit"])
        pref = d["preference"]
        lines.append(
            _wrap(
                f"{d['direction_label'].capitalize()}: want {pref['low']} to {pref['high']} "
                f"(median {pref['median']}); {counts}",
                "  ",
                "    ",
            )
        )
    if output is None:
        lines.append(team.svg)
    else:
        lines.append(f"Wrote the team map of {data['count']} codes to {output}")
    out.write("\n".join(lines) + "\n")
    return 0
