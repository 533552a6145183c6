#!/usr/bin/env bash
# Runs every Cairn test suite and ends with one line: "N passed, N failed".
# Installs what the compatibility tests drive (rclone, the b2 CLI, b2sdk, Chromium, the TypeScript MCP SDK, the npm B2
# libraries, and for S3 boto3, awscli, s3cmd, restic and @aws-sdk/client-s3) and PostgreSQL's binaries (test/pg.sh runs a throwaway server from
# them) when they are missing.
set -uo pipefail
cd "$(dirname "$0")"

results=artifacts/test-results
rm -rf "$results"
mkdir -p "$results"

need=()
command -v rclone >/dev/null 2>&1 || need+=(rclone)
command -v backblaze-b2 >/dev/null 2>&1 || need+=(backblaze-b2)
/usr/bin/python3 -c 'import b2sdk' >/dev/null 2>&1 || need+=(python3-b2sdk)
/usr/bin/python3 -c 'import boto3' >/dev/null 2>&1 || need+=(python3-boto3)
[ -x /usr/bin/aws ] || need+=(awscli)
[ -x /usr/bin/s3cmd ] || need+=(s3cmd)
command -v restic >/dev/null 2>&1 || need+=(restic)
[ -x /usr/bin/chromium ] || need+=(chromium)
command -v node >/dev/null 2>&1 || need+=(nodejs)
command -v npm >/dev/null 2>&1 || need+=(npm)
# pytest for b2sdk's own integration suite, only when a checkout of it is given (see below).
if [ -n "${CAIRN_B2SDK_CHECKOUT:-}" ]; then /usr/bin/python3 -c 'import pytest' >/dev/null 2>&1 || need+=(python3-pytest); fi
# PostgreSQL's server binaries for test/pg.sh (the PostgreSQL store's tests); no cluster of the package is used.
{ ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || command -v initdb >/dev/null 2>&1; } || need+=(postgresql)
if [ ${#need[@]} -gt 0 ]; then
  echo "== installing ${need[*]} (apt)"
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo_cmd apt-get update -qq && $sudo_cmd apt-get install -y -qq "${need[@]}" >/dev/null || {
    echo "could not install ${need[*]}; the compatibility tests need them"; echo "0 passed, 1 failed"; exit 1; }
fi

# The npm packages the compatibility tests drive (the TypeScript MCP SDK; the npm B2 libraries; the AWS SDK's S3
# client and lib-storage), pinned by each
# folder's package-lock.json.
for node_dir in test/Cairn.Compat.Tests/Mcp/node test/Cairn.Compat.Tests/Npm/node test/Cairn.Compat.Tests/Npm/s3node; do
  if [ ! -d "$node_dir/node_modules" ] || [ "$node_dir/package-lock.json" -nt "$node_dir/node_modules" ]; then
    echo "== installing npm packages in $node_dir"
    (cd "$node_dir" && npm ci --no-audit --no-fund --silent >/dev/null) || {
      echo "could not install the npm packages of $node_dir; the compatibility tests need them"; echo "0 passed, 1 failed"; exit 1; }
  fi
done

echo "== build"
if ! dotnet build Cairn.slnx -c Release --nologo -v quiet; then
  echo "build failed"; echo "0 passed, 1 failed"; exit 1
fi

# A throwaway PostgreSQL for the PostgreSQL store's tests, stopped (and deleted) however this script ends.
echo "== PostgreSQL (test/pg.sh)"
if ! pg_env=$(test/pg.sh start); then
  echo "could not start PostgreSQL; the PostgreSQL store's tests need it"; echo "0 passed, 1 failed"; exit 1
fi
eval "$pg_env"
trap 'test/pg.sh stop "$CAIRN_TEST_POSTGRES_DIR"' EXIT

status=0
format_failed=0
echo "== dotnet format --verify-no-changes"
if ! dotnet format Cairn.slnx --verify-no-changes -v quiet; then
  echo "code style: run 'dotnet format Cairn.slnx' and commit the result"
  format_failed=1
fi

for project in test/*.Tests/*.csproj; do
  name=$(basename "$project" .csproj)
  echo "== $name"
  dotnet test "$project" -c Release --no-build --nologo \
      --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=minimal" \
      --results-directory "$results" --blame-hang-timeout 5m
  [ $? -eq 0 ] || status=1
  [ -f "$results/$name.trx" ] || { echo "$name produced no results"; status=1; }
done

# The integration suite once more, every server on SQLite and blob files instead of memory.
echo "== Cairn.Server.Tests (disk stores)"
CAIRN_TEST_STORE=disk dotnet test test/Cairn.Server.Tests/Cairn.Server.Tests.csproj -c Release --no-build --nologo \
    --logger "trx;LogFileName=Cairn.Server.Tests.disk.trx" --logger "console;verbosity=minimal" \
    --results-directory "$results" --blame-hang-timeout 5m
[ $? -eq 0 ] || status=1

# And once on PostgreSQL metadata (the throwaway server above) with blob files.
echo "== Cairn.Server.Tests (PostgreSQL store)"
CAIRN_TEST_STORE=postgres dotnet test test/Cairn.Server.Tests/Cairn.Server.Tests.csproj -c Release --no-build --nologo \
    --logger "trx;LogFileName=Cairn.Server.Tests.postgres.trx" --logger "console;verbosity=minimal" \
    --results-directory "$results" --blame-hang-timeout 5m
[ $? -eq 0 ] || status=1

# A few seconds of the soak run (bench/soak; the full run is 30 minutes), so that the tool keeps working.
echo "== soak (10 s, 8 clients)"
soak_failed=0
if ! timeout 120 dotnet bench/Cairn.Soak/bin/Release/net10.0/Cairn.Soak.dll --minutes 0.17 --clients 8 > "$results/soak.txt" 2>&1; then
  tail -30 "$results/soak.txt"; soak_failed=1
else
  grep -E "operations in|RSS averaged" "$results/soak.txt"
fi

# Backblaze's own integration suites (b2sdk 1.17.3, B2 CLI 1.3.8) against a Cairn of their own, only when checkouts
# of them are given: CAIRN_B2SDK_CHECKOUT and/or CAIRN_B2CLI_CHECKOUT (see docs/b2-exactness.md). Their code is not
# part of Cairn, so without them this step is skipped.
suites_passed=0; suites_failed=0
if [ -n "${CAIRN_B2SDK_CHECKOUT:-}" ] || [ -n "${CAIRN_B2CLI_CHECKOUT:-}" ]; then
  echo "== Backblaze's suites (test/b2-suites/run.sh)"
  suite_args=()
  [ -n "${CAIRN_B2SDK_CHECKOUT:-}" ] && suite_args+=(--b2sdk "$CAIRN_B2SDK_CHECKOUT")
  [ -n "${CAIRN_B2CLI_CHECKOUT:-}" ] && suite_args+=(--cli "$CAIRN_B2CLI_CHECKOUT")
  test/b2-suites/run.sh "${suite_args[@]}" > "$results/b2-suites.txt" 2>&1
  summary=$(tail -1 "$results/b2-suites.txt")
  echo "$summary"
  suites_passed=$(echo "$summary" | sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\1/p')
  suites_failed=$(echo "$summary" | sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\2/p')
  [ -n "$suites_passed" ] || { suites_passed=0; suites_failed=1; tail -30 "$results/b2-suites.txt"; }
else
  echo "== Backblaze's suites: skipped (set CAIRN_B2SDK_CHECKOUT / CAIRN_B2CLI_CHECKOUT to run them)"
fi

passed=0; failed=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  p=$(echo "$counters" | sed -n 's/.* passed="\([0-9]*\)".*/\1/p')
  f=$(echo "$counters" | sed -n 's/.* failed="\([0-9]*\)".*/\1/p')
  e=$(echo "$counters" | sed -n 's/.* error="\([0-9]*\)".*/\1/p')
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0} + ${e:-0}))
done
# The style check and the soak slice count as one check each.
if [ "$format_failed" -eq 0 ]; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
if [ "$soak_failed" -eq 0 ]; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
passed=$((passed + suites_passed)); failed=$((failed + suites_failed))
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
