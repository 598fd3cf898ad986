"""`python -m quiz`, driven in-process through main() so the same tests run inside Pyodide."""

from __future__ import annotations

import io
import json
import runpy
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from quiz import encode_answers, encode_team_code, load_quiz, open_code, score, team_map
from quiz._bridge import dumps
from quiz._cli import main
from quiz._load import parse

from .helpers import middle
from .test_data import raw

V1 = json.loads((Path(__file__).parent / "fixtures" / "v1_codes.json").read_text("utf-8"))["codes"]

QUIZ = load_quiz()


class Run:
    def __init__(
        self, argv: list[str], typed: str = "", stdin: io.TextIOBase | None = None
    ) -> None:
        self.stdout, self.stderr = io.StringIO(), io.StringIO()
        self.status = main(
            argv, stdin=stdin or io.StringIO(typed), stdout=self.stdout, stderr=self.stderr
        )
        self.out, self.err = self.stdout.getvalue(), self.stderr.getvalue()


def keys_for(answers: dict[str, str]) -> list[str]:
    """What a person types: the 1-based number of each chosen option, in question order."""
    typed = []
    for question in QUIZ.questions:
        ids = [o.id for o in question.options]
        typed.append(str(ids.index(answers[question.id]) + 1))
    return typed


def test_the_interactive_quiz_asks_everything_and_shows_the_result() -> None:
    answers = middle()
    run = Run([], "\n".join(keys_for(answers)) + "\n")
    assert run.status == 0, run.err
    total = len(QUIZ.questions)
    for number in (1, 3, total):
        assert f"Question {number} of {total}" in run.out
    texts = QUIZ.texts
    assert texts["result_heading"] in run.out
    code = encode_answers(answers)
    assert f"{texts['share_code']}: {code}" in run.out
    assert f"{texts['team_code']}: {encode_team_code(answers)}" in run.out
    result = score(answers).to_dict()
    for part in ("style", "days", "control", "identity"):
        assert result[part]["label"] in run.out
    for key in ("style_heading", "days_heading", "flags_heading", "why_heading", "why_intro"):
        assert texts[key].split()[0] in run.out
    assert texts["flags_empty"] in run.out
    assert "not a clinical test" in run.out
    assert run.err == ""


def test_the_result_words_come_from_the_texts(monkeypatch: pytest.MonkeyPatch) -> None:
    """A heading changed in quiz.toml's texts changes the command line's output."""
    data = raw()
    data["texts"]["flags_heading"] = "Watch out for"
    changed = parse(data)
    monkeypatch.setattr("quiz._cli.load_default", lambda: changed)
    run = Run(["--code", encode_answers(middle())])
    assert "Watch out for" in run.out
    assert "Things to watch" not in run.out


def test_support_comes_first_for_high_strain() -> None:
    answers = {**middle()}
    for question in QUIZ.scale("strain").questions:
        answers[question.id] = next(o.id for o in question.options if o.points == 4)
    run = Run(["--code", encode_answers(answers)])
    out = run.out
    assert QUIZ.texts["support_heading"] in out
    assert out.index(QUIZ.texts["support_heading"]) < out.index(QUIZ.texts["style_heading"])
    assert QUIZ.texts["support_fallback"].split(",")[0] in out


@pytest.mark.parametrize("entry", V1[:3], ids=[e["label"] for e in V1[:3]])
def test_a_version_1_code_says_the_quiz_changed_and_asks_only_the_new_questions(
    entry: dict[str, object],
) -> None:
    opened = open_code(entry["code"])
    asked = [q for q in QUIZ.questions if q.id in opened.unanswered]
    run = Run(["--code", str(entry["code"])], "1\n" * len(asked))
    assert run.status == 0, run.err
    assert run.out.startswith("The quiz has changed")
    assert f"Question {len(asked)} of {len(asked)}" in run.out
    assert f"Question {len(asked) + 1} " not in run.out
    for question in QUIZ.questions:
        if question.id in opened.answers:
            assert f"\n{question.text}\n" not in run.out.replace("\n", "\n", 1)
    answers = {**opened.answers, **{q.id: q.options[0].id for q in asked}}
    assert f"{QUIZ.texts['share_code']}: {encode_answers(answers)}" in run.out


def test_invalid_input_is_asked_again() -> None:
    typed = keys_for(middle())
    first_options = len(QUIZ.questions[0].options)
    run = Run([], "\n".join(["", "0", "x", str(first_options + 1), *typed]) + "\n")
    assert run.status == 0, run.err
    assert run.out.count(f"Please type a number from 1 to {first_options}.") == 4
    assert run.out.count(f"Question 1 of {len(QUIZ.questions)}") == 1


def test_interactive_json_output() -> None:
    run = Run(["--json"], "\n".join(keys_for(middle())) + "\n")
    assert run.status == 0
    assert run.out == dumps(score(middle()).to_dict()) + "\n"
    assert f"Question 1 of {len(QUIZ.questions)}" in run.err


