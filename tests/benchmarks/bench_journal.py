"""The journal at 25,000 entries: companion against jrnl 4.x, measured in the same run.

Generates 25,000 entries of mixed English and Chinese text (about 20 MB), imports them
into companion (``companion import``) and writes the same entries as a jrnl journal,
installs jrnl 4.x in a temporary venv (pip), then prints:

- adding one entry from the CLI: ``companion note`` vs ``jrnl "text"`` (target ≤ 0.25×),
  and companion with the standard-library JSON codec, to show what orjson buys;
- a search: ``companion find WORD`` vs ``jrnl -contains WORD`` (target ≤ 0.25×);
- the TUI's search latency from keystroke to redrawn list (target ≤ 100 ms), and the
  memory of the app holding 25,000 entries.

Prints figures and never fails (a missing jrnl is reported and skipped).

    python tests/benchmarks/bench_journal.py [--entries 25000] [--runs 5]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import datetime, timedelta, timezone
from pathlib import Path

EN = [
    "customer",
    "refund",
    "order",
    "shipping",
    "angry",
    "late",
    "package",
    "broken",
    "chat",
    "wait",
    "policy",
]
EN += [
    "manager",
    "coupon",
    "return",
    "size",
    "colour",
    "tired",
    "calm",
    "breathe",
    "sorry",
    "again",
    "review",
]
ZH = list("顾客退款订单物流生气迟到包裹破损聊天等待规则主管优惠券退货尺码颜色累平静呼吸抱歉差评")
TZ = timezone(timedelta(hours=8))
RARE = "flamingo"  # in about one entry in 250: a search that prints a handful


def generate(count: int) -> list[dict]:
    rng = random.Random(6)
    start = datetime(2019, 1, 1, 9, tzinfo=TZ)
    entries = []
    for i in range(count):
        moment = start + timedelta(minutes=157 * i)
        if i % 2:
            words = [rng.choice(EN) for _ in range(rng.randint(60, 150))]
            if i % 250 == 1:
                words.insert(rng.randrange(len(words)), RARE)
            title, body = " ".join(words[:8]) + ".", " ".join(words[8:])
        else:
            chars = "".join(rng.choice(ZH) for _ in range(rng.randint(120, 260)))
            title, body = chars[:12] + "。", chars[12:]
        tag = rng.choice(["refund", "angry", "退款"])
        entries.append(
            {
                "moment": moment,
                "title": title,
                "body": body,
                "tag": tag,
                "starred": i % 17 == 0,
            }
        )
    return entries


def write_companion_export(entries: list[dict], path: Path) -> None:
    docs = []
    for e in entries:
        stamp = e["moment"].isoformat(timespec="milliseconds")
        docs.append(
            {
                "id": str(uuid.uuid4()),
                "created_at": stamp,
                "updated_at": stamp,
                "kind": "free",
                "text": f"{e['title']}\n{e['body']} #{e['tag']}",
                "fields": {},
                "tags": [e["tag"]],
                "starred": e["starred"],
            }
        )
    payload = {"format": "companion-journal", "version": 1, "exported_at": stamp, "entries": docs}
    path.write_text(json.dumps(payload, ensure_ascii=False), "utf-8")


def write_jrnl(entries: list[dict], folder: Path) -> Path:
    journal = folder / "journal.txt"
    with journal.open("w", encoding="utf-8") as out:
        for e in entries:
            star = " *" if e["starred"] else ""
            out.write(f"[{e['moment']:%Y-%m-%d %H:%M}] {e['title']}{star}\n")
            out.write(f"{e['body']} #{e['tag']}\n\n")
    config = folder / "jrnl.yaml"
    config.write_text(
        "colors: {body: none, date: none, tags: none, title: none}\n"
        "default_hour: 9\ndefault_minute: 0\neditor: ''\nencrypt: false\n"
        "highlight: false\nindent_character: '|'\n"
        f"journals: {{default: {{journal: {journal}}}}}\n"
        "linewrap: 79\ntagsymbols: '#@'\ntemplate: false\n"
        "timeformat: '%Y-%m-%d %H:%M'\nversion: v4.1\n",
        "utf-8",
    )
    return config


def install_jrnl(folder: Path) -> Path | None:
    venv = folder / "jrnl-venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    pip = subprocess.run(
        [str(venv / "bin" / "pip"), "install", "-q", "jrnl>=4,<5"], capture_output=True, text=True
    )
    if pip.returncode != 0:
        print(f"  jrnl could not be installed: {pip.stderr.strip()[-300:]}")
        return None
    return venv / "bin" / "jrnl"


def timed(argv: list[str], env: dict[str, str], runs: int) -> tuple[float, int]:
    """Median wall time (s) and peak RSS (KiB) of ``argv`` over ``runs`` runs."""
    times, peaks = [], []
    for _ in range(runs):
        started = time.perf_counter()
        proc = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        _, status, usage = os.wait4(proc.pid, 0)
        times.append(time.perf_counter() - started)
        peaks.append(usage.ru_maxrss)
        if status != 0:
            print(f"  warning: {' '.join(argv[:3])}… exited {status}")
    return statistics.median(times), max(peaks)


def ratio(ours: float, theirs: float | None, target: float) -> str:
    if not theirs:
        return "jrnl not measured"
    value = ours / theirs
    verdict = "meets" if value <= target else "misses"
    return f"{value:.2f}× ({verdict} the ≤{target}× target)"


async def tui_latency(home: Path) -> tuple[list[float], list[float], int]:
    """For each letter of a search typed into the real app: the time the journal screen
    spends searching and rebuilding its list, and the whole round trip through the test
    driver (key event, handler, redraw, and the driver's own waiting)."""
    import resource

    from companion.ui.app import WELCOME_KEY, make_app

    app = make_app(home=home, lang="en")
    app.services.stores.state.set(WELCOME_KEY, True)
    handler, round_trip = [], []
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("j")
        await pilot.pause()
        screen = app.screen
        refresh = screen.refresh_list

        def timed_refresh() -> None:
            started = time.perf_counter()
            refresh()
            handler.append(time.perf_counter() - started)

        screen.refresh_list = timed_refresh  # type: ignore[method-assign]
        await pilot.press("slash")
        for char in "refund 退款 late":
            started = time.perf_counter()
            await pilot.press(char)
            await pilot.pause()
            round_trip.append(time.perf_counter() - started)
    return handler, round_trip, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--entries", type=int, default=25_000)
    parser.add_argument("--runs", type=int, default=5)
    options = parser.parse_args()
    bin_dir = Path(sys.executable).parent
    companion = str(bin_dir / "companion")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        print(f"Generating {options.entries:,} entries…")
        entries = generate(options.entries)
        export = work / "entries.json"
        write_companion_export(entries, export)
        home = work / "companion-home"
        env = {**os.environ, "COMPANION_HOME": str(home), "LANG": "en_US.UTF-8"}
        started = time.perf_counter()
        subprocess.run([companion, "import", str(export)], env=env, check=True, capture_output=True)
        size = (home / "data" / "journal.db").stat().st_size
        took = time.perf_counter() - started
        print(f"  imported in {took:.1f} s; journal.db {size / 1e6:.1f} MB")
        config = write_jrnl(entries, work)
        print("Installing jrnl 4.x in a temporary venv…")
        jrnl = install_jrnl(work)
        jrnl_env = {**os.environ, "HOME": str(work), "XDG_CONFIG_HOME": str(work / "cfg")}
        runs = options.runs

        print(f"\nAdd one entry from the CLI (median of {runs})")
        note, note_rss = timed([companion, "note", "one more refund #refund"], env, runs)
        stdlib = [sys.executable, "-c",
                  "import sys; sys.modules['orjson'] = None\n"
                  "from companion.cli import main; sys.exit(main(sys.argv[1:]))",
                  "note", "one more, standard json"]  # fmt: skip
        note_json, _ = timed(stdlib, env, runs)
        theirs = None
        if jrnl:
            theirs, _ = timed(
                [str(jrnl), "--config-file", str(config), "one more refund #refund"], jrnl_env, runs
            )
            print(f"  jrnl:                          {theirs * 1000:7.0f} ms")
        print(f"  companion (orjson):            {note * 1000:7.0f} ms, {note_rss / 1024:.0f} MiB")
        print(f"  companion (stdlib json):       {note_json * 1000:7.0f} ms")
        print(f"  companion ÷ jrnl:              {ratio(note, theirs, 0.25)}")

        print(f"\nSearch for a word (“{RARE}”, median of {runs})")
        find, find_rss = timed([companion, "find", RARE], env, runs)
        theirs = None
        if jrnl:
            theirs, _ = timed(
                [str(jrnl), "--config-file", str(config), "-contains", RARE], jrnl_env, runs
            )
            print(f"  jrnl -contains:                {theirs * 1000:7.0f} ms")
        print(f"  companion find:                {find * 1000:7.0f} ms, {find_rss / 1024:.0f} MiB")
        print(f"  companion ÷ jrnl:              {ratio(find, theirs, 0.25)}")

        print(f"\nTUI search at {options.entries:,} entries, keystroke to redrawn list")
        os.environ["COMPANION_HOME"] = str(home)
        handler, round_trip, rss = asyncio.run(tui_latency(home))
        rows = (("search + list rebuilt", handler), ("pilot round trip", round_trip))
        for label, figures in rows:
            print(
                f"  {label + ':':24} median {statistics.median(figures) * 1000:4.0f} ms, "
                f"worst {max(figures) * 1000:4.0f} ms (target ≤ 100 ms)"
            )
        print(f"  memory of the app holding them: {rss / 1024:.0f} MiB peak RSS")


if __name__ == "__main__":
    main()
