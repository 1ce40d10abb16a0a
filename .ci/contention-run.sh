#!/usr/bin/env bash
# The test suite on a busy machine: runs the README's test command (bash .ci/run) while one
# `nice -n 19` busy loop per core (nproc) runs beside it, as on a shared CI runner, and kills the
# loops at the end however the run ends (normal exit, failure, Ctrl-C, SIGTERM).
#
# Usage: bash .ci/contention-run.sh [COMMAND...]
#   COMMAND defaults to `bash .ci/run`; e.g. `bash .ci/contention-run.sh mvn -B -ntp -pl mvrlu-core -am verify`.
#   CONTENTION_LOOPS=N overrides the number of busy loops (default: nproc).
# Exit status: the command's. The wall time is printed at the end.
set -uo pipefail
cd "$(dirname "$0")/.."

if [ "$#" -gt 0 ]; then
  cmd=("$@")
else
  cmd=(bash .ci/run)
fi
loops="${CONTENTION_LOOPS:-$(nproc)}"

loop_pids=()
cmd_pid=
stop_loops() {
  if [ "${#loop_pids[@]}" -gt 0 ]; then
    # SIGKILL: a loop killed right after it was started may not have exec'd yet, and the
    # subshell it still is would swallow a SIGTERM in the trap it inherited from this script.
    kill -KILL "${loop_pids[@]}" 2>/dev/null
    wait "${loop_pids[@]}" 2>/dev/null
    loop_pids=()
  fi
}
# On Ctrl-C or SIGTERM: stop the command too (it runs in the background so that `wait` can be
# interrupted; a background job of a script ignores SIGINT, hence the explicit SIGTERM).
on_signal() {
  if [ -n "$cmd_pid" ]; then
    kill -TERM "$cmd_pid" 2>/dev/null
    wait "$cmd_pid" 2>/dev/null
  fi
  exit "$1"
}
trap stop_loops EXIT
trap 'on_signal 130' INT
trap 'on_signal 143' TERM

for _ in $(seq "$loops"); do
  nice -n 19 sh -c 'while :; do :; done' &
  loop_pids+=("$!")
done
echo "contention-run: $loops busy loop(s) at nice 19 (pids ${loop_pids[*]}) beside: ${cmd[*]}"

SECONDS=0
"${cmd[@]}" &
cmd_pid=$!
wait "$cmd_pid"
status=$?
cmd_pid=
elapsed=$SECONDS
stop_loops
printf 'contention-run: exit status %d, wall time %dm%02ds (%d busy loops)\n' "$status" $((elapsed / 60)) $((elapsed % 60)) "$loops"
exit "$status"
