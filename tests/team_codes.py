"""Team codes and SVG reading for the team map tests (command line and browser)."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from quiz import encode_team_code, load_quiz

SVG = "{http://www.w3.org/2000/svg}"


def sample_codes(count: int) -> list[str]:
    """Distinct valid team codes: every question answered, the choices rotated per person."""
    quiz = load_quiz()
    codes: list[str] = []
    person = 0
    while len(codes) < count:
        answers: dict[str, str] = {}
        for section in quiz.sections:
            for number, question in enumerate(section.questions):
                options = question.options
                answers[str(question.id)] = str(options[(person + number) % len(options)].id)
        code = encode_team_code(answers)
        if code not in codes:
            codes.append(code)
        person += 1
        assert person < 50, "sample answers collided; vary them differently"
    return codes


def tampered(code: str) -> str:
    """The code with its last character changed, as a copy-paste slip would."""
    return code[:-1] + ("A" if code[-1] != "A" else "B")


def plotted(svg_text: str) -> int:
    """Member marks: the numbered labels in the SVG's last group (the dots layer)."""
    root = ET.fromstring(svg_text)
    return len(root.findall(f"{SVG}g")[-1].findall(f"{SVG}text"))
