"""What every companion screen shares: strings in the current language, translated
key descriptions for the footer and help, and hooks for language changes and for
keeping unsaved input when something goes wrong."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, ClassVar

from textual import events
from textual.app import App
from textual.binding import ActiveBinding, Binding, BindingType
from textual.screen import ModalScreen, Screen

from companion.core.journal import EntryError
from companion.core.terminal import COMFORTABLE_WIDTH
from companion.store.errors import StoreError
from companion.system.i18n import Strings
from companion.ui.actions import registry_place
from companion.ui.shell.early_keys import EarlyKeys
from companion.ui.shell.messages import JournalRead
from companion.ui.shell.typed_keys import focus_key_now
from companion.ui.widgets.choices import arrow_in_choices

if TYPE_CHECKING:
    from companion.store.schema import Draft
    from companion.ui.app import CompanionApp


# App-wide keys that every screen's footer keeps; the rest show on Home's footer only
# (they still work everywhere, and help and the palette list them all).
FOOTER_EVERYWHERE = frozenset({"help"})


def translate_bindings(
    bindings: dict[str, ActiveBinding], t: Strings, all_app_keys: bool = True
) -> dict[str, ActiveBinding]:
    """Binding descriptions are content keys ("keys.help"); show them in the language.

    With ``all_app_keys`` off, app-wide keys other than FOOTER_EVERYWHERE leave the
    footer, so a screen's own keys fit at 80 columns.
    """
    out = {}
    for key, active in bindings.items():
        binding = active.binding
        if binding.description and t.has(binding.description):
            binding = dataclasses.replace(binding, description=t(binding.description))
        if binding.group is not None and t.has(binding.group.description):
            group = dataclasses.replace(binding.group, description=t(binding.group.description))
            binding = dataclasses.replace(binding, group=group)
        hide = (
            not all_app_keys
            and binding.show
            and isinstance(active.node, App)
            and binding.id not in FOOTER_EVERYWHERE
        )
        if hide:
            binding = dataclasses.replace(binding, show=False)
        if binding is not active.binding:
            active = active._replace(binding=binding)
        out[key] = active
    return in_registry_order(out)


def types_text(key: str, character: str | None) -> bool:
    """Does this key type a character (a letter, a digit, a sign, a Chinese character)?"""
    return character is not None and character.isprintable()


def app_letter(screen: Screen[Any], key: str, character: str | None) -> bool:
    """Would this key run an app-wide action that is a typed character (``j``, ``q``,
    ``t``…) on ``screen``? Those act on Home only; help's key acts everywhere."""
    if not types_text(key, character):
        return False
    active = screen.active_bindings.get(key)
    return (
        active is not None
        and isinstance(active.node, App)
        and active.binding.id not in FOOTER_EVERYWHERE
    )


def in_registry_order(bindings: dict[str, ActiveBinding]) -> dict[str, ActiveBinding]:
    """The app-wide keys in the registry's order, wherever a keymap moved them; the
    screen's own keys stay where they are."""
    entries = list(bindings.items())
    slots = [n for n, (_key, active) in enumerate(entries) if isinstance(active.node, App)]
    app_entries = sorted(
        (entries[n] for n in slots), key=lambda entry: registry_place(entry[1].binding.id)
    )
    for slot, entry in zip(slots, app_entries, strict=True):
        entries[slot] = entry
    return dict(entries)


