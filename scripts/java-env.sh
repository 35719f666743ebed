# Sourced by bin/* : picks a JDK 21 or newer for the build and the CLI. The machine's default
# JDK may be 17; nodeward targets Java 21 and uses JDK 25's AOT cache where it is there.
nodeward_java_home() {
    local candidate version
    for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25* /usr/lib/jvm/*-25-* /usr/lib/jvm/*-21-* /usr/lib/jvm/temurin-21*; do
        [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] || continue
        version=$("$candidate/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
        if [ "${version%%.*}" -ge 21 ] 2>/dev/null; then
            echo "$candidate"
            return 0
        fi
    done
    return 1
}
JAVA_HOME=$(nodeward_java_home) || { echo "nodeward: needs a JDK 21 or newer (none found under JAVA_HOME or /usr/lib/jvm)" >&2; exit 2; }
export JAVA_HOME
export PATH="$JAVA_HOME/bin:$PATH"
