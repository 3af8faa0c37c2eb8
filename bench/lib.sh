# Shell helpers the bench scripts share; sourced, not run. Each script keeps its own servers and tables; these are
# the pieces that were the same in each: messages, waiting for a greeting, and stopping what a run started.

say() { echo "run.sh: $*" >&2; }
die() { echo "run.sh: $*" >&2; exit 1; }

# greets PORT PREFIX BYE: true when a greeting starting with PREFIX arrives on 127.0.0.1:PORT within 5 s (BYE is
# sent before closing: "QUIT" for SMTP, "x LOGOUT" for IMAP).
greets() {
  python3 - "$@" <<'PY' 2>/dev/null
import socket, sys
port, prefix, bye = int(sys.argv[1]), sys.argv[2].encode(), sys.argv[3].encode()
try:
    s = socket.create_connection(("127.0.0.1", port), timeout=5)
    line = s.makefile("rb").readline()
    s.sendall(bye + b"\r\n"); s.close()
    sys.exit(0 if line.startswith(prefix) else 1)
except OSError:
    sys.exit(1)
PY
}

# wait_greeting PORT PREFIX BYE SECONDS [PID]: polls greets until it succeeds, the time is up, or PID has exited.
wait_greeting() {
  local deadline=$(( SECONDS + $4 ))
  while (( SECONDS < deadline )); do
    greets "$1" "$2" "$3" && return 0
    [[ -n ${5:-} ]] && ! kill -0 "$5" 2>/dev/null && return 1
    sleep 0.25
  done
  return 1
}

# wait_gone PID TENTHS: waits up to TENTHS tenths of a second for PID to exit; kills it if it has not.
wait_gone() {
  for _ in $(seq 1 "$2"); do kill -0 "$1" 2>/dev/null || return 0; sleep 0.1; done
  if kill -0 "$1" 2>/dev/null; then kill -KILL "$1" 2>/dev/null || true; fi
}

# stop_appliance PID DATA: SIGTERM (run stops its slapd itself), 15 s, then SIGKILL; then a slapd a killed run left
# behind, found by the pid file in DATA and stopped only when its command line names DATA.
stop_appliance() {
  local pid=$1 data=$2
  if [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$pid" 2>/dev/null; then say "our server did not stop within 15 s; killing pid $pid"; kill -KILL "$pid" 2>/dev/null || true; fi
  fi
  if [[ -f $data/directory/slapd.pid ]]; then
    local spid; spid=$(tr -dc 0-9 <"$data/directory/slapd.pid")
    if [[ -n $spid ]] && grep -qs "$data" "/proc/$spid/cmdline"; then kill -TERM "$spid" 2>/dev/null || true; fi
  fi
}

# free_ports N: N distinct free loopback ports, held open together so they differ.
free_ports() {
  python3 - "$1" <<'PY'
import socket, sys
socks = []
for _ in range(int(sys.argv[1])):
    s = socket.socket(); s.bind(("127.0.0.1", 0)); socks.append(s)
print(" ".join(str(s.getsockname()[1]) for s in socks))
PY
}

# start_dnsstub PORT RECORD...: bench/dnsstub.py on 127.0.0.1:PORT in the background (sets dnsstub_pid), so the servers
# under test ask a resolver that answers at once instead of the machine's (see dnsstub.py for RECORD).
start_dnsstub() {
  python3 "$benchlib/dnsstub.py" "$@" & dnsstub_pid=$!
  sleep 0.3
  kill -0 "$dnsstub_pid" 2>/dev/null || die "the DNS stub did not start on port $1"
}

# build_server ARTIFACTS LOG: builds Mail.Server in Release into ARTIFACTS (a private folder keeps it out of
# Mail.Server/obj and .build/bin, which other builds use) and sets dll; the build's output goes to LOG.
build_server() {
  say "building Mail.Server (Release, private artifacts in $1)"
  dotnet build "$root/Mail.Server/Mail.Server.csproj" -c Release --artifacts-path "$1" -nologo -v quiet >"$2" 2>&1 \
    || { cat "$2" >&2; die "the build failed"; }
  dll="$1/bin/Mail.Server/release/Mail.Server.dll"
  [[ -f $dll ]] || die "the build produced no $dll"
}

# mx_only_env SMTP_PORT DIRECTORY_PORT DNS_PORT: the environment of a bench appliance with only its MX port on,
# its slapd on DIRECTORY_PORT, DNS from the stub, and connection limits high enough for the load; into ours_env.
mx_only_env() {
  ours_env=(
    Mail__Listen__Address=127.0.0.1 Mail__Smtp__Port="$1"
    Mail__Submission__Port=0 Mail__SubmissionTls__Port=0 Mail__Imap__Port=0 Mail__ImapTls__Port=0
    Mail__Pop3__Port=0 Mail__Pop3Tls__Port=0 Mail__Admin__Port=0
    Mail__Directory__Port="$2" Mail__Dns__Server="127.0.0.1:$3"
    Mail__Limits__SmtpConnectionsPerAddress=1000 Mail__Limits__SmtpConnections=2000
  )
}
