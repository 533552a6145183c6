#!/usr/bin/env python3
"""Provokes every error the sweep in docs/b2-exactness.md lists and prints what the server answers.

    /usr/bin/python3 test/b2-suites/probe_errors.py <url> <applicationKeyId> <applicationKey> [--check]

It creates buckets named probe-<random>-*, files in them and one key, and deletes what it created. With --check it
compares each answer with the status and code the sweep expects (B2's documentation, the simulators) and exits 1 on
a difference. The same script can be pointed at Backblaze B2 itself (https://api.backblazeb2.com) with a throwaway
master key, to confirm an expectation; it never touches anything it did not create. Standard library only.
"""
import base64
import hashlib
import json
import os
import sys
import urllib.error
import urllib.parse
import urllib.request

url, key_id, key = sys.argv[1], sys.argv[2], sys.argv[3]
check = '--check' in sys.argv[4:]
run = os.urandom(4).hex()
rows = []  # (endpoint, case, expected (status, code), got (status, code, message))


def call(api_url, name, body, token, method='POST', version='v2'):
    data = None if method == 'GET' else json.dumps(body).encode()
    target = f'{api_url}/b2api/{version}/{name}'
    if method == 'GET' and body:
        target += '?' + urllib.parse.urlencode(body)
    req = urllib.request.Request(target, data=data, method=method)
    if token is not None:
        req.add_header('Authorization', token)
    return send(req)


def send(req):
    try:
        with urllib.request.urlopen(req, timeout=60) as r:
            raw = r.read()
            return r.status, (json.loads(raw) if raw[:1] == b'{' else raw), dict(r.headers)
    except urllib.error.HTTPError as e:
        raw = e.read()
        try:
            body = json.loads(raw)
        except ValueError:
            body = {'code': None, 'message': raw[:80].decode('latin-1')}
        return e.code, body, dict(e.headers)


def expect(endpoint, case, status, code, got):
    s, body, _ = got
    gcode = body.get('code') if isinstance(body, dict) else None
    gmsg = body.get('message') if isinstance(body, dict) else None
    rows.append((endpoint, case, (status, code), (s, gcode, gmsg)))
    return got


def basic(kid, secret):
    return 'Basic ' + base64.b64encode(f'{kid}:{secret}'.encode()).decode()


def authorize(kid, secret):
    req = urllib.request.Request(f'{url}/b2api/v2/b2_authorize_account')
    req.add_header('Authorization', basic(kid, secret))
    return send(req)


s, auth, _ = authorize(key_id, key)
assert s == 200, (s, auth)
api, tok, acct, dl = auth['apiUrl'], auth['authorizationToken'], auth['accountId'], auth['downloadUrl']
created_buckets, created_keys = [], []


def b2(name, body, token=None, method='POST'):
    return call(api, name, body, tok if token is None else token, method)


def upload(bucket_id, name, data, sha1=None):
    s, u, _ = b2('b2_get_upload_url', {'bucketId': bucket_id})
    req = urllib.request.Request(u['uploadUrl'], data=data, method='POST')
    req.add_header('Authorization', u['authorizationToken'])
    req.add_header('X-Bz-File-Name', urllib.parse.quote(name))
    req.add_header('Content-Type', 'b2/x-auto')
    req.add_header('X-Bz-Content-Sha1', sha1 or hashlib.sha1(data).hexdigest())
    return send(req)


def new_bucket(suffix, kind='allPrivate'):
    s, b, _ = b2('b2_create_bucket', {'accountId': acct, 'bucketName': f'probe-{run}-{suffix}', 'bucketType': kind})
    assert s == 200, (s, b)
    created_buckets.append(b['bucketId'])
    return b


