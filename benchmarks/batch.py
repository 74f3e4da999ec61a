"""Batch speed and memory, and start-up time, measured side by side in one run.

    python benchmarks/batch.py [--small 1000] [--large 10000] [--repeat 15]

Prints three ratios and whether each meets its target:
- batch wall time for the large set (markdown + json reports and the CSV summary) divided by
  the time to merely read and parse the same files with PyYAML's CSafeLoader in one process
  (target: at most 1.3; the median of five runs of each);
- peak memory (RSS of coself and its worker processes together) for the large set divided by
  that for the small set (target: at most 1.2);
- `coself --version` start-up wall time divided by a minimal Typer app's `--help`
  (target: at most 1.1; medians of --repeat runs).
The answer files are synthetic, for the organisation bank, from a fixed seed, one per provider
(so no combined reports: those came later, and their cost is printed separately).
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

import yaml

from coself.io.banks import load_library

SEED = 51
RUNS = 5  # timings of each side; their medians are compared
TARGETS = {"batch time": 1.3, "peak memory": 1.2, "start-up": 1.1}


def make_files(folder: Path, count: int, per_organisation: int = 1) -> None:
    """Write `count` answer files like those a commissioner collects: mostly answered, a few
    notes; `per_organisation` respondents share each organisation (combined reports)."""
    bank = load_library().get("organisation")
    rng = random.Random(SEED)
    rungs = [r.id for r in bank.framework.ladder]
    folder.mkdir(parents=True)
    for n in range(count):
        lines = [
            "format: 1",
            "bank: organisation",
            'bank_version: "1.0.0"',
            f"organisation: Provider {n // per_organisation:05d} Care Ltd",
            f"perspective: {rng.choice(['leadership', 'staff', 'person', 'carer'])}",
            'started: "2026-11-01T09:00:00+00:00"',
            'updated: "2026-11-01T10:00:00+00:00"',
            "status: complete",
            "answers:",
        ]
        for question in bank.questions:
            roll = rng.random()
            if roll < 0.05:
                continue
            if question.type.value == "yesno":
                value = rng.choice(["'yes'", "'no'"])
            elif question.type.value == "ladder":
                value = rng.choice(rungs)
            elif roll < 0.1:
                value = "dont_know"
            else:
                value = str(rng.randint(0, 4))
            if rng.random() < 0.1:
                lines.append(
                    f"  {question.id}:\n    answer: {value}\n"
                    f"    note: Seen in the minutes of meeting {rng.randint(1, 99)}"
                )
            else:
                lines.append(f"  {question.id}: {value}")
        (folder / f"provider-{n:05d}.answers.yaml").write_text(
            "\n".join(lines) + "\n", encoding="utf-8"
        )


def parse_only(folder: Path) -> float:
    """Seconds to read and parse every file with CSafeLoader in this one process."""
    files = sorted(folder.iterdir())
    start = time.perf_counter()
    for path in files:
        yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    return time.perf_counter() - start


def _tree_rss(pid: int) -> int:
    """Resident memory of a process and all its descendants, in KiB (Linux /proc)."""
    total, stack = 0, [pid]
    while stack:
        current = stack.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text()
            total += int(
                next(line.split()[1] for line in status.splitlines() if line.startswith("VmRSS:"))
            )
            for task in Path(f"/proc/{current}/task").iterdir():
                stack += [int(c) for c in (task / "children").read_text().split()]
        except (OSError, StopIteration, ValueError):
            continue
    return total


def run_batch(coself: str, folder: Path, out: Path, sample: bool) -> tuple[float, int]:
    """Wall seconds and peak tree RSS (KiB; sampled only when asked, since sampling takes CPU
    from the run it measures) of one `coself batch` run, which must succeed."""
    command = [
        coself,
        "batch",
        str(folder),
        "-o",
        str(out),
        "--format",
        "markdown,json",
        "--summary",
        str(out / "summary.csv"),
    ]
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peak = 0
    while sample and process.poll() is None:
        peak = max(peak, _tree_rss(process.pid))
        time.sleep(0.02)
    process.wait()
    assert process.returncode == 0, f"the batch failed: {command}"
    return time.perf_counter() - start, peak


def median_seconds(command: list[str], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--small", type=int, default=1000)
    parser.add_argument("--large", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument(
        "--dir",
        type=Path,
        default=Path("/dev/shm") if Path("/dev/shm").is_dir() else None,
        help="where the files and reports go (default: /dev/shm, "
        "a RAM-backed folder, so that the figures are coself's and not the "
        "disk's; on this machine's disk each file created costs about 0.4 ms)",
    )
    args = parser.parse_args()
    coself = shutil.which("coself") or str(Path(sys.executable).parent / "coself")
    print(f"libyaml: {yaml.__with_libyaml__}; cores: {os.cpu_count()}; coself: {coself}")
    ratios = {}
    print(f"working folder: {args.dir or tempfile.gettempdir()}")
    with tempfile.TemporaryDirectory(dir=args.dir) as tmp:
        work = Path(tmp)
        make_files(work / "small", args.small)
        make_files(work / "large", args.large)
        _, small_rss = run_batch(coself, work / "small", work / "out-small", sample=True)
        _, large_rss = run_batch(coself, work / "large", work / "out-memory", sample=True)
        shutil.rmtree(work / "out-memory")
        # Each side is timed five times, alternately, and the medians compared: one busy
        # moment on the machine should not decide the ratio either way.
        parse_times, batch_times = [], []
        for n in range(RUNS):
            parse_times.append(parse_only(work / "large"))
            out = work / f"out-large-{n}"
            batch_times.append(run_batch(coself, work / "large", out, sample=False)[0])
            reports = len(list(out.glob("*.md"))) - 1
            if n < RUNS - 1:
                shutil.rmtree(out)
        parse_time, large_time = statistics.median(parse_times), statistics.median(batch_times)
        print(
            f"batch of {args.large}: {large_time:.2f} s ({reports} markdown + json reports); "
            f"CSafeLoader parse only: {parse_time:.2f} s (medians of {RUNS} runs each: batch "
            f"{', '.join(f'{t:.2f}' for t in batch_times)}; parse "
            f"{', '.join(f'{t:.2f}' for t in parse_times)})"
        )
        print(
            f"peak RSS of coself and its workers together: {small_rss / 1024:.1f} MiB at "
            f"{args.small} files, {large_rss / 1024:.1f} MiB at {args.large} files"
        )
        ratios["batch time"] = large_time / parse_time
        ratios["peak memory"] = large_rss / small_rss
        script = work / "minimal.py"
        script.write_text(
            textwrap.dedent("""\
            import typer
            app = typer.Typer()
            @app.command()
            def main(name: str = "world") -> None:
                print(name)
            app()
            """)
        )
        version = median_seconds([coself, "--version"], args.repeat)
        minimal = median_seconds([sys.executable, str(script), "--help"], args.repeat)
        print(
            f"start-up: coself --version {1000 * version:.0f} ms; minimal Typer app --help "
            f"{1000 * minimal:.0f} ms (medians of {args.repeat})"
        )
        ratios["start-up"] = version / minimal
        make_files(work / "grouped", args.large, per_organisation=10)
        grouped_time, _ = run_batch(coself, work / "grouped", work / "out-grouped", sample=False)
        combined = len(list((work / "out-grouped").glob("combined-*.md")))
        print(
            f"not a target: the same batch with 10 respondents per organisation, so with "
            f"{combined} combined reports as well: {grouped_time:.2f} s "
            f"({grouped_time / parse_time:.2f} x the parse time)"
        )
    failed = False
    for name, ratio in ratios.items():
        ok = ratio <= TARGETS[name]
        failed |= not ok
        print(
            f"{name} ratio: {ratio:.2f} (target at most {TARGETS[name]}) "
            f"{'meets the target' if ok else 'MISSES the target'}"
        )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
