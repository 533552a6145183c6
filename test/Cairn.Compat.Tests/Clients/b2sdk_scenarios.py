"""b2sdk 1.17.3 scenarios against a Cairn server, one per invocation.

Usage: /usr/bin/python3 b2sdk_scenarios.py <scenario> <workdir>
Environment: CAIRN_URL, CAIRN_KEY_ID, CAIRN_KEY, CAIRN_BUCKET.

Each scenario authorizes with the realm set to CAIRN_URL (b2sdk treats an
unknown realm as a URL), reads its inputs from <workdir> (written by the C#
test), writes downloads back into <workdir>, and prints one JSON document on
stdout that the test asserts on. Any exception exits non-zero with a traceback.
"""
import hashlib
import io
import json
import os
import sys
import threading

from b2sdk.v2 import B2Api, InMemoryAccountInfo


def connect(**options):
    api = B2Api(InMemoryAccountInfo(), **options)
    api.authorize_account(os.environ['CAIRN_URL'], os.environ['CAIRN_KEY_ID'], os.environ['CAIRN_KEY'])
    return api


def version(v):
    return {
        'id': v.id_,
        'name': v.file_name,
        'size': v.size,
        'action': v.action,
        'contentType': v.content_type,
        'contentSha1': v.content_sha1,
        'fileInfo': v.file_info,
        'uploadTimestamp': v.upload_timestamp,
    }


def listing(entries):
    return [{'name': folder or v.file_name, 'folder': folder is not None,
             'action': None if folder else v.action, 'id': None if folder else v.id_}
            for v, folder in entries]


def save(downloaded, path):
    downloaded.save_to(path)
    dv = downloaded.download_version
    return {'id': dv.id_, 'name': dv.file_name, 'size': dv.size, 'contentLength': dv.content_length,
            'contentSha1': dv.content_sha1, 'contentType': dv.content_type, 'fileInfo': dv.file_info,
            'range': [dv.range_.start, dv.range_.end] if dv.range_ else None}


def upload_and_download(api, work):
    bucket = api.create_bucket(os.environ['CAIRN_BUCKET'], 'allPrivate')
    with open(os.path.join(work, 'input.bin'), 'rb') as f:
        data = f.read()
    by_bytes = bucket.upload_bytes(data, 'bytes/hello wörld+1.bin', file_infos={'color': 'blue'})
    by_file = bucket.upload_local_file(os.path.join(work, 'input.bin'), 'local/日本 file #1.bin',
                                       content_type='application/octet-stream')
    size = len(data)
    return {
        'bucketId': bucket.id_,
        'uploadBytes': version(by_bytes),
        'uploadLocalFile': version(by_file),
        'byName': save(bucket.download_file_by_name(by_bytes.file_name), os.path.join(work, 'by_name.bin')),
        'byId': save(bucket.download_file_by_id(by_file.id_), os.path.join(work, 'by_id.bin')),
        'rangeByName': save(bucket.download_file_by_name(by_bytes.file_name, range_=(10, 1033)),
                            os.path.join(work, 'range_by_name.bin')),
        'rangeById': save(bucket.download_file_by_id(by_file.id_, range_=(size - 100, size - 1)),
                          os.path.join(work, 'range_by_id.bin')),
    }


def file_info(api, work):
    bucket = api.create_bucket(os.environ['CAIRN_BUCKET'], 'allPrivate')
    uploaded = bucket.upload_local_file(os.path.join(work, 'input.txt'), 'docs/readme.txt',
                                        content_type='text/plain', file_infos={'author': 'cairn', 'src_last_modified_millis': '1600000000123'})
    return {
        'uploaded': version(uploaded),
        'byId': version(bucket.get_file_info_by_id(uploaded.id_)),
        'byName': {'id': (d := bucket.get_file_info_by_name('docs/readme.txt')).id_, 'name': d.file_name,
                   'size': d.size, 'contentSha1': d.content_sha1, 'contentType': d.content_type,
                   'fileInfo': d.file_info},
    }


def ls_folders(api, work):
    bucket = api.create_bucket(os.environ['CAIRN_BUCKET'], 'allPrivate')
    for name in ['top.txt', 'dir/a.txt', 'dir/b.txt', 'dir/sub/c.txt', 'dir/sub/deeper/d.txt', 'other/e.txt', 'zz.txt']:
        bucket.upload_bytes(name.encode(), name)
    return {
        'root': listing(bucket.ls('', recursive=False)),
        'dir': listing(bucket.ls('dir', recursive=False)),
        'dirSlash': listing(bucket.ls('dir/', recursive=False)),
        'recursive': listing(bucket.ls('', recursive=True)),
    }


