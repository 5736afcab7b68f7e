#!/usr/bin/env python3
"""SMTP catcher for development and tests (started by scripts/services.sh).

* SMTP on 127.0.0.1:1025 (aiosmtpd). Any AUTH LOGIN/PLAIN succeeds, and AUTH is offered
  without TLS, so the application can be configured exactly as against a real relay.
* Every message is stored as ``<dir>/<id>.eml`` (the raw bytes as received) plus a
  ``<dir>/<id>.json`` sidecar holding the envelope and the decoded fields.
* HTTP on 127.0.0.1:1080:
    GET    /messages            -> [{"id","from","to":[...],"subject","text","html",
                                     "auth_user","received_at"}], oldest first.
                                   ``from``/``to`` are the SMTP envelope (``to`` includes Bcc).
                                   Optional filter: ?to=addr (case-insensitive; repeatable)
                                   so that parallel tests only see their own recipients.
    DELETE /messages            -> clears everything ({"deleted": n})
    GET    /messages/<id>       -> one message (same shape), 404 if unknown
    GET    /messages/<id>.eml   -> the raw message (message/rfc822)
    GET    /healthz             -> "ok"

Needs only aiosmtpd (see requirements-dev.txt); the HTTP side is the standard library.
"""
from __future__ import annotations

import argparse
import datetime as dt
import email
import email.policy
import itertools
import json
import os
import signal
import sys
import threading
import time
import warnings
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult

# aiosmtpd 1.4 warns about its own use of Session.login_data on every AUTH; not our concern.
warnings.filterwarnings("ignore", message="Session.login_data is deprecated")

_lock = threading.Lock()  # serialises writes, deletes and listings of the store
_counter = itertools.count(1)


def _part_text(msg: email.message.EmailMessage, subtype: str) -> str:
    """Decoded body of the first text/<subtype> part, or "" if there is none."""
    part = msg.get_body(preferencelist=(subtype,))
    if part is None:
        return ""
    try:
        text = part.get_content()
    except (LookupError, ValueError):  # unknown charset or broken encoding: best effort
        text = (part.get_payload(decode=True) or b"").decode("utf-8", errors="replace")
    return text.replace("\r\n", "\n")  # SMTP line endings -> plain newlines


class Store:
    def __init__(self, directory: Path):
        self.dir = directory
        self.dir.mkdir(parents=True, exist_ok=True)

    def add(self, mail_from: str, rcpt_tos: list[str], content: bytes, auth_user: str | None) -> dict:
        msg = email.message_from_bytes(content, policy=email.policy.default)
        msg_id = f"{time.time_ns()}-{next(_counter):06d}"
        meta = {
            "id": msg_id,
            "from": mail_from,
            "to": list(rcpt_tos),
            "subject": str(msg.get("subject", "") or ""),  # RFC 2047 words decoded by the policy
            "text": _part_text(msg, "plain"),
            "html": _part_text(msg, "html"),
            "auth_user": auth_user,
            "received_at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="milliseconds"),
        }
        with _lock:
            # Write the .eml first and the sidecar last (atomically): a listing only sees complete messages.
            (self.dir / f"{msg_id}.eml").write_bytes(content)
            tmp = self.dir / f".{msg_id}.json.tmp"
            tmp.write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
            tmp.replace(self.dir / f"{msg_id}.json")
        return meta

    def list(self) -> list[dict]:
        with _lock:
            files = sorted(self.dir.glob("*.json"))
            return [json.loads(f.read_text(encoding="utf-8")) for f in files]

    def get(self, msg_id: str) -> dict | None:
        return next((m for m in self.list() if m["id"] == msg_id), None)

    def raw(self, msg_id: str) -> bytes | None:
        path = self.dir / f"{msg_id}.eml"
        return path.read_bytes() if path.is_file() and "/" not in msg_id else None

    def clear(self) -> int:
        with _lock:
            metas = list(self.dir.glob("*.json"))
            for f in itertools.chain(metas, self.dir.glob("*.eml"), self.dir.glob(".*.tmp")):
                f.unlink(missing_ok=True)
            return len(metas)


