# SPDX-License-Identifier: EUPL-1.2
"""The voice's processes over thousands of sentences: a headset set up without aplay
must not leave an espeak-ng blocked on a pipe, and an open descriptor, per sentence (a
kiosk reaches its limit of open files within days of spoken visits). Real espeak-ng;
aplay is what is missing (a PATH without it)."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

from kiosk.core.speech import EspeakSpeaker, SilentSpeaker

SENTENCE = "Servizi per gli anziani, trasporto e pasti a domicilio. " * 6  # over 64 KiB of WAV


def children() -> list[str]:
    """Commands of this process's living children."""
    found = []
    for task in Path("/proc").iterdir():
        try:
            stat = (task / "stat").read_text()
        except OSError:
            continue
        fields = stat.rpartition(")")[2].split()
        if task.name.isdigit() and int(fields[1]) == os.getpid() and fields[0] != "Z":
            found.append(stat.split("(", 1)[1].split(")", 1)[0])
    return found


@pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng is not installed")
def test_a_headset_without_aplay_leaves_no_voice_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    only_espeak = tmp_path / "bin"
    only_espeak.mkdir()
    (only_espeak / "espeak-ng").symlink_to(shutil.which("espeak-ng") or "")
    monkeypatch.setenv("PATH", str(only_espeak))
    assert not EspeakSpeaker.available("hw:1")  # the kiosk then speaks silently, and says why
    speaker = EspeakSpeaker(device="hw:1")
    descriptors = len(os.listdir("/proc/self/fd"))
    try:
        for _ in range(30):
            speaker.say(SENTENCE, "it")
            deadline = time.monotonic() + 10
            while speaker.speaking():
                assert time.monotonic() < deadline, "the sentence never ended"
                time.sleep(0.01)
        assert "espeak-ng" not in children()
        assert len(os.listdir("/proc/self/fd")) <= descriptors + 2
    finally:
        speaker.close()


def test_the_silent_voice_of_a_kiosk_keeps_nothing_it_was_asked_to_say() -> None:
    kiosk = SilentSpeaker(keep=False)
    for _ in range(1000):
        kiosk.say("Codice fiscale: RSSMRA80A01H501U", "it")
    assert kiosk.said == []
