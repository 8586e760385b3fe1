"""A stand-in for desktop services on a private session bus, run by the tests.

usage: python fake_idle_service.py STATE_FILE CALL_LOG NAME [NAME ...]

Owns each NAME on $DBUS_SESSION_BUS_ADDRESS, prints "ready" once it owns them all, and
answers each method call from STATE_FILE, a JSON object read again at every call:

    {"<path> <interface>.<member>": answer}

where an answer is ["t", 1234] (the reply's signature and its one value), {"error":
"org.freedesktop.DBus.Error.NotSupported"}, "hang" (never answer), or {"after": 0.8,
"answer": ["t", 1]} (answer late; the service does nothing else meanwhile). A call nobody
configured gets UnknownMethod, as from a real service. Every call is logged to CALL_LOG
as "<path> <interface>.<member> flags=<header flags>".
"""

from __future__ import annotations

import json
import sys
import time

from jeepney import HeaderFields, MessageType, new_error, new_method_return
from jeepney.bus_messages import message_bus
from jeepney.io.blocking import Proxy, open_dbus_connection

DO_NOT_QUEUE = 4
PRIMARY_OWNER = 1


def main() -> None:
    state_file, log_file, *names = sys.argv[1:]
    connection = open_dbus_connection(bus="SESSION")
    bus = Proxy(message_bus, connection, timeout=5)
    for name in names:
        (result,) = bus.RequestName(name, DO_NOT_QUEUE)
        if result != PRIMARY_OWNER:
            sys.exit(f"could not own {name}: {result}")
    print("ready", flush=True)
    while True:
        message = connection.receive()
        if message.header.message_type is not MessageType.method_call:
            continue
        fields = message.header.fields
        key = (
            f"{fields[HeaderFields.path]} "
            f"{fields.get(HeaderFields.interface, '')}.{fields[HeaderFields.member]}"
        )
        with open(log_file, "a", encoding="utf-8") as log:
            log.write(f"{key} flags={int(message.header.flags)}\n")
        with open(state_file, encoding="utf-8") as state:
            answer = json.load(state).get(key)
        if answer == "hang":
            continue
        if isinstance(answer, dict) and "after" in answer:
            time.sleep(answer["after"])
            answer = answer["answer"]
        if answer is None:
            error = "org.freedesktop.DBus.Error.UnknownMethod"
            reply = new_error(message, error, "s", (f"nothing answers {key}",))
        elif isinstance(answer, dict):
            reply = new_error(message, answer["error"], "s", ("as configured",))
        else:
            signature, value = answer
            reply = new_method_return(message, signature, (value,))
        connection.send(reply)


if __name__ == "__main__":
    main()