def versions(api, work):
    bucket = api.create_bucket(os.environ['CAIRN_BUCKET'], 'allPrivate')
    old = bucket.upload_bytes(b'version one', 'v.txt')
    new = bucket.upload_bytes(b'version two, longer', 'v.txt')
    hidden_source = bucket.upload_bytes(b'soon hidden', 'w.txt')
    before = [version(v) for v in bucket.list_file_versions('v.txt')]
    hide = bucket.hide_file('w.txt')
    latest = listing(bucket.ls('', latest_only=True, recursive=True))
    all_versions = listing(bucket.ls('', latest_only=False, recursive=True))
    deleted = bucket.delete_file_version(old.id_, 'v.txt')
    after = [version(v) for v in bucket.list_file_versions('v.txt')]
    current = save(bucket.download_file_by_name('v.txt'), os.path.join(work, 'v.txt'))
    return {
        'old': version(old), 'new': version(new), 'hiddenSource': version(hidden_source),
        'versionsBefore': before, 'hide': version(hide), 'latest': latest, 'allVersions': all_versions,
        'deleted': deleted.as_dict(), 'versionsAfter': after, 'current': current,
        'wVersions': [version(v) for v in bucket.list_file_versions('w.txt')],
    }


def object_lock(api, work):
    """Retention and legal hold through b2sdk: set at upload and later, and deletes refused while they hold."""
    import time
    from b2sdk.v2 import FileRetentionSetting, LegalHold, RetentionMode
    from b2sdk.exception import AccessDenied
    bucket = api.create_bucket(os.environ['CAIRN_BUCKET'], 'allPrivate', is_file_lock_enabled=True)
    until = int(time.time() * 1000) + 86_400_000
    held = bucket.upload_bytes(b'held', 'held.txt',
                               file_retention=FileRetentionSetting(RetentionMode.GOVERNANCE, until),
                               legal_hold=LegalHold.ON)
    info = api.get_file_info(held.id_)
    refused = []
    try:
        api.delete_file_version(held.id_, 'held.txt')
    except Exception as e:  # b2sdk maps 403 access_denied to its own exception class
        refused.append(type(e).__name__)
    api.update_file_legal_hold(held.id_, 'held.txt', LegalHold.OFF)
    try:
        api.delete_file_version(held.id_, 'held.txt')
    except Exception as e:
        refused.append(type(e).__name__)
    plain = bucket.upload_bytes(b'plain', 'plain.txt')
    api.update_file_retention(plain.id_, 'plain.txt', FileRetentionSetting(RetentionMode.COMPLIANCE, until))
    plain_info = api.get_file_info(plain.id_)
    return {
        'retentionMode': info.file_retention.mode.value,
        'retainUntil': info.file_retention.retain_until,
        'legalHold': info.legal_hold.value,
        'refused': refused,
        'plainRetentionMode': plain_info.file_retention.mode.value,
        'lockEnabled': api.get_bucket_by_name(os.environ['CAIRN_BUCKET']).is_file_lock_enabled,
    }


def scoped_key(api, work):
    """What a read-only key for CAIRN_BUCKET's reports/ may do: each action 'ok' with its result or 'refused'.

    The test made CAIRN_BUCKET (with reports/q1.txt, reports/q2.txt, private/salary.txt) and 'other-data'.
    """
    out = {}

    def attempt(name, action):
        try:
            out[name] = ['ok', action()]
        except Exception as e:
            out[name] = ['refused', type(e).__name__, str(e)[:200]]
    bucket = api.get_bucket_by_name(os.environ['CAIRN_BUCKET'])

    def read(name):
        data = io.BytesIO()
        bucket.download_file_by_name(name).save(data)
        return data.getvalue().decode()
    attempt('read_inside', lambda: read('reports/q2.txt'))
    attempt('list_inside', lambda: sorted(v.file_name for v, _ in bucket.ls('reports', recursive=True)))
    attempt('read_outside', lambda: read('private/salary.txt'))
    attempt('list_outside', lambda: [v.file_name for v, _ in bucket.ls('', recursive=True)])
    attempt('write_inside', lambda: bucket.upload_bytes(b'x', 'reports/new.txt').id_)
    attempt('other_bucket', lambda: api.get_bucket_by_name('other-data').name)
    return out


def uploads_through_faults(api, work):
    """Twenty uploads while the server injects faults; b2sdk's retries must carry them. Returns name -> sha1."""
    bucket = api.create_bucket(os.environ['CAIRN_BUCKET'], 'allPrivate')
    uploaded = {}
    for i in range(20):
        data = ('payload %d' % i).encode() * 10
        version = bucket.upload_bytes(data, 'sdk/f%02d.bin' % i)
        uploaded[version.file_name] = hashlib.sha1(data).hexdigest()
    return uploaded


