#!/usr/bin/env python3
"""Times `rnnlab keras summary` as a whole process (start, read, print), N runs per model
file, and prints the median, 95th percentile and maximum in milliseconds; `--version` is
timed too, as the floor every command pays to start. The target is under 50 ms.

Usage: swift build -c release && python3 scripts/bench_keras_summary.py [--runs 200]
"""
import argparse
import pathlib
import statistics
import subprocess
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
BINARY = ROOT / ".build/release/rnnlab"
MODELS = ROOT / "Tests/KerasModelTests/Fixtures/models"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=200)
    runs = parser.parse_args().runs
    cases = [["--version"]]
    for name in ["07_functional_return_state.py", "12_big_lstm_stack.py", "14_embedding_fixed_length.py"]:
        cases.append(["keras", "summary", str(MODELS / name)])
    cases.append(["keras", "summary", str(MODELS / "08_functional_many_to_many.py"), "--json"])
    for args in cases:
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            subprocess.run([str(BINARY)] + args, stdout=subprocess.DEVNULL, check=True)
            times.append((time.perf_counter() - start) * 1000)
        times.sort()
        label = " ".join(a if "/" not in a else pathlib.Path(a).name for a in args)
        print(f"{label:55s} median {statistics.median(times):5.1f} ms  p95 {times[int(0.95 * runs) - 1]:5.1f}  max {times[-1]:5.1f}")


if __name__ == "__main__":
    main()
