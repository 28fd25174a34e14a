# SPDX-License-Identifier: EUPL-1.2
"""Speech output: the ``Speaker`` the kiosk talks through, and an offline espeak-ng engine.

Why espeak-ng called directly: it is one Debian package (``espeak-ng``) with a voice for
every language of the area (it, en, ro, ar, uk, sq, zh and more), it needs no daemon, and
it can write a WAV file, which lets a test check that the real engine makes sound. Qt's
text-to-speech module is not in PySide6-Essentials (it is in the 59 MB Addons wheel) and
its Linux engine needs a running speech-dispatcher, which itself would drive espeak-ng.

A ``Speaker`` never blocks its caller: the UI thread hands a sentence over and goes on;
a worker thread stops what is being said and starts the new sentence (a new sentence
always interrupts the last one, as a citizen who acts wants).
"""

from __future__ import annotations

import logging
import shutil
import subprocess
import threading
from pathlib import Path
from typing import NamedTuple, Protocol

log = logging.getLogger(__name__)

MIN_VOLUME, MAX_VOLUME = 0, 100

# espeak-ng voice per language of the screen (BCP-47 key of the language registry);
# a language missing here is spoken with its own code, which espeak-ng mostly knows.
VOICES = {"en": "en-gb", "zh": "cmn", "fa": "fa", "pt": "pt"}


class Utterance(NamedTuple):
    text: str
    lang: str


class Speaker(Protocol):
    """What the user interface asks of speech."""

    volume: int  # 0 to 100

    def say(self, text: str, lang: str) -> None:
        """Says ``text`` in the voice of ``lang``, interrupting whatever is being said."""

    def stop(self) -> None:
        """Silence at once."""

    def speaking(self) -> bool:
        """A sentence is being said (or about to be)."""
        ...


class SilentSpeaker:
    """A speaker without sound: for a kiosk with no speech engine installed, and, keeping
    what it was asked to say (``keep``), for tests. A kiosk keeps nothing: it runs for
    months, and a sentence may hold what a citizen typed."""

    def __init__(self, *, keep: bool = True) -> None:
        self.volume = 60
        self.keep = keep
        self.said: list[Utterance] = []
        self.stops = 0
        self.busy = False  # a test says how long a sentence takes: until it sets this back

    def say(self, text: str, lang: str) -> None:
        if self.keep:
            self.said.append(Utterance(text, lang))

    def stop(self) -> None:
        self.stops += 1
        self.busy = False

    def speaking(self) -> bool:
        return self.busy

    def texts(self) -> list[str]:
        return [u.text for u in self.said]


def voice_for(lang: str) -> str:
    return VOICES.get(lang, lang)


def espeak_command(
    text: str, lang: str, *, volume: int, rate_wpm: int, wav: Path | None = None
) -> list[str]:
    """The espeak-ng command line for one sentence. Amplitude 0–200 (100 = normal), so
    a volume of 50 is espeak's normal loudness. ``--`` ends the options: a sentence that
    starts with '-' is still text."""
    amplitude = round(max(MIN_VOLUME, min(MAX_VOLUME, volume)) * 2)
    command = ["espeak-ng", "-v", voice_for(lang), "-a", str(amplitude), "-s", str(rate_wpm)]
    if wav is not None:
        command += ["-w", str(wav)]
    # A NUL cannot cross exec() (Popen raises ValueError), and a caller may not have
    # passed the text through ``speakable``: it has no sound, so it goes.
    return [*command, "--", text.replace("\0", "")]


def render_wav(text: str, lang: str, wav: Path, *, volume: int = 50, rate_wpm: int = 150) -> None:
    """Writes the spoken ``text`` to a WAV file (checks and previews); raises on failure."""
    subprocess.run(
        espeak_command(text, lang, volume=volume, rate_wpm=rate_wpm, wav=wav),
        check=True,
        capture_output=True,
        timeout=30,
    )


class EspeakSpeaker:
    """Speaks through espeak-ng on the kiosk's audio output, or through ``aplay`` on a
    chosen ALSA device (a headset's jack) when ``device`` is set."""

    def __init__(self, *, volume: int = 60, rate_wpm: int = 150, device: str = "") -> None:
        self.volume = volume
        self.rate_wpm = rate_wpm
        self.device = device
        self._wanted: Utterance | None = None
        self._stop_requested = False
        self._wake = threading.Condition()
        self._current: list[subprocess.Popen[bytes]] = []
        self._starting = False  # a sentence taken by the worker, its voice not yet started
        self._closed = False
        self._thread: threading.Thread | None = None  # started by the first sentence

    @staticmethod
    def available(device: str = "") -> bool:
        """espeak-ng is installed, and aplay too when a ``device`` (a headset) is set."""
        return shutil.which("espeak-ng") is not None and (
            not device or shutil.which("aplay") is not None
        )

    def say(self, text: str, lang: str) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="speech", daemon=True)
            self._thread.start()
        with self._wake:
            self._wanted = Utterance(text, lang)
            self._stop_requested = True
            self._wake.notify()

    def stop(self) -> None:
        with self._wake:
            self._wanted = None
            self._stop_requested = True
            self._wake.notify()

    def speaking(self) -> bool:
        with self._wake:
            if self._wanted is not None or self._starting:
                return True
        return any(process.poll() is None for process in list(self._current))

    def close(self) -> None:
        with self._wake:
            self._closed = True
            self._wanted = None
            self._stop_requested = True
            self._wake.notify()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def _run(self) -> None:
        while True:
            with self._wake:
                while not self._stop_requested and not self._closed:
                    self._wake.wait()
                self._stop_requested = False
                wanted, self._wanted = self._wanted, None
                self._starting = wanted is not None
                closed = self._closed
            try:
                self._silence()
                if closed:
                    return
                if wanted is not None:
                    self._start(wanted)
            except Exception as error:  # any: one sentence must not silence the kiosk for good
                # The kind only: the sentence, and an error's message, may hold a citizen's data.
                log.warning("speech: a sentence could not be said (%s)", type(error).__name__)
            finally:
                with self._wake:
                    self._starting = False

    def _silence(self) -> None:
        for process in self._current:
            if process.poll() is None:
                process.kill()
            process.wait()
        self._current = []

    def _start(self, utterance: Utterance) -> None:
        command = espeak_command(
            utterance.text, utterance.lang, volume=self.volume, rate_wpm=self.rate_wpm
        )
        try:
            if not self.device:
                self._current = [
                    subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                ]
                return
            # To the headset's device: espeak-ng writes the WAV, aplay plays it there.
            speak = subprocess.Popen(
                [*command[:-2], "--stdout", *command[-2:]],
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
            )
            assert speak.stdout is not None
            try:
                play = subprocess.Popen(
                    ["aplay", "-q", "-D", self.device],
                    stdin=speak.stdout,
                    stderr=subprocess.DEVNULL,
                )
            except Exception:
                # Else espeak-ng waits for ever on a pipe nobody reads, and its
                # descriptor stays open: one more of each per sentence.
                speak.kill()
                speak.wait()
                raise
            finally:
                speak.stdout.close()  # aplay owns the pipe now, or nobody does
            self._current = [speak, play]
        except OSError as error:
            log.error("speech: cannot start the voice: %s", error)  # names the program
