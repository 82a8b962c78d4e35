#!/usr/bin/env bash
# Builds the optional benchmarks/ module (outside the default reactor: -Pbench) and runs JMH.
#   bench/jmh.sh                       every benchmark
#   bench/jmh.sh TextDigest -f 1       JMH's own arguments (a regex of benchmarks, options)
# Never `mvn install`: the module is packaged in place, as benchmarks/target/benchmarks.jar.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
(cd "$root" && mvn -q -B ${MAVEN_OFFLINE:--o} -Pbench -pl benchmarks -am -DskipTests package)
exec java -jar "$root/benchmarks/target/benchmarks.jar" "$@"
