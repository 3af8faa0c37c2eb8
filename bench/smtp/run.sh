#!/usr/bin/env bash
# SMTP acceptance benchmark: our MX port against a private Postfix (durable queue file, then discard) and
# Postfix's smtp-sink (stores nothing: the ceiling), side by side on 127.0.0.1, all driven by smtp-source.
#   bench/smtp/run.sh            4 KB and 100 KB messages at 1, 20 and 100 sessions, one connection per message
#   QUICK=1 bench/smtp/run.sh    the same cells with fewer messages (a smoke run, not a figure)
# Environment: SIZES ("4096 102400"), SESSIONS ("1 20 100"), MESSAGES (per run; default 2000 up to 16 KB,
# else 500), WARMUP (messages per warm-up round, default 2000), WARMUP_ROUNDS (most warm-up rounds per server, 12),
# WARMUP_MIN (messages ours gets before its warm-up may stop, 10000),
# REPEATS (runs of each server per cell, taking turns; the median is reported; default 3), RUN_TIMEOUT (s per run, 300),
# KEEP=1 keeps the temporary folder (logs, stores, queues); WORK_PARENT (/tmp) is where that folder goes: a tmpfs
# (/dev/shm) takes the disk out of the comparison, for every server alike.
# Prints progress on stderr, then the table and the targets (PASS/MISS) on stdout.
# Exit status: 0 when every run completed without an smtp-source error and every count matched (a MISS
# on a target does not fail), non-zero otherwise.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
benchlib=$(cd "$here/.." && pwd)
# shellcheck source=../lib.sh
source "$benchlib/lib.sh"
refservers=${REFERENCE_SERVERS:-/work/shared/tools/reference-servers.sh}

quick=${QUICK:-0}
sizes=(${SIZES:-4096 102400})
sessions_list=(${SESSIONS:-1 20 100})
warmup=${WARMUP:-$([[ $quick == 1 ]] && echo 300 || echo 2000)}
warmup_rounds=${WARMUP_ROUNDS:-$([[ $quick == 1 ]] && echo 2 || echo 12)}
warmup_min=${WARMUP_MIN:-$([[ $quick == 1 ]] && echo 0 || echo 10000)}
repeats=${REPEATS:-$([[ $quick == 1 ]] && echo 1 || echo 3)}
[[ $repeats =~ ^[1-9][0-9]*$ ]] || { echo "run.sh: REPEATS must be a whole number of at least 1" >&2; exit 2; }
run_timeout=${RUN_TIMEOUT:-300}
sender=sender@bench.test rcpt=bench@bench.test

messages_for() { # messages per run for one size
  if [[ -n ${MESSAGES:-} ]]; then echo "$MESSAGES"
  elif (( $1 <= 16384 )); then [[ $quick == 1 ]] && echo 300 || echo 2000
  else [[ $quick == 1 ]] && echo 100 || echo 500; fi
}

[[ -x $refservers ]] || die "$refservers is missing (it starts the reference Postfix and smtp-sink)"
command -v dotnet >/dev/null 2>&1 || die "the .NET 10 SDK (dotnet) is required"
command -v python3 >/dev/null 2>&1 || die "python3 is required (free ports, memory sampling)"
[[ -x /usr/sbin/slapd ]] || die "slapd is missing: run ./mailappliance once (it installs slapd and ldap-utils)"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# ---------------------------------------------------------------------------------------------- cleanup
# Postfix runs as the postfix user, so the folder must be traversable (mktemp -d makes it 0700).
work=$(mktemp -d "${WORK_PARENT:-/tmp}/bench-smtp.XXXXXX"); chmod 755 "$work"
ours_pid="" sampler_pid="" source_pid="" postfix_started=0 sink_started=0 failed=0 dnsstub_pid=""
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  if [[ -n $source_pid ]]; then kill "$source_pid" 2>/dev/null || true; fi
  if [[ -n $sampler_pid ]]; then kill "$sampler_pid" 2>/dev/null || true; fi
  stop_appliance "$ours_pid" "$work/data"
  if [[ -n $dnsstub_pid ]]; then kill "$dnsstub_pid" 2>/dev/null || true; fi
  if (( postfix_started )); then
    local mpid; mpid=$(tr -dc 0-9 <"$work/postfix/spool/pid/master.pid" 2>/dev/null || true)
    "$refservers" postfix stop "$work/postfix" >/dev/null 2>&1 || true
    if [[ -n $mpid ]]; then wait_gone "$mpid" 100; fi
  fi
  if (( sink_started )); then "$refservers" sink stop "$work/sink" >/dev/null 2>&1 || true; fi
  if [[ ${KEEP:-0} == 1 ]]; then say "kept $work"; else rm -rf "$work"; fi
  exit "$rc"
}
trap cleanup EXIT
trap 'say "interrupted"; exit 130' INT
trap 'say "terminated"; exit 143' TERM

