"""A real SMTP server for the tests (aiosmtpd): what it accepted, per recipient."""

import threading
from collections import Counter
from email import message_from_bytes, policy


class Inbox:
    """What the SMTP server accepted: one parsed message per recipient."""

    def __init__(self):
        self.messages = []
        self.raw = []  # the bytes as they arrived, for header lines mail programs read
        self.refuse = set()  # addresses the server answers "550 no such user"
        self.defer_once = set()  # addresses answered "451 try again later", the first time
        self.connections = set()  # SMTP sessions that carried a message
        self._lock = threading.Lock()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse:
            return "550 5.1.1 No such user here"
        if address in self.defer_once:
            self.defer_once.discard(address)
            return "451 4.3.0 Mailbox busy, try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        message = message_from_bytes(envelope.content, policy=policy.default)
        with self._lock:
            self.connections.add(id(session))
            self.raw.append(envelope.content)
            for address in envelope.rcpt_tos:
                self.messages.append((address, message))
        return "250 Message accepted for delivery"

    def per_recipient(self) -> Counter:
        with self._lock:
            return Counter(address for address, _ in self.messages)

    def for_address(self, address):
        return [message for to, message in self.messages if to == address]
