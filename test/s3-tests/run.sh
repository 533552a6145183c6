#!/usr/bin/env bash
# Runs ceph/s3-tests (the S3 conformance suite) against a Cairn it starts, on the subset that applies to B2's S3 surface,
# and compares the passing tests with the committed baseline (baseline.txt): a test in the baseline that no longer
# passes is a regression (exit 1). Not part of CI.
#
#   git clone <ceph/s3-tests> /tmp/s3-tests          # never committed here
#   apt-get install python3-pytest python3-boto3 python3-botocore python3-isodate python3-munch python3-gevent \
#       python3-requests python3-tz python3-httplib2 python3-lxml python3-yaml
#   dotnet build src/Cairn.Server -c Release
#   test/s3-tests/run.sh /tmp/s3-tests [--update-baseline]
set -uo pipefail
checkout=${1:?usage: run.sh <s3-tests checkout> [--update-baseline]}
update=${2:-}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
work=$(mktemp -d)
out="$root/artifacts/s3-tests"   # pytest's output and the JUnit XML of the last run, kept for reading
mkdir -p "$out"
port=${CAIRN_S3TESTS_PORT:-18787}
url="http://127.0.0.1:$port"
server="$root/src/Cairn.Server/bin/Release/net10.0/Cairn.Server.dll"
[ -f "$server" ] || { echo "build Cairn first: dotnet build src/Cairn.Server -c Release"; exit 2; }

CAIRN_MASTER_KEY_ID=0123456789ab CAIRN_MASTER_KEY=K000s3testsMasterKeyForCairn0001 \
  dotnet "$server" --urls "$url" --data "$work/data" > "$work/server.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 1 100); do curl -sf "$url/health" >/dev/null && break; sleep 0.2; done

# Three application keys with every capability (the master key is refused over S3, as on B2): main, alt, tenant.
/usr/bin/python3 - "$url" > "$work/s3tests.conf" <<'PY'
import base64, json, sys, urllib.request
url = sys.argv[1]
basic = base64.b64encode(b"0123456789ab:K000s3testsMasterKeyForCairn0001").decode()
auth = json.load(urllib.request.urlopen(urllib.request.Request(url + "/b2api/v3/b2_authorize_account", headers={"Authorization": "Basic " + basic})))
caps = ["listKeys", "writeKeys", "deleteKeys", "listAllBucketNames", "listBuckets", "readBuckets", "writeBuckets", "deleteBuckets",
        "readBucketEncryption", "writeBucketEncryption", "readBucketRetentions", "writeBucketRetentions", "readFileRetentions",
        "writeFileRetentions", "readFileLegalHolds", "writeFileLegalHolds", "bypassGovernance", "listFiles", "readFiles",
        "shareFiles", "writeFiles", "deleteFiles"]
def key(name):
    body = json.dumps({"accountId": auth["accountId"], "keyName": name, "capabilities": caps}).encode()
    request = urllib.request.Request(auth["apiInfo"]["storageApi"]["apiUrl"] + "/b2api/v3/b2_create_key", data=body,
                                     headers={"Authorization": auth["authorizationToken"], "Content-Type": "application/json"})
    made = json.load(urllib.request.urlopen(request))
    return made["applicationKeyId"], made["applicationKey"]
host, port = url.split("//")[1].split(":")
print(f"[DEFAULT]\nhost = {host}\nport = {port}\nis_secure = False\nssl_verify = False\n")
print("[fixtures]\nbucket prefix = s3t-{random}-\n")
for section, name in [("s3 main", "main"), ("s3 alt", "alt"), ("s3 tenant", "tenant"), ("iam", "iam"), ("iam root", "iamroot"), ("iam alt root", "iamaltroot")]:
    key_id, secret = key(name)
    print(f"[{section}]\ndisplay_name = {name}\nuser_id = {auth['accountId']}\nemail = {name}@example.com\napi_name = us-east-1")
    print(f"access_key = {key_id}\nsecret_key = {secret}\ntenant = {name}\n")
PY
[ -s "$work/s3tests.conf" ] || { echo "could not create keys"; exit 2; }

# What B2's S3 surface has no part of: IAM, STS, policies, website, lifecycle over S3, logging, select, SNS, tagging,
# storage classes, SigV2, appends, ownership controls; and tests that fail against AWS itself.
excluded="auth_aws2 or bucket_policy or bucket_logging or bucket_logging_cleanup or fails_without_logging_rollover or lifecycle
  or lifecycle_expiration or lifecycle_transition or cloud_transition or cloud_restore or s3select or s3website
  or s3website_routing_rules or s3website_redirect_location or sns or test_of_sts or webidentity_test or iam_account
  or iam_cross_account or iam_role or iam_tenant or iam_user or user_policy or group or group_policy or role_policy
  or session_policy or abac_test or token_claims_trust_policy_test or token_principal_tag_role_policy_test
  or token_request_tag_trust_policy_test or token_resource_tags_test or token_role_tags_test or token_tag_keys_test
  or tagging or storage_class or appendobject or object_ownership or fails_on_aws or encryption or target_by_bucket"
cd "$checkout" || exit 2
# b2_cleanup.py: the suite's bucket cleanup also aborts open multipart uploads, which B2 keeps a bucket from deleting.
PYTHONPATH="$here${PYTHONPATH:+:$PYTHONPATH}" S3TEST_CONF="$work/s3tests.conf" timeout 3600 /usr/bin/python3 -m pytest -q -p no:cacheprovider -p b2_cleanup \
  s3tests/functional/test_s3.py s3tests/functional/test_headers.py -m "not ($(echo $excluded))" \
  --junitxml="$work/results.xml" > "$work/pytest.txt" 2>&1
cp "$work/pytest.txt" "$work/results.xml" "$work/server.log" "$out/" 2>/dev/null
tail -3 "$work/pytest.txt"
/usr/bin/python3 - "$work/results.xml" > "$work/passed.txt" <<'PY'
import sys, xml.etree.ElementTree as ET
for case in ET.parse(sys.argv[1]).iter("testcase"):
    if not any(child.tag in ("failure", "error", "skipped") for child in case):
        print(case.get("classname").rsplit(".", 1)[-1] + "::" + case.get("name"))
PY
sort -o "$work/passed.txt" "$work/passed.txt"
total=$(/usr/bin/python3 -c "import sys, xml.etree.ElementTree as ET; r=ET.parse(sys.argv[1]).getroot(); s=r if r.tag=='testsuite' else r[0]; print(int(s.get('tests'))-int(s.get('skipped')))" "$work/results.xml")
passed=$(wc -l < "$work/passed.txt")
echo "ceph/s3-tests, the subset that applies to B2's S3 surface: $passed of $total pass"
if [ "$update" = "--update-baseline" ]; then
  cp "$work/passed.txt" "$here/baseline.txt"
  echo "baseline.txt updated ($passed tests)"
  exit 0
fi
regressions=$(comm -23 "$here/baseline.txt" "$work/passed.txt")
if [ -n "$regressions" ]; then
  echo "regressions (in baseline.txt, failing now):"; echo "$regressions"
  exit 1
fi
new=$(comm -13 "$here/baseline.txt" "$work/passed.txt" | wc -l)
echo "no regressions; $new tests pass that the baseline does not list (run with --update-baseline to record them)"