# ------------------------------------------------------------------------------------------------ helpers
# Peak resident memory per group (pid:PID or tree:PID), sampled every 100 ms into OUT (see bench/proctree.py).
start_sampler() { # OUT GROUP...
  local out=$1; shift; rm -f "$out"
  python3 "$benchlib/proctree.py" sample "$out" "$@" & sampler_pid=$!
  for _ in $(seq 1 50); do [[ -s $out ]] && return 0; sleep 0.05; done
  die "the memory sampler did not start"
}
stop_sampler() { kill -TERM "$sampler_pid" 2>/dev/null || true; wait "$sampler_pid" 2>/dev/null || true; sampler_pid=""; }

wait_banner() { wait_greeting "$2" 220 QUIT "${@:3}"; } # NAME PORT SECONDS [PID]
# probe pss|cpu ROOTPID: the tree's summed Pss in kB, or its CPU clock ticks (see bench/proctree.py).
probe() { python3 "$benchlib/proctree.py" "$1" "$2" 2>/dev/null || echo 0; }
kb_to_mb() { awk -v k="$1" 'BEGIN { printf "%.0f", k / 1024 }'; }
hwm_kb() { awk '/^VmHWM:/ { print $2 }' "/proc/$1/status" 2>/dev/null || echo 0; }

# ----------------------------------------------------------------------------------------------- servers
read -r smtp_port dir_port postfix_port sink_port dns_port <<<"$(free_ports 5)"
# Our MX checks SPF, DKIM and DMARC of every message; the stub answers NXDOMAIN at once, as a warm local resolver would.
start_dnsstub "$dns_port"

say "starting smtp-sink on 127.0.0.1:$sink_port and Postfix on 127.0.0.1:$postfix_port (installs postfix when missing)"
sink_started=1
"$refservers" sink start "$work/sink" "$sink_port" >"$work/sink-start.log" 2>&1 || { cat "$work/sink-start.log" >&2; die "smtp-sink did not start"; }
wait_banner sink "$sink_port" 10 || die "smtp-sink does not answer on 127.0.0.1:$sink_port ($(tail -1 "$work/sink/sink.log" 2>/dev/null))"
sink_pid=$(tr -dc 0-9 <"$work/sink/sink.pid")
postfix_started=1
"$refservers" postfix start "$work/postfix" "$postfix_port" >"$work/postfix-start.log" 2>&1 || { cat "$work/postfix-start.log" >&2; die "Postfix did not start"; }
wait_banner postfix "$postfix_port" 15 \
  || die "Postfix does not answer on 127.0.0.1:$postfix_port: $(grep -E 'fatal|error' "$work/postfix/maillog" 2>/dev/null | tail -1)"
postfix_master=$(tr -dc 0-9 <"$work/postfix/spool/pid/master.pid")
postfix_version=$(postconf -d -h mail_version 2>/dev/null || echo "?")

smtp_source=$(command -v smtp-source 2>/dev/null || true)
for c in /usr/sbin/smtp-source /usr/lib/postfix/smtp-source /usr/libexec/postfix/smtp-source; do
  if [[ -z $smtp_source && -x $c ]]; then smtp_source=$c; fi
done
[[ -n $smtp_source ]] || die "smtp-source not found (it ships with the postfix package)"

