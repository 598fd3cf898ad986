"""Benchmark of the quiz engine: the time of one score() call and the size of its wheel.

    python scripts/bench_quiz.py [--calls N] [--json]

Reports the median of many timed calls (each timing averages a batch, so timer resolution does
not matter), and builds the wheel with flit_core into a temporary directory, exactly as the site
build does. Targets: well under 1 ms per call in CPython, a wheel under 50 KB. Not a test: timings
depend on the machine, so nothing here passes or fails.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import timeit
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))

from quiz import decode_answers, encode_answers, load_quiz, score  # noqa: E402
from quiz._bridge import handle  # noqa: E402

TARGET_MS = 1.0
TARGET_KB = 50


def answer_sets(count: int) -> list[dict[str, str]]:
    rng = random.Random(1)
    quiz = load_quiz()
    return [{q.id: rng.choice(q.options).id for q in quiz.questions} for _ in range(count)]


def per_call_ms(func: object, batch: int, repeats: int) -> float:
    """Median time of one call, in milliseconds."""
    timer = timeit.Timer(func)  # type: ignore[arg-type]
    return statistics.median(t / batch for t in timer.repeat(repeat=repeats, number=batch)) * 1000


def wheel_size() -> tuple[str, int]:
    from flit_core import buildapi

    here = Path.cwd()
    with tempfile.TemporaryDirectory() as tmp:
        os.chdir(REPO_ROOT)  # flit_core reads pyproject.toml from the working directory
        try:
            name = buildapi.build_wheel(tmp)
        finally:
            os.chdir(here)
        return name, (Path(tmp) / name).stat().st_size


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--calls", type=int, default=200, help="calls per timing (default 200)")
    parser.add_argument("--repeats", type=int, default=25, help="timings to take the median of")
    parser.add_argument("--json", action="store_true", help="print the numbers as JSON")
    options = parser.parse_args()

    load_quiz()  # reading quiz.toml happens once, at load time: keep it out of the timing
    sets = answer_sets(50)
    cycle = iter(range(10**12))

    def one_score() -> None:
        score(sets[next(cycle) % len(sets)])

    def one_round_trip() -> None:
        answers = sets[next(cycle) % len(sets)]
        handle(json.dumps({"op": "score", "args": {"answers": answers}}))

    code = encode_answers(sets[0])
    numbers = {
        "python": sys.version.split()[0],
        "questions": len(load_quiz().questions),
        "score_ms": per_call_ms(one_score, options.calls, options.repeats),
        "score_to_dict_ms": per_call_ms(
            lambda: score(sets[next(cycle) % len(sets)]).to_dict(), options.calls, options.repeats
        ),
        "bridge_score_ms": per_call_ms(one_round_trip, options.calls, options.repeats),
        "decode_ms": per_call_ms(lambda: decode_answers(code), options.calls, options.repeats),
        "code_length": len(code),
    }
    wheel, size = wheel_size()
    numbers.update(wheel=wheel, wheel_bytes=size)

    if options.json:
        print(json.dumps(numbers, indent=2))
        return 0
    ms, kb = numbers["score_ms"], size / 1024
    print(f"Python {numbers['python']}, {numbers['questions']} questions")
    print(f"score():                 {ms:.3f} ms per call (median)  target < {TARGET_MS} ms")
    print(f"score().to_dict():       {numbers['score_to_dict_ms']:.3f} ms per call")
    print(
        f"bridge 'score' request:  {numbers['bridge_score_ms']:.3f} ms per call (JSON in and out)"
    )
    print(f"decode_answers():        {numbers['decode_ms']:.3f} ms per call")
    print(f"share code length:       {len(code)} characters")
    print(f"wheel {wheel}: {size} bytes ({kb:.1f} KB)  target < {TARGET_KB} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
