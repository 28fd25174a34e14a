# SPDX-License-Identifier: EUPL-1.2
"""The headset jack: a citizen plugging in a headset starts spoken mode, and personal
data may then be spoken (EN 301 549 5.1.3.2, 5.1.3.9, 5.2).

Where the hardware reports it, the jack is a Linux input device: the sound card's
driver (snd-hda-intel and most USB and ASoC cards) creates one per jack ("HDA Intel PCH
Headphone", "... Headphone Jack") that sends an ``EV_SW`` event ``SW_HEADPHONE_INSERT``
(value 1 in, 0 out) as the plug goes in or out, and tells the current state on request
(``EVIOCGSW``). Reading that device needs nothing but the kernel: no sound server, and
it works the same under PipeWire, PulseAudio or plain ALSA, before any of them starts.
The kiosk's user needs read access to it (the ``input`` group, README).

``JackSource`` is what the kiosk asks of a jack; ``EvdevJack`` is the real one. Tests
drive it through a pipe carrying the same ``input_event`` records the kernel writes:
the fake is only the device node.
"""

from __future__ import annotations

import fcntl
import logging
import os
import re
import select
import struct
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

log = logging.getLogger(__name__)

# linux/input-event-codes.h
EV_SW = 0x05
SW_HEADPHONE_INSERT = 0x02
SW_MICROPHONE_INSERT = 0x04  # a headset with a microphone reports both
SW_MAX = 0x10
# struct input_event on 64-bit Linux: struct timeval (two longs), __u16 type, __u16 code,
# __s32 value.
EVENT = struct.Struct("llHHi")


def _eviocgsw(length: int) -> int:
    """EVIOCGSW(len): _IOC(_IOC_READ, 'E', 0x1b, len)."""
    read, nr_bits, type_bits, size_bits = 2, 8, 8, 14
    return (
        (read << (nr_bits + type_bits + size_bits))
        | (length << (nr_bits + type_bits))
        | (ord("E") << nr_bits)
        | 0x1B
    )


# on_change(plugged, moved): the state found at the start (moved False), then each time
# a plug goes in or out (moved True). Called from the jack's own thread.
JackListener = Callable[[bool, bool], None]


class JackSource(Protocol):
    """A headset jack, watched from the kiosk's start to its end."""

    def watch(self, on_change: JackListener) -> None: ...

    def close(self) -> None: ...


def find_jack(devices: Path = Path("/proc/bus/input/devices")) -> Path | None:
    """The input device of the headphone jack, from the kernel's list: the first whose
    name speaks of a headphone or headset and that reports switches (EV_SW)."""
    try:
        text = devices.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    for block in text.split("\n\n"):
        name = re.search(r'^N: Name="(.*)"$', block, re.MULTILINE)
        handlers = re.search(r"^H: Handlers=(.*)$", block, re.MULTILINE)
        events = re.search(r"^B: EV=([0-9a-f]+)$", block, re.MULTILINE)
        if not (name and handlers and events):
            continue
        if not re.search(r"head(phone|set)", name.group(1), re.IGNORECASE):
            continue
        if not int(events.group(1), 16) & (1 << EV_SW):
            continue
        node = re.search(r"\bevent\d+\b", handlers.group(1))
        if node:
            return Path("/dev/input") / node.group(0)
    return None


class EvdevJack:
    """The jack's input device, read on a thread of its own (blocking reads, no polling).

    ``path`` is the device node; ``opener`` lets a test give a pipe in its place."""

    def __init__(self, path: Path, *, opener: Callable[[Path], int] | None = None) -> None:
        self.path = path
        self._open = opener or (lambda p: os.open(p, os.O_RDONLY))
        self._fd: int | None = None
        self._thread: threading.Thread | None = None
        self._closed = threading.Event()
        self.plugged: bool | None = None  # unknown until the device says

    def watch(self, on_change: JackListener) -> None:
        try:
            self._fd = self._open(self.path)
        except OSError as error:
            log.warning("headset: cannot read the jack %s: %s", self.path, error)
            return
        initial = self._current_state()
        if initial is not None:
            self._report(initial, on_change, moved=False)
        self._thread = threading.Thread(
            target=self._run, args=(on_change,), name="headset-jack", daemon=True
        )
        self._thread.start()

    def _current_state(self) -> bool | None:
        """The jack's state now (EVIOCGSW), or None where the device cannot tell."""
        assert self._fd is not None
        bits = bytearray(SW_MAX // 8 + 1)
        try:
            fcntl.ioctl(self._fd, _eviocgsw(len(bits)), bits)
        except OSError:
            return None  # not an input device (a pipe in tests), or no switches
        return bool(bits[SW_HEADPHONE_INSERT // 8] & (1 << SW_HEADPHONE_INSERT % 8))

    def _run(self, on_change: JackListener) -> None:
        assert self._fd is not None
        pending = b""
        while not self._closed.is_set():
            try:
                # Half a second at most between looks at ``close``; no wake-up otherwise.
                ready, _, _ = select.select([self._fd], [], [], 0.5)
                if not ready:
                    continue
                chunk = os.read(self._fd, EVENT.size * 16)
            except OSError as error:
                if not self._closed.is_set():
                    log.warning("headset: the jack %s stopped answering: %s", self.path, error)
                return
            if not chunk:
                return  # the device went away (a USB sound card unplugged)
            pending += chunk
            while len(pending) >= EVENT.size:
                _sec, _usec, kind, code, value = EVENT.unpack_from(pending)
                pending = pending[EVENT.size :]
                if kind == EV_SW and code == SW_HEADPHONE_INSERT:
                    self._report(bool(value), on_change, moved=True)

    def _report(self, plugged: bool, on_change: JackListener, *, moved: bool) -> None:
        if plugged == self.plugged:
            return
        self.plugged = plugged
        log.info("headset: %s", "plugged in" if plugged else "unplugged")
        try:
            on_change(plugged, moved)
        except Exception:
            log.exception("headset: a listener failed")

    def close(self) -> None:
        self._closed.set()
        if self._thread is not None:
            self._thread.join(timeout=2)
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None


def jack_for(setting: str) -> JackSource | None:
    """The jack the configuration names: "" none, "auto" found in the kernel's list of
    input devices, or a device node such as "/dev/input/event7"."""
    if not setting:
        return None
    path = find_jack() if setting == "auto" else Path(setting)
    if path is None:
        log.info("headset: no headphone jack reports itself on this kiosk")
        return None
    return EvdevJack(path)