build_server "$here/.build" "$work/build.log"
data="$work/data"
mx_only_env "$smtp_port" "$dir_port" "$dns_port"
ours_env+=(Mail__DefaultQuotaBytes=1000000000000)
app() { env "${ours_env[@]}" timeout 120 dotnet "$dll" "$@"; }
say "initialising a bench appliance in $data (domain bench.test)"
app init --data "$data" --domain bench.test --admin-password 'Bench-admin-2026!' >"$work/init.log" 2>&1 \
  || { cat "$work/init.log" >&2; die "init failed"; }
# (The password must not contain the account name, so not 'Bench-…'.)
app user add "$rcpt" --name Bench --password 'Load-test-2026!' --data "$data" >"$work/user.log" 2>&1 \
  || { cat "$work/user.log" >&2; die "user add failed"; }

say "starting our appliance: SMTP on 127.0.0.1:$smtp_port, slapd on 127.0.0.1:$dir_port"
env "${ours_env[@]}" dotnet "$dll" run --data "$data" >"$work/ours.log" 2>&1 &
ours_pid=$!
if ! wait_banner ours "$smtp_port" 90 "$ours_pid"; then
  tail -5 "$work/ours.log" >&2
  die "our appliance does not answer a 220 banner on 127.0.0.1:$smtp_port"
fi
slapd_pid=$(pgrep -P "$ours_pid" -x slapd | head -1 || true)
ours_idle_kb=$(awk '/^VmRSS:/ { print $2 }' "/proc/$ours_pid/status")

inbox_count() { # messages in bench@bench.test's INBOX, through the CLI (it shares the running slapd)
  local out; out=$(app mailbox list "$rcpt" --data "$data" 2>&1) || { echo "mailbox list failed: $out" >&2; echo -1; return; }
  awk -F'\t' '$1 == "INBOX" { n = $3 + 0 } END { print (n == "" ? -1 : n) }' <<<"$out"
}
postfix_sent() { grep -c 'status=sent' "$work/postfix/maillog" 2>/dev/null || true; }

