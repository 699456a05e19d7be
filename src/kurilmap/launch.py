"""``kurilmap app``: start the Streamlit app, from a checkout or from an installed wheel.

Streamlit serves ``static/`` next to the app script (the map page is written there when the app
starts) and reads ``.streamlit/config.toml`` next to it too. In a checkout the top-level ``app.py``
runs in place, exactly as ``make run`` does. An installed wheel carries a copy of ``app.py`` and
``.streamlit/config.toml`` in ``kurilmap/_app/`` (copied by the build, see ``pyproject.toml``);
since the package's folder may be read-only (a system or container install), they are copied into a
fresh temporary folder, which is removed when the app stops.
"""

from __future__ import annotations

import argparse
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

_HERE = Path(__file__).resolve().parent
#: What an installed wheel carries (see pyproject.toml).
PACKAGED_APP = _HERE / "_app"
CHECKOUT = _HERE.parents[1]


def app_folder() -> tuple[Path, bool]:
    """The folder holding ``app.py`` and ``.streamlit/config.toml``, and whether it is the package's copy.

    Examples
    --------
    >>> folder, packaged = app_folder()
    >>> (folder / "app.py").is_file(), (folder / ".streamlit" / "config.toml").is_file()
    (True, True)
    """
    if (PACKAGED_APP / "app.py").is_file():
        return PACKAGED_APP, True
    return CHECKOUT, False


def command(script: Path, port: int | None = None, address: str | None = None) -> list[str]:
    """The ``streamlit run`` command of the app (``make run`` passes the same ``--server.port``).

    Examples
    --------
    >>> command(Path("app.py"), 8600)[1:]
    ['-m', 'streamlit', 'run', 'app.py', '--server.port', '8600']
    """
    cmd = [sys.executable, "-m", "streamlit", "run", str(script)]
    if port is not None:
        cmd += ["--server.port", str(port)]
    if address is not None:
        cmd += ["--server.address", address]
    return cmd


def port_number(text: str) -> int:
    """A TCP port for ``--port`` (argparse type): a whole number from 1 to 65535.

    Examples
    --------
    >>> port_number("8600")
    8600
    """
    try:
        port = int(text)
    except ValueError:
        port = 0
    if not 1 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port; give a whole number from 1 to 65535, e.g. 8501")
    return port


def cmd_app(args) -> int:
    """``kurilmap app [--port N] [--address A]``."""
    return run_app(args.port, args.address)


def run_app(port: int | None = None, address: str | None = None) -> int:
    """Run the app until it stops (Ctrl-C, or SIGTERM from a container engine); return its exit code."""
    folder, packaged = app_folder()
    if not packaged:
        return _start(folder, port, address)
    with tempfile.TemporaryDirectory(prefix="kurilmap-app-") as tmp:
        run_dir = Path(tmp)
        shutil.copy2(folder / "app.py", run_dir / "app.py")
        (run_dir / ".streamlit").mkdir()
        shutil.copy2(folder / ".streamlit" / "config.toml", run_dir / ".streamlit" / "config.toml")
        return _start(run_dir, port, address)


def _start(folder: Path, port: int | None, address: str | None) -> int:
    # As `make run`: check the data and write the map page before the first visitor (in its own
    # process, so this one, which waits for Streamlit, holds none of it). A data error stops here.
    # A SIGTERM meanwhile unwinds, so that the temporary folder is removed.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(128 + signal.SIGTERM))
    ready = subprocess.run([sys.executable, "-m", "kurilmap.pagefiles", str(folder / "static" / "kurilmap")])
    if ready.returncode:
        return ready.returncode
    return _run(command(folder / "app.py", port, address))


def _run(cmd: list[str]) -> int:
    proc = subprocess.Popen(cmd)

    def forward(signum, _frame):  # Streamlit stops cleanly on any of these; we wait for it
        proc.send_signal(signum)

    handled = [signal.SIGINT, signal.SIGTERM] + ([signal.SIGHUP] if hasattr(signal, "SIGHUP") else [])
    previous = {sig: signal.signal(sig, forward) for sig in handled}
    try:
        code = proc.wait()
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    return 130 if code == -signal.SIGINT else code