class Translated:
    """Mixin for Screen and ModalScreen."""

    # A screen that shows or edits journal text. When the journal locks, private
    # screens close (keeping typed text as an encrypted draft first, see before_lock).
    private: ClassVar[bool] = False
    # "breathe" or "sos" on the calming screens: a break reminder waits until they are
    # over, and they are not offered again while open (see ui/shell/attention.py).
    calm: ClassVar[str | None] = None
    # The break screen: nothing else is offered over it.
    break_screen: ClassVar[bool] = False
    # What this screen's unsaved input is kept under (a name in companion.services.drafts);
    # every screen whose unsaved_input can return something names one.
    draft_origin: ClassVar[str] = ""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.early_keys = EarlyKeys()  # keys typed before this screen is ready for them

    @property
    def companion(self) -> CompanionApp:
        return self.app  # type: ignore[attr-defined, return-value]

    @property
    def t(self) -> Strings:
        return self.companion.strings

    # Home's footer shows every app-wide key; other screens show their own keys first.
    footer_app_keys: ClassVar[bool] = False
    # App-wide keys that type a character (j, h, t, q…) act where nothing is typed and
    # nothing is chosen: on Home. On every other screen a letter belongs to that screen
    # (its own keys, a field, a list's search), so a word typed in the wrong place never
    # quits, switches the theme or opens another room. Keys that type nothing (F2,
    # ctrl+l, ctrl+q…) and help's key work everywhere.
    app_letters: ClassVar[bool] = False

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        bindings = translate_bindings(
            super().active_bindings,  # type: ignore[misc]
            self.t,
            self.footer_app_keys,
        )
        if self.app.size.width < COMFORTABLE_WIDTH:  # type: ignore[attr-defined]
            # A narrow window keeps the footer for this screen's keys and help; the
            # palette is named on the help page. (Keys are dispatched from the binding
            # chain, not from this view, so ctrl+p still opens it.)
            palette = self.app.COMMAND_PALETTE_BINDING  # type: ignore[attr-defined]
            bindings = {k: v for k, v in bindings.items() if k != palette}
        return bindings

    def on_resize(self) -> None:
        # (Textual runs this for each class that defines on_resize, the screen's own too.)
        self.refresh_bindings()  # type: ignore[attr-defined]

    def on_key(self, event: events.Key) -> None:
        # (Textual runs this for each class that defines on_key, the screen's own too.)
        if not self.app_letters and app_letter(self, event.key, event.character):  # type: ignore[arg-type]
            event.prevent_default()
            event.stop()

    def before_key(self, event: events.Key) -> bool:
        """A key is about to be handed to the focused widget. Called by the app before
        Textual dispatches it, so keys that arrive in a burst keep their order: a screen
        may move the focus first (a list sends typing to its search box), or take the
        key whole (True: an arrow moves between choices, see ui/widgets/choices.py; Tab
        moves to the next field, see ui/shell/typed_keys.py)."""
        screen: Any = self
        return arrow_in_choices(screen.focused, event.key) or focus_key_now(screen, event.key)

    def key_of(self, binding_id: str, bindings: Iterable[BindingType] | None = None) -> str:
        """The key shown for one of this screen's own bindings (or of ``bindings``,
        another screen's), found by its id."""
        for binding in self.BINDINGS if bindings is None else bindings:  # type: ignore[attr-defined]
            if isinstance(binding, Binding) and binding.id == binding_id:
                return self.app.get_key_display(binding)  # type: ignore[attr-defined, no-any-return]
        return ""

    def on_screen_resume(self) -> None:
        # Textual runs this for every screen class that defines on_screen_resume, so a
        # subclass must not call it again through super(); and it only ever acts for the
        # screen in front.
        if self.app.screen is not self:
            return
        if not (self.early_keys.ready or self.early_keys.on_purpose):
            self.call_after_refresh(self.ready_for_keys)  # (its first focus is set by then)
        if self.private and self.companion.services.stores.journal.locked:
            # The journal locked while this was hidden under another screen: close it
            # before anything is shown (the next private screen below does the same).
            self.app.pop_screen()
            return
        # Whichever screen comes to the front checks the size, so a screen pushed at
        # start-up (or over a too-small notice) can never hide that notice.
        self.companion.check_size(self.app.size.width, self.app.size.height)
        # The app's one timer slept for the screen that was in front; this one may show
        # seconds (Home's next break, a break's count-down): wake it when this one needs.
        self.companion.rhythm.screen_changed()

    def ready_for_keys(self) -> None:
        """Keys held for this screen go on (see hold_keys). In the app's turn, where a
        focus asked for just before is queued too: they go where typing goes, not to
        the scroll container Textual focuses first."""
        self.app.call_later(self.companion.keys.ready, self)

    def hold_keys(self) -> None:
        """Keys typed from now on wait for ``ready_for_keys`` (a new page being drawn,
        a passphrase being checked): they go to what is in front then."""
        self.early_keys.hold_again()

    async def retranslate(self) -> None:
        """The language changed: draw again. Screens holding input override this."""
        await self.recompose()  # type: ignore[attr-defined]

    def keep_writing(self, write: Callable[[], object]) -> bool:
        """Run a journal write. A storage problem is told by the app; what the journal's
        check refuses is said here, so the person can fix it. False if nothing was kept
        (what was typed stays on the screen)."""
        try:
            return self.companion.guard(write)
        except EntryError as problem:
            from companion.services.journal.service import entry_problem

            self.notify(  # type: ignore[attr-defined]
                entry_problem(problem, self.t), severity="warning", timeout=8, markup=False
            )
            return False

    def journal_behind(self) -> bool:
        """Did the journal change since its index was built (one stat)? Then a screen
        that shows it reads it again in a worker (``read_journal``) first: after another
        process's note, reading a large journal takes a while."""
        services = self.companion.services
        return services.stores.journal.available and services.journal.stale()

    def read_journal(self) -> None:
        """Bring the journal's index up to date in a worker thread; this screen gets
        JournalRead when it is."""
        journal = self.companion.services.journal

        def read() -> None:
            try:
                journal.index()
            except StoreError as error:
                self.post_message(JournalRead(error))  # type: ignore[attr-defined]
                return
            self.post_message(JournalRead())  # type: ignore[attr-defined]

        # (Anything but a storage problem is a bug: it reaches the app's crash handling,
        # as it did when the journal was read on the UI thread.)
        self.run_worker(read, thread=True, exclusive=True, group="journal-read")  # type: ignore[attr-defined]

    def unsaved_input(self) -> dict[str, Any] | None:
        """Text the user typed and has not saved, to keep if the app must close."""
        return None

    def kept_draft(self) -> Draft | None:
        """The draft this screen's autosave already keeps, or the one it took back when
        it opened (the app updates it when it must close, instead of keeping the same
        writing twice)."""
        return self.draft_taken

    # What this screen held when the app last closed on it (ctrl+q, an error), taken
    # back when it opens again; dropped once what it holds is saved.
    draft_taken: Draft | None = None

    def take_back_draft(self) -> dict[str, Any]:
        """The fields this screen's last draft holds, to show again (said once), or {}."""
        drafts = self.companion.services.drafts
        found = self.companion.attempt(lambda: drafts.of(self.draft_origin), [])
        if not found:
            return {}
        self.draft_taken = found[0]
        self.notify(self.t("app.draft_back"), timeout=4, markup=False)  # type: ignore[attr-defined]
        return dict(found[0].fields)

    def drop_taken_draft(self) -> None:
        """What the draft held is saved now: it is not offered again."""
        if self.draft_taken is not None:
            drafts = self.companion.services.drafts
            self.companion.guard(lambda: drafts.drop(self.draft_origin))
            self.draft_taken = None

    def redraw_in(self) -> float | None:
        """Seconds until this screen shows another figure (a count-down), so the app's
        one slow timer comes back then; None when nothing here needs it."""
        return None

    def before_lock(self) -> None:
        """The journal is about to lock: keep what must survive (a draft) while the key
        is still there."""

    def before_quit(self) -> bool:
        """The app is about to close: keep what was typed here and not saved, as a draft
        (in place of the one its autosave keeps; a screen that saves as it goes does
        that instead). Whether something was kept."""
        fields = self.unsaved_input()
        if fields:
            self.companion.services.drafts.keep(self.draft_origin, fields, self.kept_draft())
        return bool(fields)


def quit_keeping_input(app: CompanionApp) -> None:
    """Keep what every open screen holds and has not saved, then quit, saying that it
    was kept. If something typed could not be kept (a full disk), the app says so and
    stays open, once: the next quit closes it whatever happens."""
    kept = False
    for screen in app.screen_stack:
        if not isinstance(screen, Translated):
            continue
        try:
            kept = screen.before_quit() or kept
        except StoreError as error:
            if app.quit_refused:
                continue  # asked twice: it closes, as it said it would
            app.quit_refused = True
            app.tell_store_error(error)
            key = app.key_for("quit_now")
            said = app.strings("app.not_kept_on_quit", key=key)
            app.notify(said, severity="warning", timeout=30, markup=False)
            return
    app.exit(message=app.strings("app.kept_on_quit") if kept else None)


class CompanionScreen(Translated, Screen[None]):
    pass


class CompanionModal(Translated, ModalScreen[Any]):
    pass