# ---------------------------------------------------------------------------------------------- one run
# run_one SERVER SIZE SESSIONS MESSAGES -> sets rate, rss_kb; a failure is reported and counted.
ours_expected=0 postfix_expected=0
run_one() {
  local server=$1 size=$2 sessions=$3 n=$4 port group
  case $server in
    ours) port=$smtp_port; group="pid:$ours_pid" ;;
    postfix) port=$postfix_port; group="tree:$postfix_master" ;;
    sink) port=$sink_port; group="pid:$sink_pid" ;;
  esac
  local groups=("$group"); [[ $server == ours && -n $slapd_pid ]] && groups+=("pid:$slapd_pid")
  local log="$work/source-$server-$size-$sessions.log" hwm_before=0 hwm_after=0 cpu_root=${group#*:}
  [[ $server == ours ]] && hwm_before=$(hwm_kb "$ours_pid")
  # A reload lets Postfix's idle smtpd and cleanup processes of the previous run exit, so each run's memory is its own.
  if [[ $server == postfix ]]; then
    kill -HUP "$postfix_master"
    for _ in $(seq 1 100); do pgrep -P "$postfix_master" -x 'smtpd|cleanup' >/dev/null || break; sleep 0.1; done
  fi
  start_sampler "$work/rss" "${groups[@]}"
  local t0 t1 rc=0 cpu0 cpu1
  cpu0=$(probe cpu "$cpu_root")
  t0=$(date +%s.%N)
  # In the background with wait, so a signal to this script is handled at once (the trap stops smtp-source too).
  timeout --foreground "$run_timeout" "$smtp_source" -s "$sessions" -l "$size" -m "$n" -f "$sender" -t "$rcpt" "127.0.0.1:$port" >"$log" 2>&1 &
  source_pid=$!
  wait "$source_pid" || rc=$?
  source_pid=""
  t1=$(date +%s.%N)
  [[ $server != postfix ]] && cpu1=$(probe cpu "$cpu_root")
  stop_sampler
  local peaks; read -r -a peaks <"$work/rss"
  rss_kb=${peaks[0]} pss_kb=""
  # Postfix's smtpd processes stay (idle) after the run, so its Pss right now is close to the run's peak.
  if [[ $server == postfix ]]; then pss_kb=$(probe pss "$postfix_master"); fi
  if [[ $server == ours ]]; then
    # VmHWM is the peak since start: if it rose during this run, it is this run's exact peak.
    hwm_after=$(hwm_kb "$ours_pid")
    if (( hwm_after > hwm_before && hwm_after > rss_kb )); then rss_kb=$hwm_after; fi
    if (( ${peaks[1]:-0} > slapd_peak_kb )); then slapd_peak_kb=${peaks[1]}; fi
  fi
  rate=$(awk -v n="$n" -v a="$t0" -v b="$t1" 'BEGIN { printf "%.0f", n / (b - a) }')
  if (( rc == 124 )); then
    say "$server ${size}B x$sessions: smtp-source timed out after ${run_timeout}s"; rate=ERR; failed=1
  elif (( rc != 0 )) || [[ -s $log ]]; then
    say "$server ${size}B x$sessions: smtp-source exit $rc: $(grep -v '^$' "$log" | sort | uniq -c | sort -rn | head -3 | sed -E 's/^ *([0-9]+) /(\1x) /' | paste -sd';')"
    rate=ERR; failed=1
  fi
  case $server in
    ours)
      kill -0 "$ours_pid" 2>/dev/null || { tail -5 "$work/ours.log" >&2; die "our appliance exited during the run"; }
      ours_expected=$(( ours_expected + n ))
      local got; got=$(inbox_count)
      if [[ $got != "$ours_expected" ]]; then
        say "ours ${size}B x$sessions: the INBOX holds $got messages, expected $ours_expected"; failed=1; rate=ERR
        ours_expected=$got
      fi ;;
    postfix)
      # Wait for the queue to drain (discard), so its backlog does not load the next run and every message is counted.
      postfix_expected=$(( postfix_expected + n ))
      local got=0 deadline=$(( SECONDS + 60 ))
      while (( SECONDS < deadline )); do got=$(postfix_sent); (( got >= postfix_expected )) && break; sleep 0.2; done
      if (( got != postfix_expected )); then
        say "postfix ${size}B x$sessions: $got messages passed the queue, expected $postfix_expected"; failed=1; rate=ERR
        postfix_expected=$got
      fi
      cpu1=$(probe cpu "$cpu_root") ;;
  esac
  cpu_ms=$(awk -v a="$cpu0" -v b="$cpu1" -v hz="$clk_tck" -v n="$n" 'BEGIN { printf "%.2f", (b - a) * 1000 / hz / n }')
}

# -------------------------------------------------------------------------------------------------- runs
slapd_peak_kb=0
declare -A rate_of rss_of pss_of cpu_of runs_of
clk_tck=$(getconf CLK_TCK)
load_start=$(cut -d' ' -f1-3 /proc/loadavg)
# Each server is measured in its steady state: our JIT compiles its hot code again, optimised, over the first
# ~10,000 messages, so a fixed short warm-up measured a half-compiled server. Rounds of $warmup 4 KB messages over
# 20 sessions run until the CPU per message has not fallen by 5% below the best earlier round twice in a row (a
# round's CPU per message is steadier than its rate on a shared machine), at most $warmup_rounds rounds; the first and
# last round's rates are printed with the table, so the cold figure is visible too. Ours gets at least $warmup_min
# messages first: on a busy machine two noisy rounds could otherwise end its warm-up half-way through the JIT's.
declare -A warm_rounds=() warm_first=() warm_last=()
warm_up() { # SERVER
  local server=$1 round best="" flat=0 floor=0
  [[ $server == ours ]] && floor=$warmup_min
  for (( round = 1; round <= warmup_rounds; round++ )); do
    run_one "$server" 4096 20 "$warmup"
    say "warm-up $server round $round: $rate msg/s, $cpu_ms ms CPU/msg"
    [[ $rate == ERR ]] && break
    (( round == 1 )) && warm_first[$server]=$rate
    warm_last[$server]=$rate warm_rounds[$server]=$round
    if [[ -n $best ]] && awk -v c="$cpu_ms" -v b="$best" 'BEGIN { exit !(c >= 0.95 * b) }'; then
      flat=$(( flat + 1 )); (( flat >= 2 && round * warmup >= floor )) && break
    else
      flat=0
    fi
    if [[ -z $best ]] || awk -v c="$cpu_ms" -v b="$best" 'BEGIN { exit !(c < b) }'; then best=$cpu_ms; fi
  done
}
if (( warmup > 0 && warmup_rounds > 0 )); then
  say "warm-up: rounds of $warmup messages of 4096 B over 20 sessions to each server until its CPU per message settles"
  for server in ours postfix sink; do warm_up "$server"; done
