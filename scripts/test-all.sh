#!/usr/bin/env bash
# Every test: typecheck, lint (Biome + the dependency-cruiser boundary rules), the real builds (h5, local host,
# cloud functions, weapp with its size budget), the checks on the build output, unit + handler + contract tests
# with coverage of shared/ (≥ 95 % lines and branches), the hardening suite, and the browser E2E over the h5 build
# in Debian chromium. Prints how long each step took, and the total (also when a step fails).
set -euo pipefail
cd "$(dirname "$0")/.."
started=$SECONDS
trap 'echo "::: total $((SECONDS - started)) s"' EXIT
step() {
  local name=$1; shift
  local t0=$SECONDS
  echo "::: $name"
  "$@"
  echo "::: $name done in $((SECONDS - t0)) s"
}
step typecheck npm run -s typecheck
step lint npm run -s lint
step build:h5 npx taro build --type h5
step build:local node scripts/build-local.mjs
step build:functions node scripts/build-functions.mjs
step "cloud tier: compiled functions + real wx-server-sdk vs the fake CloudBase service" npx jest --selectProjects cloud
# A production weapp build must name its cloud environment (config/cloud-env.ts); this one is only tested, never
# uploaded, so it names an id no real environment has unless the caller sets CLOUD_ENV.
step "build:weapp + size budget" env CLOUD_ENV="${CLOUD_ENV:-ci-not-deployable}" npm run -s build:weapp
step "build output (bundle contents)" npx jest --selectProjects builds
step "per-platform bundles: no callFunction in h5, no fetch('/api') in weapp" node scripts/check-bundles.mjs
step "unit + handlers + contract (coverage of shared/)" npx jest --selectProjects unit handlers contract --coverage \
  --collectCoverageFrom='shared/**/*.ts' \
  --coverageThreshold='{"global":{"lines":95,"branches":95}}'
step "hardening: hostile-input fuzzing, authorization matrix, crash safety" npx jest --selectProjects hardening --runInBand
step "browser e2e (h5 in chromium)" npx jest --selectProjects e2e --runInBand
echo "all tests passed"
