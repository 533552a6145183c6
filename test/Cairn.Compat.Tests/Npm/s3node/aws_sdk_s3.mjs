// Drives @aws-sdk/client-s3 (and @aws-sdk/lib-storage's Upload) against Cairn's S3 API, path style, with the SDK's
// default checksums; prints what it saw as one JSON object. Arguments: endpoint, access key id, secret, bucket.
import { createHash } from "node:crypto";
import { Readable } from "node:stream";
import {
  S3Client, CreateBucketCommand, PutObjectCommand, GetObjectCommand, HeadObjectCommand, ListObjectsV2Command,
  DeleteObjectCommand, DeleteObjectsCommand, DeleteBucketCommand, ListObjectVersionsCommand,
} from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";

const [endpoint, accessKeyId, secretAccessKey, bucket] = process.argv.slice(2);
const s3 = new S3Client({ endpoint, region: "us-east-1", forcePathStyle: true, credentials: { accessKeyId, secretAccessKey }, maxAttempts: 1 });
const seen = {};

// Deterministic bytes produced as a stream, never held whole: size bytes in 64 KiB pieces.
function generated(size, seed) {
  let sent = 0;
  const hash = createHash("md5");
  const stream = new Readable({
    read() {
      if (sent >= size) { this.push(null); return; }
      const n = Math.min(65536, size - sent);
      const piece = Buffer.alloc(n);
      for (let i = 0; i < n; i++) piece[i] = (sent + i + seed) * 31 % 251;
      sent += n;
      hash.update(piece);
      this.push(piece);
    },
  });
  return { stream, md5: () => hash.digest("hex") };
}

async function md5Of(body) {
  const hash = createHash("md5");
  let length = 0;
  for await (const chunk of body) { hash.update(chunk); length += chunk.length; }
  return { md5: hash.digest("hex"), length };
}

await s3.send(new CreateBucketCommand({ Bucket: bucket }));
seen.createBucket = bucket;

const put = await s3.send(new PutObjectCommand({ Bucket: bucket, Key: "js/small.txt", Body: "hello from the AWS SDK for JavaScript", ContentType: "text/plain", Metadata: { author: "js" } }));
seen.putETag = put.ETag;

// A stream body with its length given: the SDK sends it without buffering (aws-chunked with a trailing checksum).
const streamed = generated(3 * 1024 * 1024 + 7, 1);
const putStream = await s3.send(new PutObjectCommand({ Bucket: bucket, Key: "js/streamed.bin", Body: streamed.stream, ContentLength: 3 * 1024 * 1024 + 7 }));
seen.streamed = { etag: putStream.ETag.replaceAll('"', ""), expected: streamed.md5() };

// lib-storage's Upload: a stream of unknown length in 5 MiB parts, 2 at a time (multipart).
const big = generated(12 * 1024 * 1024 + 3, 2);
const upload = new Upload({ client: s3, params: { Bucket: bucket, Key: "js/multipart.bin", Body: big.stream, ContentType: "application/octet-stream" }, partSize: 5 * 1024 * 1024, queueSize: 2 });
const uploaded = await upload.done();
seen.multipart = { etag: uploaded.ETag.replaceAll('"', ""), expected: big.md5() };

const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: "js/small.txt" }));
seen.head = { length: head.ContentLength, type: head.ContentType, author: head.Metadata.author };

const got = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: "js/small.txt" }));
seen.get = await got.Body.transformToString();
const gotBig = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: "js/multipart.bin" }));
seen.getMultipart = await md5Of(gotBig.Body);
const ranged = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: "js/small.txt", Range: "bytes=6-9" }));
seen.range = await ranged.Body.transformToString();

const listed = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: "js/" }));
seen.list = listed.Contents.map((o) => o.Key);

await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: "js/small.txt" }));
const versions = await s3.send(new ListObjectVersionsCommand({ Bucket: bucket, Prefix: "js/small.txt" }));
seen.deleteMarkers = (versions.DeleteMarkers ?? []).length;

const all = await s3.send(new ListObjectVersionsCommand({ Bucket: bucket }));
const objects = [...(all.Versions ?? []), ...(all.DeleteMarkers ?? [])].map((v) => ({ Key: v.Key, VersionId: v.VersionId }));
const deleted = await s3.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: objects } }));
seen.deleteObjects = { deleted: (deleted.Deleted ?? []).length, errors: (deleted.Errors ?? []).length };

await s3.send(new DeleteBucketCommand({ Bucket: bucket }));
seen.deleteBucket = bucket;

console.log(JSON.stringify(seen));
