"""CPU seconds used during a load run, split by who used them: the app server, Chromium, the driver.

Read from /proc (Linux): every process under this one (and every process in Chromium's own
session, as a renderer whose parent exited is no longer under it) is sampled twice a second and
keeps the last figure seen, so a process that exits (a closed page's renderer) still counts, less
at most its last half second. ``machine`` is all busy time of all cores over the run, other
work on a shared machine included.
"""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path
from typing import NamedTuple

TICK = os.sysconf("SC_CLK_TCK")


class Proc(NamedTuple):
    parent: int
    session: int
    cpu: float  # CPU seconds used so far
    program: str  # file name of its executable, as started


def _stat(pid: str) -> Proc | None:
    """One process, or None if it is gone."""
    try:
        raw = Path(f"/proc/{pid}/stat").read_text()
        cmd = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0", 1)[0].decode(errors="replace")
    except OSError:
        return None
    fields = raw[raw.rindex(")") + 2 :].split()  # after "pid (comm) ": state, ppid, pgrp, session, ...
    return Proc(int(fields[1]), int(fields[3]), (int(fields[11]) + int(fields[12])) / TICK, Path(cmd).name)


def _machine_busy() -> float:
    """Busy CPU seconds of all cores since boot."""
    user, nice, system, idle, iowait, irq, softirq, steal = map(int, Path("/proc/stat").read_text().split()[1:9])
    return (user + nice + system + irq + softirq + steal) / TICK


class CpuMeter:
    """Samples this process's descendants while running; ``result()`` gives the split in CPU seconds."""

    def __init__(self, server_pid: int, interval: float = 0.5):
        self.server_pid = server_pid
        self.interval = interval
        self.start: dict[int, float] = {}  # CPU seconds of each process that already ran before the start
        self.last: dict[int, tuple[str, float]] = {}  # pid -> (kind, last CPU seconds seen)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="cpu-meter", daemon=True)

    def __enter__(self) -> CpuMeter:
        self.started = time.perf_counter()
        self.machine_start = _machine_busy()
        self.start = {pid: cpu for pid, (_, cpu) in self._sample().items()}
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()
        self._record()
        self.wall = time.perf_counter() - self.started
        self.machine = _machine_busy() - self.machine_start

    def _loop(self) -> None:
        while not self._stop.wait(self.interval):
            self._record()

    def _record(self) -> None:
        for pid, seen in self._sample().items():
            self.last[pid] = seen

    def _sample(self) -> dict[int, tuple[str, float]]:
        """pid -> (kind, CPU seconds) of this process, everything under it and Chromium's session."""
        procs = {int(entry): proc for entry in os.listdir("/proc") if entry.isdigit() and (proc := _stat(entry))}
        children: dict[int, list[int]] = {}
        for pid, proc in procs.items():
            children.setdefault(proc.parent, []).append(pid)
        found, todo = {}, [(os.getpid(), "driver")]
        while todo:
            pid, kind = todo.pop()
            if pid not in procs:
                continue
            if pid == self.server_pid:
                kind = "server"
            elif kind == "driver" and "chrom" in procs[pid].program:
                kind = "browsers"
            found[pid] = (kind, procs[pid].cpu)
            todo += [(child, kind) for child in children.get(pid, [])]
        # Chromium starts its own session (Playwright launches it detached); its zygote's children can outlive their parent.
        sessions = {procs[pid].session for pid, (kind, _) in found.items() if kind == "browsers"} - {os.getsid(0)}
        for pid, proc in procs.items():
            if proc.session in sessions and pid not in found:
                found[pid] = ("browsers", proc.cpu)
        return found

    def result(self) -> dict:
        """CPU seconds per kind over the run, the run's wall time and the cores there were."""
        used = {"server": 0.0, "browsers": 0.0, "driver": 0.0}
        for pid, (kind, cpu) in self.last.items():
            used[kind] += cpu - self.start.get(pid, 0.0)
        figures = {kind: round(value, 1) for kind, value in used.items()}
        figures["machine"] = round(self.machine, 1)
        figures["other"] = round(max(0.0, self.machine - sum(used.values())), 1)
        return {**figures, "wall": round(self.wall, 1), "cores": os.cpu_count()}
