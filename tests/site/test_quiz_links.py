"""The quiz recommends only guide items that exist and cites only sources that exist: the build
checks it (macros/quiz_docs.py), and fails naming the slug when it does not hold."""

from __future__ import annotations

import dataclasses

import pytest

from macros.context import BuildContext
from macros.quiz_docs import QuizDocs, QuizDocsError

CTX = BuildContext.for_page("quiz/how-scoring-works.md")


def test_the_quiz_and_the_guide_agree() -> None:
    QuizDocs(CTX)  # raises on any unknown slug


def test_the_quiz_can_point_to_every_practice_and_policy() -> None:
    assert {item.slug for _kind, item in CTX.guide.recommendable()} == set(CTX.quiz.catalog)


@pytest.mark.parametrize("slug", ["nap-pods", "intentional-technology"], ids=["unknown", "old"])
def test_recommending_an_item_the_guide_does_not_have_fails_the_build(slug: str) -> None:
    entry = dataclasses.replace(next(iter(CTX.quiz.catalog.values())), slug=slug)
    quiz = dataclasses.replace(CTX.quiz, catalog={**CTX.quiz.catalog, slug: entry})
    with pytest.raises(QuizDocsError, match=f"'{slug}'"):
        QuizDocs(dataclasses.replace(CTX, quiz=quiz))


def test_citing_a_source_the_guide_does_not_have_fails_the_build() -> None:
    flag = dataclasses.replace(CTX.quiz.flags[0], sources=("hbr-2023-not-here",))
    quiz = dataclasses.replace(CTX.quiz, flags=(flag, *CTX.quiz.flags[1:]))
    with pytest.raises(QuizDocsError, match="'hbr-2023-not-here'"):
        QuizDocs(dataclasses.replace(CTX, quiz=quiz))
