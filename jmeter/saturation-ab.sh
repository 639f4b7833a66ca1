#!/bin/bash
# The saturation plan against the backends of several checkouts, one after the other, on this
# machine: ./jmeter/saturation-ab.sh before=/path/to/old-checkout after=.
# Each checkout's ./homegrid backend runs on a fresh data directory; the plan is this checkout's.
# Build an older checkout first (git worktree add DIR COMMIT && (cd DIR && mvn -o -q -Dmaven.test.skip=true -pl launcher -am package)).
set -u
here=$(cd "$(dirname "$0")/.." && pwd)
for spec in "$@"; do
  label=${spec%%=*}; dir=$(cd "${spec#*=}" && pwd)
  data=$(mktemp -d /tmp/saturation-data-XXXX); port=$((18000 + RANDOM % 1000))
  echo "=== $label ($dir) $(date +%T) port $port"
  (cd "$dir" && ./homegrid backend --port $port --data-dir "$data" > "$data/backend.log" 2>&1 &)
  for _ in $(seq 1 150); do grep -q "homegrid backend ready" "$data/backend.log" 2>/dev/null && break; sleep 2; done
  if ! grep -q "homegrid backend ready" "$data/backend.log"; then echo "backend not ready:"; tail -20 "$data/backend.log"; continue; fi
  (cd "$here" && mvn -B -q -pl jmeter verify -Pload -Dplan=saturation -Dhost=localhost -Dport=$port \
      -Dpassword="$(cat "$data/admin.password")" -DcaCert="$data/tls/backend.pem" 2>&1 | grep -E "SATURATION|^\|")
  cp "$here/jmeter/target/jmeter/logs/saturation.jmx.log" "$data/" 2>/dev/null
  pkill -f "io.homegrid.launcher.Main backend --port $port"
  while pgrep -f "io.homegrid.launcher.Main backend --port $port" > /dev/null; do sleep 1; done
done
