#!/system/bin/sh
# mesh_handler.sh: serves one connection for mesh_listener.sh (toybox nc -L runs it with the
# connection as standard input). Reads TYPE|SENDER|{json} lines; answers BID_REQUEST at once
# from the latest metrics, runs TASK in the background with run_slm.sh and sends RESULT; replies
# go to the sender's address in peers.txt. Bad input is logged (REJECT) and skipped.
. "$MESH_HOME/mesh_common.sh"
load_self || exit 2
exec 2>>"$MESH_RUN/handler.err"
if ! security_load; then
  mesh_log REJECT "$MESH_KEYFILE is not 64 hex digits: every line refused; run meshbench setup --mesh again" ""
  exit 2
fi

MAX_LINE=65536
MB=', "mb": 1'
config_get liveness && [[ $JV == false ]] && MB=

reject() {
  typeset excerpt=$2
  (( ${#excerpt} > 120 )) && excerpt="${excerpt:0:120}..."
  mesh_log REJECT "$1" "$excerpt"
}

# A string field of the message's JSON, still escaped, in JV; logs why when it is missing.
need_string() {
  json_field "$json" "$1"
  case $? in
    0) [[ $JT == s && -n $JV ]] && return 0
       reject "$type from $sender: \"$1\" must be a non-empty string" "$line" ;;
    1) reject "$type from $sender: no \"$1\" field" "$line" ;;
    *) reject "$type from $sender: malformed JSON" "$line" ;;
  esac
  return 1
}

