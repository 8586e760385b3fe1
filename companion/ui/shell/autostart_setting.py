"""The "Open at login" switch in Settings, wired to companion.system.autostart.

The switch shows what is really installed, not only what the settings file says: at
start the in-memory setting is brought in line with the entry on disk (nothing is
written for that). Flipping it runs the same code as ``companion autostart
enable|disable``; when that fails the user is told why and the switch goes back.
If the user wants it on and the entry opens a companion that has since moved, it is
quietly pointed at this one again.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from companion.system.autostart import Autostart, AutostartError, State, for_companion
from companion.system.autostart.messages import changed, error_text

if TYPE_CHECKING:
    from companion.ui.app import CompanionApp

ATTR = "autostart"
REPAIRABLE = (State.MOVED, State.NO_OPENER, State.BROKEN)


def autostart_of(app: CompanionApp) -> Autostart:
    services = app.services
    return for_companion(services.paths, services.config.settings.terminal, services.env)


def install(app: CompanionApp) -> None:
    """Register the switch's hook and show the real state; call once the app runs."""
    app.preferences.on_change(ATTR, lambda value: switched(app, bool(value)))
    autostart = autostart_of(app)
    status = autostart.status()
    if app.services.config.settings.autostart and status.state in REPAIRABLE:
        try:
            status = autostart.enable()
        except AutostartError:
            pass  # doctor and the switch tell the truth; nothing to interrupt the user for
        else:
            app.notify(app.strings("autostart.repaired"), timeout=8, markup=False)
    _believe(app, status.active)


def switched(app: CompanionApp, wanted: bool) -> None:
    autostart = autostart_of(app)
    try:
        status = autostart.enable() if wanted else autostart.disable()
    except AutostartError as error:
        message = error_text(error, app.strings, app.services.paths.config_file)
        app.notify(message, severity="error", timeout=15, markup=False)
        status = autostart.status()
    else:
        app.notify(changed(status, app.strings), timeout=6, markup=False)
    # Keep the setting true to what is installed; the switch follows it back.
    if status.active != wanted and not app.preferences.save(**{ATTR: status.active}):
        _believe(app, status.active)


def _believe(app: CompanionApp, active: bool) -> None:
    """Set the in-memory setting only (the file keeps what the user wrote)."""
    config = app.services.config
    if config.settings.autostart != active:
        settings = dataclasses.replace(config.settings, autostart=active)
        app.services.config = config._replace(settings=settings)
