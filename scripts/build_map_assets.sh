#!/usr/bin/env bash
# Rebuild the map page's third-party assets (services/sitrep/map/static/vendor/) from the
# npm packages pinned in scripts/map_assets/package-lock.json. Needs Node.js 18+ and npm;
# the output is committed, so neither is needed to run or test Sitrep.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/map_assets"
npm ci --ignore-scripts --no-audit --no-fund
node build.mjs
