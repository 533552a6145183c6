// Drives every method of the npm `backblaze-b2` library against Cairn and prints what it saw as JSON.
// Usage: node backblaze_b2.mjs <baseUrl> <keyId> <key> <bucketName>
import crypto from 'node:crypto';
import B2 from 'backblaze-b2';

const [baseUrl, keyId, key, bucketName] = process.argv.slice(2);
const sha1 = (data) => crypto.createHash('sha1').update(data).digest('hex');
const seen = {};
const b2 = new B2({ applicationKeyId: keyId, applicationKey: key, retry: { retries: 0 } });

// The library always signs in at api.backblazeb2.com; its documented axiosOverride points it here.
const auth = await b2.authorize({ axiosOverride: { url: `${baseUrl}/b2api/v2/b2_authorize_account` } });
seen.authorize = { apiUrl: auth.data.apiUrl, recommendedPartSize: auth.data.recommendedPartSize };

const created = await b2.createBucket({ bucketName, bucketType: 'allPrivate' });
const bucketId = created.data.bucketId;
seen.createBucket = created.data.bucketType;
seen.listBuckets = (await b2.listBuckets()).data.buckets.map((b) => b.bucketName);
seen.getBucket = (await b2.getBucket({ bucketName })).data.buckets.map((b) => b.bucketId);
seen.updateBucket = (await b2.updateBucket({ bucketId, bucketType: 'allPublic' })).data.bucketType;

const body = Buffer.from('hello from backblaze-b2 on npm');
const upload = (await b2.getUploadUrl({ bucketId })).data;
const uploaded = (await b2.uploadFile({
  uploadUrl: upload.uploadUrl, uploadAuthToken: upload.authorizationToken,
  fileName: 'npm/hello.txt', data: body, info: { author: 'npm' }, contentType: 'text/plain',
})).data;
seen.uploadFile = { fileName: uploaded.fileName, contentSha1: uploaded.contentSha1, expected: sha1(body), info: uploaded.fileInfo };

seen.listFileNames = (await b2.listFileNames({ bucketId, startFileName: '', maxFileCount: 100, prefix: 'npm/', delimiter: '' })).data.files.map((f) => f.fileName);
seen.getFileInfo = (await b2.getFileInfo({ fileId: uploaded.fileId })).data.contentLength;

const byName = await b2.downloadFileByName({ bucketName, fileName: 'npm/hello.txt', responseType: 'arraybuffer' });
seen.downloadFileByName = Buffer.from(byName.data).toString();
const byId = await b2.downloadFileById({ fileId: uploaded.fileId, responseType: 'arraybuffer' });
seen.downloadFileById = Buffer.from(byId.data).toString();
seen.getDownloadAuthorization = (await b2.getDownloadAuthorization({ bucketId, fileNamePrefix: 'npm/', validDurationInSeconds: 60 })).data.fileNamePrefix;

seen.hideFile = (await b2.hideFile({ bucketId, fileName: 'npm/hello.txt' })).data.action;
const versions = (await b2.listFileVersions({ bucketId, startFileName: '', maxFileCount: 100 })).data.files;
seen.listFileVersions = versions.map((f) => f.action);
for (const v of versions) {
  await b2.deleteFileVersion({ fileId: v.fileId, fileName: v.fileName });
}
seen.deleteFileVersion = (await b2.listFileVersions({ bucketId, startFileName: '', maxFileCount: 100 })).data.files.length;

// A large file: two parts, listParts called without a start (the library sends startPartNumber 0).
const partSize = auth.data.absoluteMinimumPartSize;
const part1 = crypto.randomBytes(partSize);
const part2 = crypto.randomBytes(1000);
const started = (await b2.startLargeFile({ bucketId, fileName: 'npm/large.bin' })).data;
const partUrl = (await b2.getUploadPartUrl({ fileId: started.fileId })).data;
for (const [number, data] of [[1, part1], [2, part2]]) {
  await b2.uploadPart({ partNumber: number, uploadUrl: partUrl.uploadUrl, uploadAuthToken: partUrl.authorizationToken, data });
}
seen.listParts = (await b2.listParts({ fileId: started.fileId })).data.parts.map((p) => p.partNumber);
const finished = (await b2.finishLargeFile({ fileId: started.fileId, partSha1Array: [sha1(part1), sha1(part2)] })).data;
seen.finishLargeFile = { action: finished.action, contentLength: finished.contentLength, expected: partSize + 1000 };
const large = await b2.downloadFileById({ fileId: finished.fileId, responseType: 'arraybuffer' });
seen.largeDownloadMatches = sha1(Buffer.from(large.data)) === sha1(Buffer.concat([part1, part2]));
await b2.deleteFileVersion({ fileId: finished.fileId, fileName: 'npm/large.bin' });

const abandoned = (await b2.startLargeFile({ bucketId, fileName: 'npm/abandoned.bin' })).data;
seen.cancelLargeFile = (await b2.cancelLargeFile({ fileId: abandoned.fileId })).data.fileName;

const newKey = (await b2.createKey({ capabilities: ['listFiles', 'readFiles'], keyName: 'npm-key', bucketId, namePrefix: 'npm/' })).data;
seen.createKey = { capabilities: newKey.capabilities, namePrefix: newKey.namePrefix };
seen.listKeys = (await b2.listKeys()).data.keys.some((k) => k.applicationKeyId === newKey.applicationKeyId);
seen.deleteKey = (await b2.deleteKey({ applicationKeyId: newKey.applicationKeyId })).data.keyName;

seen.deleteBucket = (await b2.deleteBucket({ bucketId })).data.bucketName;

// A wrong key: the library surfaces B2's 401 unauthorized.
try {
  await new B2({ applicationKeyId: keyId, applicationKey: 'wrong', retry: { retries: 0 } })
    .authorize({ axiosOverride: { url: `${baseUrl}/b2api/v2/b2_authorize_account` } });
  seen.wrongKey = 'accepted';
} catch (e) {
  seen.wrongKey = `${e.response?.status} ${e.response?.data?.code}`;
}

console.log(JSON.stringify(seen));
