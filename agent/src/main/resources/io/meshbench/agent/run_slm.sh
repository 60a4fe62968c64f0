#!/system/bin/sh
# run_slm.sh PROMPT_FILE [USE_NPU]: runs the small language model on a prompt and writes its
# answer to standard output. The command is device_config.json's "slm_command", run by the shell
# with PROMPT_FILE, PROMPT, USE_NPU (true/false) and MESH_DIR set, for example
#   "slm_command": "/data/local/tmp/llama-cli -m /data/local/tmp/model.gguf -n 128 -f \"$PROMPT_FILE\""
# A non-zero exit status, or nothing at all on standard output, fails the task; standard error
# becomes the reason.
case $0 in */*) MESH_HOME=${0%/*} ;; *) MESH_HOME=. ;; esac
. "$MESH_HOME/mesh_common.sh"
if [[ ! -r ${1:-} ]]; then
  print -u2 "run_slm.sh: no prompt file \"${1:-}\": usage run_slm.sh PROMPT_FILE [USE_NPU]"
  exit 2
fi
if ! config_get slm_command || [[ $JT != s || -z $JV ]]; then
  print -u2 "no \"slm_command\" in $MESH_CONFIG: set it to the command that runs the model on \$PROMPT_FILE (meshbench setup --slm-command CMD)"
  exit 3
fi
cmd=$(json_unescape "$JV")
PROMPT_FILE=$1
PROMPT=$(tb cat "$1")
USE_NPU=${2:-false}
export PROMPT_FILE PROMPT USE_NPU
out=$("$MESH_SH" -c "$cmd")
rc=$?
if (( rc != 0 )); then
  exit $rc
fi
if [[ -z $out ]]; then
  print -u2 "the model wrote nothing (slm_command: $cmd)"
  exit 4
fi
print -r -- "$out"