def large_file(api, work):
    """<workdir>/big.bin as a large file with parallel parts, ranged downloads across part boundaries, and
    server-side copies of a small and a large file. Asserts as it goes; progress goes to stderr.

    The server must advertise 5 MB parts. b2sdk 1.17.3 cannot fall back from a refused whole-file copy to parts
    (its interpret_b2_error calls CopySourceTooBig with too few arguments), so the large copy passes length, which
    plans b2_copy_part calls: b2sdk's documented way to copy a large file.
    """
    path = os.path.join(work, 'big.bin')
    with open(path, 'rb') as f:
        data = f.read()
    assert api.account_info.get_recommended_part_size() == 5000000, api.account_info.get_recommended_part_size()
    bucket = api.create_bucket(os.environ['CAIRN_BUCKET'], 'allPrivate')

    # Count the threads that send parts at the same time.
    from b2sdk.raw_api import B2RawHTTPApi
    active, peak, lock = [0], [0], threading.Lock()
    original = B2RawHTTPApi.upload_part

    def counting(self, *args, **kwargs):
        with lock:
            active[0] += 1
            peak[0] = max(peak[0], active[0])
        try:
            return original(self, *args, **kwargs)
        finally:
            with lock:
                active[0] -= 1
    B2RawHTTPApi.upload_part = counting

    big = bucket.upload_local_file(path, 'big.bin')
    print('uploaded', big.id_, big.size, 'peak parallel parts', peak[0], file=sys.stderr)
    assert big.size == len(data)
    assert '_f2' in big.id_, 'not a large file: ' + big.id_
    assert peak[0] >= 2, 'parts were not uploaded in parallel'

    def download(file_id, range_=None):
        out = io.BytesIO()
        bucket.download_file_by_id(file_id, range_=range_).save(out)
        return out.getvalue()

    assert download(big.id_) == data
    for first, last in [(0, 99), (4999990, 5000009), (4000000, 10000100), (9999999, 10000000), (len(data) - 10, len(data) - 1)]:
        got = download(big.id_, (first, last))
        assert got == data[first:last + 1], (first, last, len(got))
    print('ranges ok', file=sys.stderr)

    small = bucket.upload_bytes(b'small file contents', 'small.txt')
    small_copy = bucket.copy(small.id_, 'small-copy.txt')
    assert download(small_copy.id_) == b'small file contents'
    print('small copy', small_copy.id_, file=sys.stderr)

    large_copy = bucket.copy(big.id_, 'big-copy.bin', length=big.size, max_part_size=6000000)
    print('large copy', large_copy.id_, file=sys.stderr)
    assert '_f2' in large_copy.id_, 'expected a copy made of parts: ' + large_copy.id_
    assert download(large_copy.id_) == data
    ranged = bucket.copy(big.id_, 'big-range.bin', offset=4000000, length=2000000)
    assert download(ranged.id_) == data[4000000:6000000]
    return {'result': 'OK', 'bigId': big.id_, 'peakParallelParts': peak[0], 'largeCopyId': large_copy.id_}


