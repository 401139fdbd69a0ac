"""The measurements, one function a section: each adds figures to the table.

Times of whole processes are medians of several runs (one with --quick);
in-process times are the best of a few rounds unless said otherwise.
"""

from __future__ import annotations

import asyncio
import gc
import os
import re
import select
import shutil
import statistics
import subprocess
import sys
import time
import uuid
from collections.abc import Callable
from pathlib import Path

from .generate import largest_admitted, make_profile, write_profile
from .report import Figure, Table

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "profiles"
HYBRID = SAMPLES / "hybrid-agency.toml"
PY = sys.executable
RICH_MODULES = "rich.console, rich.table, rich.panel, rich.rule, rich.text, rich.box"


# ------------------------------------------------------------------ helpers

def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("TMUX", "TMUX_PANE")}
    env["NO_COLOR"] = "1"
    return env


def compile_package() -> None:
    """Write truthmap's bytecode, as `pip install` does, so starts are timed as installed.

    Textual and pydantic, in the floors, come with theirs from pip; an
    editable checkout on a machine with PYTHONDONTWRITEBYTECODE set has none
    (or stale ones), and each start would compile every module first.
    """
    import compileall

    import truthmap

    for folder in truthmap.__path__:
        compileall.compile_dir(folder, quiet=1, force=False)


def run_ms(command: list[str], rounds: int) -> float:
    """Median wall time of a fresh process, in milliseconds."""
    samples: list[float] = []
    env = _env()
    warm = True  # the first run only warms the file cache, unless it is slow
    while len(samples) < rounds:
        start = time.perf_counter()
        done = subprocess.run(command, env=env, capture_output=True)
        elapsed = (time.perf_counter() - start) * 1000
        if done.returncode not in (0, 1):
            raise RuntimeError(f"{' '.join(command)} failed: {done.stderr.decode()[-500:]}")
        if not warm or elapsed > 1000:
            samples.append(elapsed)
        warm = False
        if sum(samples) > 60_000:  # a very slow command: a few runs say enough
            break
    return statistics.median(samples)


def best_ms(action: Callable[[], object], rounds: int) -> float:
    samples = []
    for _ in range(rounds):
        gc.collect()
        start = time.perf_counter()
        action()
        samples.append((time.perf_counter() - start) * 1000)
    return min(samples)


def imported(command: list[str]) -> set[str]:
    """The modules a command imports (from `python -X importtime`)."""
    done = subprocess.run([PY, "-X", "importtime", *command], env=_env(), capture_output=True, text=True)
    names = set()
    for line in done.stderr.splitlines():
        if line.startswith("import time:") and line.count("|") == 2:
            names.add(line.rsplit("|", 1)[1].strip())
    return names


def pydantic_floor(path: Path) -> list[str]:
    """A minimal pydantic program reading `path` into models of the profile's shape and printing JSON."""
    return [PY, str(Path(__file__).with_name("pydantic_floor.py")), str(path)]


def floor_command(path: Path, extra: str = "") -> list[str]:
    return [PY, "-c", f"import json, tomllib, pydantic{extra}; tomllib.load(open({str(path)!r}, 'rb'))"]


# ---------------------------------------------------------------- sections

def cli(table: Table, work: Path, *, quick: bool) -> None:
    table.section("command line: start of a fresh process (median)")
    rounds = 1 if quick else 15
    floor = run_ms(pydantic_floor(HYBRID), rounds)
    floor_rich = run_ms(floor_command(HYBRID, f", {RICH_MODULES}"), rounds)
    rich_cost = max(0.0, floor_rich - run_ms(floor_command(HYBRID), rounds))
    table.info(f"floor: benchmarks/pydantic_floor.py (tomllib into pydantic models of the profile's shape, "
               f"printed as JSON) = {floor:.0f} ms; importing Rich's modules adds {rich_cost:.0f} ms")
    truthmap = [PY, "-m", "truthmap"]
    json_ms = run_ms([*truthmap, "report", str(HYBRID), "--format", "json"], rounds)
    table.add(Figure("report --format json (hybrid sample)", json_ms, "ms", 1.3 * floor,
                     f"1.3 x {floor:.0f} ms (pydantic floor)"))
    text_ms = run_ms([*truthmap, "report", str(HYBRID)], rounds)
    table.add(Figure("report, text (hybrid sample)", text_ms, "ms", 1.3 * floor + rich_cost,
                     f"1.3 x {floor:.0f} ms + Rich {rich_cost:.0f} ms"))
    check_ms = run_ms([*truthmap, "check", str(HYBRID)], rounds)
    table.add(Figure("check (hybrid sample)", check_ms, "ms", 1.3 * floor, f"1.3 x {floor:.0f} ms"))
    for label, command in (("report --format json", ["-m", "truthmap", "report", str(HYBRID), "--format", "json"]),
                           ("check", ["-m", "truthmap", "check", str(HYBRID)])):
        heavy = sorted(m for m in imported(command) if m.split(".")[0] in ("rich", "textual"))
        table.info(f"{label} imports Rich/Textual: {'no' if not heavy else ', '.join(heavy[:5])}")


