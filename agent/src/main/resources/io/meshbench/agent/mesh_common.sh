# mesh_common.sh: shared by the MeshBench phone agent's scripts; sourced, never run.
# Written for Android's mksh and toybox, and tested on Linux with Debian's mksh and toybox.
#
# Settings (environment; every one has a default that fits a phone):
#   MESH_DIR      data folder: device_config.json, peers.txt, mesh_<id>.log, run/   (/data/local/tmp/mesh)
#   MESH_TOYBOX   prefix of the tools the scripts use: "toybox" runs "toybox nc", "toybox sed", ...;
#                 empty runs them from the PATH                                     (toybox)
#   MESH_SH       shell that runs the agent's scripts: mksh where it exists, else sh (on Android, sh is mksh)
#   MESH_SYSROOT  prefix of /proc and /sys, so tests can read a made-up device      (empty)
#   MESH_ID       the device id, when it is not in device_config.json
#
# Security: with $MESH_DIR/mesh.key (this phone's HMAC key, 64 hex digits, pushed by
# meshbench setup --mesh), every line in and out is sealed with HMAC-SHA256 (docs/protocol.md);
# a plaintext line is then refused. Without it the agent speaks the original plaintext format.

: "${MESH_DIR:=/data/local/tmp/mesh}"
MESH_TOYBOX=${MESH_TOYBOX-toybox}
if [ -z "${MESH_SH:-}" ]; then
  if command -v mksh >/dev/null 2>&1; then MESH_SH=mksh; else MESH_SH=sh; fi
fi
: "${MESH_SYSROOT:=}"
MESH_RUN=$MESH_DIR/run
MESH_CONFIG=$MESH_DIR/device_config.json
MESH_PEERS=$MESH_DIR/peers.txt
MESH_KEYFILE=$MESH_DIR/mesh.key
MESH_WINDOW=60
export MESH_DIR MESH_TOYBOX MESH_SH MESH_SYSROOT

tb() { $MESH_TOYBOX "$@"; }

