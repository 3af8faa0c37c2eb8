#!/usr/bin/env bash
# IMAP benchmark: our IMAP server beside a private Dovecot, both on 127.0.0.1, both loaded with the same 1,000
# generated messages, both driven by the same client (bench/imap/ImapBench, raw sockets) and by mbsync.
#   bench/imap/run.sh            full run, about 5 minutes after the build
#   QUICK=1 bench/imap/run.sh    shorter measurements and fewer idle sessions (a smoke run, not a figure)
# Environment: SECONDS_PER_OP (4), WARMUP (1), EXPUNGES (per client, 50), CLIENTS (10), IDLE_SESSIONS (2000),
# MBSYNC_RUNS (3 per server and variant), ONLY (comma-separated operation names), STEPS ("mbsync workload idle": which
# steps follow the load), KEEP=1 keeps the temporary folder.
# Prints progress on stderr, then the tables and the targets (PASS/MISS) on stdout.
# Exit status: 0 when every operation, count and pull was right (a MISS on a target does not fail), non-zero otherwise.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
benchlib=$(cd "$here/.." && pwd)
# shellcheck source=../lib.sh
source "$benchlib/lib.sh"
refservers=${REFERENCE_SERVERS:-/work/shared/tools/reference-servers.sh}

quick=${QUICK:-0}
seconds_per_op=${SECONDS_PER_OP:-$([[ $quick == 1 ]] && echo 1 || echo 4)}
warmup=${WARMUP:-$([[ $quick == 1 ]] && echo 0.3 || echo 1)}
expunges=${EXPUNGES:-$([[ $quick == 1 ]] && echo 10 || echo 50)}
clients=${CLIENTS:-10}
idle_sessions=${IDLE_SESSIONS:-$([[ $quick == 1 ]] && echo 300 || echo 2000)}
mbsync_runs=${MBSYNC_RUNS:-$([[ $quick == 1 ]] && echo 1 || echo 3)}
only=${ONLY:-}
steps=" ${STEPS:-mbsync workload idle} "
messages=1000
our_user=user1@bench.test our_password='Load-test-2026!'   # a password may not contain the account name
dc_user=user1 dc_password=pass


[[ -x $refservers ]] || die "$refservers is missing (it starts the reference Dovecot)"
command -v dotnet >/dev/null 2>&1 || die "the .NET 10 SDK (dotnet) is required"
command -v python3 >/dev/null 2>&1 || die "python3 is required (free ports, greeting check)"
command -v mbsync >/dev/null 2>&1 || die "mbsync is required (Debian package isync)"
[[ -x /usr/sbin/slapd ]] || die "slapd is missing: run ./mailappliance once (it installs slapd and ldap-utils)"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# Every idle session is a socket in ImapBench and in the server (Dovecot: plus pipes per imap process).
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
if (( $(ulimit -n) < idle_sessions + 1000 )); then
  say "open-file limit $(ulimit -n) is too low for $idle_sessions idle sessions; using $(( $(ulimit -n) - 1000 ))"
  idle_sessions=$(( $(ulimit -n) - 1000 ))
fi

# ---------------------------------------------------------------------------------------------- cleanup
# Dovecot drops privileges to nobody, so the folder must be traversable (mktemp -d makes it 0700).
work=$(mktemp -d /tmp/bench-imap.XXXXXX); chmod 755 "$work"
ours_pid="" dovecot_started=0
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  stop_appliance "$ours_pid" "$work/data"
  if (( dovecot_started )); then stop_dovecot; fi
  if [[ ${KEEP:-0} == 1 ]]; then say "kept $work"; else rm -rf "$work"; fi
  exit "$rc"
}
trap cleanup EXIT
trap 'say "interrupted"; exit 130' INT
trap 'say "terminated"; exit 143' TERM

# ------------------------------------------------------------------------------------------------ helpers
free_ports() { # IMAP, directory, and a Dovecot port whose successor (its POP3 port) is free too
  python3 <<'PY'
import socket
held = []
def grab(port=0):
    s = socket.socket(); s.bind(("127.0.0.1", port)); held.append(s); return s.getsockname()[1]
imap, directory = grab(), grab()
while True:
    dovecot = grab()
    try:
        grab(dovecot + 1); break
    except OSError:
        pass
print(imap, directory, dovecot)
PY
}
wait_imap() { wait_greeting "$1" "* OK" "x LOGOUT" "${@:2}"; } # PORT SECONDS [PID]
dovecot_master() { tr -dc 0-9 <"$work/dovecot/run/master.pid" 2>/dev/null || true; }
stop_dovecot() {
  local mpid; mpid=$(dovecot_master)
  "$refservers" dovecot stop "$work/dovecot" >/dev/null 2>&1 || true
  if [[ -n $mpid ]]; then wait_gone "$mpid" 150; fi
}

