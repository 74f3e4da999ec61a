"""CPU time per file of the batch's steps, in this one process (steadier than wall time).

    python benchmarks/per_file.py [--files 2000] [--exports] [--profile]

Prints, in milliseconds per file (best of five, `time.process_time`): parsing with CSafeLoader
alone, a worker's whole work on one file (`engine.process`: read, score, render, write, the
combined-report payload and the export rows) and the whole batch in one process (the worker's
work plus the main process's: summary lines, the combined store, the exports). `--profile`
prints where a worker's time goes (cProfile, sorted by own time).
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).parent))
from batch import make_files  # noqa: E402

from coself.batch import engine  # noqa: E402
from coself.batch.exports import Exports  # noqa: E402
from coself.io.banks import load_library  # noqa: E402
from coself.render import Format  # noqa: E402

RUNS = 5


def best_ms(step: Callable[[int], None], files: int) -> float:
    """The fastest of RUNS runs of step(run), in milliseconds per file."""
    times = []
    for run in range(RUNS):
        start = time.process_time()
        step(run)
        times.append(time.process_time() - start)
    return 1000 * min(times) / files


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=2000)
    parser.add_argument("--exports", action="store_true", help="with both analyst exports")
    parser.add_argument("--profile", action="store_true", help="where a worker's time goes")
    options = parser.parse_args()
    # In a RAM-backed folder where there is one, as batch.py does: the figures are coself's.
    ram = Path("/dev/shm")
    work = Path(tempfile.mkdtemp(prefix="coself-per-file-", dir=ram if ram.is_dir() else None))
    try:
        make_files(work / "in", options.files)
        names = [str(p) for p in sorted((work / "in").iterdir())]
        library = load_library()

        def job(out: Path) -> engine.Job:
            analyst = Exports(out / "answers.csv", out / "answers.db") if options.exports else None
            formats = (Format.MARKDOWN, Format.JSON)
            return engine.Job((), out, formats, "2026-11-26", exports=analyst or Exports())

        def parse(_: int) -> None:
            for name in names:
                yaml.load(Path(name).read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)

        def worker(run: int) -> None:
            out = work / f"worker-{run}"
            out.mkdir()
            engine._start_worker(job(out), library)
            for name in names:
                engine.process(name)

        def whole(run: int) -> None:
            out = work / f"whole-{run}"
            engine.run_batch([work / "in"], job(out), library, out / "summary.csv")

        engine.MIN_FILES_FOR_WORKERS = 10**9  # everything in this process, to be timed
        parsed = best_ms(parse, options.files)
        worked = best_ms(worker, options.files)
        batch = best_ms(whole, options.files)
        print(
            f"ms per file: parse {parsed:.3f}; worker {worked:.3f}; whole batch in one process "
            f"{batch:.3f} (main process {batch - worked:.3f}); "
            f"(batch - parse) / parse {(batch - parsed) / parsed:.2f}"
        )
        if options.profile:
            out = work / "profiled"
            out.mkdir()
            engine._start_worker(job(out), library)
            profile = cProfile.Profile()
            profile.runcall(lambda: [engine.process(name) for name in names])
            pstats.Stats(profile).sort_stats("tottime").print_stats(35)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
