#!/usr/bin/env bash
# Outbound delivery benchmark: our queue beside a private Postfix queue, both delivering to Postfix's smtp-sink on
# 127.0.0.1. Ours routes by MX through bench/dnsstub.py (every *.bench-out.test has MX mx.bench-out.test, A 127.0.0.1;
# Mail:Delivery:Port is the sink's port) and checks SPF/DKIM/DMARC of what it receives against the same stub;
# Postfix relays to the sink as its relayhost (no DNS).
#   bench/outbound/run.sh           throughput (MESSAGES 4 KB messages over 20 sessions, from the first byte in to the
#                                   queue empty again) and fan-out (one message to FANOUT recipients over DOMAINS domains);
#                                   ours with DKIM signing by RSA-2048 and Ed25519 (the default), by one of them, and
#                                   without, which gives the signing cost per message
#   QUICK=1 bench/outbound/run.sh   fewer messages and rounds (a smoke run, not a figure)
# Environment: MESSAGES (2000), SESSIONS (20), FANOUT (1000), DOMAINS (50), ROUNDS (fan-out repeats, 3),
# KEEP=1 keeps the temporary folder.
# Ours takes mail on its MX port for a group whose members are all outside (so every copy leaves through the queue);
# Postfix takes the same mail addressed to the outside directly (it relays for loopback clients).
# Exit status: 0 when every run completed and every queue drained, non-zero otherwise.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
benchlib=$(cd "$here/.." && pwd)
# shellcheck source=../lib.sh
source "$benchlib/lib.sh"
refservers=${REFERENCE_SERVERS:-/work/shared/tools/reference-servers.sh}

quick=${QUICK:-0}
messages=${MESSAGES:-$([[ $quick == 1 ]] && echo 300 || echo 2000)}
sessions=${SESSIONS:-20}
fanout=${FANOUT:-1000}
domains=${DOMAINS:-50}
rounds=${ROUNDS:-$([[ $quick == 1 ]] && echo 1 || echo 3)}
sender=sender@bench-in.test

[[ -x $refservers ]] || die "$refservers is missing (it starts the reference Postfix and smtp-sink)"
command -v dotnet >/dev/null 2>&1 || die "the .NET 10 SDK (dotnet) is required"
command -v python3 >/dev/null 2>&1 || die "python3 is required"
[[ -x /usr/sbin/slapd ]] || die "slapd is missing: run ./mailappliance once (it installs slapd and ldap-utils)"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

work=$(mktemp -d /tmp/bench-outbound.XXXXXX); chmod 755 "$work"
ours_pid="" postfix_started=0 sink_started=0 dnsstub_pid=""
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  stop_appliance "$ours_pid" "$work/data"
  if [[ -n $dnsstub_pid ]]; then kill "$dnsstub_pid" 2>/dev/null || true; fi
  if (( postfix_started )); then "$refservers" postfix stop "$work/postfix" >/dev/null 2>&1 || true; fi
  if (( sink_started )); then "$refservers" sink stop "$work/sink" >/dev/null 2>&1 || true; fi
  if [[ ${KEEP:-0} == 1 ]]; then say "kept $work"; else rm -rf "$work"; fi
  exit "$rc"
}
trap cleanup EXIT
trap 'say "interrupted"; exit 130' INT
trap 'say "terminated"; exit 143' TERM

read -r smtp_port dir_port postfix_port sink_port dns_port <<<"$(free_ports 5)"
start_dnsstub "$dns_port" '*.bench-out.test/MX/10 mx.bench-out.test' 'mx.bench-out.test/A/127.0.0.1'
smtp_source=$(command -v smtp-source 2>/dev/null || echo /usr/sbin/smtp-source)

say "starting smtp-sink on 127.0.0.1:$sink_port and a relaying Postfix on 127.0.0.1:$postfix_port"
sink_started=1
"$refservers" sink start "$work/sink" "$sink_port" >"$work/sink-start.log" 2>&1 || { cat "$work/sink-start.log" >&2; die "smtp-sink did not start"; }
wait_greeting "$sink_port" 220 QUIT 10 || die "smtp-sink does not answer"
postfix_started=1
"$refservers" postfix start "$work/postfix" "$postfix_port" >"$work/postfix-start.log" 2>&1 || { cat "$work/postfix-start.log" >&2; die "Postfix did not start"; }
# The reference discards; here it relays everything to the sink, as our appliance does.
postconf -c "$work/postfix/etc" -e "default_transport = smtp" "relay_transport = smtp" "relayhost = [127.0.0.1]:$sink_port"
postfix -c "$work/postfix/etc" reload >/dev/null 2>&1
wait_greeting "$postfix_port" 220 QUIT 15 || die "Postfix does not answer"
postfix_master=$(tr -dc 0-9 <"$work/postfix/spool/pid/master.pid")
postfix_version=$(postconf -d -h mail_version 2>/dev/null || echo "?")