fi
# The middle value of numbers (or ERR when any run failed).
median() { printf '%s\n' "$@" | sort -g | awk '/ERR/ { bad = 1 } { v[NR] = $1 } END { print bad ? "ERR" : v[int((NR + 1) / 2)] }'; }
for size in "${sizes[@]}"; do
  n=$(messages_for "$size")
  for sessions in "${sessions_list[@]}"; do
    declare -A rates=() cpus=() peak=()
    # The servers take turns, so a slow spell on the shared machine falls on each of them; the median is reported.
    for (( rep = 1; rep <= repeats; rep++ )); do
      for server in ours postfix sink; do
        run_one "$server" "$size" "$sessions" "$n"
        rates[$server]+="$rate " cpus[$server]+="$cpu_ms "
        (( rss_kb > ${peak[$server]:-0} )) && peak[$server]=$rss_kb
        [[ -n $pss_kb ]] && pss_of[$server,$size,$sessions]=$(kb_to_mb "$pss_kb")
        say "$(printf '%-7s %6s B x%-3s %5s msg/s  %s ms CPU/msg  peak RSS %s MB%s  (run %s of %s)' "$server" "$size" "$sessions" "$rate" "$cpu_ms" "$(kb_to_mb "$rss_kb")" \
          "${pss_kb:+ (Pss after the run $(kb_to_mb "$pss_kb") MB)}" "$rep" "$repeats")"
      done
    done
    for server in ours postfix sink; do
      # shellcheck disable=SC2086 # word splitting of the collected figures is intended
      rate_of[$server,$size,$sessions]=$(median ${rates[$server]}) cpu_of[$server,$size,$sessions]=$(median ${cpus[$server]})
      rss_of[$server,$size,$sessions]=$(kb_to_mb "${peak[$server]:-0}") runs_of[$server,$size,$sessions]=${rates[$server]% }
    done
  done
done
load_end=$(cut -d' ' -f1-3 /proc/loadavg)

# -------------------------------------------------------------------------------------------------- table
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a ~ /^[0-9]+$/ && b ~ /^[0-9]+$/ && b > 0) printf "%.2f", a / b; else print "-" }'; }
echo
echo "SMTP acceptance on 127.0.0.1: smtp-source, one connection per message, to $rcpt; $(nproc) cores;"
echo "load average $load_start at start, $load_end at end; Postfix $postfix_version; stores and queues on $(stat -f -c %T "$work") ($work)."
echo "ours = Mail.Server MX port (fsync into the store before 250); postfix = smtpd + cleanup queue file (fsync), then discard;"
echo "sink = smtp-sink (no storage). CPU = user+system time of the server's processes per message (ours with its slapd;"
echo "postfix including the discard after the queue). Peak RSS: sampled every 100 ms during the run; ours = the dotnet 'run'"
echo "process (and its VmHWM), postfix = master and all its children summed (shared pages counted in each), sink = its process."
echo "PSS = Postfix's summed Pss right after the run, its smtpd processes still up (shared pages split between processes)."
echo
row='%-7s %5s %5s | %6s %7s %6s | %7s %9s | %5s %5s %5s | %5s %7s %5s | %7s\n'
printf "%-19s | %-22s | %-17s | %-17s | %-19s | %s\n" "" "msg/s" "ratio" "CPU ms/msg" "peak RSS MB" "PSS MB"
printf "$row" size sess msgs ours postfix sink ours/pf ours/sink ours pf sink ours postfix sink postfix
for size in "${sizes[@]}"; do
  for sessions in "${sessions_list[@]}"; do
    o=${rate_of[ours,$size,$sessions]} p=${rate_of[postfix,$size,$sessions]} s=${rate_of[sink,$size,$sessions]}
    printf "$row" "$(( size / 1024 )) KB" "$sessions" "$(messages_for "$size")" "$o" "$p" "$s" \
      "$(ratio "$o" "$p")" "$(ratio "$o" "$s")" \
      "${cpu_of[ours,$size,$sessions]}" "${cpu_of[postfix,$size,$sessions]}" "${cpu_of[sink,$size,$sessions]}" \
      "${rss_of[ours,$size,$sessions]}" "${rss_of[postfix,$size,$sessions]}" "${rss_of[sink,$size,$sessions]}" \
      "${pss_of[postfix,$size,$sessions]:-?}"
  done
