# SPDX-License-Identifier: EUPL-1.2
"""The headset jack starts spoken mode and lets personal data be spoken.

The jack is read as the kernel reports it: ``input_event`` records on the jack's input
device. Here a pipe carries the same records in place of the device node (the one fake,
at the true edge: a sound card's jack); the reader, its thread, the bridge to the UI
thread and spoken mode are the kiosk's own.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from kiosk.boot.config import ConfigError
from kiosk.core.headset import EV_SW, EVENT, SW_HEADPHONE_INSERT, EvdevJack, find_jack
from kiosk.ui.application import watch_headset
from tests.kiosk.people import listen

EV_SYN, SW_MICROPHONE_INSERT = 0x00, 0x04

# /proc/bus/input/devices of a kiosk PC (Intel HDA codec: one device per jack).
DEVICES = """\
I: Bus=0019 Vendor=0000 Product=0001 Version=0000
N: Name="Power Button"
P: Phys=LNXPWRBN/button/input0
H: Handlers=kbd event0
B: PROP=0
B: EV=3

I: Bus=0000 Vendor=0000 Product=0000 Version=0000
N: Name="HDA Intel PCH Mic"
P: Phys=ALSA
H: Handlers=event5
B: PROP=0
B: EV=21
B: SW=10

I: Bus=0000 Vendor=0000 Product=0000 Version=0000
N: Name="HDA Intel PCH Headphone"
P: Phys=ALSA
H: Handlers=event6
B: PROP=0
B: EV=21
B: SW=4

"""


def record(kind: int, code: int, value: int) -> bytes:
    return EVENT.pack(1764750000, 0, kind, code, value)


class Jack:
    """The device node: a pipe the test writes the kernel's records into."""

    def __init__(self) -> None:
        self.read_end, self.write_end = os.pipe()

    def opener(self, _path: Path) -> int:
        return self.read_end

    def plug(self, plugged: bool) -> None:
        os.write(
            self.write_end,
            record(EV_SW, SW_HEADPHONE_INSERT, int(plugged))
            + record(EV_SW, SW_MICROPHONE_INSERT, int(plugged))
            + record(EV_SYN, 0, 0),
        )


@pytest.fixture
def jack() -> Iterator[Jack]:
    pipe = Jack()
    yield pipe
    os.close(pipe.write_end)


def test_the_jack_device_is_found_by_its_name_and_switches(tmp_path: Path) -> None:
    devices = tmp_path / "devices"
    devices.write_text(DEVICES)
    assert find_jack(devices) == Path("/dev/input/event6")  # not the microphone's
    devices.write_text(DEVICES.replace("Headphone", "Line Out"))
    assert find_jack(devices) is None
    assert find_jack(tmp_path / "missing") is None


def test_the_reader_reports_plugging_in_and_out_once_each(jack: Jack) -> None:
    import queue

    news: queue.Queue[tuple[bool, bool]] = queue.Queue()
    reader = EvdevJack(Path("/dev/input/event6"), opener=jack.opener)
    reader.watch(lambda plugged, moved: news.put((plugged, moved)))
    jack.plug(True)
    jack.plug(True)  # the same state again: no news
    jack.plug(False)
    assert news.get(timeout=5) == (True, True)
    assert news.get(timeout=5) == (False, True)
    assert news.empty()
    reader.close()


def test_plugging_a_headset_in_starts_spoken_mode_and_lets_typed_text_be_heard(
    qtbot, window, jack: Jack
) -> None:
    speaker = listen(window)
    spoken = window.spoken
    watch_headset(spoken, "", EvdevJack(Path("/dev/input/event6"), opener=jack.opener))
    window.go("catalog", {})
    search = window.stack.currentWidget().findChild(QWidget, "searchField")
    search.setText("anziani")
    assert not spoken.on
    jack.plug(True)
    qtbot.waitUntil(lambda: spoken.on and spoken.headset)
    assert "Modalità vocale attiva" in " ".join(speaker.texts())
    search.setFocus(Qt.FocusReason.TabFocusReason)
    assert "a n z i a n i" in speaker.texts()[-1]  # through the headset: read out
    jack.plug(False)
    qtbot.waitUntil(lambda: not spoken.headset)
    search.clearFocus()
    search.setFocus(Qt.FocusReason.TabFocusReason)
    assert "anziani" not in speaker.texts()[-1] and "nascosto" in speaker.texts()[-1]
    spoken.jack.close()


def test_a_headset_found_plugged_in_at_start_does_not_start_spoken_mode(window) -> None:
    window.spoken.set_headset(True, moved=False)  # a handset fixed to the kiosk, say
    assert window.spoken.headset and not window.spoken.on


def test_the_jack_setting_is_checked(tmp_path: Path) -> None:
    from tests.conftest import make_config

    assert make_config(tmp_path, '[speech]\nheadset_jack = "auto"').speech.headset_jack == "auto"
    assert make_config(tmp_path).speech.headset_jack == ""
    with pytest.raises(ConfigError, match=r"speech\.headset_jack"):
        make_config(tmp_path, '[speech]\nheadset_jack = "/etc/passwd"')