try:
    # b2_authorize_account
    wrong = key[:-4] + ('0000' if not key.endswith('0000') else '1111')
    expect('b2_authorize_account', 'wrong applicationKey', 401, 'unauthorized', authorize(key_id, wrong))
    expect('b2_authorize_account', 'unknown applicationKeyId', 401, 'unauthorized', authorize('000' + key_id[3:][::-1], key))
    req = urllib.request.Request(f'{url}/b2api/v2/b2_authorize_account')
    req.add_header('Authorization', 'Basic !!!')
    expect('b2_authorize_account', 'garbled Basic header', 401, 'bad_auth_token', send(req))

    # any call: the account token
    expect('(any call)', 'no Authorization header', 401, 'missing_auth_token', b2('b2_list_buckets', {'accountId': acct}, token=''))
    expect('(any call)', 'unknown token', 401, 'bad_auth_token', b2('b2_list_buckets', {'accountId': acct}, token='4_0000000000000000000000000_00000000_000000_acct_AAAAAAAAAAAAAAAAAAAAAAAAAAAA='))
    expect('(any call)', 'unknown endpoint', 404, 'not_found', b2('b2_no_such_call', {}))
    expect('(any call)', 'body not JSON', 400, 'bad_json', send(urllib.request.Request(f'{api}/b2api/v2/b2_list_buckets', data=b'{nope', method='POST', headers={'Authorization': tok})))

    # buckets
    a = new_bucket('a')
    expect('b2_create_bucket', 'name in use', 400, 'duplicate_bucket_name', b2('b2_create_bucket', {'accountId': acct, 'bucketName': a['bucketName'], 'bucketType': 'allPrivate'}))
    expect('b2_create_bucket', 'invalid name', 400, 'bad_request', b2('b2_create_bucket', {'accountId': acct, 'bucketName': 'b2-bad_name!', 'bucketType': 'allPrivate'}))
    expect('b2_create_bucket', 'name too short', 400, 'bad_request', b2('b2_create_bucket', {'accountId': acct, 'bucketName': 'ab', 'bucketType': 'allPrivate'}))
    expect('b2_create_bucket', 'unknown bucketType', 400, 'bad_request', b2('b2_create_bucket', {'accountId': acct, 'bucketName': f'probe-{run}-t', 'bucketType': 'allSecret'}))
    expect('b2_create_bucket', 'missing bucketType', 400, 'bad_request', b2('b2_create_bucket', {'accountId': acct, 'bucketName': f'probe-{run}-t'}))
    expect('b2_create_bucket', 'wrong accountId', 401, 'unauthorized', b2('b2_create_bucket', {'accountId': 'ffffffffffff', 'bucketName': f'probe-{run}-t', 'bucketType': 'allPrivate'}))
    expect('b2_update_bucket', 'unknown bucketId', 400, 'bad_bucket_id', b2('b2_update_bucket', {'accountId': acct, 'bucketId': 'ffffffffffffffffffffffff', 'bucketType': 'allPublic'}))
    expect('b2_update_bucket', 'ifRevisionIs stale', 409, 'conflict', b2('b2_update_bucket', {'accountId': acct, 'bucketId': a['bucketId'], 'bucketType': 'allPublic', 'ifRevisionIs': a['revision'] + 5}))
    expect('b2_update_bucket', 'unknown bucketType', 400, 'bad_request', b2('b2_update_bucket', {'accountId': acct, 'bucketId': a['bucketId'], 'bucketType': 'allSecret'}))
    expect('b2_delete_bucket', 'unknown bucketId', 400, 'bad_bucket_id', b2('b2_delete_bucket', {'accountId': acct, 'bucketId': 'ffffffffffffffffffffffff'}))
    expect('b2_list_buckets', 'bucketTypes []', 400, 'bad_request', b2('b2_list_buckets', {'accountId': acct, 'bucketTypes': []}))

    # uploads, file info, hide, delete
    expect('b2_get_upload_url', 'unknown bucketId', 400, 'bad_bucket_id', b2('b2_get_upload_url', {'bucketId': 'ffffffffffffffffffffffff'}))
    expect('b2_upload_file', 'SHA-1 mismatch', 400, 'bad_request', upload(a['bucketId'], 'x.txt', b'hello', sha1='0' * 40))
    s, up, _ = expect('b2_upload_file', '(ok)', 200, None, upload(a['bucketId'], 'f.txt', b'hello'))
    fid = up['fileId']
    upload(a['bucketId'], 'empty.txt', b'')
    expect('b2_list_file_names', 'unknown bucketId', 400, 'bad_bucket_id', b2('b2_list_file_names', {'bucketId': 'ffffffffffffffffffffffff'}))
    expect('b2_list_file_names', 'maxFileCount 10001', 400, 'out_of_range', b2('b2_list_file_names', {'bucketId': a['bucketId'], 'maxFileCount': 10001}))
    expect('b2_list_file_versions', 'unknown bucketId', 400, 'bad_bucket_id', b2('b2_list_file_versions', {'bucketId': 'ffffffffffffffffffffffff'}))
    expect('b2_list_file_versions', 'maxFileCount 10001', 400, 'out_of_range', b2('b2_list_file_versions', {'bucketId': a['bucketId'], 'maxFileCount': 10001}))
    expect('b2_list_file_versions', 'startFileId without startFileName', 400, 'bad_request', b2('b2_list_file_versions', {'bucketId': a['bucketId'], 'startFileId': fid}))
    s, deleted, _ = upload(a['bucketId'], 'deleted.txt', b'gone')
    gone = deleted['fileId']  # well formed, but no longer names a file
    b2('b2_delete_file_version', {'fileName': 'deleted.txt', 'fileId': gone})
    expect('b2_get_file_info', 'unknown fileId', 404, 'not_found', b2('b2_get_file_info', {'fileId': gone}))
    expect('b2_get_file_info', 'malformed fileId', 400, 'bad_request', b2('b2_get_file_info', {'fileId': 'bad-id'}))
    expect('b2_hide_file', 'no such name', 400, 'no_such_file', b2('b2_hide_file', {'bucketId': a['bucketId'], 'fileName': 'nope.txt'}))
    expect('b2_hide_file', 'unknown bucketId', 400, 'bad_bucket_id', b2('b2_hide_file', {'bucketId': 'ffffffffffffffffffffffff', 'fileName': 'f.txt'}))
    b2('b2_hide_file', {'bucketId': a['bucketId'], 'fileName': 'f.txt'})
    expect('b2_hide_file', 'already hidden', 400, 'already_hidden', b2('b2_hide_file', {'bucketId': a['bucketId'], 'fileName': 'f.txt'}))
    expect('b2_delete_file_version', 'unknown fileId', 400, 'file_not_present', b2('b2_delete_file_version', {'fileName': 'f.txt', 'fileId': gone}))
    expect('b2_delete_file_version', 'name does not match', 400, 'bad_request', b2('b2_delete_file_version', {'fileName': 'other.txt', 'fileId': fid}))
    expect('b2_delete_file_version', 'malformed fileId', 400, 'bad_request', b2('b2_delete_file_version', {'fileName': 'f.txt', 'fileId': 'bad-id'}))
    expect('b2_delete_bucket', 'not empty', 400, 'cannot_delete_non_empty_bucket', b2('b2_delete_bucket', {'accountId': acct, 'bucketId': a['bucketId']}))

    # downloads
    def download(path, headers=None, token=True):
        req = urllib.request.Request(f'{dl}{path}', headers=headers or {})
        if token:
            req.add_header('Authorization', tok)
        return send(req)
    expect('b2_download_file_by_id', 'unknown fileId', 404, 'not_found', download(f'/b2api/v2/b2_download_file_by_id?fileId={gone}'))
    expect('b2_download_file_by_id', 'malformed fileId', 400, 'bad_request', download('/b2api/v2/b2_download_file_by_id?fileId=bad-id'))
    expect('b2_download_file_by_id', 'range past the end', 416, 'range_not_satisfiable', download(f'/b2api/v2/b2_download_file_by_id?fileId={fid}', {'Range': 'bytes=5-9'}))
    expect('b2_download_file_by_name', 'no such name', 404, 'not_found', download(f"/file/{a['bucketName']}/nope.txt"))
    expect('b2_download_file_by_name', 'hidden name', 404, 'not_found', download(f"/file/{a['bucketName']}/f.txt"))
    expect('b2_download_file_by_name', 'no such bucket', 404, 'not_found', download(f'/file/probe-{run}-nobucket/f.txt'))
    expect('b2_download_file_by_name', 'private, no token', 401, 'unauthorized', download(f"/file/{a['bucketName']}/empty.txt", token=False))
    expect('b2_download_file_by_name', 'range on an empty file', 416, 'range_not_satisfiable', download(f"/file/{a['bucketName']}/empty.txt", {'Range': 'bytes=0-9'}))
    expect('b2_get_download_authorization', 'validDurationInSeconds 0', 400, 'bad_request', b2('b2_get_download_authorization', {'bucketId': a['bucketId'], 'fileNamePrefix': '', 'validDurationInSeconds': 0}))
    expect('b2_get_download_authorization', 'unknown bucketId', 400, 'bad_bucket_id', b2('b2_get_download_authorization', {'bucketId': 'ffffffffffffffffffffffff', 'fileNamePrefix': '', 'validDurationInSeconds': 60}))

    # copies
    s, up2, _ = upload(a['bucketId'], 'g.txt', b'0123456789')
    expect('b2_copy_file', 'unknown sourceFileId', 404, 'not_found', b2('b2_copy_file', {'sourceFileId': gone, 'fileName': 'c.txt'}))
    expect('b2_copy_file', 'range past the end', 416, 'range_not_satisfiable', b2('b2_copy_file', {'sourceFileId': up2['fileId'], 'fileName': 'c.txt', 'range': 'bytes=10-20'}))
    expect('b2_copy_file', 'contentType with COPY', 400, 'bad_request', b2('b2_copy_file', {'sourceFileId': up2['fileId'], 'fileName': 'c.txt', 'contentType': 'text/plain'}))
    expect('b2_copy_file', 'REPLACE without contentType', 400, 'bad_request', b2('b2_copy_file', {'sourceFileId': up2['fileId'], 'fileName': 'c.txt', 'metadataDirective': 'REPLACE'}))
    expect('b2_copy_file', 'unknown destinationBucketId', 400, 'bad_bucket_id', b2('b2_copy_file', {'sourceFileId': up2['fileId'], 'fileName': 'c.txt', 'destinationBucketId': 'ffffffffffffffffffffffff'}))

    # large files
    expect('b2_start_large_file', 'unknown bucketId', 400, 'bad_bucket_id', b2('b2_start_large_file', {'bucketId': 'ffffffffffffffffffffffff', 'fileName': 'L', 'contentType': 'b2/x-auto'}))
    s, lf, _ = b2('b2_start_large_file', {'bucketId': a['bucketId'], 'fileName': 'L', 'contentType': 'b2/x-auto'})
    expect('b2_get_upload_part_url', 'unknown fileId', 400, 'bad_request', b2('b2_get_upload_part_url', {'fileId': gone}))
    expect('b2_get_upload_part_url', 'a finished file', 400, 'bad_request', b2('b2_get_upload_part_url', {'fileId': up2['fileId']}))
    s, pu, _ = b2('b2_get_upload_part_url', {'fileId': lf['fileId']})
    def part(n, data):
        req = urllib.request.Request(pu['uploadUrl'], data=data, method='POST')
        req.add_header('Authorization', pu['authorizationToken'])
        req.add_header('X-Bz-Part-Number', str(n))
        req.add_header('X-Bz-Content-Sha1', hashlib.sha1(data).hexdigest())
        return send(req)
    expect('b2_upload_part', 'part number 0', 400, 'bad_request', part(0, b'abc'))
    expect('b2_upload_part', 'part number 10001', 400, 'bad_request', part(10001, b'abc'))
    p1, p2, p3 = os.urandom(5_000_000), os.urandom(5_000_000), b'tail'
    part(1, p1); part(2, p2); part(4, p3)
    sha = [hashlib.sha1(p).hexdigest() for p in (p1, p2, p3)]
    expect('b2_finish_large_file', 'one entry', 400, 'bad_request', b2('b2_finish_large_file', {'fileId': lf['fileId'], 'partSha1Array': sha[:1]}))
    expect('b2_finish_large_file', 'part SHA-1 differs', 400, 'part_sha1_mismatch', b2('b2_finish_large_file', {'fileId': lf['fileId'], 'partSha1Array': [sha[0], '0' * 40]}))
    expect('b2_finish_large_file', 'a part missing', 400, 'missing_part', b2('b2_finish_large_file', {'fileId': lf['fileId'], 'partSha1Array': sha[:2] + [sha[2], sha[2]]}))
    expect('b2_finish_large_file', 'unknown fileId', 400, 'bad_request', b2('b2_finish_large_file', {'fileId': gone, 'partSha1Array': sha}))
    expect('b2_list_parts', 'unknown fileId', 400, 'bad_request', b2('b2_list_parts', {'fileId': gone}))
    expect('b2_list_parts', 'maxPartCount 1001', 400, 'bad_request', b2('b2_list_parts', {'fileId': lf['fileId'], 'maxPartCount': 1001}))
    expect('b2_copy_part', 'range past the end', 416, 'range_not_satisfiable', b2('b2_copy_part', {'sourceFileId': up2['fileId'], 'largeFileId': lf['fileId'], 'partNumber': 3, 'range': 'bytes=10-20'}))
    expect('b2_copy_part', 'unknown largeFileId', 400, 'bad_request', b2('b2_copy_part', {'sourceFileId': up2['fileId'], 'largeFileId': gone, 'partNumber': 3}))
    expect('b2_list_unfinished_large_files', 'unknown bucketId', 400, 'bad_bucket_id', b2('b2_list_unfinished_large_files', {'bucketId': 'ffffffffffffffffffffffff'}))
    expect('b2_cancel_large_file', 'unknown fileId', 400, 'bad_request', b2('b2_cancel_large_file', {'fileId': gone}))
    b2('b2_cancel_large_file', {'fileId': lf['fileId']})
    expect('b2_cancel_large_file', 'already cancelled', 400, 'bad_request', b2('b2_cancel_large_file', {'fileId': lf['fileId']}))

    expect('b2_get_download_authorization', 'validDurationInSeconds 604801', 400, 'bad_request', b2('b2_get_download_authorization', {'bucketId': a['bucketId'], 'fileNamePrefix': '', 'validDurationInSeconds': 604801}))
    s, da, _ = b2('b2_get_download_authorization', {'bucketId': a['bucketId'], 'fileNamePrefix': 'g', 'validDurationInSeconds': 60})
    req = urllib.request.Request(f"{dl}/file/{a['bucketName']}/empty.txt", headers={'Authorization': da['authorizationToken']})
    expect('b2_download_file_by_name', 'download authorization for another prefix', 401, 'unauthorized', send(req))
    req = urllib.request.Request(f"{dl}/b2api/v2/b2_download_file_by_id?fileId={up2['fileId']}", headers={'Authorization': da['authorizationToken']})
    expect('b2_download_file_by_id', 'download authorization token', 401, 'unauthorized', send(req))

    # methods and ifRevisionIs
    req = urllib.request.Request(f'{api}/b2api/v2/b2_list_buckets', data=b'{}', method='PUT', headers={'Authorization': tok})
    expect('(any call)', 'PUT', 405, 'method_not_allowed', send(req))
    expect('b2_update_bucket', 'ifRevisionIs not a number', 400, 'bad_json', b2('b2_update_bucket', {'accountId': acct, 'bucketId': a['bucketId'], 'ifRevisionIs': 'x'}))

    # Object Lock
    expect('b2_update_file_retention', 'bucket without file lock', 400, 'bucket_missing_file_lock', b2('b2_update_file_retention', {'fileName': 'g.txt', 'fileId': up2['fileId'], 'fileRetention': {'mode': 'governance', 'retainUntilTimestamp': 4102444800000}}))
    expect('b2_update_file_legal_hold', 'bucket without file lock', 400, 'bucket_missing_file_lock', b2('b2_update_file_legal_hold', {'fileName': 'g.txt', 'fileId': up2['fileId'], 'legalHold': 'on'}))
    s, lb, _ = b2('b2_create_bucket', {'accountId': acct, 'bucketName': f'probe-{run}-lock', 'bucketType': 'allPrivate', 'fileLockEnabled': True})
    created_buckets.append(lb['bucketId'])
    s, held, _ = upload(lb['bucketId'], 'held.txt', b'held')
    b2('b2_update_file_legal_hold', {'fileName': 'held.txt', 'fileId': held['fileId'], 'legalHold': 'on'})
    expect('b2_delete_file_version', 'legal hold on', 403, 'access_denied', b2('b2_delete_file_version', {'fileName': 'held.txt', 'fileId': held['fileId']}))
    expect('b2_update_file_legal_hold', 'legalHold "maybe"', 400, 'bad_request', b2('b2_update_file_legal_hold', {'fileName': 'held.txt', 'fileId': held['fileId'], 'legalHold': 'maybe'}))
    b2('b2_update_file_legal_hold', {'fileName': 'held.txt', 'fileId': held['fileId'], 'legalHold': 'off'})
    expect('b2_update_bucket', 'fileLockEnabled false on a lock bucket', 400, 'file_lock_conflict', b2('b2_update_bucket', {'accountId': acct, 'bucketId': lb['bucketId'], 'fileLockEnabled': False}))

    # X-Bz-Test-Mode (B2 uploads docs): force_cap_exceeded
    cap = {'X-Bz-Test-Mode': 'force_cap_exceeded'}
    req = urllib.request.Request(f'{api}/b2api/v2/b2_list_buckets', data=json.dumps({'accountId': acct}).encode(), method='POST', headers={'Authorization': tok, **cap})
    expect('(test mode)', 'force_cap_exceeded on a JSON call', 403, 'transaction_cap_exceeded', send(req))
    s, u, _ = b2('b2_get_upload_url', {'bucketId': a['bucketId']})
    req = urllib.request.Request(u['uploadUrl'], data=b'x', method='POST', headers={'Authorization': u['authorizationToken'], 'X-Bz-File-Name': 'cap.txt', 'Content-Type': 'b2/x-auto', 'X-Bz-Content-Sha1': hashlib.sha1(b'x').hexdigest(), **cap})
    expect('(test mode)', 'force_cap_exceeded on an upload', 403, 'storage_cap_exceeded', send(req))
    expect('(test mode)', 'force_cap_exceeded on a download', 403, 'download_cap_exceeded', download(f"/file/{a['bucketName']}/g.txt", cap))

    # keys
    expect('b2_create_key', 'invalid keyName', 400, 'bad_request', b2('b2_create_key', {'accountId': acct, 'keyName': 'bad name!', 'capabilities': ['listFiles']}))
    expect('b2_create_key', 'unknown capability', 400, 'bad_request', b2('b2_create_key', {'accountId': acct, 'keyName': 'k', 'capabilities': ['flyToTheMoon']}))
    expect('b2_create_key', 'validDurationInSeconds 0', 400, 'bad_request', b2('b2_create_key', {'accountId': acct, 'keyName': 'k', 'capabilities': ['listFiles'], 'validDurationInSeconds': 0}))
    expect('b2_create_key', 'unknown bucketId', 400, 'bad_request', b2('b2_create_key', {'accountId': acct, 'keyName': 'k', 'capabilities': ['listFiles'], 'bucketId': 'ffffffffffffffffffffffff'}))
    expect('b2_delete_key', 'unknown applicationKeyId', 400, 'bad_request', b2('b2_delete_key', {'applicationKeyId': '000ffffffffffff0000000099'}))
    s, k, _ = b2('b2_create_key', {'accountId': acct, 'keyName': f'probe-{run}', 'capabilities': ['listBuckets'], 'bucketId': a['bucketId']})
    created_keys.append(k['applicationKeyId'])
    s, kauth, _ = authorize(k['applicationKeyId'], k['applicationKey'])
    ktok = kauth['authorizationToken']
    expect('(any call)', 'missing capability', 401, 'unauthorized', b2('b2_list_file_names', {'bucketId': a['bucketId']}, token=ktok))
    expect('b2_create_bucket', 'bucket-restricted key', 401, 'unauthorized', b2('b2_create_bucket', {'accountId': acct, 'bucketName': f'probe-{run}-r', 'bucketType': 'allPrivate'}, token=ktok))
    expect('b2_list_buckets', 'restricted key, no bucket named', 401, 'unauthorized', b2('b2_list_buckets', {'accountId': acct}, token=ktok))
    expect('b2_list_buckets', 'restricted key, unknown name', 401, 'unauthorized', b2('b2_list_buckets', {'accountId': acct, 'bucketName': f'probe-{run}-other'}, token=ktok))
    expect('b2_get_upload_url', 'key without writeFiles', 401, 'unauthorized', b2('b2_get_upload_url', {'bucketId': a['bucketId']}, token=ktok))
    b2('b2_delete_key', {'applicationKeyId': k['applicationKeyId']})
    created_keys.clear()
    expect('(any call)', 'token of a deleted key', 401, 'bad_auth_token', b2('b2_list_buckets', {'accountId': acct, 'bucketId': a['bucketId']}, token=ktok))
    expect('b2_authorize_account', 'deleted key', 401, 'unauthorized', authorize(k['applicationKeyId'], k['applicationKey']))
finally:
    for kid in created_keys:
        b2('b2_delete_key', {'applicationKeyId': kid})
    for bid in created_buckets:
        s, listing, _ = b2('b2_list_file_versions', {'bucketId': bid, 'maxFileCount': 1000})
        for f in listing.get('files', []) if isinstance(listing, dict) else []:
            b2('b2_delete_file_version', {'fileName': f['fileName'], 'fileId': f['fileId']})
        s, lfs, _ = b2('b2_list_unfinished_large_files', {'bucketId': bid})
        for f in lfs.get('files', []) if isinstance(lfs, dict) else []:
            b2('b2_cancel_large_file', {'fileId': f['fileId']})
        b2('b2_delete_bucket', {'accountId': acct, 'bucketId': bid})

differences = 0
for endpoint, case, (es, ec), (gs, gc, gm) in rows:
    ok = es == gs and (ec is None or ec == gc)
    differences += 0 if ok else 1
    mark = 'ok  ' if ok else 'DIFF'
    want = f'{es} {ec or ""}'.strip()
    print(f'{mark} {endpoint:32} {case:36} want {want:38} got {gs} {gc or ""}: {gm or ""}')
print(f'{len(rows)} cases, {differences} differ')
sys.exit(1 if check and differences else 0)