# ------------------------------------------------------------------------------------------------- build
say "building Mail.Server and ImapBench (Release, private artifacts in bench/imap/.build)"
# A private artifacts folder keeps these builds out of Mail.Server/obj and .build/bin, which other builds use.
artifacts="$here/.build"
for project in "$root/Mail.Server/Mail.Server.csproj" "$here/ImapBench/ImapBench.csproj"; do
  if ! dotnet build "$project" -c Release --artifacts-path "$artifacts" -nologo -v quiet >"$work/build.log" 2>&1; then
    cat "$work/build.log" >&2; die "the build of $(basename "$project") failed"
  fi
done
dll="$artifacts/bin/Mail.Server/release/Mail.Server.dll"
bench="$artifacts/bin/ImapBench/release/ImapBench.dll"
[[ -f $dll && -f $bench ]] || die "the build produced no $dll or $bench"

# ----------------------------------------------------------------------------------------------- servers
read -r imap_port dir_port dovecot_port <<<"$(free_ports)"

say "starting Dovecot on 127.0.0.1:$dovecot_port (reference-servers.sh; installs dovecot when missing)"
dovecot_started=1
"$refservers" dovecot start "$work/dovecot" "$dovecot_port" 1 "$dc_password" >"$work/dovecot-start.log" 2>&1 \
  || { cat "$work/dovecot-start.log" >&2; die "Dovecot did not start"; }
# The reference configuration leaves default_client_limit at 1000, so its stats, log and anvil services stop taking
# clients at about 1,000 imap processes: beyond that, logins hang for 90 s and fail ("service(stats): client_limit
# (1000) reached"). Raise it (and the per-user limits) for the idle-session measurement, then restart; nothing else
# changes, and these limits do not touch the per-operation speed.
stop_dovecot
cat >>"$work/dovecot/etc/dovecot.conf" <<CF

# bench/imap: room for $idle_sessions idle sessions (one imap process each).
default_client_limit = $(( idle_sessions * 2 + 2000 ))
mail_max_userip_connections = $(( idle_sessions + 1000 ))
service imap {
  process_limit = $(( idle_sessions + 1000 ))
}

# bench/imap: COMPRESS=DEFLATE (RFC 4978), as ours offers it, so a default mbsync pull speaks the same protocol to both.
protocol imap {
  mail_plugins = \$mail_plugins imap_zlib
}
CF
dovecot -c "$work/dovecot/etc/dovecot.conf" >"$work/dovecot-restart.log" 2>&1 || { cat "$work/dovecot-restart.log" >&2; die "Dovecot did not restart"; }
wait_imap "$dovecot_port" 15 || die "Dovecot does not greet on 127.0.0.1:$dovecot_port: $(grep -E 'Fatal|Error' "$work/dovecot/dovecot.log" 2>/dev/null | tail -1)"
dovecot_pid=$(dovecot_master)
dovecot_version=$(dovecot --version 2>/dev/null | cut -d' ' -f1 || echo "?")

data="$work/data"
ours_env=(
  Mail__Listen__Address=127.0.0.1 Mail__Imap__Port="$imap_port"
  Mail__Smtp__Port=0 Mail__Submission__Port=0 Mail__SubmissionTls__Port=0 Mail__ImapTls__Port=0
  Mail__Pop3__Port=0 Mail__Pop3Tls__Port=0 Mail__Admin__Port=0
  Mail__Directory__Port="$dir_port"
  Mail__AllowPlaintextAuthOnLoopback=true
  Mail__Limits__ImapConnectionsPerAddress=20000 Mail__Limits__ImapConnections=30000
  Mail__DefaultQuotaBytes=1000000000000
)
app() { env "${ours_env[@]}" timeout 120 dotnet "$dll" "$@"; }
say "initialising a bench appliance in $data (domain bench.test, account $our_user)"
app init --data "$data" --domain bench.test --admin-password 'Bench-admin-2026!' >"$work/init.log" 2>&1 \
  || { cat "$work/init.log" >&2; die "init failed"; }
app user add "$our_user" --name 'User One' --password "$our_password" --data "$data" >"$work/user.log" 2>&1 \
  || { cat "$work/user.log" >&2; die "user add failed"; }

say "starting our appliance: IMAP on 127.0.0.1:$imap_port, slapd on 127.0.0.1:$dir_port"
env "${ours_env[@]}" dotnet "$dll" run --data "$data" >"$work/ours.log" 2>&1 &
ours_pid=$!
if ! wait_imap "$imap_port" 90 "$ours_pid"; then
  tail -5 "$work/ours.log" >&2
  die "our appliance does not greet on 127.0.0.1:$imap_port"
fi

results="$work/results.tsv"
ours_spec="ours:$imap_port:process:$ours_pid:$our_user:$our_password"
dovecot_spec="dovecot:$dovecot_port:tree:$dovecot_pid:$dc_user:$dc_password"
imapbench() { dotnet "$bench" "$@" --results "$results"; }
info() { printf 'info\t-\t%s\t%s\n' "$1" "$2" >>"$results"; }
load_start=$(cut -d' ' -f1-3 /proc/loadavg)
info machine "$(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GB", $2 / 1048576 }' /proc/meminfo); $(uname -r)"
info ours "Mail.Server $(git -C "$root" describe --always --dirty 2>/dev/null || echo '?') (working tree as built), dotnet $(dotnet --version)"
info dovecot "Dovecot $dovecot_version, reference-servers.sh config (maildir, mailbox_list_index, {PLAIN} passwd-file) + default_client_limit raised for the idle sessions + imap_zlib (COMPRESS=DEFLATE, as ours)"