build_server "$here/.build" "$work/build.log"
data="$work/data"
mx_only_env "$smtp_port" "$dir_port" "$dns_port"
ours_env+=(Mail__Delivery__Port="$sink_port")
app() { env "${ours_env[@]}" timeout 300 dotnet "$dll" "$@" --data "$data"; }
say "initialising a bench appliance (domain bench.test) with a one-member and a $fanout-member outside group"
app init --domain bench.test --admin-password 'Bench-admin-2026!' >"$work/init.log" 2>&1 || { cat "$work/init.log" >&2; die "init failed"; }
app group add out@bench.test --name Out --policy anyone >>"$work/init.log" 2>&1 || die "group add failed"
app group member add out@bench.test sink@d1.bench-out.test >>"$work/init.log" 2>&1 || die "member add failed"
app group add fanout@bench.test --name Fanout --policy anyone >>"$work/init.log" 2>&1 || die "group add failed"
mapfile -t fan_rcpts < <(for i in $(seq 1 "$fanout"); do echo "u$i@d$(( i % domains + 1 )).bench-out.test"; done)
app group member add fanout@bench.test "${fan_rcpts[@]}" >>"$work/init.log" 2>&1 || { tail -3 "$work/init.log" >&2; die "member add failed"; }

say "starting our appliance: SMTP on 127.0.0.1:$smtp_port, delivering by MX to the sink"
env "${ours_env[@]}" dotnet "$dll" run --data "$data" >"$work/ours.log" 2>&1 &
ours_pid=$!
wait_greeting "$smtp_port" 220 QUIT 90 "$ours_pid" || { tail -5 "$work/ours.log" >&2; die "our appliance does not answer"; }
slapd_pid=$(pgrep -P "$ours_pid" -x slapd | head -1 || true)

probe() { python3 "$benchlib/proctree.py" "$1" "$2" 2>/dev/null || echo 0; }
cpu_ticks() { # ours: the run process and its slapd; postfix: the master's tree
  if [[ $1 == ours ]]; then echo $(( $(probe cpu "$ours_pid") + $([[ -n $slapd_pid ]] && probe cpu "$slapd_pid" || echo 0) )); else probe cpu "$postfix_master"; fi
}
drain() { # SERVER: waits until the server's queue is empty
  if [[ $1 == ours ]]; then python3 "$here/queue.py" drain ours "$data/spool/queue.db" 600
  else python3 "$here/queue.py" drain postfix "$work/postfix/spool" 600; fi
}
clk_tck=$(getconf CLK_TCK)
failed=0

# throughput SERVER N: N messages of 4 KB over $sessions sessions; sets rate and cpu_ms (per message).
throughput() {
  local server=$1 n=$2 port rcpt
  if [[ $server == ours ]]; then port=$smtp_port rcpt=out@bench.test; else port=$postfix_port rcpt=sink@d1.bench-out.test; fi
  local c0 t0 t1 c1
  c0=$(cpu_ticks "$server"); t0=$(date +%s.%N)
  "$smtp_source" -s "$sessions" -l 4096 -m "$n" -f "$sender" -t "$rcpt" "127.0.0.1:$port" >"$work/source-$server.log" 2>&1 || { say "$server: smtp-source failed"; failed=1; }
  drain "$server" || failed=1
  t1=$(date +%s.%N); c1=$(cpu_ticks "$server")
  rate=$(awk -v n="$n" -v a="$t0" -v b="$t1" 'BEGIN { printf "%.0f", n / (b - a) }')
  cpu_ms=$(awk -v a="$c0" -v b="$c1" -v hz="$clk_tck" -v n="$n" 'BEGIN { printf "%.2f", (b - a) * 1000 / hz / n }')
}

