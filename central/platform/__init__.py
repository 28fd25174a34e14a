# SPDX-License-Identifier: EUPL-1.2
"""What the reference platform does, independent of HTTP, one area per module:

| module           | area                                                         |
| ---------------- | ------------------------------------------------------------ |
| ``database``     | the engine, and writing transactions that take turns         |
| ``catalog``      | publishing records into the change streams the kiosks pull   |
| ``registry``     | enrollment codes, device tokens, revocation                  |
| ``submissions``  | the kiosks' submissions, stored exactly once per client UUID |
| ``statuses``     | application statuses and the key that looks them up          |
| ``wallet``       | credits, vouchers, signing keys, redemption, sealed wallets  |

The HTTP side is central/api/, one router per area.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from central import epochs
from central.models import Device
from central.platform.catalog import Catalog, PublishError
from central.platform.database import DEFAULT_POOL_SIZE, Database, digest, now
from central.platform.registry import DeviceRegistry, EnrollError
from central.platform.sealing import SubmissionSeal
from central.platform.statuses import ApplicationStatuses
from central.platform.submissions import Submissions
from central.platform.wallet import Wallet

__all__ = ["EnrollError", "Platform", "PublishError", "digest", "now"]


class Platform:
    """One platform on one database: its areas side by side. The areas' public methods
    are also the platform's (what the routers, the web desk and the tests call)."""

    def __init__(
        self,
        database_url: str,
        *,
        time_zone: str = "Europe/Rome",
        pool_size: int = DEFAULT_POOL_SIZE,
    ) -> None:
        """``time_zone`` decides the calendar day of voucher validity (as on the kiosks);
        ``pool_size``: database connections kept open, one per request handled at once
        (``ServerLimits.threads``)."""
        database = self.database = Database(database_url, time_zone=time_zone, pool_size=pool_size)
        self.engine = database.engine
        self.sessions = database.sessions
        self.time_zone = database.time_zone
        self.writing = database.writing

        catalog = self.catalog = Catalog(database)
        registry = self.registry = DeviceRegistry(database)
        statuses = self.statuses = ApplicationStatuses(database, catalog)
        wallet = self.wallet = Wallet(database, catalog)
        catalog.ledger_changed = wallet.reseal  # a citizen's sealed wallet follows
        catalog.ledgers_changed = wallet.reseal_many
        # What follows an accepted submission, in the transaction that stores it.
        follow_up = {
            "application": statuses.received,
            "purchase": wallet.purchase_accepted,
            "event": wallet.event_accepted,
            "wallet_pin": wallet.pin_request_accepted,
        }
        intake = self.intake = Submissions(database, follow_up)

        self.publish = catalog.publish
        self.publish_many = catalog.publish_many
        self.unpublish = catalog.unpublish
        self.records = catalog.records
        self.changes = catalog.changes
        self.changes_compressed = catalog.changes_compressed

        self.new_enrollment_code = registry.new_enrollment_code
        self.enroll = registry.enroll
        self.device_for = registry.device_for
        self.rotate_token = registry.rotate_token
        self.revoke_device = registry.revoke_device
        self.devices = registry.devices

        seal = self.seal = SubmissionSeal(database)
        self.sealing_key = seal.public_key
        self.open_sealed = seal.open_entries
        self.with_call_backs = seal.with_call_backs
        self.submit = intake.submit
        self.known = intake.known
        self.submissions = intake.submissions
        self.new_epoch = database.new_epoch
        self.compact = database.compact

        self.lookup_secret = statuses.lookup_secret
        self.kiosk_lookup_secret = statuses.kiosk_lookup_secret
        self.set_application_status = statuses.set_application_status

        self.register_signing_key = wallet.register_signing_key
        self.revoke_signing_key = wallet.revoke_signing_key
        self.signing_keys = wallet.signing_keys
        self.voucher_standing = wallet.voucher_standing
        self.redeem = wallet.redeem
        self.set_credit = wallet.set_credit
        self.issue_voucher = wallet.issue_voucher
        self.issued_voucher = wallet.issued_voucher
        self.set_wallet_pin = wallet.set_wallet_pin
        self.set_wallet_pin_at_kiosk = wallet.set_wallet_pin_at_kiosk
        self.wallet_holder = wallet.wallet_holder

    def pull(
        self,
        token: str,
        stream: str,
        since: int,
        limit: int,
        admit: Callable[[Device | None], Device],
    ) -> bytes:
        """A device's pull: a change page of ``stream`` after ``since``, gzip-compressed
        (``Catalog.page_in``). The device holding ``token`` (None: nobody), the epoch and
        the newest change are read in one statement, and ``admit`` refuses the caller
        (by raising) before any page is read: the commonest request, "anything new?",
        costs one round trip to the database."""
        with self.sessions() as session:
            found, epoch, head = self.registry.device_in(session.connection(), token)
            reader = admit(found)
            return self.catalog.page_in(
                session, stream, since, limit, reader.comune, reader.id, epoch, head
            )

    @property
    def epoch(self) -> epochs.Epoch:
        """The database's epoch (central/epochs.py): a new one after a restore."""
        return self.database.epoch

    def today(self) -> date:
        """The platform's calendar day (``database.today``, which every area reads)."""
        return self.database.today()
