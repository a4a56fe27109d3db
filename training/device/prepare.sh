#!/bin/bash
# Packs what training/device/run.sh needs on a machine that has no Node or node_modules, into
# .device/ (git-ignored; name it in the device tool's `carry`): the renderer bundled into one
# file (tools/render.ts, the same code `npm run render` runs), this machine's node binary (xz),
# and the checkpoint the fine-tuning job starts from (the shipped models/model.pt unless INIT_CHECKPOINT names another).
set -eu
cd "$(dirname "$0")/../.."
mkdir -p .device
grep -qx '/.device/' .git/info/exclude 2>/dev/null || { mkdir -p .git/info; echo /.device/ >> .git/info/exclude; }
node_modules/tsx/node_modules/.bin/esbuild tools/render.ts --bundle --platform=node --format=esm --target=node20 \
  --outfile=.device/render.mjs --log-level=warning \
  "--banner:js=import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);"
[ -f .device/node.xz ] || xz -T0 -6 -c "$(command -v node)" > .device/node.xz
cp "${INIT_CHECKPOINT:-models/model.pt}" .device/init.pt
du -sh .device/*