# --- JSON ------------------------------------------------------------------------------------
# json_str TEXT: TEXT starts just after an opening quote. Sets JS to the string's content, still
# escaped, and JREST to what follows the closing quote. Fails when the string does not end.
json_str() {
  typeset rest=$1 acc= chunk bs
  while :; do
    [[ $rest == *\"* ]] || return 2
    chunk=${rest%%\"*}
    rest=${rest#*\"}
    acc=$acc$chunk
    bs=${chunk##*[!\\]}
    if (( ${#bs} % 2 == 1 )); then
      acc=$acc\"
      continue
    fi
    JS=$acc
    JREST=$rest
    return 0
  done
}

# json_field JSON KEY: finds a top-level field of a flat JSON object. Sets JV to its value (a
# string's content still escaped, or the literal: number, true, false, null) and JT to "s" for a
# string, "p" for a literal. Returns 1 when the field is missing, 2 when the JSON is malformed.
json_field() {
  typeset s=$1 key=$2 k v
  s=${s#"${s%%[! 	]*}"}
  [[ $s == \{* ]] || return 2
  s=${s#\{}
  while :; do
    s=${s#"${s%%[! 	]*}"}
    [[ $s == \}* ]] && return 1
    [[ $s == \"* ]] || return 2
    json_str "${s#\"}" || return 2
    k=$JS
    s=${JREST#"${JREST%%[! 	]*}"}
    [[ $s == :* ]] || return 2
    s=${s#:}
    s=${s#"${s%%[! 	]*}"}
    case $s in
      \"*)
        json_str "${s#\"}" || return 2
        v=$JS; JT=s; s=$JREST ;;
      \{*|\[*)
        return 2 ;;
      *)
        v=${s%%[,\}]*}; s=${s#"$v"}
        v=${v%"${v##*[! 	]}"}; JT=p
        [[ -n $v ]] || return 2 ;;
    esac
    if [[ $k == "$key" ]]; then
      JV=$v
      return 0
    fi
    s=${s#"${s%%[! 	]*}"}
    case $s in
      ,*) s=${s#,} ;;
      \}*) return 1 ;;
      *) return 2 ;;
    esac
  done
}

# utf8_put CODEPOINT: writes one character as UTF-8 (mksh's own \u stops at U+FFFF).
utf8_put() {
  typeset -i cp=$1
  typeset -i8 o
  typeset esc=
  if (( cp < 16#80 )); then
    o=$cp; esc="\\0${o#8#}"
  elif (( cp < 16#800 )); then
    o=$(( 16#C0 | (cp >> 6) )); esc="\\0${o#8#}"
    o=$(( 16#80 | (cp & 63) )); esc="$esc\\0${o#8#}"
  elif (( cp < 16#10000 )); then
    o=$(( 16#E0 | (cp >> 12) )); esc="\\0${o#8#}"
    o=$(( 16#80 | ((cp >> 6) & 63) )); esc="$esc\\0${o#8#}"
    o=$(( 16#80 | (cp & 63) )); esc="$esc\\0${o#8#}"
  else
    o=$(( 16#F0 | (cp >> 18) )); esc="\\0${o#8#}"
    o=$(( 16#80 | ((cp >> 12) & 63) )); esc="$esc\\0${o#8#}"
    o=$(( 16#80 | ((cp >> 6) & 63) )); esc="$esc\\0${o#8#}"
    o=$(( 16#80 | (cp & 63) )); esc="$esc\\0${o#8#}"
  fi
  print -n "$esc"
}

# json_unescape ESCAPED: writes a JSON string's content as the text it stands for.
json_unescape() {
  typeset s=$1 c hex lo
  typeset -i cp low
  while [[ $s == *\\* ]]; do
    print -nr -- "${s%%\\*}"
    s=${s#*\\}
    c=${s:0:1}
    s=${s:1}
    case $c in
      n) print -n '\n' ;;
      t) print -n '\t' ;;
      r) print -n '\r' ;;
      b) print -n '\b' ;;
      f) print -n '\f' ;;
      u)
        hex=${s:0:4}
        [[ $hex == [0-9A-Fa-f][0-9A-Fa-f][0-9A-Fa-f][0-9A-Fa-f] ]] || return 2
        s=${s:4}
        cp=16#$hex
        if (( cp >= 16#D800 && cp <= 16#DBFF )) && [[ ${s:0:2} == '\u' ]]; then
          lo=${s:2:4}
          if [[ $lo == [0-9A-Fa-f][0-9A-Fa-f][0-9A-Fa-f][0-9A-Fa-f] ]]; then
            low=16#$lo
            if (( low >= 16#DC00 && low <= 16#DFFF )); then
              s=${s:6}
              cp=$(( 16#10000 + ((cp - 16#D800) << 10) + (low - 16#DC00) ))
            fi
          fi
        fi
        (( cp == 0 )) || utf8_put $cp ;;
      *) print -nr -- "$c" ;;
    esac
  done
  print -nr -- "$s"
}

# json_escape: standard input to standard output as a JSON string's content: backslashes,
# quotes, tabs and carriage returns escaped, other control characters dropped, lines joined
# with \n, trailing newlines left out.
json_escape() {
  typeset line sep= pending=0
  tb sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/	/\\t/g' -e 's/\r/\\r/g' -e 's/[[:cntrl:]]//g' |
  while IFS= read -r line || [[ -n $line ]]; do
    if [[ -z $line ]]; then
      pending=$((pending + 1))
      continue
    fi
    while (( pending > 0 )); do
      print -nr -- "$sep"
      sep='\n'
      pending=$((pending - 1))
    done
    print -nr -- "$sep$line"
    sep='\n'
  done
}

# config_get KEY: a field of device_config.json (read once per process); JV and JT as
# json_field sets them.
config_get() {
  if [[ -z ${MESH_CFG_JSON:-} ]]; then
    [[ -r $MESH_CONFIG ]] || return 1
    MESH_CFG_JSON=$(tb sed -e 's/\r$//' "$MESH_CONFIG" 2>/dev/null) || return 1
    MESH_CFG_JSON=${MESH_CFG_JSON//$'\n'/ }
  fi
  json_field "$MESH_CFG_JSON" "$1"
}

# config_int KEY DEFAULT: a whole-number setting of device_config.json.
config_int() {
  if config_get "$1" && [[ $JT == p && $JV == +([0-9]) ]]; then print -r -- "$JV"; else print -r -- "$2"; fi
}

# Reads the device id (MESH_ID, else device_config.json's device_id) into MESH_SELF.
load_self() {
  MESH_SELF=${MESH_ID:-}
  if [[ -z $MESH_SELF ]] && config_get device_id && [[ $JT == s ]]; then
    MESH_SELF=$JV
  fi
  [[ $MESH_SELF == +([A-Za-z0-9_.-]) ]]
}

# --- HMAC-SHA256 envelope: MB1|TIMESTAMP|NONCE|MAC|TYPE|SENDER|{json} -----------------------------
# MAC = HMAC-SHA256(key, "MB1|TIMESTAMP|NONCE|TYPE|SENDER|{json}") per RFC 2104, built from
# toybox sha256sum and xxd: H((K ^ opad) || H((K ^ ipad) || message)), K the key padded to 64 bytes.

# security_load: MESH_HMAC=1 and the key's padded forms in MESH_IPAD/MESH_OPAD when mesh.key
# exists; MESH_HMAC= without it. Fails (status 2) on a key file that is not 64 hex digits.
security_load() {
  typeset key hexd=0123456789abcdef
  typeset -i i=0 b
  MESH_HMAC= MESH_IPAD= MESH_OPAD=
  [[ -e $MESH_KEYFILE ]] || return 0
  read -r key < "$MESH_KEYFILE" || return 2
  key=${key%$'\r'}
  [[ ${#key} == 64 && $key == +([0-9a-f]) ]] || return 2
  while (( i < 64 )); do
    if (( i < 32 )); then b=16#${key:i*2:2}; else b=0; fi
    MESH_IPAD=$MESH_IPAD${hexd:((b ^ 16#36) >> 4):1}${hexd:((b ^ 16#36) & 15):1}
    MESH_OPAD=$MESH_OPAD${hexd:((b ^ 16#5c) >> 4):1}${hexd:((b ^ 16#5c) & 15):1}
    i=i+1
  done
  MESH_HMAC=1
}

# hmac_hex MESSAGE: prints HMAC-SHA256(key, MESSAGE) in lower-case hex.
hmac_hex() {
  typeset inner outer
  inner=$( { print -rn -- "$MESH_IPAD" | tb xxd -r -p; print -rn -- "$1"; } | tb sha256sum )
  outer=$( print -rn -- "$MESH_OPAD${inner%% *}" | tb xxd -r -p | tb sha256sum )
  print -r -- "${outer%% *}"
}

# seal_line LINE: sets SEALED to LINE in its envelope, with the time now and a fresh nonce.
seal_line() {
  typeset ts nonce
  ts=$(tb date +%s)
  nonce=$(tb od -An -tx1 -N8 /dev/urandom)
  nonce=${nonce//[!0-9a-f]/}
  SEALED="MB1|$ts|$nonce|$(hmac_hex "MB1|$ts|$nonce|$1")|$1"
}

# open_line LINE: checks the envelope (MAC first, then the time window, then that the nonce is
# new) and sets OPENED to the line inside; else returns 1 with REASON set.
open_line() {
  typeset rest=$1 ts nonce mac now
  if [[ $rest != MB1\|* ]]; then
    REASON="plaintext line refused: this agent has a mesh key and takes only HMAC-sealed lines"
    return 1
  fi
  rest=${rest#MB1\|}
  ts=${rest%%\|*}; rest=${rest#*\|}
  nonce=${rest%%\|*}; rest=${rest#*\|}
  mac=${rest%%\|*}; rest=${rest#*\|}
  if [[ $ts != +([0-9]) || ${#ts} -gt 10 || $nonce != +([0-9a-f]) || ${#nonce} != 16 || $mac != +([0-9a-f]) || ${#mac} != 64 ]]; then
    REASON="malformed envelope: expected MB1|TIMESTAMP|NONCE|MAC|TYPE|SENDER|{json}"
    return 1
  fi
  if [[ $(hmac_hex "MB1|$ts|$nonce|$rest") != "$mac" ]]; then
    REASON="HMAC check failed: wrong key, or the line was changed on the way"
    return 1
  fi
  now=$(tb date +%s)
  if (( now - ts > MESH_WINDOW || ts - now > MESH_WINDOW )); then
    REASON="stale or future line: its time is $((ts - now)) s from this phone's clock (more than $MESH_WINDOW s)"
    return 1
  fi
  nonce_admit "$ts" "$nonce" "$now" || return 1
  OPENED=$rest
}

# nonce_admit TS NONCE NOW: records NONCE, or returns 1 (REASON set) when it was seen within the
# window. The nonces of the last window live in run/nonces, guarded by a lock folder because
# every connection has a handler process of its own.
nonce_admit() {
  typeset f=$MESH_RUN/nonces lock=$MESH_RUN/nonces.lock ts n
  typeset -i tries=0 kept=0
  until tb mkdir "$lock" 2>/dev/null; do
    tries=tries+1
    if (( tries > 200 )); then
      REASON="nonce cache busy (a handler holds $lock); line refused"
      return 1
    fi
    tb sleep 0.01
  done
  if [[ -r $f ]] && tb grep -q " $2\$" "$f"; then
    tb rmdir "$lock"
    REASON="replayed line: nonce $2 was already used"
    return 1
  fi
  print -r -- "$1 $2" >> "$f"
  if (( $(tb wc -l < "$f") > 2000 )); then
    # lines older than the window can no longer pass the time check: drop them
    while read -r ts n; do
      (( ts + MESH_WINDOW >= $3 )) && print -r -- "$ts $n"
    done < "$f" > "$f.tmp"
    tb mv -f "$f.tmp" "$f"
  fi
  tb rmdir "$lock"
}

# --- log ---------------------------------------------------------------------------------------
# One line per event: TIMESTAMP<TAB>EVENT<TAB>FIELDS..., the timestamp in UTC with milliseconds
# (2026-01-31T12:00:00.123Z). The events and their fields are listed in the agent's README.
mesh_log() {
  typeset ts ns f line= sep=
  ts=$(tb date -u +%Y-%m-%dT%H:%M:%S.%N 2>/dev/null)
  ns=${ts##*.}
  ts="${ts%.*}.${ns:0:3}Z"
  for f in "$@"; do
    f=${f//	/ }
    f=${f//$'\n'/ }
    line="$line$sep$f"
    sep=$'\n'
  done
  # control characters (a terminal's escape codes) never reach the log raw: one field a line for sed
  line=$(print -r -- "$line" | tb sed 's/[[:cntrl:]]/?/g')
  line=${line//$'\n'/	}
  print -r -- "$ts	$line" >> "$MESH_DIR/mesh_${MESH_SELF:-unknown}.log"
}

# --- peers -------------------------------------------------------------------------------------
# peer_address TARGET: sets PEER_HOST and PEER_PORT from peers.txt (DEVICE_ID HOST PORT, or
# DEVICE_ID HOST:PORT, [v6]:PORT; # starts a comment). TARGET may also be HOST:PORT itself.
peer_address() {
  typeset target=$1 line id a b
  PEER_HOST= PEER_PORT=
  if [[ -r $MESH_PEERS ]]; then
    while IFS= read -r line || [[ -n $line ]]; do
      line=${line%%#*}
      line=${line%$'\r'}
      id= a= b=
      read -r id a b _ <<<"$line"
      [[ -n $id && $id == "$target" && -n $a ]] || continue
      if [[ -n $b ]]; then
        PEER_HOST=$a PEER_PORT=$b
      else
        PEER_HOST=${a%:*} PEER_PORT=${a##*:}
      fi
      break
    done < "$MESH_PEERS"
  fi
  if [[ -z $PEER_HOST && $target == *:+([0-9]) ]]; then
    PEER_HOST=${target%:*} PEER_PORT=${target##*:}
  fi
  PEER_HOST=${PEER_HOST#\[}
  PEER_HOST=${PEER_HOST%\]}
  [[ -n $PEER_HOST && $PEER_PORT == +([0-9]) ]]
}

# send_line TARGET TYPE JSON: sends TYPE|SELF|JSON to TARGET, one connection per line, as the
# original mesh does; logs SENT or SEND_FAILED.
send_line() {
  typeset target=$1 type=$2 json=$3 line wire err
  line="$type|$MESH_SELF|$json"
  wire=$line
  if [[ -n ${MESH_HMAC:-} ]]; then
    seal_line "$line"
    wire=$SEALED
  fi
  if ! peer_address "$target"; then
    mesh_log SEND_FAILED "$target" "$type" "no address for $target in $MESH_PEERS"
    return 1
  fi
  if err=$(print -r -- "$wire" | tb nc -w 5 "$PEER_HOST" "$PEER_PORT" 2>&1 >/dev/null); then
    mesh_log SENT "$target" "$line"
  else
    mesh_log SEND_FAILED "$target" "$type" "nc to $PEER_HOST:$PEER_PORT failed: ${err:-no reason given}"
    return 1
  fi
}

# --- numbers -----------------------------------------------------------------------------------
# share A B: A/B as a decimal with four places (0.4520); mksh arithmetic is 32-bit, so large
# counters are scaled down first.
share() {
  typeset -i a=$1 b=$2
  typeset -Z4 frac
  while (( a > 200000 || b > 2000000000 )); do
    a=$((a / 10)); b=$((b / 10))
  done
  (( b > 0 )) || { print null; return; }
  typeset -i v=$(( a * 10000 / b ))
  (( v > 10000 )) && v=10000
  (( v < 0 )) && v=0
  frac=$((v % 10000))
  print -r -- "$((v / 10000)).$frac"
}

# --- metrics -----------------------------------------------------------------------------------
# cpu_read: sets CPU_BUSY and CPU_TOTAL from the first line of /proc/stat, each counter kept
# below 10^9 (its last nine digits) so that 32-bit arithmetic can take differences.
cpu_read() {
  typeset label f n
  typeset -i total=0 idle=0 i=0
  CPU_BUSY= CPU_TOTAL=
  read -r label f < "$MESH_SYSROOT/proc/stat" 2>/dev/null || return 1
  [[ $label == cpu ]] || return 1
  for n in $f; do
    [[ $n == +([0-9]) ]] || break
    i=$((i + 1))
    (( i > 8 )) && break # guest times are already counted in user and nice
    (( ${#n} > 9 )) && n=${n:${#n}-9}
    n=${n##+(0)}
    total=$(( (total + ${n:-0}) % 1000000000 ))
    (( i == 4 || i == 5 )) && idle=$(( idle + ${n:-0} ))
  done
  (( i >= 4 )) || return 1
  CPU_TOTAL=$total
  CPU_BUSY=$(( (total - idle + 1000000000) % 1000000000 ))
}

# cpu_share BUSY0 TOTAL0 BUSY1 TOTAL1: the load between two readings; since boot when the
# counters did not move (a reading taken twice in one tick).
cpu_share() {
  typeset -i db=$(( ($3 - $1 + 1000000000) % 1000000000 )) dt=$(( ($4 - $2 + 1000000000) % 1000000000 ))
  if (( dt > 0 )); then share $db $dt; else share $3 $4; fi
}

# ram_share: used RAM over total from /proc/meminfo (MemAvailable, else free + buffers + cached).
ram_share() {
  typeset key val _
  typeset -i total=0 avail=-1 free=0 buffers=0 cached=0
  [[ -r $MESH_SYSROOT/proc/meminfo ]] || { print null; return; }
  while read -r key val _; do
    case $key in
      MemTotal:) total=$val ;;
      MemAvailable:) avail=$val ;;
      MemFree:) free=$val ;;
      Buffers:) buffers=$val ;;
      Cached:) cached=$val ;;
    esac
  done < "$MESH_SYSROOT/proc/meminfo"
  (( avail >= 0 )) || avail=$((free + buffers + cached))
  (( total > 0 )) || { print null; return; }
  share $((total - avail)) $total
}

# battery_level: /sys/class/power_supply/battery/capacity, else dumpsys battery's level, else null.
battery_level() {
  typeset level= f=$MESH_SYSROOT/sys/class/power_supply/battery/capacity
  if [[ -r $f ]]; then
    read -r level < "$f"
  elif [[ -z $MESH_SYSROOT ]] && command -v dumpsys >/dev/null 2>&1; then
    level=$(dumpsys battery 2>/dev/null | tb sed -n 's/^ *level: *\([0-9][0-9]*\).*/\1/p')
  fi
  level=${level%$'\r'}
  if [[ $level == +([0-9]) ]] && (( level <= 100 )); then print -r -- "$level"; else print null; fi
}