done
echo "(ours at rest after start: RSS $(kb_to_mb "$ours_idle_kb") MB; not counted above, our embedded slapd: peak RSS $(kb_to_mb "$slapd_peak_kb") MB)"
if (( repeats > 1 )); then
  echo "msg/s and CPU are the median of $repeats runs per server (the servers taking turns), peak RSS the highest; every run's msg/s:"
  for size in "${sizes[@]}"; do
    for sessions in "${sessions_list[@]}"; do
      printf '  %s KB x%s: ours %s; postfix %s; sink %s\n' "$(( size / 1024 ))" "$sessions" \
        "${runs_of[ours,$size,$sessions]}" "${runs_of[postfix,$size,$sessions]}" "${runs_of[sink,$size,$sessions]}"
    done
  done
fi
if (( ${#warm_rounds[@]} > 0 )); then
  printf 'warm-up before the table (4 KB, 20 sessions, %s messages a round; msg/s of the first and last round):' "$warmup"
  for server in ours postfix sink; do
    [[ -n ${warm_rounds[$server]:-} ]] && printf ' %s %s rounds, %s -> %s;' "$server" "${warm_rounds[$server]}" "${warm_first[$server]}" "${warm_last[$server]}"
  done
  echo
fi

echo
echo "targets:"
verdict() { awk -v v="$1" -v t="$2" -v op="$3" 'BEGIN { if (v == "-" || v == "") print "MISS (no figure)"; else if (op == ">=" ? v + 0 >= t + 0 : v + 0 < t + 0) print "PASS"; else print "MISS" }'; }
target_line() { printf '  %-48s %-12s %s\n' "$1" "$2" "$3"; }
for size in "${sizes[@]}"; do
  kb="$(( size / 1024 )) KB"
  if [[ " ${sessions_list[*]} " == *" 20 "* ]]; then
    r=$(ratio "${rate_of[ours,$size,20]}" "${rate_of[postfix,$size,20]}")
    target_line "ours >= 2x Postfix, $kb, 20 sessions" "${r}x" "$(verdict "$r" 2 '>=')"
    r=$(ratio "${rate_of[ours,$size,20]}" "${rate_of[sink,$size,20]}")
    pct=$([[ $r == - ]] && echo - || awk -v r="$r" 'BEGIN { printf "%.0f", r * 100 }')
    target_line "ours >= 40% of smtp-sink, $kb, 20 sessions" "${pct}%" "$(verdict "$r" 0.40 '>=')"
  fi
  if [[ " ${sessions_list[*]} " == *" 100 "* ]]; then
    m=${rss_of[ours,$size,100]}
    [[ ${rate_of[ours,$size,100]} == ERR ]] && m=-   # a failed run's memory is no figure
    target_line "our peak RSS < 200 MB, $kb, 100 sessions" "$m MB" "$(verdict "$m" 200 '<')"
  fi
done

if (( failed )); then
  say "some runs failed (ERR above); KEEP=1 keeps the logs"
  exit 1
fi