class CatchHandler:
    """aiosmtpd handler: accept every recipient and store the DATA."""

    def __init__(self, store: Store):
        self.store = store

    async def handle_DATA(self, server, session, envelope):
        auth = getattr(session, "auth_data", None)
        login = getattr(auth, "login", None)
        user = login.decode("utf-8", "replace") if isinstance(login, bytes) else login
        meta = self.store.add(envelope.mail_from, envelope.rcpt_tos, envelope.original_content or envelope.content, user)
        print(f"mailcatcher: {meta['id']} from={meta['from']} to={meta['to']} subject={meta['subject']!r}", flush=True)
        return "250 Message accepted for delivery"


def permissive_authenticator(server, session, envelope, mechanism, auth_data):
    """Every credential is fine: we only want to see that the client authenticates."""
    return AuthResult(success=True, auth_data=auth_data)


def make_http_handler(store: Store):
    class Handler(BaseHTTPRequestHandler):
        server_version = "weikao-mailcatcher/1"

        def _send(self, code: int, body: bytes, ctype: str = "application/json; charset=utf-8"):
            self.send_response(code)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def _json(self, code: int, value):
            self._send(code, json.dumps(value, ensure_ascii=False).encode("utf-8"))

        def do_GET(self):
            url = urlsplit(self.path)
            path = url.path.rstrip("/")
            if path == "/healthz":
                return self._send(200, b"ok\n", "text/plain")
            if path == "/messages":
                wanted = {t.lower() for t in parse_qs(url.query).get("to", [])}
                msgs = store.list()
                if wanted:
                    msgs = [m for m in msgs if wanted & {t.lower() for t in m["to"]}]
                return self._json(200, msgs)
            if path.startswith("/messages/"):
                msg_id = path[len("/messages/"):]
                if msg_id.endswith(".eml"):
                    raw = store.raw(msg_id[:-4])
                    return self._send(200, raw, "message/rfc822") if raw is not None else self._json(404, {"error": "not found"})
                msg = store.get(msg_id)
                return self._json(200, msg) if msg else self._json(404, {"error": "not found"})
            self._json(404, {"error": "not found"})

        def do_DELETE(self):
            if urlsplit(self.path).path.rstrip("/") == "/messages":
                return self._json(200, {"deleted": store.clear()})
            self._json(404, {"error": "not found"})

        def log_message(self, fmt, *args):  # keep the log for mail, not for polling
            pass

    return Handler


def hostport(value: str) -> tuple[str, int]:
    host, _, port = value.rpartition(":")
    return host or "127.0.0.1", int(port)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dir", required=True, type=Path, help="where .eml/.json files are kept")
    ap.add_argument("--smtp", default="127.0.0.1:1025", type=hostport, help="SMTP listen address")
    ap.add_argument("--http", default="127.0.0.1:1080", type=hostport, help="HTTP API listen address")
    args = ap.parse_args()

    store = Store(args.dir)
    controller = Controller(
        CatchHandler(store),
        hostname=args.smtp[0],
        port=args.smtp[1],
        ident="weikao-mailcatcher",
        authenticator=permissive_authenticator,
        auth_require_tls=False,  # offer AUTH on a plain connection
        enable_SMTPUTF8=True,
    )
    ThreadingHTTPServer.request_queue_size = 128  # parallel tests poll at once; the default backlog is 5
    httpd = ThreadingHTTPServer(args.http, make_http_handler(store))
    httpd.daemon_threads = True

    def stop(signum, frame):
        raise SystemExit(0)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    controller.start()
    print(f"mailcatcher: smtp {args.smtp[0]}:{args.smtp[1]}  http {args.http[0]}:{args.http[1]}  dir {args.dir}  pid {os.getpid()}", flush=True)
    try:
        httpd.serve_forever(poll_interval=0.5)
    finally:
        httpd.server_close()
        controller.stop()
        print("mailcatcher: stopped", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
