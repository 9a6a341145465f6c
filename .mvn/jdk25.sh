# Sourced by ./mvnw, ./parley and .ci/run: points JAVA_HOME at a JDK 25.
# Why: the machine's default java is older, and Parley needs JDK 25 (records, sealed types,
# virtual threads without pinning). Order: $PARLEY_JAVA_HOME, $JAVA_HOME if it is 25+, the
# usual install locations; otherwise stop with a message that says what to install.
parley_java_major() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p'
}
parley_select_jdk() {
  # mvnw runs with `set -f`; the install locations below are globs.
  set +f
  for candidate in "${PARLEY_JAVA_HOME-}" "${JAVA_HOME-}" /usr/lib/jvm/temurin-25-jdk* /usr/lib/jvm/java-25* /usr/lib/jvm/jdk-25* /opt/java/openjdk; do
    [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] || continue
    major=$(parley_java_major "$candidate")
    if [ -n "$major" ] && [ "$major" -ge 25 ]; then
      JAVA_HOME="$candidate"; export JAVA_HOME; return 0
    fi
  done
  echo "Parley needs JDK 25 or newer, and none was found." >&2
  echo "Install one (e.g. Eclipse Temurin 25) and set JAVA_HOME or PARLEY_JAVA_HOME to it." >&2
  echo "Looked at: \$PARLEY_JAVA_HOME, \$JAVA_HOME, /usr/lib/jvm/temurin-25-jdk*, /usr/lib/jvm/java-25*, /usr/lib/jvm/jdk-25*." >&2
  return 1
}
parley_select_jdk || exit 1

