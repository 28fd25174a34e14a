# SPDX-License-Identifier: EUPL-1.2
"""The voice's processes over thousands of sentences: a headset set up without aplay
must not leave an espeak-ng blocked on a pipe, and an open descriptor, per sentence (a
kiosk reaches its limit of open files within days of spoken visits). Real espeak-ng;
aplay is what is missing (a PATH without it)."""

from __future__ import annotations

import logging
import os
import shutil
import time
from pathlib import Path

import pytest

from kiosk.core import speech
from kiosk.core.speech import EspeakSpeaker, SilentSpeaker, Utterance

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


def fake_espeak(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An espeak-ng that only writes down the sentence it was given (no sound device)."""
    heard = tmp_path / "heard.txt"
    fake = tmp_path / "bin" / "espeak-ng"
    fake.parent.mkdir()
    fake.write_text(f'#!/bin/sh\nfor last; do :; done\nprintf "%s\\n" "$last" >> "{heard}"\n')
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", str(fake.parent))
    return heard


def said_to_the_end(speaker: EspeakSpeaker, text: str) -> None:
    speaker.say(text, "it")
    deadline = time.monotonic() + 5
    while speaker.speaking():
        assert time.monotonic() < deadline, "the speaker still says it is speaking"
        time.sleep(0.01)


def test_a_nul_in_a_sentence_does_not_reach_the_voice_and_the_next_is_said(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    heard = fake_espeak(tmp_path, monkeypatch)
    speaker = EspeakSpeaker()
    try:
        said_to_the_end(speaker, "Nome\u0000 e cognome")  # a form's label, as the platform sent it
        said_to_the_end(speaker, "Avanti")
    finally:
        speaker.close()
    assert heard.read_text().splitlines() == ["Nome e cognome", "Avanti"]


def test_a_voice_that_fails_to_start_leaves_the_speaker_free_for_the_next_sentence(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    heard = fake_espeak(tmp_path, monkeypatch)
    failures = iter([ValueError("cannot start")])
    start = EspeakSpeaker._start

    def failing_once(self: EspeakSpeaker, utterance: Utterance) -> None:
        for error in failures:  # the first sentence only
            raise error
        start(self, utterance)

    monkeypatch.setattr(EspeakSpeaker, "_start", failing_once)
    speaker = EspeakSpeaker()
    try:
        with caplog.at_level(logging.WARNING, logger=speech.__name__):
            said_to_the_end(speaker, "Codice fiscale RSSMRA80A01H501U")
        assert not speaker.speaking()
        said_to_the_end(speaker, "Avanti")
    finally:
        speaker.close()
    assert heard.read_text().splitlines() == ["Avanti"]
    assert "ValueError" in caplog.text and "RSSMRA80A01H501U" not in caplog.text