# The task id in JV, if it follows the grammar of ids (docs/protocol.md); logs why not.
need_task_id() {
  need_string task_id || return 1
  if [[ $JV != +([A-Za-z0-9_.:@+-]) ]] || (( ${#JV} > 128 )); then
    reject "$type from $sender: task_id may hold only letters, digits and _ . : @ + - (at most 128)" "$line"
    return 1
  fi
}

on_bid() {
  typeset task cpu= ram= bat= npu=false b0 t0 mode=background
  need_task_id || return
  task=$JV
  config_get cpu_sample && [[ $JT == s ]] && mode=$JV
  if [[ $mode == per_bid ]]; then
    # the original agent's way: CPU measured over 500 ms on every bid
    cpu_read; b0=$CPU_BUSY t0=$CPU_TOTAL
    tb sleep 0.5
    if cpu_read; then cpu=$(cpu_share "$b0" "$t0" "$CPU_BUSY" "$CPU_TOTAL"); else cpu=null; fi
    ram=$(ram_share); bat=$(battery_level)
  elif [[ -r $MESH_RUN/metrics ]]; then
    read -r cpu ram bat < "$MESH_RUN/metrics"
  fi
  if [[ -z $cpu ]]; then
    if cpu_read; then cpu=$(share "$CPU_BUSY" "$CPU_TOTAL"); else cpu=null; fi
    ram=$(ram_share); bat=$(battery_level)
  fi
  config_get has_npu && [[ $JV == true ]] && npu=true
  send_line "$sender" BID_RESPONSE "{\"device_id\": \"$MESH_SELF\", \"cpu_load\": ${cpu:-null}, \"ram_load\": ${ram:-null}, \"battery\": ${bat:-null}, \"has_npu\": $npu, \"task_id\": \"$task\"$MB}"
}

# A task id as a file name, or nothing when it cannot be one (then CANCEL cannot reach its run).
task_file() {
  [[ $1 == +([A-Za-z0-9_.-]) && ${#1} -le 100 ]] && print -r -- "$MESH_RUN/tasks/id.$1"
}

# run_task TASK_ID PROMPT(escaped) USE_NPU ORCHESTRATOR ATTEMPT: runs in the background.
run_task() {
  typeset task=$1 prompt=$2 npu=$3 orch=$4 attempt=$5 f status output reason= s0 s1 rc tf= att= avg pid
  typeset -i timeout max ms
  timeout=$(config_int task_timeout_s 290)
  max=$(config_int max_output_bytes 30000)
  tb mkdir -p "$MESH_RUN/tasks"
  f=$MESH_RUN/tasks/t$$.$RANDOM
  s0=$(tb date +%s.%N)
  if ! json_unescape "$prompt" > "$f.prompt"; then
    reason="the prompt has a malformed \\u escape"
    rc=2
  else
    tb timeout "$timeout" "$MESH_SH" "$MESH_HOME/run_slm.sh" "$f.prompt" "$npu" > "$f.out" 2> "$f.err" &
    pid=$!
    tf=$(task_file "$task") && print -r -- "$pid $attempt" > "$tf.run"
    wait "$pid"
    rc=$?
  fi
  s1=$(tb date +%s.%N)
  ms=$(( (${s1%.*} - ${s0%.*}) * 1000 + (1${s1#*.} - 1${s0#*.}) / 1000000 ))
  if (( rc == 0 )); then
    status=completed
    output=$(tb head -c "$max" "$f.out" | json_escape)
    if (( $(tb wc -c < "$f.out") > max )); then
      # cut at the byte limit: drop a character that may have been split, and say so
      output="${output%%+([$'\x80'-$'\xff'])} [output truncated at $max bytes]"
    fi
  else
    status=failed
    if [[ -z $reason ]]; then
      reason=$(tb tail -c 400 "$f.err" 2>/dev/null)
      reason=${reason//$'\n'/ }
      if (( rc == 124 )); then reason="run_slm.sh timed out after $timeout s"
      else reason="run_slm.sh failed (exit status $rc)${reason:+: $reason}"; fi
    fi
    output=$(print -r -- "$reason" | json_escape)
  fi
  if [[ -n $tf && -e $tf.cancelled ]]; then
    # the orchestrator gave this attempt to another device: no RESULT
    mesh_log TASK_DONE "$task" cancelled "$ms" "cancelled by the orchestrator"
    tb rm -f "$f.prompt" "$f.out" "$f.err" "$tf.run" "$tf.cancelled"
    return
  fi
  if (( rc == 0 )); then
    # a moving average of this device's run times, for the expected duration of the next ACK
    avg=$(tb cat "$MESH_RUN/avg_ms" 2>/dev/null)
    [[ $avg == +([0-9]) ]] || avg=$ms
    print -r -- "$(( (avg * 4 + ms) / 5 ))" > "$MESH_RUN/avg_ms"
  fi
  [[ $attempt == +([0-9]) && -n $MB ]] && att=", \"attempt\": $attempt"
  send_line "$orch" RESULT "{\"task_id\": \"$task\", \"device_id\": \"$MESH_SELF\", \"status\": \"$status\", \"output\": \"$output\"$att$MB}"
  mesh_log TASK_DONE "$task" "$status" "$ms" "$reason"
  tb rm -f "$f.prompt" "$f.out" "$f.err" ${tf:+"$tf.run"}
}

on_task() {
  typeset task prompt npu=false
  need_task_id || return
  task=$JV
  if ! peer_address "$sender"; then
    reject "TASK from $sender, which is not in $MESH_PEERS: tasks run only for orchestrators this phone knows" "$line"
    return
  fi
  json_field "$json" prompt
  if (( $? != 0 )) || [[ $JT != s ]]; then
    reject "TASK from $sender: no \"prompt\" string" "$line"
    return
  fi
  prompt=$JV
  json_field "$json" use_npu && [[ $JV == true ]] && npu=true
  attempt=
  json_field "$json" attempt && [[ $JT == p && $JV == +([0-9]) ]] && attempt=$JV
  mesh_log TASK_START "$task" "$sender" "use_npu=$npu" ${attempt:+"attempt=$attempt"}
  tb mkdir -p "$MESH_RUN/tasks"
  # Detached (started by a subshell that ends at once), not a job of this handler: the end of a
  # job of ours would interrupt the read -t of the loop below (see there).
  ( run_task "$task" "$prompt" "$npu" "$sender" "$attempt" </dev/null >/dev/null 2>&1 & )
  if [[ -n $attempt && -n $MB ]]; then
    expected=$(config_int expected_ms "$(tb cat "$MESH_RUN/avg_ms" 2>/dev/null)")
    [[ $expected == +([0-9]) ]] || expected=0
    send_line "$sender" ACK "{\"task_id\": \"$task\", \"attempt\": $attempt, \"expected_ms\": $expected$MB}"
  fi
}

# HEARTBEAT: answered at once with the same seq, this agent's incarnation and its running tasks.
on_heartbeat() {
  typeset seq running=0 p
  json_field "$json" seq
  if (( $? != 0 )) || [[ $JT != p || $JV != +([0-9]) ]]; then
    reject "HEARTBEAT from $sender: \"seq\" must be a whole number" "$line"
    return
  fi
  seq=$JV
  for p in "$MESH_RUN"/tasks/t*.prompt; do
    [[ -e $p ]] && running=$((running + 1))
  done
  send_line "$sender" HEARTBEAT_ACK "{\"seq\": $seq, \"incarnation\": \"${MESH_INCARNATION:-unknown}\", \"running\": $running$MB}"
}

# CANCEL: the orchestrator gave the attempt to another device; stop the run and send no RESULT.
on_cancel() {
  typeset task tf pid att
  need_string task_id || return
  task=$JV
  json_field "$json" attempt && [[ $JT == p ]] || { reject "CANCEL from $sender: no \"attempt\" number" "$line"; return; }
  tf=$(task_file "$task") || { mesh_log CANCEL "$task" "not running here"; return; }
  if [[ -r $tf.run ]] && read -r pid att < "$tf.run" && [[ $pid == +([0-9]) ]] && (( ${att:-0} <= JV )); then
    : > "$tf.cancelled"
    kill "$pid" 2>/dev/null
    mesh_log CANCEL "$task" "attempt $JV stopped"
  else
    mesh_log CANCEL "$task" "not running here"
  fi
}

handle() {
  line=${1%$'\r'}
  [[ -n $line ]] || return
  if (( ${#line} > MAX_LINE )); then
    reject "line longer than $MAX_LINE bytes" "$line"
    return
  fi
  if [[ -n $MESH_HMAC ]]; then
    if ! open_line "$line"; then
      reject "$REASON" "$line"
      return
    fi
    line=$OPENED
  fi
  if [[ $line != *\|*\|* ]]; then
    reject "not a message: expected TYPE|SENDER|{json}" "$line"
    return
  fi
  type=${line%%\|*}
  rest=${line#*\|}
  sender=${rest%%\|*}
  json=${rest#*\|}
  if [[ $sender != +([A-Za-z0-9_.-]) ]]; then
    reject "bad sender \"${sender:0:40}\": letters, digits, _ . - only" "$line"
    return
  fi
  if [[ $sender == "$MESH_SELF" ]]; then
    reject "a line from this phone's own id $sender, sent back to it; refused" "$line"
    return
  fi
  if [[ $json != \{*\} ]]; then
    reject "$type from $sender: the JSON must be one object {...}" "$line"
    return
  fi
  case $type in
    BID_REQUEST) mesh_log RECV "$line"; on_bid ;;
    TASK) mesh_log RECV "$line"; on_task ;;
    HEARTBEAT) [[ -n $MB ]] && on_heartbeat ;; # not logged: two a second would drown the log
    CANCEL) mesh_log RECV "$line"; [[ -n $MB ]] && on_cancel ;;
    BID_RESPONSE|RESULT|HEARTBEAT_ACK|ACK) mesh_log RECV "$line" ;; # a shell agent takes part as a device, not as orchestrator
    *) reject "unknown message type \"${type:0:40}\"" "$line" ;;
  esac
}

# One connection may carry any number of lines (an orchestrator keeps one open to a MeshBench
# agent, which says "mb"); it ends at end of stream or after 30 s without a line. mksh's read -t
# waits in select(), and a signal (SIGCHLD from a job of this shell ending) cuts that wait short:
# read then fails (status 2, "read: select: Interrupted system call"), dropping whatever it had
# read of a line, and a loop that stopped there closed the connection under the orchestrator,
# losing a line it had just written (a BID_REQUEST right after a task of this phone ended: its
# auction waited out the bid timeout). So tasks run detached (on_task), which leaves this shell no
# job whose end signals it while it waits, and an interrupted wait is waited again (at most 100
# times in a row, so that a read that keeps failing still ends the connection).
typeset -i interrupted=0
while :; do
  line=
  IFS= read -r -t 30 line
  rc=$?
  if (( rc == 2 )) && [[ -z $line ]] && (( interrupted < 100 )); then
    interrupted=interrupted+1 # not an end: the connection is still open
    continue
  fi
  interrupted=0
  handle "$line"
  (( rc == 0 )) || break # end of stream (a last line without newline was handled), or 30 s idle
done
exit 0