def test_input_that_ends_early_is_bad_input() -> None:
    run = Run([], "1\n2\n")
    assert run.status == 2
    assert run.err == "quiz: error: the input ended before question 3 was answered\n"


class Interrupting(io.StringIO):
    """Stands in for a terminal where the person presses Ctrl-C at the second question."""

    def __init__(self) -> None:
        super().__init__()
        self.calls = 0

    def readline(self, size: int | None = -1) -> str:
        self.calls += 1
        if self.calls == 2:
            raise KeyboardInterrupt
        return "1\n"


def test_ctrl_c_exits_cleanly_with_130() -> None:
    run = Run([], stdin=Interrupting())
    assert run.status == 130
    assert "Traceback" not in run.err
    assert run.err.strip() == "quiz: stopped; nothing was saved."


def test_score_a_code() -> None:
    code = encode_answers(middle())
    run = Run(["--code", code])
    assert run.status == 0
    assert QUIZ.texts["result_heading"] in run.out
    assert f"{QUIZ.texts['share_code']}: {code}" in run.out
    assert "Question 1" not in run.out
    assert "The quiz has changed" not in run.out


def test_score_a_code_as_json() -> None:
    code = encode_answers(middle())
    run = Run(["--code", code, "--json"])
    assert run.status == 0
    assert json.loads(run.out) == score(middle()).to_dict()


@pytest.mark.parametrize(
    ("argv", "reason"),
    [
        (["--code", "1AAAA"], "does not check out"),
        (["--code", "9xyz"], "not a known code version"),
        (["--code", encode_answers({"rhythm": "steady"})], "input ended before question 1"),
        (["--code", encode_team_code(middle())], "this is a team code"),
        (["--code"], "expected one argument"),
        (["--colour"], "unrecognized arguments: --colour"),
        (["team"], "give at least one team code"),
        (["team", "junk", "1AAAA"], "none of the 2 codes is a team code"),
    ],
)
def test_bad_input_exits_2_with_one_line(argv: list[str], reason: str) -> None:
    run = Run(argv)
    assert run.status == 2
    last = run.err.splitlines()[-1]
    assert last.startswith("quiz: error: ")
    assert reason in last
    if argv[0] != "team":
        assert len(run.err.splitlines()) == 1


def test_help() -> None:
    run = Run(["--help"])
    assert run.status == 0
    assert "--code" in run.out
    run = Run(["team", "--help"])
    assert run.status == 0
    assert "FILE.svg" in run.out


def test_team_writes_the_svg_and_reports_bad_codes(tmp_path: Path) -> None:
    good = [encode_team_code(middle()), encode_team_code({**middle(), "caregiving": "daily"})]
    share = encode_answers(middle())
    given = [good[0], "oops", good[1], good[0], share]
    target = tmp_path / "team.svg"
    run = Run(["team", *given, "-o", str(target)])
    assert run.status == 0
    svg = target.read_text(encoding="utf-8")
    assert svg == team_map(given).svg + "\n"
    assert ET.fromstring(svg).get("role") == "img"
    lines = run.err.splitlines()
    assert lines[0] == "code 2 (oops): a team code starts with 'T1'; this one does not"
    assert lines[1].startswith(f"code 5 ({share}): this is a share code")
    assert len(lines) == 2
    assert "Wrote the team map of 3 codes" in run.out
    assert QUIZ.texts["team_spread_heading"] in run.out


def test_team_prints_the_svg_or_json_without_a_file() -> None:
    code = encode_team_code(middle())
    run = Run(["team", code])
    assert run.status == 0
    assert run.out.endswith(team_map([code]).svg + "\n")
    assert QUIZ.texts["team_too_few"].format(min=3) in run.out
    run = Run(["team", code, "--json"])
    assert json.loads(run.out) == team_map([code]).to_dict()


def test_team_reports_an_unwritable_file(tmp_path: Path) -> None:
    run = Run(["team", encode_team_code(middle()), "-o", str(tmp_path / "missing" / "map.svg")])
    assert run.status == 2
    assert run.err.startswith("quiz: error: cannot write ")


def test_python_dash_m_quiz_runs_main(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "argv", ["quiz", "--code", encode_answers(middle()), "--json"])
    with pytest.raises(SystemExit) as stopped:
        runpy.run_module("quiz", run_name="__main__")
    assert stopped.value.code == 0
    assert json.loads(capsys.readouterr().out)["scores"]["preference-wl"] == 50


def test_python_dash_m_quiz_ctrl_c(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "argv", ["quiz"])
    monkeypatch.setattr(sys, "stdin", Interrupting())
    with pytest.raises(SystemExit) as stopped:
        runpy.run_module("quiz", run_name="__main__")
    assert stopped.value.code == 130
    assert "Traceback" not in capsys.readouterr().err
