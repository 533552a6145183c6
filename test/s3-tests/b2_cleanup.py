"""A pytest plugin Cairn's run.sh loads into ceph/s3-tests: the suite's bucket cleanup, adapted to B2.

On AWS, DeleteBucket also discards a bucket's unfinished multipart uploads; on B2 (and so on Cairn) a bucket with
unfinished large files cannot be deleted, as b2_delete_bucket documents. The suite's nuke_bucket deletes every
version and then the bucket, so a test that leaves an upload open (test_multipart_upload_empty, for one) would make
every later test's setup and teardown fail. Before the suite empties a bucket, this aborts its open uploads; what the
tests themselves assert is untouched.
"""


def pytest_configure(config):
    import s3tests.functional as functional

    original = functional.nuke_bucket

    def nuke_bucket(client, bucket):
        try:
            for page in client.get_paginator("list_multipart_uploads").paginate(Bucket=bucket):
                for upload in page.get("Uploads", []):
                    client.abort_multipart_upload(Bucket=bucket, Key=upload["Key"], UploadId=upload["UploadId"])
        except Exception:  # the bucket is gone, or the key may not list uploads: the original cleanup reports it
            pass
        original(client, bucket)

    functional.nuke_bucket = nuke_bucket
