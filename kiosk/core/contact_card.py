# SPDX-License-Identifier: EUPL-1.2
"""The provider contact a citizen can scan from the screen, as a vCard 3.0 text."""

from __future__ import annotations


def _escape(value: str) -> str:
    # vCard 3.0 (RFC 2426 §4): backslash, comma, semicolon and newlines are escaped.
    value = value.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;")
    return value.replace("\r\n", "\\n").replace("\n", "\\n")


def vcard(name: str, phone: str, email: str, address: str) -> str:
    lines = ["BEGIN:VCARD", "VERSION:3.0", f"FN:{_escape(name)}", f"ORG:{_escape(name)}"]
    if phone:
        lines.append(f"TEL;TYPE=WORK,VOICE:{_escape(phone)}")
    if email:
        lines.append(f"EMAIL;TYPE=INTERNET:{_escape(email)}")
    if address:
        lines.append(f"ADR;TYPE=WORK:;;{_escape(address)};;;;")
    lines.append("END:VCARD")
    return "\r\n".join(lines)
