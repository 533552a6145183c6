// The public B2 Native API (v4), called from the page's own origin. The session keeps the authorization token,
// never the application key.
import { sha1Hex } from "./sha1.js";

const API = "/b2api/v4/";
const STORE = "cairn.session";

export class B2Error extends Error {
  constructor(status, code, message) {
    super(message || code || `HTTP ${status}`);
    this.status = status;
    this.code = code;
  }
}

/** Signs in with a key id and key; returns the session (token and what the key may do). */
export async function authorize(keyId, key) {
  let response;
  try {
    // B2 answers a wrong key with 401 and "WWW-Authenticate: BASIC", which would make the browser pop up its own
    // password prompt; a fetch that omits credentials never prompts (Fetch standard, HTTP-network-or-cache fetch).
    response = await fetch(API + "b2_authorize_account", {
      credentials: "omit",
      headers: { Authorization: "Basic " + btoa(unescape(encodeURIComponent(keyId + ":" + key))) },
    });
  } catch {
    throw new B2Error(0, "network", "Cannot reach the server.");
  }
  const body = await readJson(response);
  if (!response.ok) {
    if (response.status === 401) {
      throw new B2Error(401, body.code, "The key id or application key is wrong, or the key was deleted or has expired.");
    }
    throw new B2Error(response.status, body.code, body.message);
  }
  const api = body.apiInfo.storageApi;
  const session = {
    accountId: body.accountId,
    authorizationToken: body.authorizationToken,
    keyId,
    allowed: api.allowed,
    recommendedPartSize: api.recommendedPartSize,
    absoluteMinimumPartSize: api.absoluteMinimumPartSize,
    apiUrl: api.apiUrl,
    downloadUrl: api.downloadUrl,
    s3ApiUrl: api.s3ApiUrl,
    keyExpires: body.applicationKeyExpirationTimestamp,
  };
  sessionStorage.setItem(STORE, JSON.stringify(session));
  return session;
}

export function savedSession() {
  try {
    return JSON.parse(sessionStorage.getItem(STORE) || "null");
  } catch {
    return null;
  }
}

export function forget() {
  sessionStorage.removeItem(STORE);
}

async function readJson(response) {
  const text = await response.text();
  if (!text) return {};
  try {
    return JSON.parse(text);
  } catch {
    return { message: text };
  }
}

/** Only the path of an absolute URL the server hands out, so every call stays on this origin. */
export function samePath(url) {
  const u = new URL(url, location.href);
  return u.pathname + u.search;
}

export class B2 {
  constructor(session, onExpired) {
    this.session = session;
    this.onExpired = onExpired;
  }

  get accountId() { return this.session.accountId; }
  get allowed() { return this.session.allowed; }
  can(capability) { return this.session.allowed.capabilities.includes(capability); }

  async call(operation, body = {}) {
    let response;
    try {
      response = await fetch(API + operation, {
        method: "POST",
        headers: { Authorization: this.session.authorizationToken, "Content-Type": "application/json" },
        body: JSON.stringify(body),
      });
    } catch {
      throw new B2Error(0, "network", "Cannot reach the server.");
    }
    const json = await readJson(response);
    if (!response.ok) {
      const error = new B2Error(response.status, json.code, json.message);
      if (response.status === 401 && (json.code === "expired_auth_token" || json.code === "bad_auth_token")) {
        this.onExpired?.(error);
      }
      throw error;
    }
    return json;
  }

  /** Every bucket the key may see: one list for an unrestricted key, one call per allowed bucket otherwise. */
  async listBuckets() {
    const restricted = this.allowed.buckets;
    if (!restricted) {
      return (await this.call("b2_list_buckets", { accountId: this.accountId })).buckets;
    }
    const result = [];
    for (const b of restricted) {
      const list = await this.call("b2_list_buckets", { accountId: this.accountId, bucketId: b.id });
      result.push(...list.buckets);
    }
    return result;
  }

  async bucket(bucketId) {
    const list = await this.call("b2_list_buckets", { accountId: this.accountId, bucketId });
    if (!list.buckets.length) throw new B2Error(404, "not_found", "No such bucket, or this key may not see it.");
    return list.buckets[0];
  }

  /** One file by b2_upload_file, with upload progress (XMLHttpRequest reports it; fetch does not). */
  async uploadFile(bucketId, fileName, blob, { onProgress, signal } = {}) {
    const target = await this.call("b2_get_upload_url", { bucketId });
    const sha1 = await sha1Hex(await blob.arrayBuffer());
    return send(samePath(target.uploadUrl), {
      Authorization: target.authorizationToken,
      "X-Bz-File-Name": encodeName(fileName),
      "Content-Type": blob.type || "b2/x-auto",
      "X-Bz-Content-Sha1": sha1,
      "X-Bz-Info-src_last_modified_millis": String(blob.lastModified ?? Date.now()),
    }, blob, onProgress, signal);
  }

  /** One part of a large file to an upload part URL from b2_get_upload_part_url. */
  uploadPart(target, partNumber, blob, sha1, { onProgress, signal } = {}) {
    return send(samePath(target.uploadUrl), {
      Authorization: target.authorizationToken,
      "X-Bz-Part-Number": String(partNumber),
      "X-Bz-Content-Sha1": sha1,
    }, blob, onProgress, signal);
  }

  /** A file version's bytes, read with the token (b2_download_file_by_id). */
  async download(fileId) {
    let response;
    try {
      response = await fetch(API + "b2_download_file_by_id?fileId=" + encodeURIComponent(fileId), {
        headers: { Authorization: this.session.authorizationToken },
      });
    } catch {
      throw new B2Error(0, "network", "Cannot reach the server.");
    }
    if (!response.ok) {
      const json = await readJson(response);
      throw new B2Error(response.status, json.code, json.message);
    }
    return response.blob();
  }
}

/** B2 file names in headers are percent-encoded UTF-8, '/' kept. */
export function encodeName(name) {
  return encodeURIComponent(name).replace(/%2F/g, "/");
}

function send(url, headers, blob, onProgress, signal) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", url);
    for (const [k, v] of Object.entries(headers)) xhr.setRequestHeader(k, v);
    xhr.upload.onprogress = (e) => onProgress?.(e.loaded);
    xhr.onload = () => {
      let json = {};
      try { json = JSON.parse(xhr.responseText || "{}"); } catch { json = { message: xhr.responseText }; }
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress?.(blob.size);
        resolve(json);
      } else {
        reject(new B2Error(xhr.status, json.code, json.message));
      }
    };
    xhr.onerror = () => reject(new B2Error(0, "network", "The upload was interrupted."));
    xhr.onabort = () => reject(new B2Error(0, "aborted", "Paused."));
    if (signal) {
      if (signal.aborted) { reject(new B2Error(0, "aborted", "Paused.")); return; }
      signal.addEventListener("abort", () => xhr.abort(), { once: true });
    }
    xhr.send(blob);
  });
}
