# Sourced by ./gatehouse and ./mvnw: sets JDK to a JDK 21 or newer, looking at JAVA_HOME, then the
# javac on PATH, then /usr/lib/jvm (the newest there wins); says clearly when there is none.

java_major() { # prints the major version of the java binary $1, or nothing
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | head -n1 | sed 's/^1\.//'
}

find_jdk() {
  local candidates=() home major best="" best_major=0
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  if command -v javac >/dev/null 2>&1; then
    candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")")
  fi
  for home in /usr/lib/jvm/*; do [ -d "$home" ] && candidates+=("$home"); done
  for home in "${candidates[@]}"; do
    [ -x "$home/bin/java" ] && [ -x "$home/bin/javac" ] || continue
    major="$(java_major "$home/bin/java")"
    [ -n "$major" ] && [ "$major" -ge 21 ] || continue
    if [ "$home" = "${JAVA_HOME:-}" ]; then best="$home"; break; fi
    if [ "$major" -gt "$best_major" ]; then best="$home"; best_major="$major"; fi
  done
  echo "$best"
}

JDK="$(find_jdk)"
if [ -z "$JDK" ]; then
  echo "gatehouse: no JDK 21 or newer found (looked at JAVA_HOME, the javac on PATH and /usr/lib/jvm)." >&2
  echo "Install one (for example Temurin 21 or 25) or set JAVA_HOME to it." >&2
  exit 1
fi
export JAVA_HOME="$JDK"
export PATH="$JDK/bin:$PATH"
