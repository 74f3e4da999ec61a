"""Batch speed and memory, and start-up time, measured side by side in one run.

    python benchmarks/batch.py [--large 10000] [--memory 3000,30000] [--same-name 3000]
                               [--csv-rows 8000] [--repeat 15] [--dir DIR]
                               [--kobo-rows 10000] [--kobo-memory 1000,10000]
                               [--parts batch,memory,names,kobo,start-up]

Prints eleven ratios and whether each meets its target (`--parts` measures only some of them):
- batch time: wall time of `coself batch` of --large files (markdown + json reports and the
  CSV summary) divided by the time to merely read and parse the same files with PyYAML's
  CSafeLoader in one process (medians of five runs of each, taken alternately): at most 1.2;
- batch time with the analyst exports: the same batch with `--answers-csv` and `--sqlite` as
  well, divided by the same parse time (median of five, taken in turn with the others): at
  most 1.3;
- combined batch time: the same with ten respondents per organisation, so with a combined
  report per organisation as well, divided by the same parse time (median of three): at most 1.5;
- peak memory: the largest process's peak RSS, and that of coself and its workers together,
  at the larger --memory count of files divided by that at the smaller: at most 1.1 each;
- same names: a batch of --same-name files from organisations whose names all make the same
  file-name slug, one CSV export of --csv-rows rows whose organisations do, and one of --csv-rows
  rows of a single organisation (which also makes one combined report of them all), each
  divided by the same with distinct names (medians of three, taken alternately; choosing a free
  report name must not slow down as names repeat): at most 1.2 each;
- Kobo export: `coself batch` of one KoboToolbox-shaped CSV of --kobo-rows rows divided by the
  same answers as --kobo-rows YAML files (medians of three, alternately): at most 1.0; and the
  peak memory of the batch (all processes) over Kobo CSVs of the two --kobo-memory sizes: at
  most 1.2;
- start-up: `coself --version` wall time divided by a minimal Typer app's `--help` (medians of
  --repeat runs): at most 1.1.
The answer files are synthetic, for the organisation bank, from a fixed seed. coself's modules
are compiled to bytecode first, as `pip install .` does (an editable install would otherwise
compile them on every run on a machine that sets PYTHONDONTWRITEBYTECODE).
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, NamedTuple

import yaml

from coself.io.banks import load_library

SEED = 51
RUNS = 5  # timings of each side; their medians are compared
GROUPED_RUNS = 3
PARTS = ("batch", "memory", "names", "kobo", "start-up")
TARGETS = {
    "batch time": 1.2,
    "batch time with the analyst exports": 1.3,
    "combined batch time": 1.5,
    "peak memory, largest process": 1.1,
    "peak memory, all processes": 1.1,
    "same names, files": 1.2,
    "same names, CSV rows": 1.2,
    "one organisation, CSV rows": 1.2,
    "start-up": 1.1,
    "Kobo CSV ÷ YAML files": 1.0,
    "peak memory, Kobo CSV rows": 1.2,
}


def distinct_name(n: int) -> str:
    return f"Provider {n:05d} Care Ltd"


def same_slug_name(n: int) -> str:
    """Names of different organisations that all make the file-name slug `acme-care`."""
    return f"Acme Care {chr(0x4E00 + n)}"  # a CJK character: dropped from the ASCII slug


def _answers(rng: random.Random, bank: Any) -> Iterator[tuple[str, str, bool]]:
    """(question id, value, with a note) for a mostly answered assessment."""
    rungs = [r.id for r in bank.framework.ladder]
    for question in bank.questions:
        roll = rng.random()
        if roll < 0.05:
            continue
        if question.type.value == "yesno":
            value = rng.choice(["yes", "no"])
        elif question.type.value == "ladder":
            value = rng.choice(rungs)
        elif roll < 0.1:
            value = "dont_know"
        else:
            value = str(rng.randint(0, 4))
        yield question.id, value, rng.random() < 0.1


def make_files(
    folder: Path, count: int, per_organisation: int = 1, name: Callable[[int], str] = distinct_name
) -> None:
    """Write `count` answer files like those a commissioner collects: mostly answered, a few
    notes; `per_organisation` respondents share each organisation (combined reports)."""
    bank = load_library().get("organisation")
    rng = random.Random(SEED)
    folder.mkdir(parents=True)
    for n in range(count):
        lines = [
            "format: 1",
            "bank: organisation",
            f'bank_version: "{bank.version}"',
            f"organisation: {name(n // per_organisation)}",
            f"perspective: {rng.choice(['leadership', 'staff', 'person', 'carer'])}",
            'started: "2026-11-01T09:00:00+00:00"',
            'updated: "2026-11-01T10:00:00+00:00"',
            "status: complete",
            "answers:",
        ]
        for qid, value, noted in _answers(rng, bank):
            value = f"'{value}'" if value in ("yes", "no") else value
            if noted:
                lines.append(
                    f"  {qid}:\n    answer: {value}\n"
                    f"    note: Seen in the minutes of meeting {rng.randint(1, 99)}"
                )
            else:
                lines.append(f"  {qid}: {value}")
        (folder / f"provider-{n:05d}.answers.yaml").write_text(
            "\n".join(lines) + "\n", encoding="utf-8"
        )


def make_csv(path: Path, rows: int, name: Callable[[int], str]) -> None:
    """A CSV export of `rows` respondents, the n-th from the organisation `name(n)`."""
    bank = load_library().get("organisation")
    rng = random.Random(SEED)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["organisation", "perspective", *(q.id for q in bank.questions)])
        for n in range(rows):
            values = {qid: value for qid, value, _ in _answers(rng, bank)}
            writer.writerow(
                [
                    name(n),
                    rng.choice(["leadership", "staff", "person", "carer"]),
                    *(values.get(q.id, "") for q in bank.questions),
                ]
            )


def kobo_records(rows: int) -> Iterator[tuple[str, str, dict[str, str]]]:
    """(organisation, perspective, answers) for `rows` respondents, from a fixed seed: the
    same answers whichever channel they are written for."""
    bank = load_library().get("organisation")
    rng = random.Random(SEED)
    for n in range(rows):
        values = {qid: value for qid, value, _ in _answers(rng, bank)}
        yield distinct_name(n // 10), rng.choice(["leadership", "staff", "person", "carer"]), values


def compile_coself() -> Path:
    """Compile coself's modules to bytecode, as `pip install .` does when it installs them.

    An editable install's modules are compiled afresh by every run where bytecode is not
    written (PYTHONDONTWRITEBYTECODE, set on some machines), which would add that compiling to
    every start-up measured here; an installed coself already has its bytecode."""
    import compileall

    import coself

    folder = Path(coself.__file__).parent
    compileall.compile_dir(folder, quiet=1)
    return folder


def make_kobo_csv(path: Path, rows: int) -> None:
    """A KoboToolbox-shaped CSV export (`;`, metadata columns, `group/field` headers) of the
    answers kobo_records gives."""
    bank = load_library().get("organisation")
    path.parent.mkdir(parents=True, exist_ok=True)
    head = ["start", "end", "coself_bank", "coself_bank_version", "organisation", "perspective"]
    tail = ["_id", "_uuid", "_submission_time", "__version__", "_index"]
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, delimiter=";")
        writer.writerow([*head, *(f"{q.section}/{q.id}" for q in bank.questions), *tail])
        for n, (organisation, perspective, values) in enumerate(kobo_records(rows)):
            writer.writerow(
                ["2026-11-01T09:00:00", "2026-11-01T09:20:00", bank.id, bank.version]
                + [organisation, perspective, *(values.get(q.id, "") for q in bank.questions)]
                + [n, f"uuid-{n}", "2026-11-01T09:21:00", "vKobo", n + 1]
            )


def make_kobo_yaml(folder: Path, rows: int) -> None:
    """The same answers as make_kobo_csv, one answers file each."""
    bank = load_library().get("organisation")
    folder.mkdir(parents=True)
    for n, (organisation, perspective, values) in enumerate(kobo_records(rows)):
        lines = [f"format: 1\nbank: organisation\nbank_version: '{bank.version}'"]
        lines.append(f"organisation: {organisation}\nperspective: {perspective}\nanswers:")
        lines += [
            f"  {qid}: '{value}'" if value in ("yes", "no") else f"  {qid}: {value}"
            for qid, value in values.items()
        ]
        (folder / f"r-{n:05d}.answers.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def kobo_export(coself: str, work: Path, rows: int, memory: tuple[int, int]) -> dict[str, float]:
    """One Kobo-shaped CSV of `rows` rows against the same answers as `rows` YAML files
    (medians of three, taken alternately); and the batch's peak memory over Kobo CSVs of the
    two sizes in `memory`, which must stay flat: rows are streamed, not held."""
    make_kobo_csv(work / "kobo" / "export.csv", rows)
    make_kobo_yaml(work / "kobo-yaml", rows)
    timings: dict[str, list[float]] = {"kobo": [], "kobo-yaml": []}
    for n in range(GROUPED_RUNS):
        for case in timings:
            timings[case].append(run_batch(coself, work / case, work / f"out-{case}-{n}").seconds)
            shutil.rmtree(work / f"out-{case}-{n}")
    csv_s, yaml_s = (statistics.median(timings[c]) for c in ("kobo", "kobo-yaml"))
    each = f"CSV {_list(timings['kobo'])}; YAML {_list(timings['kobo-yaml'])}"
    print(
        f"a Kobo CSV of {rows} rows: {csv_s:.2f} s; the same answers as {rows} YAML files: "
        f"{yaml_s:.2f} s (medians: {each})"
    )
    peaks = {}
    for count in memory:
        make_kobo_csv(work / f"kobo-m-{count}" / "export.csv", count)
        peaks[count] = run_batch(coself, work / f"kobo-m-{count}", work / f"out-km-{count}", True)
        shutil.rmtree(work / f"out-km-{count}")
    small, large = memory
    print(
        f"peak RSS over a Kobo CSV: {peaks[small].total / 1024:.1f} MiB at {small} rows, "
        f"{peaks[large].total / 1024:.1f} at {large}"
    )
    return {
        "Kobo CSV ÷ YAML files": csv_s / yaml_s,
        "peak memory, Kobo CSV rows": peaks[large].total / peaks[small].total,
    }


def parse_only(folder: Path) -> tuple[float, float]:
    """Seconds to read and parse every file with CSafeLoader in this one process: wall, CPU."""
    files = sorted(folder.iterdir())
    start, cpu = time.perf_counter(), time.process_time()
    for path in files:
        yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    return time.perf_counter() - start, time.process_time() - cpu


def _tree_rss(pid: int) -> dict[int, int]:
    """Resident memory of a process and each of its descendants, in KiB (Linux /proc)."""
    found, stack = {}, [pid]
    while stack:
        current = stack.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text()
            found[current] = int(
                next(line.split()[1] for line in status.splitlines() if line.startswith("VmRSS:"))
            )
            for task in Path(f"/proc/{current}/task").iterdir():
                stack += [int(c) for c in (task / "children").read_text().split()]
        except (OSError, StopIteration, ValueError):
            continue
    return found


class Run(NamedTuple):
    seconds: float
    cpu: float  # CPU seconds of coself and its workers together (user + system)
    largest: int  # peak RSS of the largest process, KiB (0 when not sampled)
    total: int  # peak RSS of all the processes together, KiB


def run_batch(
    coself: str, inputs: Path, out: Path, sample: bool = False, exports: bool = False
) -> Run:
    """Wall seconds and peak RSS (sampled only when asked, since sampling takes CPU from the
    run it measures) of one `coself batch` run, which must succeed; `exports` adds the
    analyst exports (the tidy answers table and the SQLite database)."""
    analyst = ["--answers-csv", str(out / "answers.csv"), "--sqlite", str(out / "answers.db")]
    command = [
        coself,
        "batch",
        str(inputs),
        "-o",
        str(out),
        "--format",
        "markdown,json",
        "--summary",
        str(out / "summary.csv"),
        *(analyst if exports else []),
    ]
    used = _children_cpu()
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    largest: dict[int, int] = {}
    total = 0
    while sample and process.poll() is None:
        now = _tree_rss(process.pid)
        total = max(total, sum(now.values()))
        largest = {p: max(largest.get(p, 0), kib) for p, kib in (largest | now).items()}
        time.sleep(0.02)
    process.wait()
    seconds = time.perf_counter() - start
    assert process.returncode == 0, f"the batch failed: {command}"
    return Run(seconds, _children_cpu() - used, max(largest.values(), default=0), total)


def _children_cpu() -> float:
    """CPU seconds used so far by this process's children that have ended (and theirs)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def median_seconds(command: list[str], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def batch_time(coself: str, work: Path, large: int) -> tuple[float, dict[str, float]]:
    """The batch and the combined batch against the parse time; returns the parse time too."""
    make_files(work / "large", large)
    make_files(work / "grouped", large, per_organisation=10)
    # Each side is timed several times, alternately, and the medians compared: one busy
    # moment on the machine should not decide a ratio either way.
    parse_times, batch_times, grouped_times, export_times = [], [], [], []
    cpu: dict[str, list[float]] = {"parse": [], "batch": [], "exports": []}
    for n in range(RUNS):
        wall, parse_cpu = parse_only(work / "large")
        parse_times.append(wall)
        plain = run_batch(coself, work / "large", work / f"out-large-{n}")
        exporting = run_batch(coself, work / "large", work / f"out-exports-{n}", exports=True)
        batch_times.append(plain.seconds)
        export_times.append(exporting.seconds)
        for key, used in (("parse", parse_cpu), ("batch", plain.cpu), ("exports", exporting.cpu)):
            cpu[key].append(used)
        if n < GROUPED_RUNS:
            out = work / f"out-grouped-{n}"
            grouped_times.append(run_batch(coself, work / "grouped", out).seconds)
    combined = len(list((work / "out-grouped-0").glob("combined-*.md")))
    parse = statistics.median(parse_times)
    batch, grouped = statistics.median(batch_times), statistics.median(grouped_times)
    exported = statistics.median(export_times)
    print(
        f"batch of {large}: {batch:.2f} s; with the analyst exports: {exported:.2f} s; with 10 "
        f"respondents per organisation ({combined} combined reports as well): {grouped:.2f} s; "
        f"CSafeLoader parse only: {parse:.2f} s (medians: batch {_list(batch_times)}; exports "
        f"{_list(export_times)}; combined {_list(grouped_times)}; parse {_list(parse_times)})"
    )
    # CPU time is far steadier than wall time on a busy machine: what the exports cost.
    used = {key: statistics.median(times) for key, times in cpu.items()}
    print(
        f"CPU time (medians; coself and its workers together): batch {used['batch']:.2f} s, "
        f"with the analyst exports {used['exports']:.2f} s "
        f"(+{100 * (used['exports'] / used['batch'] - 1):.0f}%), parse only {used['parse']:.2f} s"
    )
    for n in range(RUNS):
        shutil.rmtree(work / f"out-large-{n}", ignore_errors=True)
        shutil.rmtree(work / f"out-exports-{n}", ignore_errors=True)
    return parse, {
        "batch time": batch / parse,
        "batch time with the analyst exports": exported / parse,
        "combined batch time": grouped / parse,
    }