def scaling(table: Table, work: Path, *, quick: bool) -> None:
    from truthmap.analysis import analyze
    from truthmap.analysis.findings import _map_rule

    small, large = (100, 1000) if quick else (1000, 10_000)
    table.section(f"analysis scaling: {small:,} -> {large:,} records (custom entities, 50 systems, a copy on each)")
    rounds = 1 if quick else 3
    timings = {}
    for records in (small, large):
        profile = make_profile(records, 50)
        analyze(profile)  # caches warm
        # The findings kept per map (findings._map_rule) go each round: the whole analysis is timed.
        timings[records] = best_ms(lambda: (_map_rule.cache_clear(), analyze(profile)), rounds)
        table.info(f"analyze(), {records:,} records: {timings[records]:.0f} ms")
    growth = timings[large] / timings[small]
    table.add(Figure(f"analysis growth, x{large // small} records", growth, "x", 1.1 * large / small,
                     "linear growth"))

    # `report` on the largest profile of that shape the loader admits, and on a tenth of it.
    wanted = 1000 if quick else large
    proc_rounds = 1 if quick else 7
    sizes = {}
    for label, count in (("small", wanted // 10), ("large", wanted)):
        path = work / f"bench-{label}.toml"
        sizes[label] = (path, largest_admitted(path, count, 50))
    path, records = sizes["large"]
    floor = run_ms(pydantic_floor(path), proc_rounds)
    size = path.stat().st_size / 1024
    why = "" if records == wanted else f"; {wanted:,} records exceed the loader's caps, so this is the largest it admits"
    table.info(f"floor: benchmarks/pydantic_floor.py on the {records:,}-record file = {floor:.0f} ms")
    json_ms = {}
    for label, (file, count) in sizes.items():
        json_ms[label] = run_ms([PY, "-m", "truthmap", "report", str(file), "--format", "json"], proc_rounds)
        table.info(f"report --format json, {count:,} records: {json_ms[label]:.0f} ms")
    table.add(Figure(f"report --format json, {records:,} records ({size:.0f} KiB)", json_ms["large"], "ms",
                     2.5 * floor, f"2.5 x {floor:.0f} ms (pydantic floor){why}"))
    small_count = sizes["small"][1]
    table.add(Figure(f"report --format json growth, {small_count:,} -> {records:,} records",
                     json_ms["large"] / json_ms["small"], "x", 11.0, "11 x"))
    text_ms = run_ms([PY, "-m", "truthmap", "report", str(path), "--format", "text"], proc_rounds)
    table.add(Figure(f"report --format text, {records:,} records ({size:.0f} KiB)", text_ms, "ms", 2.5 * floor,
                     f"2.5 x {floor:.0f} ms (pydantic floor){why}"))


EDIT_CHOICES = {
    "inquiries_per_month": [0, 2, 5, 9, 14, 25, 40],
    "active_projects": [0, 1, 3, 6, 10],
    "revenue_lost": ["before-kickoff", "after-kickoff", "even", "unknown"],
    "ownership_rules": ["yes", "no", "unsure"],
    "delivery_complexity": ["low", "medium", "high"],
    "lost_deals_to_follow_up": [True, False],
}


def _next_change(n: int, answers) -> tuple[str, object]:
    """The n-th answer change: questions in turn, always to a different value."""
    question = list(EDIT_CHOICES)[n % len(EDIT_CHOICES)]
    choices = EDIT_CHOICES[question]
    current = getattr(answers, question)
    index = choices.index(current) if current in choices else -1
    step = 1 + (n // len(EDIT_CHOICES)) % (len(choices) - 1)
    return question, choices[(index + step) % len(choices)]


async def _edit_latencies(path: Path, count: int, tune_heap: bool = True) -> tuple[list[float], list[float]]:
    from truthmap.workbench.app import TruthmapApp
    from truthmap.workbench.panes.questionnaire import Questionnaire

    gc.enable()
    gc.set_threshold(700, 10, 10)  # Python's own collector settings, whatever ran before
    app = TruthmapApp(paths=[path])
    if tune_heap:  # the collector as run_workbench has it
        from truthmap.workbench import CollectorTuning

        CollectorTuning().attach(app)
    analysed: list[float] = []
    painted: list[float] = []
    async with app.run_test(size=(160, 50)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        paints: list[float] = []
        original = screen._compositor_refresh

        def refresh_and_mark() -> None:
            original()
            paints.append(time.perf_counter())

        screen._compositor_refresh = refresh_and_mark
        analysed_at: list[float] = []
        refresh_analysis = app.refresh_analysis

        def refresh_and_note() -> None:
            refresh_analysis()
            analysed_at.append(time.perf_counter())

        app.refresh_analysis = refresh_and_note
        for n in range(count):
            question, value = _next_change(n, app.profile.answers)
            analysed_at.clear()
            paints.clear()
            start = time.perf_counter()
            app.post_message(Questionnaire.AnswerGiven(question, value))
            while not analysed_at and time.perf_counter() - start < 5:
                await asyncio.sleep(0)
            if not analysed_at:
                raise RuntimeError(f"setting {question} to {value!r} was not analysed in 5 s")
            done = analysed_at[0]
            while not any(t > done for t in paints) and time.perf_counter() - start < 5:
                await asyncio.sleep(0)
            end = next((t for t in paints if t > done), time.perf_counter())
            analysed.append((done - start) * 1000)
            painted.append((end - start) * 1000)
            # Let the deferred sensitivity land before the next change.
            await app.workers.wait_for_complete()
            await pilot.pause()
    return analysed, painted


def edit(table: Table, work: Path, *, quick: bool) -> None:
    count = 10 if quick else 100
    table.section(f"edit latency: answer change -> screen updated, inside the app ({count} changes)")
    path = write_profile(work / "bench-200.toml", 200, 30)
    table.info("profile: 200 records, 30 systems, every stage mapped (benchmarks/generate.py)")
    # The collector left as Python has it first, then tuned as the workbench runs it
    # (truthmap.workbench.CollectorTuning): the pair is what decides whether the tuning stays.
    _, untuned = asyncio.run(_edit_latencies(path, count, tune_heap=False))
    analysed, painted = asyncio.run(_edit_latencies(path, count))
    gc.unfreeze()
    table.info(f"collector untuned: edit -> frame painted median {statistics.median(untuned):.1f} ms, "
               f"worst {max(untuned):.1f} ms")
    table.info(f"change -> analysis set: median {statistics.median(analysed):.1f} ms, worst {max(analysed):.1f} ms")
    table.add(Figure("edit -> frame painted, median", statistics.median(painted), "ms", 16.0))
    table.add(Figure(f"edit -> frame painted, worst of {count}", max(painted), "ms", 50.0))


# ------------------------------------------------------- tmux: start-up, memory

class Tmux:
    """One tmux server with one 120x40 pane; `start` runs a command in it."""

    def __init__(self, name: str) -> None:
        self.tmux = shutil.which("tmux")
        self.socket = f"truthmap-bench-{os.getpid()}-{name}-{uuid.uuid4().hex[:8]}"  # never a dying server
        self.env = _env()
        self.env.pop("NO_COLOR", None)
        self.env["TERM"] = "xterm-256color"

    def call(self, *args: str) -> str:
        done = subprocess.run([self.tmux, "-L", self.socket, "-f", os.devnull, *args],
                              env=self.env, capture_output=True, text=True, timeout=30)
        return done.stdout

    def __enter__(self) -> Tmux:
        self.call("new-session", "-d", "-x", "120", "-y", "40", "-s", "b", "sleep 600")
        self.socket_path = self.call("display-message", "-p", "#{socket_path}").strip()
        return self

    def __exit__(self, *exc) -> None:
        self.call("kill-server")
        if self.socket_path:  # tmux leaves it behind
            Path(self.socket_path).unlink(missing_ok=True)

    def control(self) -> TmuxControl:
        """A control-mode client of this server (close it before the server goes)."""
        return TmuxControl(self)

    def first_frame(self, command: list[str], markers: tuple[str, ...], timeout: float = 60) -> tuple[float, int]:
        """(ms from start until every marker shows, pid of the process)."""
        import shlex

        start = time.perf_counter()
        self.call("respawn-pane", "-k", "-t", "b", "exec " + shlex.join(command))
        while True:
            screen = self.call("capture-pane", "-p", "-t", "b")
            if all(marker in screen for marker in markers):
                elapsed = (time.perf_counter() - start) * 1000
                break
            if time.perf_counter() - start > timeout:
                raise RuntimeError(f"{command[-1]}: no complete frame after {timeout:.0f}s:\n{screen}")
            time.sleep(0.003)
        pid = int(self.call("list-panes", "-t", "b", "-F", "#{pane_pid}").split()[0])
        return elapsed, pid


class TmuxControl:
    """A control-mode client (`tmux -C`): each command a line on a pipe.

    A capture this way takes ~0.1 ms where a `tmux capture-pane` process
    takes ~3 ms, so polling the screen hardly blurs a 15 ms echo.  The
    client has no size of its own: the window stays 120x40.
    """

    def __init__(self, tmux: Tmux) -> None:
        self.process = subprocess.Popen(
            [tmux.tmux, "-L", tmux.socket, "-f", os.devnull, "-C", "attach-session", "-t", "b"],
            env=tmux.env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        self.pending = b""
        try:
            # Commands sent before the attach is done would find no client: wait for it.
            deadline = time.perf_counter() + 10
            while not self._line(deadline).startswith("%session-changed "):
                pass
            self.command("refresh-client -f no-output")  # %output notifications would only be skipped
        except BaseException:
            self.close()
            raise

    def _line(self, deadline: float) -> str:
        while b"\n" not in self.pending:
            left = deadline - time.perf_counter()
            if left <= 0 or not select.select([self.process.stdout], [], [], left)[0]:
                raise RuntimeError("tmux control client: no answer in time")
            chunk = os.read(self.process.stdout.fileno(), 1 << 16)
            if not chunk:
                raise RuntimeError("tmux control client: the server went away")
            self.pending += chunk
        line, self.pending = self.pending.split(b"\n", 1)
        return line.decode("utf-8", "replace")

    def _block(self, timeout: float = 10) -> str:
        """The next command's output (notifications between blocks are skipped)."""
        deadline = time.perf_counter() + timeout
        while not (begin := self._line(deadline)).startswith("%begin "):
            pass
        stamp = begin.split(" ", 1)[1]
        lines = []
        while True:
            line = self._line(deadline)
            if line in (f"%end {stamp}", f"%error {stamp}"):
                if line.startswith("%error"):
                    raise RuntimeError(f"tmux: {' '.join(lines)}")
                return "\n".join(lines)
            lines.append(line)

    def command(self, line: str) -> str:
        self.process.stdin.write(line.encode() + b"\n")
        self.process.stdin.flush()
        return self._block()

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()
        self.process.stdin.close()
        self.process.stdout.close()


def peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


MINIMAL = ([PY, str(ROOT / "benchmarks" / "minimal_app.py")], ("row-5", "^p palette"))
TRUTHMAP_MARKERS = ("Fit (0-100)", "Boundaries F8", "^p palette")


def _harlequin() -> list[str] | None:
    found = os.environ.get("BENCH_HARLEQUIN") or shutil.which("harlequin")
    return [found] if found else None


def _median_frame(name: str, command: list[str], markers: tuple[str, ...], rounds: int,
                  settle: float = 0.0) -> tuple[float, float]:
    """(median ms to the first complete frame, peak RSS MB after `settle` seconds)."""
    times, peaks = [], []
    for _ in range(rounds):  # a fresh tmux server each round: no state left by the last app
        with Tmux(name) as tmux:
            elapsed, pid = tmux.first_frame(command, markers)
            times.append(elapsed)
            if settle:
                time.sleep(settle)
            peaks.append(peak_rss_mb(pid))
    return statistics.median(times), max(peaks)


def startup(table: Table, work: Path, *, quick: bool) -> None:
    table.section("start-up: first complete frame at 120x40 in tmux (median)")
    if not shutil.which("tmux"):
        table.info("skipped: tmux is not installed")
        return
    rounds = 1 if quick else 7
    # Round by round in turn, as the echo section does: load that drifts during
    # the run falls on both alike.
    floor_times, hybrid_times = [], []
    for _ in range(rounds):
        floor_times.append(_median_frame("minimal", *MINIMAL, 1)[0])
        hybrid_times.append(_median_frame("truthmap", [PY, "-m", "truthmap", str(HYBRID)], TRUTHMAP_MARKERS, 1)[0])
    floor, ms = statistics.median(floor_times), statistics.median(hybrid_times)
    table.info(f"minimal Textual app (Header, DataTable, Footer): {floor:.0f} ms")
    harlequin, theirs = _harlequin(), None
    if harlequin:
        try:
            theirs, _ = _median_frame("harlequin", harlequin, ("Query Editor", "Query Results", "memory db", "^q Quit"),
                                      rounds)
            table.info(f"Harlequin (for reference): {theirs:.0f} ms")
        except (RuntimeError, OSError) as error:
            table.info(f"Harlequin skipped: {str(error).splitlines()[0]}")
    else:
        table.info("Harlequin skipped: not installed (pip install harlequin, or set BENCH_HARLEQUIN)")
    table.add(Figure("truthmap first frame (hybrid sample)", ms, "ms", 1.3 * floor,
                     f"1.3 x {floor:.0f} ms (minimal app)"))
    if theirs is not None:
        table.add(Figure("truthmap first frame against Harlequin's", ms, "ms", 0.4 * theirs,
                         f"0.4 x {theirs:.0f} ms (Harlequin)"))
    large = work / "bench-10000-workbench.toml"
    records = largest_admitted(large, 10_000, 50)
    ms, _ = _median_frame("truthmap-large", [PY, "-m", "truthmap", str(large)], TRUTHMAP_MARKERS,
                          1 if quick else 3)
    # Above 1,000 records the analysis comes from a worker: this frame shows the
    # profile and the matrix's labels, the analysis lands later.
    table.add(Figure(f"truthmap first frame ({records:,} records, analysis still running)", ms, "ms", 2 * 1.3 * floor,
                     f"2 x the start budget (2 x 1.3 x {floor:.0f} ms)"))


def memory(table: Table, work: Path, *, quick: bool) -> None:
    table.section("memory: peak RSS once the first frame is up and the analysis is done (median)")
    if not shutil.which("tmux"):
        table.info("skipped: tmux is not installed")
        return
    settle = 0.5 if quick else 2.0
    path = write_profile(work / "bench-200.toml", 200, 30)
    # One process's peak varies by ~0.5 MB from run to run (where its heap lands):
    # the median of several, round by round in turn with the floor's.
    floors, peaks = [], []
    for _ in range(1 if quick else 5):
        floors.append(_median_frame("minimal-rss", *MINIMAL, 1, settle)[1])
        peaks.append(_median_frame("truthmap-rss", [PY, "-m", "truthmap", str(path)], TRUTHMAP_MARKERS, 1, settle)[1])
    floor, peak = statistics.median(floors), statistics.median(peaks)
    table.add(Figure("truthmap peak RSS, 200 records / 30 systems (median)", peak, "MB", 1.5 * floor,
                     f"1.5 x {floor:.1f} MB (minimal app)"))


INPUT_APP = ([PY, str(ROOT / "benchmarks" / "input_app.py")], ("ype digits",))  # the placeholder
TYPING_MARKERS = (*TRUTHMAP_MARKERS, "0-9 Type")  # the footer of a focused number question
INQUIRIES_TYPED = "\u258f per month"  # NumberRow while typing: the digits, a bar, the unit
TYPING_GAP = 0.1  # seconds between keystrokes once the last one showed: a steady typist


def _shown(text: str, suffix: str) -> re.Pattern[str]:
    """`text` on screen as a whole number, followed by `suffix`."""
    return re.compile(rf"(?<![\d.]){re.escape(text)}{re.escape(suffix)}(?![\d.])")


def _echo_ms(control: TmuxControl, key: str, shown: re.Pattern[str], timeout: float = 10) -> float:
    """ms from `send-keys` until the pane shows `shown`, polling every millisecond."""
    start = time.perf_counter()
    control.command(f"send-keys -t b {key}")
    while True:
        screen = control.command("capture-pane -p -t b")
        if shown.search(screen):
            return (time.perf_counter() - start) * 1000
        if time.perf_counter() - start > timeout:
            raise RuntimeError(f"{key} typed, {shown.pattern!r} not shown after {timeout:.0f}s:\n{screen}")
        time.sleep(0.001)


def _echoes(name: str, command: list[str], markers: tuple[str, ...], suffix: str, keystrokes: int,
            settle: float, home: Path) -> list[float]:
    """The echo of `keystrokes` digits typed into the focused field, in a fresh tmux server.

    A 1 is typed first (untimed); then each timed digit makes the field "1d",
    and a Backspace, awaited but untimed, brings it back to "1": the value
    stays a small whole number that the question accepts.  `home` is the
    round's own TRUTHMAP_HOME: the edits left unsaved when the server is
    killed are kept there for recovery, and would be offered to the next round.
    """
    tmux = Tmux(name)
    tmux.env["TRUTHMAP_HOME"] = str(home)
    with tmux:
        tmux.first_frame(command, markers)
        control = tmux.control()
        try:
            time.sleep(settle)  # what loads after the first frame
            _echo_ms(control, "1", _shown("1", suffix))
            times = []
            for n in range(keystrokes):
                time.sleep(TYPING_GAP)
                digit = str((n + 2) % 10)
                times.append(_echo_ms(control, digit, _shown("1" + digit, suffix)))
                time.sleep(TYPING_GAP)
                _echo_ms(control, "BSpace", _shown("1", suffix))
        finally:
            control.close()
    return times


def _once_more(measure: Callable[[Path], list[float]], home: Path) -> list[float]:
    """`measure(home)`, tried again (in a fresh home: the first may have left work to
    recover) if tmux did not answer in time, as a loaded machine once made it."""
    try:
        return measure(home)
    except RuntimeError as error:
        print(f"   (tried again after: {str(error).splitlines()[0]})")
        return measure(home.with_name(home.name + "-again"))


def echo(table: Table, work: Path, *, quick: bool) -> None:
    rounds, keystrokes = (1, 5) if quick else (3, 10)
    table.section(f"keystroke echo at 120x40 in tmux: send-keys of a digit -> the pane shows it "
                  f"({rounds * keystrokes} digits, median)")
    if not shutil.which("tmux"):
        table.info("skipped: tmux is not installed")
        return
    path = write_profile(work / "bench-200.toml", 200, 30)
    truthmap = [PY, "-m", "truthmap", str(path)]
    settle = 0.5 if quick else 2.0
    floor: list[float] = []
    ours: list[float] = []
    for n in range(rounds):  # in turn, each round a fresh server: drifting load falls on both
        floor += _once_more(lambda home: _echoes("input", *INPUT_APP, "", keystrokes, settle, home),
                            work / f"home-echo-{n}")
        ours += _once_more(lambda home: _echoes("truthmap-echo", truthmap, TYPING_MARKERS, INQUIRIES_TYPED,
                                                keystrokes, settle, home), work / f"home-echo-{n}")
    base = statistics.median(floor)
    table.info("keys sent and the pane read through one tmux control client (~0.1 ms a capture, not a process "
               "each)")
    table.info(f"bare Textual Input (benchmarks/input_app.py): median {base:.1f} ms, worst {max(floor):.1f} ms")
    table.info(f"truthmap, first question of the 200-record profile: worst {max(ours):.1f} ms")
    table.add(Figure("keystroke echo on an answer, median", statistics.median(ours), "ms", 1.5 * base,
                     f"1.5 x {base:.1f} ms (bare Input)"))


def suite(table: Table, work: Path, *, quick: bool) -> None:
    table.section("test suite: python -m pytest (pytest-xdist, -n auto)")
    cores = os.cpu_count()
    start = time.perf_counter()
    done = subprocess.run([PY, "-m", "pytest", "-q", "-p", "no:cacheprovider"], cwd=ROOT,
                          capture_output=True, text=True)
    seconds = time.perf_counter() - start
    table.info((done.stdout.strip().splitlines() or ["(no output)"])[-1])
    table.add(Figure(f"whole suite on {cores} cores", seconds, "s", 90.0 if cores and cores <= 2 else None))
