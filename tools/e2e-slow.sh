#!/usr/bin/env bash
# The whole e2e suite on a slowed machine: every page's CPU throttled 3× (JT_CPU_THROTTLE, see
# tools/lib/browser.ts) and one core kept busy by another process, as on a loaded 2-core laptop.
#   npm run test:e2e:slow              # once
#   npm run test:e2e:slow -- --repeat 3  # three runs in a row; stops at the first failure
set -euo pipefail
cd "$(dirname "$0")/.."
repeat=1
if [ "${1:-}" = "--repeat" ]; then repeat="$2"; shift 2; fi
npx vite build >/dev/null
node -e 'for (;;) {}' &
busy=$!
trap 'kill $busy 2>/dev/null || true' EXIT
for run in $(seq 1 "$repeat"); do
  echo "e2e:slow run $run of $repeat (CPU throttle 3x, one core busy)"
  JT_CPU_THROTTLE=3 npx playwright test "$@"
done
