#!/usr/bin/env bash
# Every test: typecheck, lint (incl. the shared/ boundary check), the real builds, unit + handler +
# contract tests with coverage of shared/ (≥ 95 % lines and branches), the browser E2E over the h5
# build in Debian chromium, and the weapp size budget. Prints how long each step took.
set -euo pipefail
cd "$(dirname "$0")/.."
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
step "unit + handlers + contract (coverage of shared/)" npx jest --selectProjects unit handlers contract --coverage \
  --collectCoverageFrom='shared/**/*.ts' \
  --coverageThreshold='{"global":{"lines":95,"branches":95}}'
step "hardening: hostile-input fuzzing, authorization matrix, crash safety" npx jest --selectProjects hardening --runInBand
step "browser e2e (h5 in chromium)" npx jest --selectProjects e2e --runInBand
step "build:weapp + size budget" npm run -s build:weapp
echo "all tests passed"
