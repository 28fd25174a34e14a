# SPDX-License-Identifier: EUPL-1.2
"""What the web desk's tests share: an application as a kiosk sends it."""

from __future__ import annotations

import copy
import uuid
from datetime import UTC, datetime
from typing import Any

from central.platform import Platform
from forms.definition import load_definition
from kiosk.core.applying import tracking_code
from protocol.messages import SubmissionEntry
from tests.forms.samples import GOOD

REF = "piazzola-buoni-spesa-2025@2025-11-03.1"


def send_application(
    platform: Platform, device_id: str, call: str = "bs-piazzola", **answers: Any
) -> tuple[str, str]:
    """An application as a kiosk sends it (to ``call``, on its form); its protocol
    number and tracking code."""
    form = load_definition(platform.records("forms")[REF]["definition"])
    code = tracking_code()  # as a kiosk makes it
    payload = {
        "call": call,
        "form": REF,
        "form_sha256": form.sha256,
        "answers": {**copy.deepcopy(GOOD), **answers},
        "tracking_code": code,
    }
    entry = SubmissionEntry(
        uuid=str(uuid.uuid4()), kind="application", created_at=datetime.now(UTC), payload=payload
    )
    [result] = platform.submit(device_id, [entry])
    assert result.status == "accepted", result
    return str(result.server_id), code
