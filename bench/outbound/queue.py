#!/usr/bin/env python3
"""Helpers of bench/outbound/run.sh.

  queue.py drain ours DB TIMEOUT        waits until our queue database holds no message; exit 1 on timeout
  queue.py drain postfix SPOOL TIMEOUT  waits until Postfix's queue folders hold no file; exit 1 on timeout
  queue.py fanout PORT SENDER RCPT...   sends one 4 KB message to all RCPTs in one SMTP transaction
  queue.py keys FOLDER none|rsa|ed25519|dual
                                        sets which of a domain's DKIM keys are active by rewriting its keys.json
                                        (a bench shortcut: the appliance reloads the file on change)
"""
import json
import os
import smtplib
import sqlite3
import sys
import time


def pending_ours(db):
    connection = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=30)
    try:
        return connection.execute("SELECT COUNT(*) FROM messages").fetchone()[0]
    finally:
        connection.close()


def pending_postfix(spool):
    total = 0
    for folder in ("maildrop", "incoming", "active", "deferred", "hold"):
        for _, _, files in os.walk(os.path.join(spool, folder)):
            total += len(files)
    return total


def drain(kind, path, timeout):
    probe = pending_ours if kind == "ours" else pending_postfix
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if probe(path) == 0:
            return 0
        time.sleep(0.02)
    print(f"queue.py: {kind} still holds {probe(path)} message(s) after {timeout} s", file=sys.stderr)
    return 1


def fanout(port, sender, recipients):
    body = "".join(f"Dòng {i} của thư gửi nhóm: nội dung kiểm tra tốc độ.\r\n" for i in range(70))
    message = (f"From: {sender}\r\nTo: undisclosed-recipients:;\r\nSubject: Fan-out\r\n"
               "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n" + body).encode()
    with smtplib.SMTP("127.0.0.1", port, timeout=120) as smtp:
        smtp.ehlo("bench.test")
        refused = smtp.sendmail(sender, recipients, message)
        if refused:
            print(f"queue.py: {len(refused)} recipient(s) refused", file=sys.stderr)
            return 1
    return 0


def keys(folder, which):
    path = os.path.join(folder, "keys.json")
    with open(path) as f:
        entries = json.load(f)
    for entry in entries:
        active = which == "dual" or which == entry["algorithm"]
        entry["state"] = "active" if active else "retired"
    temporary = path + ".bench"
    with open(temporary, "w") as f:
        json.dump(entries, f, indent=2)
    os.chmod(temporary, 0o600)
    os.replace(temporary, path)
    return 0


if __name__ == "__main__":
    if sys.argv[1] == "drain":
        sys.exit(drain(sys.argv[2], sys.argv[3], float(sys.argv[4])))
    if sys.argv[1] == "fanout":
        sys.exit(fanout(int(sys.argv[2]), sys.argv[3], sys.argv[4:]))
    if sys.argv[1] == "keys":
        sys.exit(keys(sys.argv[2], sys.argv[3]))
    sys.exit(__doc__)