# fan SERVER: one message to $fanout recipients in $domains domains; sets seconds (median of $rounds) and cpu_ms (per recipient).
fan() {
  local server=$1 times=() c0 c1
  c0=$(cpu_ticks "$server")
  for _ in $(seq 1 "$rounds"); do
    local t0 t1
    t0=$(date +%s.%N)
    if [[ $server == ours ]]; then python3 "$here/queue.py" fanout "$smtp_port" "$sender" fanout@bench.test || failed=1
    else python3 "$here/queue.py" fanout "$postfix_port" "$sender" "${fan_rcpts[@]}" || failed=1; fi
    drain "$server" || failed=1
    t1=$(date +%s.%N)
    times+=("$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }')")
  done
  c1=$(cpu_ticks "$server")
  seconds=$(printf '%s\n' "${times[@]}" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')
  cpu_ms=$(awk -v a="$c0" -v b="$c1" -v hz="$clk_tck" -v n="$(( fanout * rounds ))" 'BEGIN { printf "%.3f", (b - a) * 1000 / hz / n }')
}

# A fresh .NET process compiles its hot paths again at full optimisation for its first few thousand messages.
warmup=$([[ $quick == 1 ]] && echo 200 || echo 3000)
say "warm-up: $warmup messages through each server (not reported)"
for server in ours postfix; do throughput "$server" "$warmup"; done
declare -A result
keyfolder="$data/dkim/bench.test"
for signing in none ed25519 rsa dual; do
  python3 "$here/queue.py" keys "$keyfolder" "$signing"
  throughput ours "$messages"; result[$signing,rate]=$rate result[$signing,cpu]=$cpu_ms
  say "$(printf 'ours (%-7s) throughput: %5s msg/s  %s ms CPU/msg' "$signing" "$rate" "$cpu_ms")"
done
python3 "$here/queue.py" keys "$keyfolder" dual
throughput postfix "$messages"; result[postfix,rate]=$rate result[postfix,cpu]=$cpu_ms
say "$(printf 'postfix         throughput: %5s msg/s  %s ms CPU/msg' "$rate" "$cpu_ms")"
for server in ours postfix; do
  fan "$server"; result[$server,fan]=$seconds result[$server,fancpu]=$cpu_ms
  say "$(printf '%-7s fan-out: %s s for %s recipients  %s ms CPU/recipient' "$server" "$seconds" "$fanout" "$cpu_ms")"
done

# Every copy must have been delivered: a routing mistake would make the queue fast and the figures meaningless.
returned=$(grep -c 'Failed: \|Deferred: ' "$work/ours.log" || true)
if (( returned > 0 )); then say "ours: $returned recipient(s) deferred or returned: $(grep -m1 'Failed: \|Deferred: ' "$work/ours.log")"; failed=1; fi

echo
echo "Outbound on 127.0.0.1 to smtp-sink (ours by MX through a DNS stub, Postfix by relayhost); $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg); Postfix $postfix_version."
echo "throughput: $messages messages of 4 KB over $sessions sessions, from the first byte in until the queue is empty again;"
echo "ours signs each message once, at acceptance (dual = RSA-2048 + Ed25519 signatures, the default)."
echo "fan-out: one message to $fanout recipients in $domains domains (ours: a group of outside members, dual-signed; Postfix: $fanout RCPTs), median of $rounds."
echo "CPU: user+system of the server's processes (ours with its slapd; Postfix's whole tree)."
echo
printf '%-16s | %9s %11s %18s\n' "throughput" "msg/s" "CPU ms/msg" "signing ms/msg"
for signing in none ed25519 rsa dual; do
  printf '%-16s | %9s %11s %18s\n' "ours ($signing)" "${result[$signing,rate]}" "${result[$signing,cpu]}" \
    "$(awk -v a="${result[$signing,cpu]}" -v b="${result[none,cpu]}" 'BEGIN { printf "%.2f", a - b }')"
done
printf '%-16s | %9s %11s %18s\n' "postfix" "${result[postfix,rate]}" "${result[postfix,cpu]}" "-"
echo
printf '%-16s | %10s %13s\n' "fan-out" "seconds" "CPU ms/rcpt"
for server in ours postfix; do
  printf '%-16s | %10s %13s\n' "$server" "${result[$server,fan]}" "${result[$server,fancpu]}"
done
echo
awk -v a="${result[dual,rate]}" -v b="${result[postfix,rate]}" -v c="${result[ours,fan]}" -v d="${result[postfix,fan]}" \
  'BEGIN { printf "ours/postfix: throughput %.2fx (ours dual-signed), fan-out time %.2fx (below 1 is faster)\n", a / b, c / d }'
exit "$failed"
