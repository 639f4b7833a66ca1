#!/bin/bash
# The push benchmark against the backends of several checkouts, one after the other, with this
# checkout's harness: ./launcher/push-ab.sh before=/path/to/old-checkout after=. (extra -D options in $BENCH_OPTS,
# e.g. BENCH_OPTS=-Dbench.readings=20000). Build an older checkout first, as in jmeter/saturation-ab.sh.
set -u
here=$(cd "$(dirname "$0")/.." && pwd)
for spec in "$@"; do
  label=${spec%%=*}; dir=$(cd "${spec#*=}" && pwd)
  echo "=== $label ($dir) $(date +%T)"
  (cd "$here" && mvn -B -q -pl launcher -Pbench -DskipTests verify -Dbench.noReplay=true -Dbench.repo="$dir" ${BENCH_OPTS:-} 2>&1 \
      | grep -E "^\| (single|batches)|idempotent COPY|JDBC batched|Jetty")
done
