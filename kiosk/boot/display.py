# SPDX-License-Identifier: EUPL-1.2
"""Checks, before Qt starts, that there is a screen to show the kiosk on.

Without one, Qt aborts with a platform-plugin message that helps nobody; this module
says instead what is missing and how to run.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

X11_DEBIAN_PACKAGES = (
    "libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-render-util0 "
    "libxcb-image0 libxkbcommon-x11-0 libx11-xcb1"
)

NO_SCREEN = """no screen to show the kiosk on: neither DISPLAY nor WAYLAND_DISPLAY is set.
Start it from a graphical session (or under the cage kiosk compositor), or choose a platform:
  xvfb-run -s "-screen 0 1920x1080x24" ./dev demo   a virtual X screen (apt-get install xvfb)
  ./dev demo --platform vnc       serve the screen over VNC on port 5900, view it with a VNC viewer
                                  (on every network, no password: only where no one else can)
  ./dev demo --platform eglfs     draw straight on the framebuffer of a kiosk without a desktop
  ./dev demo --platform offscreen run without showing anything (for checks)"""


def missing_screen_problem(
    platform: str | None, environ: dict[str, str] | None = None
) -> str | None:
    """Returns what stops Qt from opening a window, or None when it can start."""
    env = os.environ if environ is None else environ
    chosen = platform or env.get("QT_QPA_PLATFORM", "")
    # "xcb:display=:1" or "wayland;xcb": the plugin's name before its options, the first
    # of a list of fallbacks.
    name = chosen.split(";")[0].split(":")[0].strip().lower()
    if name == "wayland" or name.startswith("wayland-"):
        if env.get("WAYLAND_DISPLAY") or env.get("WAYLAND_SOCKET"):
            return None
        return NO_SCREEN.replace("neither DISPLAY nor WAYLAND_DISPLAY is", "WAYLAND_DISPLAY is not")
    if name == "xcb":
        if not env.get("DISPLAY") and "display=" not in chosen:
            return NO_SCREEN.replace("neither DISPLAY nor WAYLAND_DISPLAY is", "DISPLAY is not")
        return _missing_x11_libraries()
    if name:
        return None  # another platform (vnc, eglfs, offscreen) needs no desktop session
    if env.get("WAYLAND_DISPLAY"):
        return None
    if not env.get("DISPLAY"):
        return NO_SCREEN
    return _missing_x11_libraries()


def _missing_x11_libraries() -> str | None:
    import subprocess
    from importlib.util import find_spec

    # Only the plugin's file is looked at: Qt itself is not loaded before a screen is known.
    spec = find_spec("PySide6")
    if spec is None or spec.origin is None:
        return None
    plugin = Path(spec.origin).parent / "Qt" / "plugins" / "platforms" / "libqxcb.so"
    ldd = shutil.which("ldd")
    if not plugin.exists() or ldd is None:
        return None
    result = subprocess.run([ldd, str(plugin)], capture_output=True, text=True, check=False)
    missing = [line.split()[0] for line in result.stdout.splitlines() if "not found" in line]
    if not missing:
        return None
    return (
        f"the X11 screen cannot be used: Qt needs {', '.join(sorted(set(missing)))}.\n"
        f"Install the Debian packages: sudo apt-get install {X11_DEBIAN_PACKAGES}"
    )