def peak_memory(coself: str, work: Path, small: int, large: int) -> dict[str, float]:
    runs = {}
    for count in (small, large):
        make_files(work / f"memory-{count}", count)
        runs[count] = run_batch(coself, work / f"memory-{count}", work / f"out-m-{count}", True)
        shutil.rmtree(work / f"out-m-{count}")
    for label, field in (("largest process", "largest"), ("all processes", "total")):
        a, b = getattr(runs[small], field), getattr(runs[large], field)
        print(f"peak RSS, {label}: {a / 1024:.1f} MiB at {small} files, {b / 1024:.1f} at {large}")
    return {
        "peak memory, largest process": runs[large].largest / runs[small].largest,
        "peak memory, all processes": runs[large].total / runs[small].total,
    }


def same_names(coself: str, work: Path, files: int, rows: int) -> dict[str, float]:
    """Batches whose report names all collide, against the same with distinct names: files and
    CSV rows whose organisations share a slug, and a CSV of one organisation (its names collide
    too, and it also makes one combined report of every row)."""
    make_files(work / "names-same", files, name=same_slug_name)
    make_files(work / "names-distinct", files)
    make_csv(work / "csv-same" / "export.csv", rows, same_slug_name)
    make_csv(work / "csv-distinct" / "export.csv", rows, distinct_name)
    make_csv(work / "csv-one" / "export.csv", rows, lambda n: "Acme Care")
    cases = ("names-same", "names-distinct", "csv-same", "csv-distinct", "csv-one")
    timings: dict[str, list[float]] = {case: [] for case in cases}
    for n in range(GROUPED_RUNS):  # alternately, so that a busy moment hits every case alike
        for case in cases:
            timings[case].append(run_batch(coself, work / case, work / f"out-{case}-{n}").seconds)
    seconds = {case: statistics.median(times) for case, times in timings.items()}
    print(
        f"{files} files whose organisations share a slug: {seconds['names-same']:.2f} s, "
        f"distinct: {seconds['names-distinct']:.2f} s; a CSV of {rows} rows whose organisations "
        f"share a slug: {seconds['csv-same']:.2f} s, distinct: {seconds['csv-distinct']:.2f} s "
        f"(medians of {GROUPED_RUNS}, taken alternately)"
    )
    print(
        f"a CSV of {rows} rows of one organisation (one combined report of {rows} respondents "
        f"as well): {seconds['csv-one']:.2f} s"
    )
    return {
        "same names, files": seconds["names-same"] / seconds["names-distinct"],
        "same names, CSV rows": seconds["csv-same"] / seconds["csv-distinct"],
        "one organisation, CSV rows": seconds["csv-one"] / seconds["csv-distinct"],
    }