def sse(api, work):
    """Server-side encryption: bucket default SSE-B2 set and read back, SSE-B2 and SSE-C uploads and downloads
    (whole and ranged, by id and by name), SSECKeyError for a missing or wrong key, an SSE-C large file split into
    parts, and copies between modes, from <workdir>/small.bin and <workdir>/large.bin. Asserts as it goes; progress
    goes to stderr. The server must advertise 5 MB parts.
    """
    from b2sdk.v2 import EncryptionSetting, EncryptionKey, EncryptionMode, EncryptionAlgorithm
    from b2sdk.v2 import SSE_B2_AES, SSE_NONE
    from b2sdk.exception import SSECKeyError
    bucket_name = os.environ['CAIRN_BUCKET']

    bucket = api.create_bucket(bucket_name, 'allPrivate', default_server_side_encryption=SSE_B2_AES)
    assert bucket.default_server_side_encryption.mode == EncryptionMode.SSE_B2, bucket.default_server_side_encryption
    assert api.get_bucket_by_name(bucket_name).default_server_side_encryption == SSE_B2_AES
    print('bucket default SSE-B2', file=sys.stderr)

    def download(file_id, encryption=None, range_=None, name=None):
        out = io.BytesIO()
        if name is None:
            bucket.download_file_by_id(file_id, range_=range_, encryption=encryption).save(out)
        else:
            bucket.download_file_by_name(name, range_=range_, encryption=encryption).save(out)
        return out.getvalue()

    with open(os.path.join(work, 'small.bin'), 'rb') as f:
        small = f.read()
    by_default = bucket.upload_bytes(small, 'default.bin')
    assert by_default.server_side_encryption.mode == EncryptionMode.SSE_B2, by_default.server_side_encryption
    assert download(by_default.id_) == small
    assert download(by_default.id_, range_=(1000, 2999)) == small[1000:3000]
    print('SSE-B2 by default ok', file=sys.stderr)

    bucket = bucket.update(default_server_side_encryption=SSE_NONE)
    assert bucket.default_server_side_encryption.mode == EncryptionMode.NONE, bucket.default_server_side_encryption
    plain = bucket.upload_bytes(small, 'plain.bin')
    assert plain.server_side_encryption.mode == EncryptionMode.NONE, plain.server_side_encryption
    explicit = bucket.upload_bytes(small, 'explicit-b2.bin', encryption=SSE_B2_AES)
    assert explicit.server_side_encryption.mode == EncryptionMode.SSE_B2
    assert download(explicit.id_, encryption=SSE_B2_AES, range_=(5, 15)) == small[5:16]
    print('SSE-B2 explicit ok', file=sys.stderr)

    sse_c = EncryptionSetting(EncryptionMode.SSE_C, EncryptionAlgorithm.AES256, EncryptionKey(secret=os.urandom(32), key_id='cairn-test-key'))
    wrong = EncryptionSetting(EncryptionMode.SSE_C, EncryptionAlgorithm.AES256, EncryptionKey(secret=os.urandom(32), key_id='wrong'))
    c = bucket.upload_bytes(small, 'c.bin', encryption=sse_c)
    assert c.server_side_encryption.mode == EncryptionMode.SSE_C, c.server_side_encryption
    info = api.get_file_info(c.id_)
    assert info.server_side_encryption.mode == EncryptionMode.SSE_C
    assert info.server_side_encryption.key.key_id == 'cairn-test-key', info.server_side_encryption
    assert download(c.id_, encryption=sse_c) == small
    assert download(None, encryption=sse_c, range_=(100, 1099), name='c.bin') == small[100:1100]
    for bad in [None, wrong]:
        try:
            download(c.id_, encryption=bad)
            raise AssertionError('downloaded an SSE-C file with key %r' % (bad,))
        except SSECKeyError:
            pass
    print('SSE-C small ok', file=sys.stderr)

    with open(os.path.join(work, 'large.bin'), 'rb') as f:
        large = f.read()
    big = bucket.upload_bytes(large, 'big-c.bin', encryption=sse_c)
    assert '_f2' in big.id_, 'not a large file: ' + big.id_
    assert big.server_side_encryption.mode == EncryptionMode.SSE_C
    assert download(big.id_, encryption=sse_c) == large
    assert download(big.id_, encryption=sse_c, range_=(4999990, 10000009)) == large[4999990:10000010]
    print('SSE-C large ok', file=sys.stderr)

    copy = bucket.copy(c.id_, 'c-to-b2.bin', source_encryption=sse_c, destination_encryption=SSE_B2_AES,
                       source_file_info=info.file_info, source_content_type=info.content_type)
    assert copy.server_side_encryption.mode == EncryptionMode.SSE_B2, copy.server_side_encryption
    assert download(copy.id_) == small
    # b2sdk itself insists on the source's info and type when the sse_c_key_id changes (it then uses REPLACE).
    copy2 = bucket.copy(plain.id_, 'plain-to-c.bin', destination_encryption=sse_c,
                        source_file_info=plain.file_info, source_content_type=plain.content_type)
    assert copy2.server_side_encryption.mode == EncryptionMode.SSE_C
    assert api.get_file_info(copy2.id_).file_info.get('sse_c_key_id') == 'cairn-test-key'
    assert download(copy2.id_, encryption=sse_c) == small
    print('copies ok', file=sys.stderr)
    return {'result': 'OK'}


SCENARIOS = {f.__name__: f for f in [upload_and_download, file_info, ls_folders, versions, object_lock,
                                     scoped_key, uploads_through_faults, large_file, sse]}

# B2Api options a scenario needs beyond the defaults.
API_OPTIONS = {'large_file': {'max_upload_workers': 4, 'max_copy_workers': 4}, 'sse': {'max_upload_workers': 3}}

if __name__ == '__main__':
    scenario, work = sys.argv[1], sys.argv[2]
    result = SCENARIOS[scenario](connect(**API_OPTIONS.get(scenario, {})), work)
    json.dump(result, sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write('\n')
