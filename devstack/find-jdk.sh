# Finds a JDK 21 or newer for the scripts of this repository; sourced by ./sluice and
# bench/run, so that both pick the same JDK the same way.
#
#   source devstack/find-jdk.sh
#   JAVA_HOME="$(find_jdk sluice)"   # fails, saying so on stderr, when there is none
#
# The order: JAVA_HOME if it is 21 or newer; else the newest JDK 21+ under /usr/lib/jvm;
# else the JDK of the javac on the PATH, if it is 21 or newer.
#
# Run on its own, it prints the JDK the scripts would use: bash devstack/find-jdk.sh

# The feature version of the java binary $1 (17, 21, 25, ...), or nothing.
java_version() {
	"$1" -XshowSettings:properties -version 2>&1 \
		| sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -1
}

# Print the home of the JDK to use. $1 names the caller in the message printed when
# there is none.
find_jdk() {
	local caller="${1:-find-jdk.sh}" candidate version best="" best_version=0
	if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]]; then
		version="$(java_version "$JAVA_HOME/bin/java")"
		if [[ -n "$version" && "$version" -ge 21 ]]; then
			echo "$JAVA_HOME"
			return 0
		fi
	fi
	for candidate in /usr/lib/jvm/*; do
		[[ -x "$candidate/bin/java" && -x "$candidate/bin/javac" ]] || continue
		version="$(java_version "$candidate/bin/java")"
		if [[ -n "$version" && "$version" -ge 21 && "$version" -gt "$best_version" ]]; then
			best="$candidate"
			best_version="$version"
		fi
	done
	if [[ -z "$best" ]] && command -v javac >/dev/null 2>&1; then
		candidate="$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")"
		version="$(java_version "$candidate/bin/java")"
		[[ -n "$version" && "$version" -ge 21 ]] && best="$candidate"
	fi
	if [[ -z "$best" ]]; then
		echo "$caller: Sluice needs a JDK 21 or newer (JAVA_HOME=${JAVA_HOME:-unset} is not one, and none was found under /usr/lib/jvm). Install one, e.g. 'sudo apt-get install openjdk-21-jdk', or point JAVA_HOME at one." >&2
		return 1
	fi
	echo "$best"
}

# Export MAVEN_OPTS for the JDK at $1: from JDK 24 on, Maven's own dependency injection
# makes the JVM warn, on every build, that a sun.misc.Unsafe method it calls will be
# removed. The warning is Maven's, not the build's, and reads like an error; allowing the
# access silences it. Older JDKs do not know the option and would refuse to start.
quiet_maven() {
	local version
	version="$(java_version "$1/bin/java")"
	if [[ -n "$version" && "$version" -ge 24 && "${MAVEN_OPTS:-}" != *sun-misc-unsafe-memory-access* ]]; then
		export MAVEN_OPTS="${MAVEN_OPTS:+$MAVEN_OPTS }--sun-misc-unsafe-memory-access=allow"
	fi
}

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
	set -euo pipefail
	find_jdk "$0"
fi