def start_up(coself: str, work: Path, repeat: int) -> dict[str, float]:
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
    version = median_seconds([coself, "--version"], repeat)
    minimal = median_seconds([sys.executable, str(script), "--help"], repeat)
    print(
        f"start-up: coself --version {1000 * version:.0f} ms; minimal Typer app --help "
        f"{1000 * minimal:.0f} ms (medians of {repeat})"
    )
    return {"start-up": version / minimal}


def _list(times: list[float]) -> str:
    return ", ".join(f"{t:.2f}" for t in times)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--large", type=int, default=10_000, help="files timed (default 10000)")
    parser.add_argument(
        "--memory",
        default="3000,30000",
        help="the two numbers of files whose peak memory is compared (default 3000,30000)",
    )
    parser.add_argument("--same-name", type=int, default=3000, help="files (default 3000)")
    parser.add_argument("--csv-rows", type=int, default=8000, help="rows (default 8000)")
    parser.add_argument("--repeat", type=int, default=15, help="start-up runs (default 15)")
    parser.add_argument("--kobo-rows", type=int, default=10_000, help="rows (default 10000)")
    parser.add_argument(
        "--kobo-memory",
        default="1000,10000",
        help="the two numbers of Kobo CSV rows whose peak memory is compared (default 1000,10000)",
    )
    parser.add_argument(
        "--dir",
        type=Path,
        default=Path("/dev/shm") if Path("/dev/shm").is_dir() else None,
        help="where the files and reports go (default: /dev/shm, "
        "a RAM-backed folder, so that the figures are coself's and not the "
        "disk's; on this machine's disk each file created costs about 0.4 ms)",
    )
    parser.add_argument(
        "--parts",
        default=",".join(PARTS),
        help=f"which figures to measure, separated by commas (default {','.join(PARTS)})",
    )
    args = parser.parse_args()
    parts = set(args.parts.split(","))
    if not parts or parts - set(PARTS):
        parser.error(f"--parts takes {', '.join(PARTS)}")
    small, large = (int(n) for n in args.memory.split(","))
    kobo_small, kobo_large = (int(n) for n in args.kobo_memory.split(","))
    coself = shutil.which("coself") or str(Path(sys.executable).parent / "coself")
    print(f"libyaml: {yaml.__with_libyaml__}; cores: {os.cpu_count()}; coself: {coself}")
    print(f"working folder: {args.dir or tempfile.gettempdir()}")
    print(f"coself's modules compiled to bytecode, as an install does: {compile_coself()}")
    with tempfile.TemporaryDirectory(dir=args.dir) as tmp:
        work = Path(tmp)
        ratios: dict[str, float] = {}
        if "batch" in parts:
            ratios |= batch_time(coself, work, args.large)[1]
        if "memory" in parts:
            ratios |= peak_memory(coself, work, small, large)
        if "names" in parts:
            ratios |= same_names(coself, work, args.same_name, args.csv_rows)
        if "kobo" in parts:
            ratios |= kobo_export(coself, work, args.kobo_rows, (kobo_small, kobo_large))
        if "start-up" in parts:
            ratios |= start_up(coself, work, args.repeat)
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
