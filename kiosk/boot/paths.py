# SPDX-License-Identifier: EUPL-1.2
"""Where the checkout keeps its shipped files (demo data, translations, styles)."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ASSETS = ROOT / "assets"
DEMO_DATASET = ASSETS / "demo" / "dataset.json"
DEMO_CITIZENS = ASSETS / "demo" / "citizens.json"  # demo people with wallet PINs
