#!/system/bin/sh
# mesh_sender.sh TARGET TYPE JSON: sends TYPE|SELF|JSON to TARGET (a device id of peers.txt, or
# HOST:PORT) over one netcat connection, as the original mesh sends. SELF is device_config.json's
# device_id (or MESH_ID). Exit status 0 when sent, 1 when not, 2 on bad arguments.
case $0 in */*) MESH_HOME=${0%/*} ;; *) MESH_HOME=. ;; esac
. "$MESH_HOME/mesh_common.sh"
if (( $# != 3 )); then
  print -u2 "usage: mesh_sender.sh TARGET TYPE JSON   e.g. mesh_sender.sh Device_A RESULT '{\"task_id\": ...}'"
  exit 2
fi
if ! load_self; then
  print -u2 "mesh_sender: no valid device id: set \"device_id\" in $MESH_CONFIG or MESH_ID"
  exit 2
fi
if ! security_load; then
  print -u2 "mesh_sender: $MESH_KEYFILE is not 64 hex digits; run meshbench setup --mesh again"
  exit 2
fi
case $2 in
  BID_REQUEST|BID_RESPONSE|TASK|RESULT|HEARTBEAT|HEARTBEAT_ACK|ACK|CANCEL) ;;
  *) print -u2 "mesh_sender: unknown message type \"$2\": BID_REQUEST, BID_RESPONSE, TASK, RESULT, HEARTBEAT, HEARTBEAT_ACK, ACK or CANCEL"; exit 2 ;;
esac
send_line "$1" "$2" "$3" || { print -u2 "mesh_sender: could not send to $1 (see $MESH_DIR/mesh_$MESH_SELF.log)"; exit 1; }
