#!/system/bin/sh
# mesh_ctl.sh start [PORT] | stop | status: starts the listener detached from the adb shell that
# ran it, stops it, or reports it. status prints one line, "state=running id=ID port=PORT pid=PID"
# or "state=stopped id=ID", and exits 0 when running, 3 when stopped.
case $0 in */*) MESH_HOME=${0%/*} ;; *) MESH_HOME=. ;; esac
MESH_HOME=$(cd "$MESH_HOME" && pwd)
export MESH_HOME
. "$MESH_HOME/mesh_common.sh"
load_self || { print -u2 "mesh_ctl: no valid device id in $MESH_CONFIG: run meshbench setup"; exit 2; }

running() {
  [[ -r $MESH_RUN/listener.pid ]] || return 1
  read -r PID NCPID SPID PORT < "$MESH_RUN/listener.pid" || return 1
  kill -0 "$PID" 2>/dev/null
}

case ${1:-status} in
  start)
    if running; then
      print -r -- "state=running id=$MESH_SELF port=$PORT pid=$PID"
      exit 0
    fi
    tb mkdir -p "$MESH_RUN"
    : > "$MESH_RUN/nc.err"
    # a session of its own, so that the end of the adb shell that started it does not stop it
    ( exec $MESH_TOYBOX setsid "$MESH_SH" "$MESH_HOME/mesh_listener.sh" "$MESH_SELF" ${2:+"$2"} </dev/null >>"$MESH_RUN/listener.out" 2>&1 ) &
    i=0
    while (( i < 50 )); do
      running && { print -r -- "state=running id=$MESH_SELF port=$PORT pid=$PID"; exit 0; }
      tb sleep 0.1
      i=$((i + 1))
    done
    print -u2 "mesh_ctl: the listener did not start: $(tb tail -n 3 "$MESH_RUN/listener.out" 2>/dev/null)"
    exit 1 ;;
  stop)
    if ! running; then
      print -r -- "state=stopped id=$MESH_SELF"
      exit 0
    fi
    kill "$PID" 2>/dev/null
    i=0
    # the listener removes its pid file as it stops (an unreaped zombie would still answer kill -0)
    while (( i < 30 )) && [[ -e $MESH_RUN/listener.pid ]] && kill -0 "$PID" 2>/dev/null; do tb sleep 0.1; i=$((i + 1)); done
    # The listener leads a process group of its own (setsid): ending the group also ends the
    # handlers nc -L forked for connections still open, which would otherwise go on answering.
    kill -9 -"$PID" 2>/dev/null
    kill -9 "$PID" "$NCPID" "$SPID" 2>/dev/null
    kill "$NCPID" "$SPID" 2>/dev/null
    tb rm -f "$MESH_RUN/listener.pid"
    print -r -- "state=stopped id=$MESH_SELF"
    exit 0 ;;
  status)
    if running; then print -r -- "state=running id=$MESH_SELF port=$PORT pid=$PID"; exit 0; fi
    print -r -- "state=stopped id=$MESH_SELF"
    exit 3 ;;
  *)
    print -u2 "usage: mesh_ctl.sh start [PORT] | stop | status"
    exit 2 ;;
esac
