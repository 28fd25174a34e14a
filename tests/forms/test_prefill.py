# SPDX-License-Identifier: EUPL-1.2
"""A repeat's first item from earlier answers: the applicant in their own household."""

from __future__ import annotations

from forms.prefill import first_item

REPEAT = {
    "name": "membri",
    "type": "repeat",
    "first_item": {
        "cf_membro": "cf",
        "nome_cognome": ["nome", "cognome"],
        "data_nascita": {"birth_date_of": "cf"},
        "relazione": {"value": "dich"},
    },
}


def test_the_applicant_becomes_the_first_member_with_the_birth_date_of_their_code() -> None:
    answers = {"cf": "FRRNNA41A63E592W", "nome": "Anna", "cognome": "Ferraro"}
    assert first_item(REPEAT, answers) == {
        "cf_membro": "FRRNNA41A63E592W",
        "nome_cognome": "Anna Ferraro",
        "data_nascita": "1941-01-23",
        "relazione": "dich",
    }


def test_what_is_not_known_yet_is_left_for_the_citizen() -> None:
    assert first_item(REPEAT, {"nome": "Anna"}) == {"nome_cognome": "Anna", "relazione": "dich"}
    assert first_item({"name": "x", "type": "repeat"}, {"cf": "FRRNNA41A63E592W"}) == {}
