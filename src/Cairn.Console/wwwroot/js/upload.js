// Uploads: small files by b2_upload_file; large files in parallel parts (b2_start_large_file, b2_get_upload_part_url,
// b2_upload_part, b2_finish_large_file) that can be paused, resumed and retried part by part.
import { h, bytes, describe, announce } from "./dom.js";
import { sha1Hex } from "./sha1.js";

const PARALLEL_PARTS = 4;
const PART_ATTEMPTS = 3;
const list = h("ul", { class: "uploads", "aria-label": "Uploads" });
const queue = [];
let running = 0;

/** The list of uploads: one element kept across views, so uploads go on while you browse. */
export function uploadList() { return list; }

export function enqueue(b2, bucketId, fileName, file, onDone) {
  const upload = new Upload(b2, bucketId, fileName, file, onDone);
  list.prepend(upload.el);
  queue.push(upload);
  pump();
  return upload;
}

function pump() {
  while (running < 2 && queue.length) {
    const next = queue.shift();
    running++;
    next.run().finally(() => { running--; pump(); });
  }
}

class Upload {
  constructor(b2, bucketId, fileName, file, onDone) {
    Object.assign(this, { b2, bucketId, fileName, file, onDone });
    this.large = file.size > b2.session.recommendedPartSize;
    this.partSize = b2.session.recommendedPartSize;
    this.loaded = new Map();
    this.progress = h("progress", { max: file.size || 1, value: 0, "aria-label": `Progress of ${fileName}` });
    this.status = h("span", { class: "muted upload-status" }, "Waiting");
    this.buttons = h("span", { class: "upload-actions" });
    this.el = h("li", { dataset: { name: fileName } },
      h("span", {}, h("strong", {}, fileName), " ", h("span", { class: "muted" }, bytes(file.size))),
      this.buttons, this.progress, this.status);
  }

  set(state, text) {
    this.state = state;
    this.el.dataset.state = state;
    this.status.textContent = text;
    this.buttons.replaceChildren();
    const button = (label, action) => h("button", { type: "button", "aria-label": `${label} ${this.fileName}`, onclick: action }, label);
    if (this.large && state === "uploading") this.buttons.append(button("Pause", () => this.pause()));
    if (state === "paused") this.buttons.append(button("Resume", () => this.resume()));
    if (state === "failed") this.buttons.append(button("Retry", () => this.resume()));
    if (this.large && (state === "paused" || state === "failed") && this.fileId) this.buttons.append(" ", button("Cancel", () => this.cancel()));
  }

  update() {
    let sum = 0;
    for (const v of this.loaded.values()) sum += v;
    this.progress.value = Math.min(sum, this.file.size);
    if (this.state === "uploading") {
      const pct = this.file.size ? Math.floor((100 * sum) / this.file.size) : 100;
      this.status.textContent = this.large ? `Uploading ${pct}% (${this.partsDone()} of ${this.parts.length} parts)` : `Uploading ${pct}%`;
    }
  }

  partsDone() { return this.parts.filter((p) => p.sha1 && p.done).length; }

  async run() {
    this.set("uploading", "Uploading");
    try {
      if (this.large) await this.runLarge();
      else await this.runSmall();
    } catch (err) {
      if (this.state === "paused") return;
      this.set("failed", "Failed: " + describe(err));
      announce(`Upload of ${this.fileName} failed`);
    }
  }

  async runSmall() {
    this.controller = new AbortController();
    await this.b2.uploadFile(this.bucketId, this.fileName, this.file, {
      signal: this.controller.signal,
      onProgress: (n) => { this.loaded.set(0, n); this.update(); },
    });
    this.finish();
  }

  async runLarge() {
    if (!this.parts) {
      const count = Math.ceil(this.file.size / this.partSize);
      this.parts = Array.from({ length: count }, (_, i) => ({ number: i + 1, start: i * this.partSize, end: Math.min(this.file.size, (i + 1) * this.partSize) }));
      this.el.dataset.parts = String(count);
    }
    if (!this.fileId) {
      const started = await this.b2.call("b2_start_large_file", {
        bucketId: this.bucketId, fileName: this.fileName, contentType: this.file.type || "b2/x-auto",
        fileInfo: { src_last_modified_millis: String(this.file.lastModified ?? Date.now()) },
      });
      this.fileId = started.fileId;
    }
    this.controller = new AbortController();
    const signal = this.controller.signal;
    for (const p of this.parts) if (!p.done) p.failed = false;
    const pending = this.parts.filter((p) => !p.done);
    let failure = null;
    const worker = async () => {
      let target = null;
      while (pending.length && !signal.aborted && !failure) {
        const part = pending.shift();
        for (let attempt = 1; ; attempt++) {
          try {
            target ??= await this.b2.call("b2_get_upload_part_url", { fileId: this.fileId });
            const blob = this.file.slice(part.start, part.end);
            part.sha1 ??= await sha1Hex(await blob.arrayBuffer());
            await this.b2.uploadPart(target, part.number, blob, part.sha1, {
              signal, onProgress: (n) => { this.loaded.set(part.number, n); this.update(); },
            });
            part.done = true;
            this.update();
            break;
          } catch (err) {
            this.loaded.set(part.number, 0);
            target = null; // a failed upload URL is not reused
            if (signal.aborted) return;
            if (attempt >= PART_ATTEMPTS) {
              part.failed = true;
              failure = err;
              return;
            }
          }
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(PARALLEL_PARTS, pending.length || 1) }, worker));
    if (signal.aborted) return;
    if (failure) throw failure;
    await this.b2.call("b2_finish_large_file", { fileId: this.fileId, partSha1Array: this.parts.map((p) => p.sha1) });
    this.finish();
  }

  finish() {
    this.progress.value = this.progress.max;
    this.set("done", "Done");
    announce(`Uploaded ${this.fileName}`);
    this.onDone?.();
  }

  pause() {
    this.set("paused", `Paused (${this.partsDone()} of ${this.parts?.length ?? 1} parts uploaded)`);
    this.controller?.abort();
  }

  resume() {
    queue.push(this);
    this.set("uploading", "Waiting");
    pump();
  }

  async cancel() {
    try {
      await this.b2.call("b2_cancel_large_file", { fileId: this.fileId });
      this.set("cancelled", "Cancelled");
    } catch (err) {
      this.status.textContent = "Cancel failed: " + describe(err);
    }
  }
}
