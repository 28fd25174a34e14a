import pytest
from kiosk.core.purchasing import Cart, cart_line
from tests.conftest import texts_cut_off
from tests.kiosk.people import opened

SCREENS = [
    ("home", {}),
    ("catalog", {}),
    ("service", {"service_id": "s14"}),
    ("calls", {}),
    ("apply", {"call_id": "bs-piazzola"}),
    ("status", {}),
    ("wallet", {}),
    ("cart", {}),
    ("checkout", {}),
]

@pytest.mark.parametrize("lang", ["ro", "sq", "uk", "ar"])
@pytest.mark.parametrize(("route", "params"), SCREENS, ids=[s[0] for s in SCREENS])
def test_large_contrast_no_cut(qtbot, window, lang, route, params):
    window.ctx.switcher.set_language(lang)
    window.set_large_text(True)
    window.set_high_contrast(True)
    if route in ("cart", "checkout"):
        window.ctx.citizen.cart = Cart()
        with window.catalog.store.read() as session:
            window.ctx.citizen.cart.add(cart_line(session, "s01", 2))
        window._show_cart()
    window.go(route, params)
    if route == "apply":
        opened(window)
    qtbot.wait(30)
    if route in ("status",):
        s = window.screen_for("status"); s.code.setText("X"); s.cf.setText("Y"); s.search(); qtbot.wait(30)
    if route == "wallet":
        b = window.screen_for("wallet").identify; b.field.setText("X"); b.confirm(); qtbot.wait(30)
    window.grab().save(f"/tmp/review_a11y/{route}-{lang}.png")
    assert texts_cut_off(window) == []
