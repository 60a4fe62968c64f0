# shellcheck shell=bash
# Finds a JDK 21 or newer for MeshBench's scripts. Sourced, not run.
# Order: $JAVA_HOME, the java on PATH, then the usual install places (newest first).
# Sets MESHBENCH_JAVA_HOME, or prints what to do and returns 1.

meshbench_java_feature() { # prints the feature version of the JDK at $1, e.g. 21
  local v
  v=$("$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p' | head -n1)
  case "$v" in 1.*) v=${v#1.} ;; esac
  printf '%s' "${v%%.*}"
}

meshbench_find_jdk() {
  local need_javac=${1:-yes} c v path_java
  local -a candidates=()
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  if path_java=$(command -v java 2>/dev/null); then
    path_java=$(readlink -f "$path_java")
    candidates+=("${path_java%/bin/java}")
  fi
  local d
  for d in /usr/lib/jvm/* /usr/local/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* /opt/*jdk* \
           "$HOME"/.sdkman/candidates/java/* "$HOME"/.jdks/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -d "$d" ] && candidates+=("$d")
  done
  local best="" best_v=0
  for c in "${candidates[@]}"; do
    [ -x "$c/bin/java" ] || continue
    [ "$need_javac" = yes ] && [ ! -x "$c/bin/javac" ] && continue
    v=$(meshbench_java_feature "$c")
    [[ "$v" =~ ^[0-9]+$ ]] || continue
    [ "$v" -ge 21 ] || continue
    # JAVA_HOME and PATH win when they qualify; among install places the newest wins.
    if [ -n "${JAVA_HOME:-}" ] && [ "$c" = "$JAVA_HOME" ]; then best=$c; best_v=$v; break; fi
    if [ -n "${path_java:-}" ] && [ "$c" = "${path_java%/bin/java}" ]; then best=$c; best_v=$v; break; fi
    if [ "$v" -gt "$best_v" ]; then best=$c; best_v=$v; fi
  done
  if [ -z "$best" ]; then
    {
      echo "meshbench: no JDK 21 or newer found (looked at JAVA_HOME, the java on PATH, /usr/lib/jvm, /opt, ~/.sdkman)."
      [ -n "${JAVA_HOME:-}" ] && echo "  JAVA_HOME=$JAVA_HOME is Java $(meshbench_java_feature "$JAVA_HOME" 2>/dev/null || echo '?')."
      echo "  Install one, e.g. 'apt-get install openjdk-21-jdk' (or Temurin 21+), or point JAVA_HOME at it."
    } >&2
    return 1
  fi
  MESHBENCH_JAVA_HOME=$best
  MESHBENCH_JAVA_FEATURE=$best_v
}

meshbench_maven() { # runs Maven on the JDK found, quietly unless told otherwise
  if ! command -v mvn >/dev/null 2>&1; then
    echo "meshbench: Maven (mvn) is needed to build MeshBench; install it, e.g. 'apt-get install maven'." >&2
    return 1
  fi
  local opts=${MAVEN_OPTS:-}
  # Maven's own libraries call sun.misc.Unsafe; newer JDKs warn about it on every run.
  [ "${MESHBENCH_JAVA_FEATURE:-21}" -ge 24 ] && opts="$opts --sun-misc-unsafe-memory-access=allow"
  JAVA_HOME=$MESHBENCH_JAVA_HOME MAVEN_OPTS=$opts mvn -B "$@"
}

# The heap and collector MeshBench's launchers (./meshbench, the bundles' bin/meshbench) give the JVM
# unless the user's own options set them (docs/benchmarks.md, "Heap defaults"): the JVM's own default
# heap, a quarter of the machine's memory, let scale-10k grow to 4 GB resident. Keep in step with
# ChildJvm.DEFAULT_HEAP/DEFAULT_GC in the benchmarks module (the cli module's LauncherHeapTest checks).
MESHBENCH_DEFAULT_HEAP=-Xmx768m
MESHBENCH_DEFAULT_GC=-XX:+UseSerialGC

# Prints the lines of POSIX sh a launcher runs to set $heap_opts: the defaults, less what the user's
# JAVA_OPTS, MESHBENCH_JAVA_OPTS, JDK_JAVA_OPTIONS or JAVA_TOOL_OPTIONS set themselves.
meshbench_heap_script() {
  cat <<EOF
heap=$MESHBENCH_DEFAULT_HEAP gc=$MESHBENCH_DEFAULT_GC
set -f
for o in \${JAVA_OPTS:-} \${MESHBENCH_JAVA_OPTS:-} \${JDK_JAVA_OPTIONS:-} \${JAVA_TOOL_OPTIONS:-}; do
  case "\$o" in
    -Xmx*|-XX:MaxHeapSize=*|-XX:MaxRAMPercentage=*|-XX:MaxRAM=*) heap= ;;
    -XX:+Use*GC) gc= ;;
  esac
done
set +f
heap_opts="\$heap \$gc"
EOF
}