# ------------------------------------------------------------------------------------------------- load
say "loading $messages messages into each server (one session, APPEND in order)"
imapbench load --server "$ours_spec" --server "$dovecot_spec" --messages "$messages" || die "the load failed"

# ------------------------------------------------------------------------------------------------ mbsync
# A full pull into an empty Maildir, before the workload touches the mailbox. SyncState * keeps mbsync's state in
# the Maildir, not in ~/.mbsync. Both servers offer COMPRESS=DEFLATE (Dovecot with imap_zlib, added above), so each is
# pulled with mbsync's defaults (compressed) and with DisableExtensions COMPRESS=DEFLATE (plain), and each variant is
# compared with the same variant of the other. mbsync does not fsync its Maildir here (FSync no): with it the local
# disk's flushes, not the servers, made the time (runs of one server varied by 40%).
mbsync_pull() { # NAME LABEL PORT USER PASSWORD EXTRA RUN
  local name=$1 label=$2 port=$3 user=$4 password=$5 extra=$6 run=$7
  local near="$work/mbsync/$label-$run" rc=0 t0 t1 got
  mkdir -p "$near"
  cat >"$near.rc" <<RC
# The servers are measured, not the local disk: without this, mbsync's fsync of each of the 1,000 files sets the pace.
FSync no

IMAPAccount bench
Host 127.0.0.1
Port $port
User $user
Pass "$password"
SSLType None
AuthMechs LOGIN
$extra

IMAPStore far
Account bench

MaildirStore near
Path $near/
Inbox $near/INBOX

Channel pull
Far :far:
Near :near:
Patterns INBOX
Sync Pull
Create Near
SyncState *
RC
  t0=$(date +%s.%N)
  timeout 300 mbsync -q -c "$near.rc" pull >"$near.log" 2>&1 || rc=$?
  t1=$(date +%s.%N)
  got=$(find "$near/INBOX/cur" "$near/INBOX/new" -type f 2>/dev/null | wc -l)
  local note; note=$(grep -v -e 'Password is being sent in the clear' -e 'no UIDVALIDITY, creating new' "$near.log" | tail -1 | tr '\t' ' ' || true)
  printf 'mbsync\t%s\t%s\t%s\t%s\t%s\t%s\n' "$label" "$run" "$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }')" "$got" "$rc" "$note" >>"$results"
  say "mbsync $label run $run: $(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", b - a }') s, $got messages, exit $rc${note:+: $note}"
  rm -rf "$near"
}
[[ $steps == *" mbsync "* ]] || mbsync_runs=0
(( mbsync_runs == 0 )) || say "mbsync: $mbsync_runs full pull(s) of INBOX from each server"
for run in $(seq 1 "$mbsync_runs"); do
  mbsync_pull ours ours "$imap_port" "$our_user" "$our_password" "" "$run"
  mbsync_pull ours "ours-nocompress" "$imap_port" "$our_user" "$our_password" "DisableExtensions COMPRESS=DEFLATE" "$run"
  mbsync_pull dovecot dovecot "$dovecot_port" "$dc_user" "$dc_password" "" "$run"
  mbsync_pull dovecot "dovecot-nocompress" "$dovecot_port" "$dc_user" "$dc_password" "DisableExtensions COMPRESS=DEFLATE" "$run"
done

# ---------------------------------------------------------------------------------------------- workload
workload_rc=0
if [[ $steps == *" workload "* ]]; then
  say "workload: $clients clients, ${seconds_per_op} s per operation after ${warmup} s warm-up, each server in turn"
  imapbench workload --server "$ours_spec" --server "$dovecot_spec" --messages "$messages" --workers "$clients" \
    --seconds "$seconds_per_op" --warmup "$warmup" --expunges "$expunges" ${only:+--only "$only"} || workload_rc=$?
fi

# ----------------------------------------------------------------------------------------- idle sessions
idle_rc=0
if [[ -z $only && $steps == *" idle "* ]]; then
  say "idle sessions: $idle_sessions per server (LOGIN, SELECT INBOX, IDLE), memory before, at half and at all"
  imapbench idle --server "$ours_spec" --server "$dovecot_spec" --sessions "$idle_sessions" || idle_rc=$?
fi
load_end=$(cut -d' ' -f1-3 /proc/loadavg)
info "load average" "$load_start at start, $load_end at end (the machine is shared: compare runs made close together)"

kill -0 "$ours_pid" 2>/dev/null || { tail -5 "$work/ours.log" >&2; die "our appliance exited during the run"; }
echo
report_rc=0
dotnet "$bench" report --results "$results" || report_rc=$?
(( workload_rc == 0 && idle_rc == 0 && report_rc == 0 )) || exit 1
