# Sourced by bin/* : picks a JDK 21 or newer for the build and the CLI. The machine's default
# JDK may be 17; nodeward targets Java 21 and prefers a JDK 25 where one is installed.
# Sets JAVA_HOME and PATH.

# The feature release of the JDK at $1: from its `release` file (instant), else by asking it (~0.1 s).
nodeward_java_feature() {
    local version
    version=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release" 2>/dev/null)
    if [ -z "$version" ]; then
        version=$("$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
    fi
    echo "${version%%.*}"
}

nodeward_java_home() {
    local candidate
    for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25* /usr/lib/jvm/*-25-* /usr/lib/jvm/*-21-* /usr/lib/jvm/temurin-21*; do
        [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] || continue
        if [ "$(nodeward_java_feature "$candidate")" -ge 21 ] 2>/dev/null; then
            echo "$candidate"
            return 0
        fi
    done
    return 1
}
JAVA_HOME=$(nodeward_java_home) || { echo "nodeward: needs a JDK 21 or newer (none found under JAVA_HOME or /usr/lib/jvm)" >&2; exit 2; }
export JAVA_HOME
export PATH="$JAVA_HOME/bin:$PATH"
