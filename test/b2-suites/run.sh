#!/usr/bin/env bash
# Runs Backblaze's own integration suites against Cairn: b2sdk 1.17.3's test/integration (pytest) and the B2
# command-line tool 1.3.8's test_b2_command_line.py, the versions Debian packages (python3-b2sdk, backblaze-b2).
# Their code is not part of Cairn: give a checkout of each at its tag, e.g.
#   git clone -b v1.17.3 https://github.com/Backblaze/b2-sdk-python /tmp/b2sdk-1.17.3
#   git clone -b v1.3.8 https://github.com/Backblaze/B2_Command_Line_Tool /tmp/b2cli-1.3.8
#   test/b2-suites/run.sh --b2sdk /tmp/b2sdk-1.17.3 --cli /tmp/b2cli-1.3.8
# Without --url it starts a Cairn in memory (src/Cairn.Server, built in Release if need be) on a free loopback port
# and stops it at the end; with --url (and --key-id/--key) it uses that server. Everything runs with Debian's
# /usr/bin/python3 and apt's packages (python3-pytest, python3-b2sdk's dependencies); nothing from pip.
# Either checkout may be left out; with neither it prints "skipped" and succeeds. Ends with "N passed, N failed".
# Options: --b2sdk DIR  --cli DIR  --url URL  --key-id ID  --key KEY  --pytest-args "ARGS"  --cli-tests "basic keys ..."
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"

b2sdk_dir=""; cli_dir=""; url=""; key_id="0123456789ab"; key="K000b2SuitesMasterKeyForCairn01"
pytest_args=""; cli_tests="account basic download keys sync_down sync_long_path sync_up sync_up_no_prefix"
while [ $# -gt 0 ]; do
  case "$1" in
    --b2sdk) b2sdk_dir="$(cd "$2" && pwd)"; shift 2 ;;
    --cli) cli_dir="$(cd "$2" && pwd)"; shift 2 ;;
    --url) url="$2"; shift 2 ;;
    --key-id) key_id="$2"; shift 2 ;;
    --key) key="$2"; shift 2 ;;
    --pytest-args) pytest_args="$2"; shift 2 ;;
    --cli-tests) cli_tests="$2"; shift 2 ;;
    *) echo "unknown option $1 (see the top of $0)"; exit 2 ;;
  esac
done
if [ -z "$b2sdk_dir" ] && [ -z "$cli_dir" ]; then
  echo "b2 suites: skipped (no --b2sdk or --cli checkout given)"; echo "0 passed, 0 failed"; exit 0
fi

py=/usr/bin/python3
work="$(mktemp -d /tmp/cairn-b2-suites.XXXXXX)"
server_pid=""
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

if [ -z "$url" ]; then
  dll="$root/src/Cairn.Server/bin/Release/net10.0/Cairn.Server.dll"
  if [ ! -f "$dll" ]; then
    dotnet build "$root/src/Cairn.Server/Cairn.Server.csproj" -c Release --nologo -v quiet || { echo "0 passed, 1 failed"; exit 1; }
  fi
  port=$($py -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  url="http://127.0.0.1:$port"
  dotnet "$dll" --in-memory --urls "$url" --Cairn:MasterKeyId "$key_id" --Cairn:MasterKey "$key" \
      > "$work/cairn.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 120); do
    curl -s -o /dev/null "$url/b2api/v2/b2_authorize_account" && break
    kill -0 "$server_pid" 2>/dev/null || { cat "$work/cairn.log"; echo "0 passed, 1 failed"; exit 1; }
    sleep 0.5
  done
  echo "== Cairn at $url (log: $work/cairn.log while it runs)"
fi

passed=0; failed=0

if [ -n "$b2sdk_dir" ]; then
  echo "== b2sdk integration suite ($b2sdk_dir)"
  # test/integration reads the key from B2_TEST_APPLICATION_KEY_ID/_KEY and the realm from B2_TEST_ENVIRONMENT,
  # which b2sdk looks up in REALM_URLS and otherwise takes as the URL itself.
  (cd "$b2sdk_dir" && B2_TEST_APPLICATION_KEY_ID="$key_id" B2_TEST_APPLICATION_KEY="$key" B2_TEST_ENVIRONMENT="$url" \
      PYTHONDONTWRITEBYTECODE=1 $py -m pytest test/integration -p no:cacheprovider -rfE -q $pytest_args) \
      2>&1 | tee "$work/b2sdk.txt"
  summary=$(grep -E '(passed|failed|errors?)(,| ).* in [0-9.]+s' "$work/b2sdk.txt" | tail -1)
  p=$(echo "$summary" | grep -oE '[0-9]+ passed' | grep -oE '[0-9]+')
  f=$(echo "$summary" | grep -oE '[0-9]+ failed' | grep -oE '[0-9]+')
  e=$(echo "$summary" | grep -oE '[0-9]+ errors?' | grep -oE '[0-9]+')
  [ -z "$summary" ] && f=1
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0} + ${e:-0}))
fi

if [ -n "$cli_dir" ]; then
  echo "== B2 command-line tool suite ($cli_dir)"
  # test_b2_command_line.py runs "python -m b2.__main__" from the checkout (PYTHONPATH=.). The 1.3.8 tool has no
  # option for another endpoint, so a 'python' on PATH adds a sitecustomize that points the 'production' realm at
  # Cairn (as test/Cairn.Compat.Tests/Clients/b2cli_launcher.py does); the checkout is not modified.
  mkdir -p "$work/bin" "$work/site" "$work/home"
  cat > "$work/bin/python" <<SH
#!/bin/sh
export PYTHONPATH="\${PYTHONPATH:+\$PYTHONPATH:}$work/site"
exec $py "\$@"
SH
  chmod +x "$work/bin/python"
  cat > "$work/site/sitecustomize.py" <<'PY'
import os
if os.environ.get('CAIRN_URL'):
    try:
        import b2.account_info.abstract
        b2.account_info.abstract.AbstractAccountInfo.REALM_URLS['production'] = os.environ['CAIRN_URL']
    except ImportError:
        pass
PY
  for t in $cli_tests; do
    if (cd "$cli_dir" && PATH="$work/bin:$PATH" CAIRN_URL="$url" HOME="$work/home" PYTHONDONTWRITEBYTECODE=1 \
        $py test_b2_command_line.py "$key_id" "$key" "$t") > "$work/cli-$t.txt" 2>&1 \
        && grep -q '^ALL OK' "$work/cli-$t.txt"; then
      echo "PASSED cli $t"; passed=$((passed + 1))
    else
      echo "FAILED cli $t; its last lines:"; tail -40 "$work/cli-$t.txt"; failed=$((failed + 1))
    fi
  done
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
