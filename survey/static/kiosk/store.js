// The kiosk's memory: device token, cached bundle, and the IndexedDB queue of
// finished responses, sent to the server with exponential backoff.
//
// Exactly once: every response carries a client UUID; it leaves the queue only
// when the server answered 200 (duplicate) or 201 (stored). A reply lost on the
// way means a retry, which the server recognises by the UUID.

const TOKEN = "kiosk.token";
const BUNDLE = "kiosk.bundle";
const DB_NAME = "kiosk";
const QUEUE = "queue";
const REJECTED = "rejected";
const FIRST_DELAY = 1000;
const MAX_DELAY = 5 * 60 * 1000;
const REQUEST_TIMEOUT = 20 * 1000; // a hanging request must not stall the queue

export const token = () => localStorage.getItem(TOKEN);

export function cachedBundle() {
  try {
    return JSON.parse(localStorage.getItem(BUNDLE));
  } catch {
    return null;
  }
}

export function keepBundle(bundle) {
  localStorage.setItem(BUNDLE, JSON.stringify(bundle));
}

export function newId() {
  if (crypto.randomUUID) return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, "0")).join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

let dbPromise = null;

function db() {
  dbPromise ??= new Promise((resolve, reject) => {
    const req = indexedDB.open(DB_NAME, 1);
    req.onupgradeneeded = () => {
      req.result.createObjectStore(QUEUE, { keyPath: "seq", autoIncrement: true });
      req.result.createObjectStore(REJECTED, { keyPath: "seq", autoIncrement: true });
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
  return dbPromise;
}

async function run(store, mode, action) {
  const conn = await db();
  return new Promise((resolve, reject) => {
    const tx = conn.transaction(store, mode);
    const req = action(tx.objectStore(store));
    tx.oncomplete = () => resolve(req.result);
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error);
  });
}

export const enqueue = (body) => run(QUEUE, "readwrite", (s) => s.add({ body }));
export const queued = () => run(QUEUE, "readonly", (s) => s.getAll());
export const queueLength = () => run(QUEUE, "readonly", (s) => s.count());
export const rejectedCount = () => run(REJECTED, "readonly", (s) => s.count());
const remove = (seq) => run(QUEUE, "readwrite", (s) => s.delete(seq));

async function reject(item, reason) {
  await run(REJECTED, "readwrite", (s) => s.add({ body: item.body, reason }));
  await remove(item.seq);
}

function headers(json) {
  const h = { Authorization: `Bearer ${token()}` };
  if (json) h["Content-Type"] = "application/json";
  return h;
}

export async function api(base, path, body) {
  return fetch(`${base}/${path}`, {
    method: body === undefined ? "GET" : "POST",
    headers: headers(body !== undefined),
    body: body === undefined ? undefined : JSON.stringify(body),
    cache: "no-store",
    credentials: "omit",
    signal: AbortSignal.timeout?.(REQUEST_TIMEOUT),
  });
}

// Sends the queue whenever possible. `onUnpaired` is called on 401/403.
export class Sender {
  constructor(base, { onUnpaired, onChange }) {
    this.base = base;
    this.onUnpaired = onUnpaired;
    this.onChange = onChange;
    this.delay = FIRST_DELAY;
    this.timer = null;
    this.running = false;
    this.again = false;
    this.lastSync = null;
    addEventListener("online", () => this.now());
  }

  now() {
    this.delay = FIRST_DELAY;
    clearTimeout(this.timer);
    this.flush();
  }

  later() {
    clearTimeout(this.timer);
    const wait = this.delay * (0.75 + Math.random() / 2);
    this.delay = Math.min(this.delay * 2, MAX_DELAY);
    this.timer = setTimeout(() => this.flush(), wait);
  }

  async flush() {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    try {
      let retry = false;
      for (const item of await queued()) {
        const status = await this.send(item);
        if (status === "unpaired") return this.onUnpaired();
        if (status === "retry") {
          retry = true;
          break;
        }
      }
      if (retry) this.later();
      else this.delay = FIRST_DELAY;
    } finally {
      this.running = false;
      this.onChange?.();
      if (this.again) {
        this.again = false;
        this.flush();
      }
    }
  }

  async send(item) {
    let res;
    try {
      res = await api(this.base, "responses", item.body);
    } catch {
      return "retry";
    }
    if (res.status === 200 || res.status === 201) {
      await remove(item.seq);
      this.lastSync = new Date();
      return "sent";
    }
    if (res.status === 401 || res.status === 403) return "unpaired";
    if (res.status === 400 || res.status === 413) {
      // Never deliverable (a bug, not the network): kept aside, not retried forever.
      await reject(item, res.status);
      return "rejected";
    }
    return "retry";
  }
}
