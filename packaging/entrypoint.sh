#!/bin/sh
# The container's entrypoint (PID 1 is tini, which forwards SIGTERM here and reaps children).
# First start on an empty volume: `init` from MAIL_DOMAIN, MAIL_HOSTNAME (optional), MAIL_ADMIN_PASSWORD or
# MAIL_ADMIN_PASSWORD_FILE. Every start: `run` in the foreground (exec, so SIGTERM reaches it and it stops slapd and
# the servers cleanly), logging JSON to stdout (Mail__Log__Format=json, set by the image).
# TLS: a certificate and key in /data/tls/cert.pem and key.pem (mounted or copied in before the first start), or files
# named by MAIL_TLS_CERT_FILE and MAIL_TLS_KEY_FILE, are used; otherwise init makes a self-signed pair.
# Any argument runs that CLI command instead (e.g. `podman run … IMAGE user list`).
set -eu

app=/usr/local/bin/mailappliance
data=${MAILAPPLIANCE_DATA:-/data}
export MAILAPPLIANCE_DATA="$data"

# One JSON object per line, like the appliance's own log, so a log collector sees one format.
log() {
  printf '%s\n' "$1" | sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/\t/\\t/g' \
    -e "s/^.*\$/{\"Timestamp\":\"$(date -u +%Y-%m-%dT%H:%M:%SZ)\",\"LogLevel\":\"${2:-Information}\",\"Category\":\"entrypoint\",\"Message\":\"&\"}/"
}
fail() { log "$1" Critical; exit 1; }

if [ -n "${MAIL_TLS_CERT_FILE:-}" ] || [ -n "${MAIL_TLS_KEY_FILE:-}" ]; then
  [ -n "${MAIL_TLS_CERT_FILE:-}" ] && [ -n "${MAIL_TLS_KEY_FILE:-}" ] || fail "set both MAIL_TLS_CERT_FILE and MAIL_TLS_KEY_FILE, or neither"
  export Mail__Tls__CertificateFile="$MAIL_TLS_CERT_FILE" Mail__Tls__KeyFile="$MAIL_TLS_KEY_FILE"
fi

if [ "$#" -gt 0 ]; then
  exec "$app" "$@"
fi

if [ ! -f "$data/mailappliance.json" ]; then
  [ -n "${MAIL_DOMAIN:-}" ] || fail "the volume $data holds no appliance yet: set MAIL_DOMAIN and MAIL_ADMIN_PASSWORD (or MAIL_ADMIN_PASSWORD_FILE) for the first start"
  password_file=${MAIL_ADMIN_PASSWORD_FILE:-}
  made_file=""
  if [ -z "$password_file" ]; then
    [ -n "${MAIL_ADMIN_PASSWORD:-}" ] || fail "set MAIL_ADMIN_PASSWORD or MAIL_ADMIN_PASSWORD_FILE for the first start"
    # Through an owner-only file, never the command line (visible in ps).
    password_file=$(mktemp)
    made_file=$password_file
    printf '%s\n' "$MAIL_ADMIN_PASSWORD" >"$password_file"
  fi
  log "first start: creating the appliance for ${MAIL_DOMAIN} in $data"
  status=0
  output=$("$app" init --domain "$MAIL_DOMAIN" ${MAIL_HOSTNAME:+--hostname "$MAIL_HOSTNAME"} --admin-password-file "$password_file" 2>&1) || status=$?
  [ -n "$made_file" ] && rm -f "$made_file"
  printf '%s\n' "$output" | while IFS= read -r line; do
    if [ "$status" -eq 0 ]; then log "$line"; else log "$line" Critical; fi
  done
  [ "$status" -eq 0 ] || exit "$status"
fi

# The password has done its job; it does not stay in the running appliance's environment.
unset MAIL_ADMIN_PASSWORD
exec "$app" run
