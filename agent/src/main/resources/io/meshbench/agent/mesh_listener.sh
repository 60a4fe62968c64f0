#!/system/bin/sh
# mesh_listener.sh [DEVICE_ID] [PORT]: the MeshBench phone agent's listener. Serves every TCP
# connection with mesh_handler.sh (toybox nc -L starts one handler per connection, so no message
# is lost between two connections and several are handled at once) and samples CPU, RAM and
# battery in the background so that a bid is answered at once. Runs until stopped
# (mesh_ctl.sh stop, or SIGTERM). The id defaults to device_config.json's device_id, the port to
# its "port", else 9999. Settings: see mesh_common.sh.
case $0 in */*) MESH_HOME=${0%/*} ;; *) MESH_HOME=. ;; esac
MESH_HOME=$(cd "$MESH_HOME" && pwd)
export MESH_HOME
. "$MESH_HOME/mesh_common.sh"

[[ -n ${1:-} ]] && MESH_ID=$1
if ! load_self; then
  print -u2 "mesh_listener: no valid device id: pass one (mesh_listener.sh Device_B 9999) or set \"device_id\" in $MESH_CONFIG"
  exit 2
fi
export MESH_ID=$MESH_SELF
port=${2:-$(config_int port 9999)}
if [[ $port != +([0-9]) ]] || (( port < 1 || port > 65535 )); then
  print -u2 "mesh_listener: bad port \"$port\": give a number from 1 to 65535"
  exit 2
fi
interval=$(config_int sample_interval_ms 500)
(( interval >= 50 )) || interval=50
tb mkdir -p "$MESH_RUN" || exit 1

# Writes "CPU RAM BATTERY" to run/metrics every interval; stops when the listener is gone.
sampler() {
  typeset -Z3 ms=$((interval % 1000))
  typeset pause="$((interval / 1000)).$ms" cpu ram bat=null b0 t0
  typeset -i n=0 battery_every=$(( 30000 / interval + 1 ))
  cpu_read && { b0=$CPU_BUSY; t0=$CPU_TOTAL; }
  while :; do
    if [[ -n $CPU_TOTAL ]]; then cpu=$(cpu_share "${b0:-0}" "${t0:-0}" "$CPU_BUSY" "$CPU_TOTAL"); else cpu=null; fi
    b0=$CPU_BUSY t0=$CPU_TOTAL
    ram=$(ram_share)
    # dumpsys is slow; the battery changes slowly: read it every 30 s or so
    (( n % battery_every == 0 )) && bat=$(battery_level)
    n=$((n + 1))
    print -r -- "$cpu $ram $bat" > "$MESH_RUN/metrics.tmp" && tb mv -f "$MESH_RUN/metrics.tmp" "$MESH_RUN/metrics"
    tb sleep "$pause"
    kill -0 "$LISTENER_PID" 2>/dev/null || exit 0
    cpu_read
  done
}

LISTENER_PID=$$
# A word that changes on every start: heartbeat answers carry it, so an orchestrator can tell a
# restarted agent (which lost its running tasks) from one that never went away.
MESH_INCARNATION="$$-$(tb date +%s)"
export MESH_INCARNATION
sampler </dev/null >/dev/null 2>&1 &
SAMPLER=$!
# exec in a subshell: $! must be nc's own pid, so that stopping the listener stops nc
( exec $MESH_TOYBOX nc -L -p "$port" "$MESH_SH" "$MESH_HOME/mesh_handler.sh" </dev/null >/dev/null 2>>"$MESH_RUN/nc.err" ) &
NC=$!
print -r -- "$$ $NC $SAMPLER $port" > "$MESH_RUN/listener.pid"
mesh_log START "$MESH_SELF" "port=$port" "pid=$$" "dir=$MESH_DIR"

stopping() {
  trap - TERM INT HUP
  kill "$NC" "$SAMPLER" 2>/dev/null
  tb rm -f "$MESH_RUN/listener.pid"
  mesh_log STOP "$1"
  exit 0
}
trap 'stopping "stopped by a signal"' TERM INT HUP
wait "$NC"
rc=$?
err=$(tb tail -n 1 "$MESH_RUN/nc.err" 2>/dev/null)
kill "$SAMPLER" 2>/dev/null
tb rm -f "$MESH_RUN/listener.pid"
mesh_log STOP "nc exited with status $rc${err:+: $err}"
print -u2 "mesh_listener: toybox nc stopped (status $rc)${err:+: $err}"
exit 1
