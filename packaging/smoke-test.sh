#!/usr/bin/env bash
# Smoke test of the container image: builds it (incrementally; SMOKE_REUSE_IMAGE=1 takes an existing image as it is),
# runs it with podman on free loopback ports, creates a user with the CLI inside, sends a message over submission with
# STARTTLS, reads it over IMAPS, checks the admin port when the appliance serves it, stops the container, starts a new
# one on the same volume, and checks that the account and the message survived. Prints each check; exits non-zero on
# the first failure. Needs root (rootful podman, as on these machines) and python3.
# (Output is written to files before grep -q reads it: with pipefail, grep -q leaving early fails the writer with
# SIGPIPE and a check that held would fail.)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
packaging="$root/packaging"
image=${IMAGE:-localhost/mailappliance}:latest
export CONTAINERS_CONF="$packaging/containers.conf"
podman() { command podman --runtime /usr/sbin/runc "$@"; }

tag="mailappliance-smoke-$$"
volume="$tag"
domain=smoke.edu.vn
admin_password="Smoke-admin-$RANDOM-2026"
user="annv@$domain"
user_password="Smoke-user-$RANDOM-2026"
subject="Smoke test $$ $(date +%s)"
work=$(mktemp -d)
checks=0
started=$SECONDS

ok() { checks=$((checks + 1)); printf 'ok %d - %s\n' "$checks" "$*"; }
fail() {
  printf 'FAIL - %s\n' "$*"
  for name in "$tag-1" "$tag-2"; do
    podman container exists "$name" 2>/dev/null && { echo "--- last log lines of $name:"; podman logs --tail 30 "$name" 2>&1 | cut -c1-400; }
  done
  exit 1
}
cleanup() {
  podman rm --force --time 5 "$tag-1" "$tag-2" >/dev/null 2>&1 || true
  podman volume rm --force "$volume" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

# 0. The image.
if [[ ${SMOKE_REUSE_IMAGE:-0} == 1 ]] && podman image exists "$image"; then
  ok "reusing the image $image (SMOKE_REUSE_IMAGE=1)"
else
  build_started=$SECONDS
  "$packaging/build-image.sh" --no-export || fail "the image did not build"
  ok "built the image $image ($((SECONDS - build_started)) s)"
fi

# Free loopback ports for the eight listeners.
read -r p_smtp p_sub p_subtls p_imap p_imaps p_pop p_pops p_admin < <(python3 - <<'PY'
import socket
socks = [socket.socket() for _ in range(8)]
for s in socks: s.bind(("127.0.0.1", 0))
print(" ".join(str(s.getsockname()[1]) for s in socks))
for s in socks: s.close()
PY
)
publish=(-p "127.0.0.1:$p_smtp:25" -p "127.0.0.1:$p_sub:587" -p "127.0.0.1:$p_subtls:465" -p "127.0.0.1:$p_imap:143"
         -p "127.0.0.1:$p_imaps:993" -p "127.0.0.1:$p_pop:110" -p "127.0.0.1:$p_pops:995" -p "127.0.0.1:$p_admin:8080")

wait_healthy() {
  local name=$1 deadline=$((SECONDS + 120))
  until podman exec "$name" mailappliance health >"$work/health" 2>&1; do
    [[ $(podman inspect --format '{{.State.Running}}' "$name" 2>/dev/null) == true ]] || fail "$name exited: $(podman logs --tail 5 "$name" 2>&1 | cut -c1-300)"
    (( SECONDS < deadline )) || fail "$name is not healthy after 120 s: $(cat "$work/health")"
    sleep 1
  done
}

# 1. First start on an empty volume: init from the environment, then run.
podman volume create "$volume" >/dev/null
podman run -d --name "$tag-1" -v "$volume:/data" "${publish[@]}" \
  -e MAIL_DOMAIN="$domain" -e MAIL_HOSTNAME="mail.$domain" -e MAIL_ADMIN_PASSWORD="$admin_password" \
  "$image" >/dev/null 2>"$work/run.err" || fail "podman run failed: $(cat "$work/run.err")"
wait_healthy "$tag-1"
ok "first start initialised $domain and is healthy: $(cat "$work/health")"
# Without systemd podman cannot schedule the image's HEALTHCHECK itself (it says so on stderr); run it once by hand.
podman healthcheck run "$tag-1" >"$work/healthcheck" 2>&1 || fail "the image's HEALTHCHECK failed: $(cat "$work/healthcheck")"
ok "the image's HEALTHCHECK passes"

podman exec "$tag-1" id -u | grep -qx 10001 || fail "the appliance does not run as the image's non-root user"
ok "runs as the non-root user mailappliance (uid 10001)"

podman logs "$tag-1" >"$work/log1" 2>&1
python3 - "$work/log1" <<'PY' || fail "the log is not one JSON object per line"
import json, sys
lines = [l for l in open(sys.argv[1], encoding="utf-8") if l.strip()]
assert lines, "no log lines"
for l in lines: json.loads(l)
PY
ok "logs to stdout as JSON ($(wc -l <"$work/log1") lines)"
grep -q "$admin_password" "$work/log1" && fail "the administrator's password is in the log"
# The container's own environment keeps what `podman run -e` gave it (MAIL_ADMIN_PASSWORD_FILE avoids that); the
# appliance process must not carry it. Read with all capabilities: a process with file capabilities is not dumpable.
podman exec --privileged --user root "$tag-1" sh -c 'for p in /proc/[0-9]*; do
    if [ "$(tr "\0" " " <"$p/cmdline" 2>/dev/null)" = "/usr/local/bin/mailappliance run " ]; then echo "pid ${p#/proc/}"; tr "\0" "\n" <"$p/environ"; fi
  done' >"$work/environ"
grep -q "^pid " "$work/environ" || fail "no 'mailappliance run' process found in the container"
grep -q "^MAIL_ADMIN_PASSWORD=" "$work/environ" && fail "the administrator's password is in the running appliance's environment"
ok "the administrator's password is neither logged nor in the running appliance's environment"

# 2. A user, made with the CLI inside the container (it uses the running appliance's slapd).
podman exec "$tag-1" mailappliance user add "$user" --name "Nguyễn Văn An" --password "$user_password" >/dev/null \
  || fail "user add failed"
podman exec "$tag-1" mailappliance user list >"$work/users" 2>&1 || fail "user list failed: $(cat "$work/users")"
grep -q "^$user" "$work/users" || fail "user list does not show $user: $(cat "$work/users")"
ok "created $user with 'podman exec … mailappliance user add'"

podman exec "$tag-1" cat /data/tls/cert.pem >"$work/cert.pem" || fail "no certificate in /data/tls"

# 3. Submission with STARTTLS, then IMAPS. The TLS chain is checked against the container's own (self-signed)
#    certificate; the host name is not, since the test connects to 127.0.0.1.
mail_check() {
  python3 - "$@" <<'PY'
import email, email.policy, imaplib, smtplib, ssl, sys, time
from email.message import EmailMessage
action, cert, user, password, subject, port = sys.argv[1:7]
context = ssl.create_default_context(cafile=cert)
context.check_hostname = False
if action == "send":
    message = EmailMessage()
    message["From"] = user
    message["To"] = user
    message["Subject"] = subject
    message.set_content("Kính gửi thầy An,\nđây là thư kiểm tra.\n")
    with smtplib.SMTP("127.0.0.1", int(port), timeout=30) as smtp:
        smtp.ehlo("smoke.test")
        smtp.starttls(context=context)
        smtp.ehlo("smoke.test")
        smtp.login(user, password)
        refused = smtp.send_message(message)
        assert not refused, refused
    print("accepted")
else:
    deadline = time.time() + 30
    with imaplib.IMAP4_SSL("127.0.0.1", int(port), ssl_context=context, timeout=30) as imap:
        imap.login(user, password)
        while True:
            imap.select("INBOX", readonly=True)
            status, data = imap.uid("SEARCH", "SUBJECT", '"%s"' % subject)
            uids = data[0].split()
            if uids or time.time() > deadline:
                break
            time.sleep(0.5)
        assert uids, "the message is not in INBOX"
        status, data = imap.uid("FETCH", uids[0], "(BODY.PEEK[])")
        message = email.message_from_bytes(data[0][1], policy=email.policy.default)
        body = message.get_body(("plain",)).get_content()
        assert "đây là thư kiểm tra" in body, body
        print("read UID %s" % uids[0].decode())
PY
}
mail_check send "$work/cert.pem" "$user" "$user_password" "$subject" "$p_sub" >/dev/null || fail "sending over submission (STARTTLS) failed"
ok "sent a message over submission with STARTTLS (127.0.0.1:$p_sub)"
read_result=$(mail_check read "$work/cert.pem" "$user" "$user_password" "$subject" "$p_imaps") || fail "reading over IMAPS failed"
ok "read it over IMAPS (127.0.0.1:$p_imaps): $read_result"

# 4. The admin port: the web admin and the public endpoints, over HTTPS with the appliance's certificate.
status=$(python3 - "$p_admin" "$work/cert.pem" <<'PY'
import ssl, sys, urllib.request, urllib.error
context = ssl.create_default_context(cafile=sys.argv[2])
context.check_hostname = False  # the certificate names the appliance's host name, the probe dials 127.0.0.1
try:
    print(urllib.request.urlopen("https://127.0.0.1:%s/" % sys.argv[1], timeout=15, context=context).status)
except urllib.error.HTTPError as e:
    print(e.code)
except Exception as e:
    print("no answer: %s" % e)
PY
)
[[ $status =~ ^[0-9]+$ && $status -lt 500 ]] || fail "the admin port 127.0.0.1:$p_admin did not answer over HTTPS: $status"
ok "admin port answers over HTTPS with the appliance's certificate on 127.0.0.1:$p_admin (HTTP $status)"

# 5. A clean stop: SIGTERM stops the servers and slapd, exit code 0.
stop_started=$SECONDS
podman stop --time 30 "$tag-1" >/dev/null 2>"$work/stop.err" || fail "podman stop failed: $(cat "$work/stop.err")"
code=$(podman inspect --format '{{.State.ExitCode}}' "$tag-1")
[[ $code == 0 ]] || fail "the container exited with $code after SIGTERM"
podman logs "$tag-1" >"$work/log1" 2>&1
grep -q "Stopped slapd" "$work/log1" || fail "the log does not show slapd stopped"
ok "stopped cleanly on SIGTERM in $((SECONDS - stop_started)) s (exit 0, slapd stopped)"

# 6. A new container on the same volume, without the first-start settings: the account and the mail are still there.
podman run -d --name "$tag-2" -v "$volume:/data" "${publish[@]}" "$image" >/dev/null 2>"$work/run.err" \
  || fail "podman run (second start) failed: $(cat "$work/run.err")"
wait_healthy "$tag-2"
podman logs "$tag-2" >"$work/log2" 2>&1
grep -q "first start" "$work/log2" && fail "the second start ran init again"
ok "a new container on the same volume started without init and is healthy"
podman exec "$tag-2" mailappliance user list >"$work/users" 2>&1 || fail "user list failed after the restart: $(cat "$work/users")"
grep -q "^$user" "$work/users" || fail "$user is gone after the restart: $(cat "$work/users")"
ok "the account $user survived"
read_result=$(mail_check read "$work/cert.pem" "$user" "$user_password" "$subject" "$p_imaps") || fail "the message is gone after the restart"
ok "the message survived: $read_result"

podman stop --time 30 "$tag-2" >/dev/null 2>&1
echo "smoke test passed: $checks checks in $((SECONDS - started)) s"
