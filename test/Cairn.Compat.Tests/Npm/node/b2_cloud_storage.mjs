// Drives the npm `b2-cloud-storage` library against Cairn — uploads small and large, its b2_copy_part copy path,
// listings, downloads, keys — and prints what it saw as JSON.
// Usage: node b2_cloud_storage.mjs <baseUrl> <keyId> <key> <bucketName> <workDir>
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import B2 from 'b2-cloud-storage';

const [baseUrl, keyId, key, bucketName, workDir] = process.argv.slice(2);
const sha1 = (data) => crypto.createHash('sha1').update(data).digest('hex');
const seen = {};

// The library signs in at api.backblazeb2.com whatever `url` says; send that one call here instead.
const request = B2.prototype.request;
B2.prototype.request = function (data, callback) {
  if (data.apiUrl === 'https://api.backblazeb2.com') {
    data.apiUrl = baseUrl;
  }
  return request.call(this, data, callback);
};

const b2 = new B2({ url: baseUrl, auth: { accountId: keyId, applicationKey: key }, maxSmallCopyFileSize: 5_000_000 });
let step = '';
const call = (method, ...args) => { step = method; return promisify(b2[method]).call(b2, ...args); };
// uploadFile and copyFile return helper objects; their callback carries the result.
const withCallback = (method, ...args) => new Promise((resolve, reject) => {
  step = method;
  b2[method](...args, (err, result) => (err ? reject(err) : resolve(result)));
});
for (const event of ['unhandledRejection', 'uncaughtException']) process.on(event, (e) => { console.error(`failed at ${step}: ${e?.message ?? e}`); process.exit(1); });

const auth = await call('authorize');
seen.authorize = { apiUrl: auth.apiUrl, recommendedPartSize: auth.recommendedPartSize };

const bucket = await call('createBucket', { bucketName, bucketType: 'allPrivate' });
const bucketId = bucket.bucketId;
seen.listBuckets = (await call('listBuckets', {})).buckets.map((b) => b.bucketName);
seen.updateBucket = (await call('updateBucket', { bucketId, bucketType: 'allPrivate', bucketInfo: { owner: 'npm' } })).bucketInfo;

// A small upload from a file (the library hashes it first) and a source of three recommended parts and a bit.
const smallPath = path.join(workDir, 'small.txt');
fs.writeFileSync(smallPath, 'hello from b2-cloud-storage');
const small = await withCallback('uploadFile', smallPath, { bucketId, fileName: 'cs/small.txt', contentType: 'text/plain' });
seen.uploadSmall = { fileName: small.fileName, contentSha1: small.contentSha1, expected: sha1(fs.readFileSync(smallPath)) };

const sourceBytes = crypto.randomBytes(auth.recommendedPartSize * 2 + 123_457);
const sourcePath = path.join(workDir, 'source.bin');
fs.writeFileSync(sourcePath, sourceBytes);
const source = await withCallback('uploadFile', sourcePath, { bucketId, fileName: 'cs/source.bin', contentType: 'application/octet-stream' });
seen.uploadSource = { contentLength: source.contentLength, expected: sourceBytes.length };

// Over maxSmallFileSize (100 MB, the library's smallest): b2_start_large_file, parts over several part URLs,
// b2_finish_large_file.
const bigBytes = crypto.randomBytes(100_000_001);
const bigPath = path.join(workDir, 'big.bin');
fs.writeFileSync(bigPath, bigBytes);
const big = await withCallback('uploadFile', bigPath, { bucketId, fileName: 'cs/big.bin', contentType: 'application/octet-stream' });
const bigInfo = await call('getFileInfo', big.fileId);
seen.uploadLarge = { contentLength: bigInfo.contentLength, largeFileSha1: bigInfo.fileInfo.large_file_sha1, expected: sha1(bigBytes) };
fs.rmSync(bigPath);

// Larger than maxSmallCopyFileSize: copied with b2_start_large_file, b2_copy_part per range (the last range ends at
// the source's length) and b2_finish_large_file.
const copy = await withCallback('copyFile', { sourceFileId: source.fileId, fileName: 'cs/copy.bin', size: sourceBytes.length,
  hash: sha1(sourceBytes), destinationBucketId: bucketId, contentType: 'application/octet-stream' });
seen.copyLarge = { action: copy.action, contentLength: copy.contentLength, expected: sourceBytes.length };
const copyInfo = await call('getFileInfo', copy.fileId);
seen.copyInfo = { largeFileSha1: copyInfo.fileInfo.large_file_sha1, expected: sha1(sourceBytes) };

// The library's downloads answer text; the copy's bytes are checked with a plain GET.
const copied = await fetch(`${auth.downloadUrl}/b2api/v2/b2_download_file_by_id?fileId=${copy.fileId}`,
  { headers: { Authorization: auth.authorizationToken } });
seen.copyDownloadMatches = sha1(Buffer.from(await copied.arrayBuffer())) === sha1(sourceBytes);
seen.downloadById = String(await call('downloadFileById', { fileId: small.fileId }));
seen.downloadByName = String(await call('downloadFileByName', { bucket: bucketName, fileName: 'cs/small.txt' }));

seen.listFileNames = (await call('listFileNames', { bucketId, prefix: 'cs/' })).files.map((f) => f.fileName);
seen.hideFile = (await call('hideFile', { bucketId, fileName: 'cs/small.txt' })).action;
const versions = (await call('listFileVersions', { bucketId })).files;
seen.listFileVersions = versions.length;
seen.getDownloadAuthorization = (await call('getDownloadAuthorization', { bucketId, fileNamePrefix: 'cs/', validDurationInSeconds: 60 })).fileNamePrefix;

const unfinished = await call('listUnfinishedLargeFiles', { bucketId });
seen.listUnfinishedLargeFiles = unfinished.files.length;

const newKey = await call('createKey', { capabilities: ['listFiles'], keyName: 'cs-key', bucketId, namePrefix: 'cs/' });
seen.listKeys = (await call('listKeys', {})).keys.some((k) => k.applicationKeyId === newKey.applicationKeyId);
seen.deleteKey = (await call('deleteKey', newKey.applicationKeyId)).keyName;

for (const v of versions) {
  await call('deleteFileVersion', { fileId: v.fileId, fileName: v.fileName });
}
seen.deleteBucket = (await call('deleteBucket', { bucketId })).bucketName;
console.log(JSON.stringify(seen));
