# SPDX-License-Identifier: EUPL-1.2
"""Change pages travel compressed: a kiosk on a slow line downloads a fraction of the JSON."""

from __future__ import annotations

import gzip

import requests

from benchmarks.catalog import generated_services
from tests.sync.conftest import Central, enrolled_client


def test_change_pages_travel_gzipped_at_a_fifth_of_their_size(central: Central) -> None:
    central.platform.publish_many(("services", record) for record in generated_services(500))
    client = enrolled_client(central)
    token = client._token
    client.close()
    with requests.get(
        f"{central.url}/v1/changes/catalog",
        params={"since": "0", "limit": 1000},
        headers={"Authorization": f"Bearer {token}", "Accept-Encoding": "gzip"},
        stream=True,
        timeout=30,
    ) as reply:
        on_the_wire = reply.raw.read(decode_content=False)
        encoding = reply.headers.get("Content-Encoding")
    assert reply.status_code == 200
    assert encoding == "gzip"
    page = gzip.decompress(on_the_wire)
    assert page.startswith(b"{") and b'"items"' in page
    assert len(on_the_wire) <= 0.2 * len(page), (len(on_the_wire), len(page))
    # A client that does not ask for it still gets plain JSON.
    plain = requests.get(
        f"{central.url}/v1/changes/catalog",
        params={"since": "0", "limit": 1000},
        headers={"Authorization": f"Bearer {token}", "Accept-Encoding": "identity"},
        timeout=30,
    )
    assert "Content-Encoding" not in plain.headers and plain.content == page
