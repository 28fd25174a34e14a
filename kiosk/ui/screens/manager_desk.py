# SPDX-License-Identifier: EUPL-1.2
"""The manager's dashboard: how the kiosk stands and what needs a hand.

Left: the link to the platform (online, last sync, records waiting, "Sync now"), an
alert when records have waited longer than the retention cap, and the records the
platform refused, each with its reason, what to do and whom to call. Right: the printer
(queue, slips to check, test page), recent slips to reprint (marked DUPLICATO), and the
manager's actions: assisted session, end-of-day report, leaving for maintenance.
Everything shown comes from ManagerController, read off the UI thread.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kiosk.ui.key_navigation import redraw_by_name
from kiosk.ui.screens.base import DataScreen, UiContext
from kiosk.ui.widgets.common import ScrollList, button, card, label
from kiosk.ui.widgets.settle import Settling

if TYPE_CHECKING:
    from kiosk.core.manager_desk import DeskFacts, Refused
    from kiosk.core.manager_login import Manager
    from store.catalog import CatalogReader
    from sync.worker import SyncStatus

CONFIRM_MS = 5000  # a second tap on "Leave for maintenance" within this time closes


class ManagerDeskScreen(DataScreen):
    route = "manager"
    refresh_requested = Signal()
    sync_now = Signal()
    print_test = Signal()
    reprint = Signal(str)  # print job UUID
    dealt_with = Signal(str)  # print job UUID of a slip to check the manager has handled
    refusal_dealt_with = Signal(str, str)  # outbox UUID of a refused record, outcome
    print_day_report = Signal()
    start_assisted = Signal()
    maintenance_exit = Signal()
    log_out = Signal()
    help_answered = Signal()  # "I'm coming": the citizens' call for help is taken
    set_wallet_pin = Signal()  # to the screen that sets a citizen's wallet PIN

    def _local(self, moment: datetime) -> str:
        """ "dd/mm HH:MM" in the kiosk's time zone."""
        from kiosk.ui.texts import local_day_time

        return local_day_time(moment, self.ctx.time_zone)

    def __init__(self, ctx: UiContext, catalog: CatalogReader) -> None:
        super().__init__(ctx, catalog)
        self.manager: Manager | None = None
        self.facts: DeskFacts | None = None
        self.status: SyncStatus | None = None
        self.syncs = True  # whether this kiosk talks to a platform at all
        self.notice = ""
        self._closing: str | None = None  # the refused record whose outcomes are shown
        top = QHBoxLayout()
        names = QVBoxLayout()
        self.title = label(role="title", name="deskTitle")
        self.who = label(role="muted", name="deskManager")
        names.addWidget(self.title)
        names.addWidget(self.who)
        top.addLayout(names, 1)
        self.log_out_button = button(name="logOut", role="chip")
        self.log_out_button.clicked.connect(self.log_out)
        top.addWidget(self.log_out_button)
        self.body.addLayout(top)
        self.notice_label = label(name="deskNotice")
        self.notice_label.hide()
        self.body.addWidget(self.notice_label)
        columns = QGridLayout()
        columns.setHorizontalSpacing(32)
        self.left = ScrollList(name="deskLeft")
        self.right = ScrollList(name="deskRight")
        columns.addWidget(self.left, 0, 0)
        columns.addWidget(self.right, 0, 1)
        columns.setColumnStretch(0, 1)
        columns.setColumnStretch(1, 1)
        self.body.addLayout(columns, 1)
        self._confirming = QTimer(self)
        self._confirming.setSingleShot(True)
        self._confirming.setInterval(CONFIRM_MS)
        self._confirming.timeout.connect(self.retranslate)
        # "Leave the kiosk for maintenance" is drawn again as "Touch again to close the
        # kiosk" where it was tapped: a double tap's second press must not close it.
        self._leaving = Settling(None, self._exit_tapped, self)
        self.retranslate()

    # Data ---------------------------------------------------------------------------------

    def enter(self, **params: Any) -> None:
        self.notice = ""
        self._confirming.stop()
        self.retranslate()
        self.refresh_requested.emit()

    def mirror_changed(self, **params: Any) -> None:
        # A sync pass (perhaps the one the manager started): the figures are read again;
        # the line about their last action and a confirmation under way stay.
        self.refresh_requested.emit()

    def set_manager(self, manager: Manager | None) -> None:
        self.manager = manager
        self.retranslate()

    def show_facts(self, facts: DeskFacts) -> None:
        self.facts = facts
        self.retranslate()

    def show_status(self, status: SyncStatus | None, syncs: bool) -> None:
        self.status, self.syncs = status, syncs
        self.retranslate()

    def show_notice(self, notice: str) -> None:
        """A line about the last action: "sync_started", "failed" or "" for none."""
        self.notice = notice
        self.retranslate()

    def forget(self) -> None:
        self.manager, self.facts, self.notice, self._closing = None, None, "", None
        self._confirming.stop()
        self.left.clear()
        self.right.clear()
        super().forget()

    def _ask_outcome(self, entry_uuid: str | None) -> None:
        """Shows (or, with None, hides) how a refused record was dealt with."""
        self._closing = entry_uuid
        self.retranslate()

    def _outcome_chosen(self, entry_uuid: str, outcome: str) -> None:
        self._closing = None
        self.refusal_dealt_with.emit(entry_uuid, outcome)

    def _sync_now(self) -> None:
        self.show_notice("sync_started")
        self.sync_now.emit()

    def _exit_tapped(self) -> None:
        if self._confirming.isActive():
            self._confirming.stop()
            self.maintenance_exit.emit()
        else:
            self._confirming.start()
            self.retranslate()

    # Drawing ------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.title.setText(self.tr("Operator area"))
        manager = self.manager
        self.who.setText(f"{manager.name} · {manager.organization}" if manager else "")
        self.log_out_button.setText(self.tr("Log out"))
        notices = {
            "sync_started": self.tr("Sync started: the figures update when it ends."),
            "failed": self.tr("That did not work. Nothing was lost; try again."),
            "sync_done": self.tr("Sync done: the figures below are up to date."),
            "sync_failed": self.tr(
                "The sync did not succeed: the reason is under “Platform”. Nothing was lost;"
                " it will be tried again."
            ),
        }
        self.notice_label.setText(notices.get(self.notice, ""))
        self.notice_label.setVisible(bool(self.notice))
        # By keys the focus stays on the same button of its column as drawn again, not
        # on the safety net's nearest control (a refresh comes after every sync pass).
        focus = QApplication.focusWidget()
        column = next(
            (c for c in (self.left, self.right) if focus is not None and c.isAncestorOf(focus)),
            self.left,
        )
        redraw_by_name(column, self._draw)

    def _draw(self) -> None:
        # Redrawn on every refresh: each column stays where the manager had scrolled it.
        kept = [(area, area.verticalScrollBar().value()) for area in (self.left, self.right)]
        self.left.clear()
        self.right.clear()
        facts = self.facts
        if facts is not None and facts.help_requests:
            self.left.add(self._help_card(facts))
        self.left.add(self._link_card())
        if facts is not None and facts.clock_is_off:
            self.left.add(self._clock_card(facts))
        if facts is not None and facts.overdue.count:
            self.left.add(self._overdue_card(facts))
        if facts is not None and facts.damaged:
            self.left.add(self._damaged_card(facts))
        self.left.add(self._refused_card(facts))
        if facts is not None and facts.set_aside:
            self.left.add(self._set_aside_card(facts))
        self.right.add(self._actions_card())
        self.right.add(self._wallets_card(facts))
        self.right.add(self._printer_card(facts))
        self.right.add(self._reprint_card(facts))
        self._fit_actions()
        for area, value in kept:  # once the new cards are laid out and the range is known
            QTimer.singleShot(0, self, lambda a=area, v=value: a.verticalScrollBar().setValue(v))

    def _fit_actions(self) -> None:
        """Each of the right column's buttons keeps its words whole: the column is at
        least as wide as the widest one needs (on a 1280-pixel panel with larger text,
        "Leave the kiosk for maintenance" was cut), up to three fifths of the window;
        the other column's texts wrap. (The style's minimum width for touch lets a
        squeezed button shrink below its text.)"""
        shown = self.right.content  # not the last draw's buttons, hidden until deleted
        # A button with its card's side margins and border (2 px, from the style).
        widest = max(
            (
                b.sizeHint().width() + _side_margins(b.parentWidget()) + 2 * 2
                for b in shown.findChildren(QPushButton)
                if b.isVisibleTo(shown)
            ),
            default=0,
        )
        need = widest + _side_margins(shown) + self.right.verticalScrollBar().sizeHint().width()
        self.right.setMinimumWidth(min(need, self.window().width() * 3 // 5))

    def changeEvent(self, event: QEvent) -> None:
        # Larger text turned on at the desk makes the buttons wider: fit them again
        # once the new style has laid them out.
        if event.type() in (QEvent.Type.StyleChange, QEvent.Type.FontChange):
            QTimer.singleShot(0, self, self._fit_actions)
        super().changeEvent(event)

    def showEvent(self, event: QShowEvent) -> None:
        self._fit_actions()  # the window's width is known now
        super().showEvent(event)

    def _help_card(self, facts: DeskFacts) -> QWidget:
        frame, column = self._card(self.tr("⚠ A citizen is asking for help"), "deskHelp")
        times = ", ".join(self._local(moment)[-5:] for moment in facts.help_requests)
        column.addWidget(
            label(self.tr("Asked at this kiosk at {times}.").format(times=times), role="fieldError")
        )
        coming = button(self.tr("I am on my way"), name="helpAnswered", role="primary")
        coming.clicked.connect(self.help_answered)
        column.addWidget(coming)
        return frame

    def _card(self, title: str, name: str) -> tuple[QWidget, QVBoxLayout]:
        frame = card()
        frame.setObjectName(name)
        column = QVBoxLayout(frame)
        column.setContentsMargins(24, 18, 24, 18)
        column.setSpacing(10)
        column.addWidget(label(title, role="heading"))
        return frame, column

    def _link_card(self) -> QWidget:
        frame, column = self._card(self.tr("Platform"), "deskLink")
        status = self.status
        if not self.syncs:
            column.addWidget(label(self.tr("This kiosk is not linked to a platform.")))
        elif status is None or status.online is None:
            column.addWidget(label(self.tr("Not synced yet since the kiosk started.")))
            if status is not None and status.last_success is not None:  # before a restart
                last = self._local(status.last_success)
                column.addWidget(label(self.tr("Last successful sync: {time}").format(time=last)))
        else:
            state = self.tr("Online") if status.online else self.tr("Offline")
            column.addWidget(label(state, role="cardTitle"))
            if status.problem and status.problem != "offline":
                column.addWidget(
                    label(self._problem_text(status.problem), role="fieldError", name="syncProblem")
                )
                if status.detail:  # the platform's or SQLite's words, for the help desk
                    column.addWidget(
                        label(
                            self.tr("Detail: {detail}").format(detail=status.detail[:300]),
                            role="muted",
                        )
                    )
            last = self._local(status.last_success) if status.last_success else self.tr("never")
            column.addWidget(label(self.tr("Last successful sync: {time}").format(time=last)))
        waiting = self.facts.waiting if self.facts else 0
        column.addWidget(label(self.tr("Records waiting to be sent: {n}").format(n=waiting)))
        sync = button(self.tr("Sync now"), name="syncNow")
        sync.setEnabled(self.syncs)
        sync.clicked.connect(self._sync_now)
        column.addWidget(sync)
        return frame

    def _problem_text(self, problem: str) -> str:
        """Why the last sync failed and what to do, for a manager (not a technician)."""
        texts = {
            "refused": self.tr(
                "The platform refused the kiosk's request. If it persists, call the "
                "platform's help desk: the kiosk may need to be enrolled again."
            ),
            "revoked": self.tr(
                "The platform has switched this kiosk off: it no longer sends or receives "
                "anything. What is waiting stays saved here. The platform's reason is below; "
                "call the platform's help desk to enroll the kiosk again."
            ),
            "protocol": self.tr(
                "The platform sent data the kiosk cannot accept. The kiosk keeps what it "
                "had and tries again; if it persists, call the platform's help desk."
            ),
            "not_enrolled": self.tr(
                "The kiosk is not enrolled with the platform: it needs a new enrollment "
                "code from the platform's help desk."
            ),
            "storage": self.tr(
                "The kiosk cannot save to its disk (full or failing). What is already saved "
                "is kept and will be sent, but new purchases and applications cannot be "
                "taken: call technical support."
            ),
        }
        return texts.get(
            problem,
            self.tr(
                "The last sync failed for an unexpected reason; it will be tried again. If it "
                "persists, call technical support (the kiosk's log says more)."
            ),
        )

    def clock_off(self, skew_s: int) -> str:
        """How far the kiosk's clock is off, in whole minutes (one at least): a plural,
        "1 minute", not "1 minutes"; a count of thousands grouped as before ("1.440")."""
        minutes = max(1, round(abs(skew_s) / 60))
        text = (
            self.tr("This kiosk's clock is %n minute(s) ahead of the platform's.", "", minutes)
            if skew_s > 0
            else self.tr("This kiosk's clock is %n minute(s) behind the platform's.", "", minutes)
        )
        return text.replace(str(minutes), f"{minutes:,}".replace(",", "."))

    def _clock_card(self, facts: DeskFacts) -> QWidget:
        frame, column = self._card(self.tr("⚠ The kiosk's clock is wrong"), "deskClock")
        column.addWidget(
            label(
                self.clock_off(facts.clock_skew_s or 0)
                + " "
                + self.tr(
                    "Deadlines are decided by the platform's clock, but the times on the "
                    "screen and on receipts are wrong. Call technical support to set the "
                    "clock (timedatectl set-ntp true)."
                ),
                role="fieldError",
            )
        )
        return frame

    def _overdue_card(self, facts: DeskFacts) -> QWidget:
        frame, column = self._card(self.tr("⚠ Personal data waiting too long"), "deskOverdue")
        oldest = self._local(facts.overdue.oldest) if facts.overdue.oldest else ""
        column.addWidget(
            label(
                self.tr(
                    "Records with citizens' data not yet on the platform: {n}; the oldest is from "
                    "{time}. Check the network and press “Sync now”; if it persists, call the "
                    "platform's help desk. Keeping them longer needs the Comune's consent."
                ).format(n=facts.overdue.count, time=oldest),
                role="fieldError",
            )
        )
        return frame

    def _damaged_card(self, facts: DeskFacts) -> QWidget:
        frame, column = self._card(
            self.tr("⚠ Damaged records on this kiosk: {n}").format(n=facts.damaged),
            "deskDamaged",
        )
        column.addWidget(
            label(
                self.tr(
                    "The kiosk can no longer read these records: they were damaged on its "
                    "disk. They are left out of the figures and the day report, and those not "
                    "yet sent stay here; all the others go on as usual. Call technical support "
                    "(“social-point doctor” checks the kiosk)."
                ),
                role="fieldError",
            )
        )
        return frame

    def _refused_card(self, facts: DeskFacts | None) -> QWidget:
        refused = facts.refused if facts else []
        frame, column = self._card(
            self.tr("Refused by the platform: {n}").format(n=len(refused)), "deskRefused"
        )
        if not refused:
            column.addWidget(label(self.tr("Nothing refused."), role="muted"))
        for item in refused:
            column.addWidget(self._refused_line(item))
        return frame

    def _set_aside_card(self, facts: DeskFacts) -> QWidget:
        frame, column = self._card(
            self.tr("Platform records set aside: {n}").format(n=len(facts.set_aside)),
            "deskSetAside",
        )
        column.addWidget(
            label(
                self.tr(
                    "The kiosk could not use these records from the platform. It goes on with all "
                    "the others and takes a corrected version as soon as the platform publishes "
                    "one; the platform has been told. If one stays here, call the platform's help "
                    "desk."
                ),
                role="muted",
            )
        )
        for item in facts.set_aside[:20]:
            column.addWidget(
                label(f"{item.kind} {item.record_id} · {self._local(item.since)}", role="cardTitle")
            )
            column.addWidget(label(self.tr("Reason: {message}").format(message=item.reason)))
        return frame

    def _refused_line(self, item: Refused) -> QWidget:
        box = QWidget()
        box.setObjectName("refusedRecord")
        lines = QVBoxLayout(box)
        lines.setContentsMargins(0, 8, 0, 8)
        kind = {"application": self.tr("Application"), "purchase": self.tr("Order")}.get(
            item.kind, self.tr("Record")
        )
        lines.addWidget(label(f"{kind} · {self._local(item.created_at)}", role="cardTitle"))
        lines.addWidget(
            label(
                self.tr("Number on the citizen's slip: {reference}").format(
                    reference=item.reference
                ),
                name="refusedReference",
            )
        )
        why = self.tr("Why: {reason}").format(reason=self._reason(item.code))
        lines.addWidget(label(why, name="refusedReason"))
        advice = self.tr("What to do: {advice}").format(advice=self._advice(item.code))
        lines.addWidget(label(advice, role="muted"))
        lines.addWidget(label(self._contact_text(item), name="refusedContact"))
        if self._closing == item.uuid:
            lines.addWidget(label(self.tr("How was it dealt with?"), role="cardTitle"))
            outcomes = {
                "redone_with_citizen": self.tr("Made again with the citizen"),
                "citizen_told": self.tr("The citizen has been told"),
                "citizen_unreachable": self.tr("The citizen could not be reached"),
            }
            for outcome, text in outcomes.items():
                choice = button(text, name=f"refusalOutcome_{outcome}", role="chip")
                choice.clicked.connect(
                    lambda _=False, u=item.uuid, o=outcome: self._outcome_chosen(u, o)
                )
                lines.addWidget(choice)
            back = button(self.tr("Not now"), name="refusalOutcomeCancel", role="chip")
            back.clicked.connect(lambda: self._ask_outcome(None))
            lines.addWidget(back)
        else:
            done = button(self.tr("Mark as dealt with"), name="refusalDealtWith", role="chip")
            done.clicked.connect(lambda _=False, u=item.uuid: self._ask_outcome(u))
            lines.addWidget(done)
        return box

    def _contact_text(self, item: Refused) -> str:
        phones = ", ".join(item.phones)
        if phones and item.name:
            return self.tr("Call {name} on {phones}").format(name=item.name, phones=phones)
        if phones:
            return self.tr("Call the citizen on {phones}").format(phones=phones)
        return self.tr(
            "The citizen left no phone number: when they come back, they have the number "
            "{reference} on their slip."
        ).format(reference=item.reference)

    def _reason(self, code: str) -> str:
        """The platform's refusal code in the manager's words (never the bare code)."""
        broken = self.tr(
            "the record reached the platform incomplete or damaged (a fault of the totem's "
            "software, not of the citizen)."
        )
        vouchers = self.tr("the platform did not accept the vouchers of this order.")
        form = self.tr("the form it was made on is not the one the call uses now.")
        reasons = {
            "invalid_answers": self.tr("some answers did not pass the Comune's checks."),
            "form_changed": self.tr("the form changed on the platform after it was made."),
            "wrong_form": form,
            "unknown_form": form,
            "unknown_call": self.tr("the call is no longer on the platform."),
            "call_closed": self.tr("it reached the platform after the call had closed."),
            "call_not_open": self.tr("it was made before the call opened."),
            "unknown_operator": self.tr(
                "the welfare manager who assisted is not known to the platform."
            ),
            "unconfirmed_payment": self.tr(
                "the payment at the desk was not confirmed by a welfare manager of this "
                "Social Point."
            ),
            "service_unavailable": self.tr("the service is no longer offered."),
            "price_changed": self.tr("the price changed on the platform."),
            "payment_not_allowed": self.tr("the service cannot be paid the way chosen."),
            "no_credit": self.tr("the citizen has no credit on the platform."),
            "insufficient_credit": self.tr("the credit was not enough when the order arrived."),
            "uuid_conflict": self.tr(
                "the platform already had a different record with the same number; both are "
                "kept for the platform's staff."
            ),
            "tracking_code_taken": self.tr(
                "the platform already had another application with the same tracking code "
                "and codice fiscale."
            ),
            "invalid_payload": broken,
            "invalid_entry": broken,
            "unknown_kind": broken,
            "not_allowed": broken,
            "unreadable_payload": broken,  # a sealed record the platform could not open
            "payload_too_large": self.tr(
                "the record was larger than the platform takes (very long answers or too "
                "many of them)."
            ),
            "impossible_timestamp": self.tr(
                "the totem's clock was wrong when the record was made, so the platform "
                "could not tell when it was made."
            ),
            "wallet_locked": self.tr("the citizen's wallet is locked after too many wrong PINs."),
            "unknown_wallet": self.tr(
                "the platform does not know the wallet the order names (it may have been "
                "replaced since)."
            ),
            "unconfirmed_holder": self.tr(
                "the order did not show the citizen's wallet PIN as the platform has it (it "
                "may have changed since)."
            ),
            "proof_used": self.tr(
                "the confirmation it carried (the citizen's wallet PIN, or a welfare "
                "manager's for a desk payment) had already paid another order."
            ),
            "not_identified": self.tr(
                "an order paid with credit did not name the citizen's wallet."
            ),
            "unconfirmed_assistance": self.tr(
                "the platform could not confirm that the welfare manager who assisted was "
                "logged in on this totem."
            ),
            # A wallet PIN set for a citizen (WalletPinScreen says the same when it waits).
            "weak_pin": self.tr("the platform refused the new wallet PIN as too easy."),
            "stale_proof": self.tr(
                "the new wallet PIN waited too long to be sent (the totem was offline)."
            ),
            "unconfirmed_operator": self.tr(
                "the platform could not confirm the welfare manager's login at this totem "
                "for this Comune."
            ),
            "other_comune": self.tr("the citizen's wallet belongs to another Comune."),
        }
        # What the voucher authority says of the vouchers a kiosk printed for an order
        # (central/voucher_authority.py kiosk_vouchers), and of an unknown one.
        voucher_codes = (
            "foreign_key",
            "amount_voucher_refused",
            "key_revoked",
            "invalid_voucher",
            "voucher_exists",
            "invalid_key",
            "sample_voucher",
            "forged_voucher",
            "voucher_mismatch",
            "unknown_voucher",
        )
        if code in voucher_codes:
            return vouchers
        return reasons.get(code, self.tr("the platform did not say why in a way this totem knows."))

    def _advice(self, code: str) -> str:
        help_desk = self.tr(
            "call the platform's help desk with the date and the number of the slip above."
        )
        redo = self.tr(
            "call the citizen and make the application again with them on the form the "
            "call uses now."
        )
        advice = {
            "invalid_answers": self.tr(
                "some answers did not pass the Comune's checks: call the citizen and make the "
                "application again with them."
            ),
            "form_changed": redo,
            "wrong_form": redo,
            "unknown_form": redo,
            "price_changed": self.tr(
                "call the citizen, tell them the new price (see the service) and, if they "
                "agree, make the order again."
            ),
            "insufficient_credit": self.tr("call the citizen to choose another way to pay."),
            "no_credit": self.tr("call the citizen to choose another way to pay."),
            "payment_not_allowed": self.tr("call the citizen to choose another way to pay."),
            "service_unavailable": self.tr(
                "call the citizen: the service is no longer offered; help them choose another."
            ),
            "call_closed": self.tr("tell the citizen; the Comune decides on late applications."),
            "call_not_open": self.tr(
                "call the citizen and make the application again with them once the call is open."
            ),
            "unknown_call": self.tr("tell the citizen; ask the Comune what to do."),
            "tracking_code_taken": self.tr(
                "call the citizen and make the application again with them: it gets a new "
                "tracking code."
            ),
            "payload_too_large": self.tr(
                "call the citizen and make it again with them with shorter answers; if it is "
                "refused again, call the platform's help desk."
            ),
            "impossible_timestamp": self.tr(
                "have the totem's clock set right (the dashboard shows it), then call the "
                "citizen and make it again with them."
            ),
            "wallet_locked": self.tr(
                "call the citizen: with an identity document they get a new PIN from you "
                "(Set a wallet PIN) or from the Comune, then make the order again with them; "
                "or they pay another way."
            ),
            "unknown_wallet": self.tr(
                "call the citizen and make the order again with them: they open their wallet "
                "with their PIN again, or pay another way."
            ),
            "unconfirmed_holder": self.tr(
                "call the citizen and make the order again with them: they type their wallet "
                "PIN again, or pay another way."
            ),
            "proof_used": self.tr(
                "call the citizen and make the order again with them: the PIN is typed again "
                "for the new order (a desk payment is confirmed again by you)."
            ),
            "not_identified": self.tr(
                "call the citizen and make the order again with them: they open their wallet "
                "with their PIN before paying with credit, or pay another way."
            ),
            "unconfirmed_assistance": self.tr(
                "log in again, then call the citizen and make it again with them; if it is "
                "refused again, call the platform's help desk."
            ),
            "weak_pin": self.tr("set a new PIN with the citizen again, a harder one."),
            "stale_proof": self.tr("set the PIN again with the citizen once the totem is online."),
            "unconfirmed_operator": self.tr(
                "log out, log in again and set the PIN again with the citizen."
            ),
            "other_comune": self.tr(
                "tell the citizen: their PIN is set at a Social Point of that Comune, or by "
                "that Comune's offices."
            ),
        }
        return advice.get(code, help_desk)

    def _printer_card(self, facts: DeskFacts | None) -> QWidget:
        frame, column = self._card(self.tr("Printer"), "deskPrinter")
        counts = facts.print_counts if facts else {}
        column.addWidget(
            label(
                self.tr("Slips waiting to print: {n}").format(
                    n=counts.get("pending", 0) + counts.get("sending", 0)
                )
            )
        )
        if facts is not None and facts.printer == "paper_low":
            low = self.tr("The paper roll is nearly finished: put in a new one soon.")
            column.addWidget(label(low, role="fieldError", name="paperLow"))
        elif facts is not None and facts.printer not in ("", "ready", "no_status"):
            state = self.tr("Printer: {state}").format(state=self._printer_words(facts.printer))
            column.addWidget(label(state, role="fieldError", name="printerState"))
        attention = facts.print_attention if facts else []
        column.addWidget(label(self.tr("Slips to check: {n}").format(n=len(attention))))
        for job in attention:
            reason = {
                "uncertain": self.tr("may not have printed whole: check the paper"),
                "expired": self.tr("not printed in time, no longer printed by itself"),
                "failed": self.tr("could not be printed: the kiosk's log says why"),
            }.get(job.state) or self.tr("waiting: {why}").format(
                why=self._printer_words(job.waiting_reason or "")
            )
            if job.damage is not None:  # its stored copy is gone: it can only be dealt with
                reason = self.tr(
                    "damaged on the kiosk's disk: it cannot be printed again; mark it as dealt with"
                )
            row = QHBoxLayout()
            text = label(f"{job.slip.title} {job.reference or ''} — {reason}", name="slipToCheck")
            row.addWidget(text, 1)
            if job.damage is None:
                again = button(self.tr("Reprint"), name="reprintAttention", role="chip")
                again.clicked.connect(lambda _=False, u=job.uuid: self.reprint.emit(u))
                row.addWidget(again)
            done = button(self.tr("Dealt with"), name="dealtWith", role="chip")
            done.clicked.connect(lambda _=False, u=job.uuid: self.dealt_with.emit(u))
            row.addWidget(done)
            column.addLayout(row)
        test = button(self.tr("Print a test page"), name="printTest", role="chip")
        test.clicked.connect(self.print_test)
        column.addWidget(test)
        return frame

    def _printer_words(self, state: str) -> str:
        """The printer's state (printing.connection.State) in a manager's words."""
        words = {
            "ready": self.tr("ready"),
            "paper_low": self.tr("the paper roll is nearly finished"),
            "paper_out": self.tr("out of paper: put in a new roll"),
            "cover_open": self.tr("the cover is open: close it"),
            "offline": self.tr("not ready (an error or the feed button): switch it off and on"),
            "no_answer": self.tr("it does not answer: switch it off and on"),
            "not_a_printer": self.tr(
                "what answers at the printer's address is not a printer: call technical support"
            ),
            "unreachable": self.tr(
                "cannot be reached: check that it is switched on and its cable is in"
            ),
            "no_status": self.tr("connected (it cannot report paper or cover)"),
            "no_printer": self.tr("no printer is configured: slips are only shown on screen"),
        }
        return words.get(state, self.tr("in a state the totem does not know: check it"))

    def _reprint_card(self, facts: DeskFacts | None) -> QWidget:
        frame, column = self._card(self.tr("Reprint a recent slip"), "deskReprint")
        slips = facts.recent_slips if facts else []
        if not slips:
            column.addWidget(label(self.tr("No slips printed recently."), role="muted"))
        for slip in slips:
            row = QHBoxLayout()
            when = self._local(slip.printed_at)
            text: QLabel = label(f"{slip.title} {slip.reference or ''} · {when}")
            row.addWidget(text, 1)
            again = button(self.tr("Reprint"), name="reprintSlip", role="chip")
            again.clicked.connect(lambda _=False, u=slip.uuid: self.reprint.emit(u))
            row.addWidget(again)
            column.addLayout(row)
        column.addWidget(label(self.tr("A reprint is marked DUPLICATO."), role="muted"))
        return frame

    def _wallets_card(self, facts: DeskFacts | None) -> QWidget:
        """Wallets locked by wrong PINs, and the way out: a new PIN after an identity
        check. The kiosk keeps no codice fiscale, so it cannot say whose they are."""
        locks = facts.wallet_locks if facts is not None else None
        here = locks.here_until if locks is not None else []
        network = locks.network if locks is not None else 0
        title = self.tr("Citizens' wallets")
        if here or network:
            title = self.tr("⚠ Wallets locked by wrong PINs")
        frame, column = self._card(title, "deskWallets")
        if here:
            column.addWidget(
                label(
                    self.tr(
                        "Locked at this kiosk after 5 wrong PINs: %n. The first opens again "
                        "at {time}.",
                        "",
                        len(here),
                    ).format(time=self._local(here[0])),
                    name="walletsLockedHere",
                )
            )
        if network:
            column.addWidget(
                label(
                    self.tr(
                        "Locked by the platform after 10 wrong PINs at the Comune's kiosks: %n. "
                        "They stay locked until a new PIN is set.",
                        "",
                        network,
                    ),
                    name="walletsLockedNetwork",
                )
            )
        if not here and not network:
            column.addWidget(label(self.tr("No wallet is locked."), role="muted"))
        column.addWidget(
            label(
                self.tr(
                    "The kiosk cannot tell whose wallets these are. A citizen whose PIN does "
                    "not work: check an identity document, then set a new PIN."
                ),
                role="muted",
            )
        )
        set_pin = button(self.tr("Set a wallet PIN"), name="setWalletPin", role="chip")
        set_pin.clicked.connect(self.set_wallet_pin)
        column.addWidget(set_pin)
        return frame

    def _actions_card(self) -> QWidget:
        frame, column = self._card(self.tr("Actions"), "deskActions")
        assisted = button(self.tr("Start an assisted session"), name="startAssisted")
        assisted.clicked.connect(self.start_assisted)
        report = button(self.tr("Print the end-of-day report"), name="dayReport", role="chip")
        report.clicked.connect(self.print_day_report)
        leave = button(name="maintenanceExit", role="help")
        self._leaving.follow(leave)
        self._leaving.set_text(
            self.tr("Touch again to close the kiosk")
            if self._confirming.isActive()
            else self.tr("Leave the kiosk for maintenance")
        )
        for widget in (assisted, report, leave):
            column.addWidget(widget)
        return frame


def _side_margins(widget: QWidget | None) -> int:
    """The left and right margins of the layout that lays out ``widget``'s children."""
    layout = widget.layout() if widget is not None else None
    if layout is None:
        return 0
    margins = layout.contentsMargins()
    return margins.left() + margins.right()
