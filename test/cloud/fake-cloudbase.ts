/**
 * A FAKE of the CloudBase (WeChat 云开发) HTTP service, for the cloud tier: the REAL wx-server-sdk 4.0.2
 * (through @cloudbase/node-sdk and @cloudbase/database 1.4.3) is pointed at it with
 * `TCB_CONTEXT_CNFG={"URL":"http://127.0.0.1:PORT/admin"}` and talks to it exactly as to the cloud.
 *
 * Wire protocol, read from the SDK source and checked by logging what arrives (see `requests`):
 * - every call is a POST to /admin?env=…&seqId=…; database and storage calls carry a JSON body
 *   `{ action: 'database.getDocument' | …, envName, … }`, answers are JSON: success `{ data, requestId }`,
 *   failure `{ code, message, requestId }` (the node-sdk turns a `code` into a thrown TcbError).
 * - database bodies are EJSON (canonical, `relaxed: false`) strings: `query` (`{_id}` for a document,
 *   the where-filter for a query, `$in` as `{"$in":[…]}`), `order` (`{field: 1 | -1, …}` in call order), `data`
 *   (a string for modifyDocument, an array of strings for insertDocument), `transactionId` inside a
 *   transaction; getDocument answers `{ data: { list: [EJSON string] } }`.
 * - cloud API (openapi) calls are multipart/form-data `{ action: 'wx.openApi', apiName, requestData }`,
 *   requestData a protobuf `CommApiData { apiType, openapiData { pairs [{ key, value: JSON bytes }] } }`
 *   (snake_case keys); the answer is a protobuf `CommOpenApiResp { respData, contentType, errorCode }`.
 * - uploadFile = storage.getUploadMetadata (JSON) + a PUT of the bytes to the returned URL (COS);
 *   getTempFileURL = storage.batchGetDownloadUrl; downloadFile = that + a GET of the temp URL.
 *
 * Documented behaviour it keeps: collections must exist (created from database/collections.json, as an
 * operator does in the console) else DATABASE_COLLECTION_NOT_EXIST; a query's limit defaults to 100 and
 * is at most 1000; field names may not contain '.' or '$'; `_id` is unique (E11000); transactions are
 * snapshot-isolated, a write to a document another open transaction wrote, or that changed since this
 * transaction started, fails at once with DATABASE_TRANSACTION_CONFLICT, and commit re-checks
 * (first committer wins); a failed write (conflict, duplicate _id) ends its transaction, as in the
 * MongoDB transactions the service runs on: later operations with its id fail. Conflicts can be injected on a write or at commit with any server text.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EJSON } from 'bson';
import protobuf from 'protobufjs';

type Doc = { _id: string } & Record<string, unknown>;

/** The few protobuf messages of the SDK's openapi channel, described here (not taken from the SDK). */
const proto = protobuf.Root.fromJSON({
  nested: {
    KeyValuePair: {
      fields: {
        key: { type: 'string', id: 1 },
        value: { type: 'bytes', id: 2 },
        contenttype: { type: 'string', id: 3 },
        filename: { type: 'string', id: 4 },
      },
    },
    OpenApiData: { fields: { pairs: { rule: 'repeated', type: 'KeyValuePair', id: 1 } } },
    CommApiData: {
      fields: { apiType: { type: 'int32', id: 1 }, openapiData: { type: 'OpenApiData', id: 2 }, appid: { type: 'string', id: 6 } },
    },
    CommOpenApiResp: {
      fields: {
        respData: { type: 'bytes', id: 1 },
        contentType: { type: 'string', id: 2 },
        errorCode: { type: 'int32', id: 3 },
        httpCode: { type: 'uint32', id: 4 },
      },
    },
  },
});
const CommApiData = proto.lookupType('CommApiData');
const CommOpenApiResp = proto.lookupType('CommOpenApiResp');

export interface WireRequest {
  /** function.action the tier was running when the request arrived */
  label: string;
  action: string;
  collection?: string;
  transactionId?: string;
  body: Record<string, unknown>;
}
export interface OpenApiCall {
  label: string;
  api: string;
  /** the decoded key → JSON value pairs, as the SDK put them on the wire (snake_case) */
  params: Record<string, unknown>;
}
export interface ConflictInjection {
  at: 'write' | 'commit';
  message: string;
  /** how many times to fire (default 1) */
  times?: number;
}

interface Tx {
  id: string;
  startVersion: number;
  writes: Map<string, Doc | null>; // `${coll}\u0000${id}` → new doc or null (removed)
}

const TOP = Symbol('top-level answer fields');
const key = (coll: string, id: string) => `${coll}\u0000${id}`;
const ok = (data: unknown) => ({ data, requestId: randomUUID() });
const fail = (code: string, message: string) => ({ code, message, requestId: randomUUID() });

class ServiceError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

function badFieldNames(value: unknown, path = ''): string | null {
  if (Array.isArray(value)) {
    for (const v of value) {
      const bad = badFieldNames(v, path);
      if (bad) return bad;
    }
    return null;
  }
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    for (const [k, v] of Object.entries(value)) {
      if (k.includes('.') || k.startsWith('$') || k.includes('$')) return `${path}${k}`;
      const bad = badFieldNames(v, `${path}${k}.`);
      if (bad) return bad;
    }
  }
  return null;
}

const getPath = (doc: Record<string, unknown>, path: string): unknown =>
  path.split('.').reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), doc);

const eq = (a: unknown, b: unknown) => (a === undefined ? b === null : JSON.stringify(a) === JSON.stringify(b));
function matchValue(actual: unknown, cond: unknown): boolean {
  if (cond && typeof cond === 'object' && !Array.isArray(cond)) {
    const ops = Object.entries(cond as Record<string, unknown>);
    if (ops.length > 0 && ops.every(([k]) => k.startsWith('$'))) {
      return ops.every(([op, v]) => {
        if (op === '$in') return (v as unknown[]).some((x) => matchValue(actual, x));
        if (op === '$eq') return matchValue(actual, v);
        if (op === '$ne') return !matchValue(actual, v);
        throw new ServiceError('DATABASE_REQUEST_FAILED', `fake: operator ${op} not implemented`);
      });
    }
  }
  if (Array.isArray(actual) && !Array.isArray(cond)) return actual.some((x) => eq(x, cond));
  return eq(actual, cond);
}
function rank(v: unknown): number {
  if (v === undefined || v === null) return 0;
  if (typeof v === 'number') return 1;
  if (typeof v === 'string') return 2;
  if (typeof v === 'boolean') return 4;
  return 3;
}
function compare(a: unknown, b: unknown): number {
  const ra = rank(a);
  const rb = rank(b);
  if (ra !== rb) return ra - rb;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  return 0;
}

export interface FakeCloudbaseOptions {
  /** collections that exist (default: database/collections.json, as deployed) */
  collections?: string[];
  /** msgSecCheck verdict for a text (default: 'pass') */
  contentVerdict?: (text: string) => 'pass' | 'review' | 'risky';
}

export class FakeCloudbase {
  readonly requests: WireRequest[] = [];
  readonly openapiCalls: OpenApiCall[] = [];
  /** what the tier is running now (function.action); requests are attributed to it */
  label = 'setup';
  private readonly docs = new Map<string, Map<string, Doc>>();
  /** last committed change per document (a global version counter, for snapshot checks) */
  private readonly changedAt = new Map<string, number>();
  private version = 0;
  private readonly txs = new Map<string, Tx>();
  private readonly files = new Map<string, Buffer>();
  private injections: ConflictInjection[] = [];
  private server: Server | null = null;
  port = 0;

  constructor(private readonly options: FakeCloudbaseOptions = {}) {
    const names =
      options.collections ?? (JSON.parse(readFileSync('database/collections.json', 'utf8')) as Array<{ name: string }>).map((c) => c.name);
    for (const n of names) this.docs.set(n, new Map());
  }

  get url() {
    return `http://127.0.0.1:${this.port}/admin`;
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((e) => {
        res.writeHead(500, { 'content-type': 'text/plain' });
        res.end(String(e?.stack ?? e));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  injectConflict(injection: ConflictInjection) {
    this.injections.push({ times: 1, ...injection });
  }
  pendingInjections() {
    return this.injections.reduce((n, i) => n + (i.times ?? 0), 0);
  }

  /** Read a stored document (tests look at the outcome, never through the product). */
  doc(coll: string, id: string): Doc | null {
    return this.docs.get(coll)?.get(id) ?? null;
  }
  /**
   * Bulk path for scale tests: committed documents written straight into a collection (as an operator's
   * import would), without requests. Callers pass documents shaped per shared/schemas (e.g. clones of
   * documents the product wrote). A taken _id is refused, as the service would.
   */
  bulkInsert(coll: string, docs: readonly Doc[]) {
    const c = this.coll(coll);
    for (const d of docs) {
      if (c.has(d._id)) throw new Error(`bulkInsert: duplicate ${coll}/${d._id}`);
      this.checkFields(d);
      c.set(d._id, structuredClone(d));
      this.changedAt.set(key(coll, d._id), ++this.version);
    }
  }
  /** Remove a committed document (a test's setup, as an operator would in the console). */
  remove(coll: string, id: string): boolean {
    const gone = this.coll(coll).delete(id);
    if (gone) this.changedAt.set(key(coll, id), ++this.version);
    return gone;
  }
  all(coll: string): Doc[] {
    return [...(this.docs.get(coll)?.values() ?? [])];
  }
  /** A file the mini-program uploaded itself (Taro.cloud.uploadFile), which the function has never seen. */
  putFile(fileId: string, bytes: Buffer) {
    this.files.set(fileId, bytes);
  }
  file(fileId: string): Buffer | null {
    return this.files.get(fileId) ?? null;
  }

  /** database requests and transactions per label (function.action) */
  countsByLabel(): Map<string, { requests: number; transactions: number }> {
    const out = new Map<string, { requests: number; transactions: number }>();
    for (const r of this.requests) {
      if (!r.action.startsWith('database.')) continue;
      const c = out.get(r.label) ?? { requests: 0, transactions: 0 };
      c.requests++;
      if (r.action === 'database.startTransaction') c.transactions++;
      out.set(r.label, c);
    }
    return out;
  }

  private fire(at: 'write' | 'commit'): ConflictInjection | null {
    const i = this.injections.find((x) => x.at === at && (x.times ?? 0) > 0);
    if (!i) return null;
    i.times = (i.times ?? 1) - 1;
    this.injections = this.injections.filter((x) => (x.times ?? 0) > 0);
    return i;
  }

  private async handle(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks);
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname.startsWith('/cos/'))
      return this.cos(req.method ?? 'GET', `cloud://${decodeURIComponent(url.pathname.slice(5))}`, raw, res);
    const type = String(req.headers['content-type'] ?? '');
    if (type.startsWith('multipart/form-data')) return this.openapi(type, raw, res);
    const body = JSON.parse(raw.toString('utf8')) as Record<string, unknown>;
    const action = String(body.action);
    this.requests.push({
      label: this.label,
      action,
      collection: typeof body.collectionName === 'string' ? body.collectionName : undefined,
      transactionId: typeof body.transactionId === 'string' ? body.transactionId : undefined,
      body,
    });
    let answer: unknown;
    try {
      if (action.startsWith('storage.')) answer = this.storage(action, body, req);
      else {
        const data = this.database(action, body) as Record<PropertyKey, unknown>;
        answer = data && TOP in data ? { ...ok(undefined), ...(data[TOP] as object) } : ok(data);
      }
    } catch (e) {
      if (!(e instanceof ServiceError)) throw e;
      answer = fail(e.code, e.message);
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(answer));
  }

  // ---- database ----------------------------------------------------------------------------------

  private coll(name: unknown): Map<string, Doc> {
    const c = this.docs.get(String(name));
    if (!c) throw new ServiceError('DATABASE_COLLECTION_NOT_EXIST', `Db or Table not exist: ${String(name)}`);
    return c;
  }
  private tx(id: unknown): Tx | null {
    if (id === undefined || id === null || id === '') return null;
    const t = this.txs.get(String(id));
    if (!t) throw new ServiceError('DATABASE_TRANSACTION_FAIL', `transaction ${String(id)} not found or finished`);
    return t;
  }
  /** the document as this transaction (or, without one, the committed state) sees it */
  private read(coll: string, id: string, t: Tx | null): Doc | null {
    if (t?.writes.has(key(coll, id))) return t.writes.get(key(coll, id)) ?? null;
    return this.coll(coll).get(id) ?? null;
  }
  private checkWrite(coll: string, id: string, t: Tx) {
    const k = key(coll, id);
    const injected = this.fire('write');
    if (injected) {
      this.txs.delete(t.id); // a failed write ends the transaction
      throw new ServiceError('DATABASE_TRANSACTION_CONFLICT', injected.message);
    }
    const lockedByOther = [...this.txs.values()].some((o) => o !== t && o.writes.has(k));
    if (lockedByOther || (this.changedAt.get(k) ?? 0) > t.startVersion) {
      this.txs.delete(t.id);
      throw new ServiceError('DATABASE_TRANSACTION_CONFLICT', 'Transaction is conflict, maybe resource operated by other transaction');
    }
  }
  private write(coll: string, id: string, doc: Doc | null, t: Tx | null) {
    if (t) {
      this.checkWrite(coll, id, t);
      t.writes.set(key(coll, id), doc);
      return;
    }
    const c = this.coll(coll);
    if (doc) c.set(id, doc);
    else c.delete(id);
    this.changedAt.set(key(coll, id), ++this.version);
  }
  private parse(s: unknown): Record<string, unknown> {
    return typeof s === 'string' && s ? (EJSON.parse(s, { relaxed: true }) as Record<string, unknown>) : {};
  }
  private checkFields(data: Record<string, unknown>) {
    const bad = badFieldNames(Object.fromEntries(Object.entries(data).filter(([k]) => k !== '_id')));
    if (bad) throw new ServiceError('DATABASE_REQUEST_FAILED', `field name must not contain '.' or '$': ${bad}`);
  }

  private database(action: string, b: Record<string, unknown>): unknown {
    switch (action) {
      case 'database.startTransaction': {
        const id = `tx-${randomUUID()}`;
        this.txs.set(id, { id, startVersion: this.version, writes: new Map() });
        // the node-sdk reads `transactionId` from the top of the answer, not from `data`
        return { [TOP]: { transactionId: id } };
      }
      case 'database.commitTransaction': {
        const t = this.tx(b.transactionId)!;
        const injected = this.fire('commit');
        if (injected) {
          this.txs.delete(t.id);
          throw new ServiceError('DATABASE_TRANSACTION_CONFLICT', injected.message);
        }
        for (const k of t.writes.keys()) {
          if ((this.changedAt.get(k) ?? 0) > t.startVersion) {
            this.txs.delete(t.id);
            throw new ServiceError(
              'DATABASE_TRANSACTION_CONFLICT',
              'Transaction is conflict, maybe resource operated by other transaction',
            );
          }
        }
        this.txs.delete(t.id);
        for (const [k, doc] of t.writes) {
          const [coll, id] = k.split('\u0000') as [string, string];
          this.write(coll, id, doc, null);
        }
        return {};
      }
      case 'database.abortTransaction':
        this.txs.delete(String(b.transactionId));
        return {};
      case 'database.getDocument': {
        const t = this.tx(b.transactionId);
        const coll = String(b.collectionName);
        const query = this.parse(b.query);
        if (b.queryType === 'DOC') {
          const d = this.read(coll, String(query._id), t);
          return { list: d ? [EJSON.stringify(d, { relaxed: false })] : [] };
        }
        if (t) throw new ServiceError('DATABASE_REQUEST_FAILED', 'fake: queries are not allowed inside a transaction');
        const limit = b.limit === undefined ? 100 : Number(b.limit);
        if (!(limit >= 1 && limit <= 1000)) throw new ServiceError('INVALID_PARAM', `limit must be 1..1000, got ${String(b.limit)}`);
        const offset = Number(b.offset ?? 0);
        // the SDK sends the sort as an EJSON object in call order: {"createdAt":{"$numberInt":"1"},"_id":…}
        const order = Object.entries(this.parse(b.order)).map(([field, dir]) => ({ field, direction: Number(dir) < 0 ? 'desc' : 'asc' }));
        const rows = this.match(coll, query);
        rows.sort((x, y) => {
          for (const o of order) {
            const c = compare(getPath(x, o.field), getPath(y, o.field));
            if (c !== 0) return o.direction === 'desc' ? -c : c;
          }
          return 0;
        });
        return { list: rows.slice(offset, offset + limit).map((d) => EJSON.stringify(d, { relaxed: false })), offset, limit };
      }
      case 'database.calculateDocument':
        return { total: this.match(String(b.collectionName), this.parse(b.query)).length };
      case 'database.insertDocument': {
        const t = this.tx(b.transactionId);
        const coll = String(b.collectionName);
        const ids: string[] = [];
        for (const s of b.data as string[]) {
          const d = this.parse(s) as Doc;
          d._id ??= randomUUID().replace(/-/g, '');
          this.checkFields(d);
          if (this.read(coll, d._id, t)) {
            // a failed write ends the transaction (MongoDB semantics): the service aborts it, later
            // operations in it answer "transaction not found", so no caller can carry on after a duplicate
            if (t) this.txs.delete(t.id);
            throw new ServiceError(
              'DATABASE_REQUEST_FAILED',
              `E11000 duplicate key error collection: ${coll} index: _id_ dup key: { _id: "${d._id}" }`,
            );
          }
          this.write(coll, d._id, d, t);
          ids.push(d._id);
        }
        return { insertedIds: ids };
      }
      case 'database.modifyDocument': {
        const t = this.tx(b.transactionId);
        const coll = String(b.collectionName);
        if (b.queryType !== 'DOC') throw new ServiceError('DATABASE_REQUEST_FAILED', 'fake: only document updates are implemented');
        const id = String(this.parse(b.query)._id);
        const data = this.parse(b.data);
        const prev = this.read(coll, id, t);
        if (b.merge) {
          if (!prev) return { updated: 0 };
          const set = (data.$set ?? data) as Record<string, unknown>;
          this.checkFields(Object.fromEntries(Object.keys(set).map((k) => [k.split('.')[0], set[k]])));
          const next = structuredClone(prev);
          for (const [k, v] of Object.entries(set)) {
            const parts = k.split('.');
            let o = next as Record<string, unknown>;
            for (const p of parts.slice(0, -1)) {
              o[p] ??= {};
              o = o[p] as Record<string, unknown>;
            }
            o[parts.at(-1)!] = v;
          }
          this.write(coll, id, next, t);
          return { updated: 1 };
        }
        this.checkFields(data);
        this.write(coll, id, { ...data, _id: id }, t);
        return prev ? { updated: 1 } : { updated: 0, upsert_id: id };
      }
      case 'database.removeDocument': {
        const t = this.tx(b.transactionId);
        const coll = String(b.collectionName);
        const id = String(this.parse(b.query)._id);
        const prev = this.read(coll, id, t);
        if (prev) this.write(coll, id, null, t);
        return { deleted: prev ? 1 : 0 };
      }
      default:
        throw new ServiceError('INVALID_PARAM', `fake: action ${action} not implemented`);
    }
  }

  private match(coll: string, query: Record<string, unknown>): Doc[] {
    return [...this.coll(coll).values()].filter((d) => Object.entries(query).every(([f, c]) => matchValue(getPath(d, f), c)));
  }

  // ---- storage -----------------------------------------------------------------------------------

  private storage(action: string, b: Record<string, unknown>, req: IncomingMessage) {
    const env = String(b.envName ?? '');
    if (action === 'storage.getUploadMetadata') {
      const path = String(b.path);
      return ok({
        url: this.cosUrl(`cloud://${env}.fake/${path}`),
        token: 'fake-token',
        authorization: 'fake-authorization',
        fileId: `cloud://${env}.fake/${path}`,
        cosFileId: 'fake-cos-id',
        headers: req.headers['x-tcb-source'],
      });
    }
    if (action === 'storage.batchGetDownloadUrl') {
      const list = b.file_list as Array<{ fileid: string; max_age?: number }>;
      return ok({
        download_list: list.map((f) =>
          this.files.has(f.fileid)
            ? {
                fileID: f.fileid,
                code: 'SUCCESS',
                maxAge: f.max_age ?? 86400,
                tempFileURL: this.cosUrl(f.fileid),
              }
            : { fileID: f.fileid, code: 'STORAGE_FILE_NONEXIST', message: 'file not exist', tempFileURL: '' },
        ),
      });
    }
    return fail('INVALID_PARAM', `fake: action ${action} not implemented`);
  }

  /**
   * Where a file's bytes live, like a COS URL `https://<bucket>/<path>`: readable with encodeURI (the
   * node-sdk encodes a temp URL once more before downloading, so it must not be percent-encoded twice).
   */
  private cosUrl(fileId: string) {
    return `http://127.0.0.1:${this.port}/cos/${encodeURI(fileId.replace(/^cloud:\/\//, ''))}`;
  }

  private cos(method: string, fileId: string, raw: Buffer, res: ServerResponse) {
    this.requests.push({ label: this.label, action: `cos.${method}`, body: { fileId, bytes: raw.length } });
    if (method === 'PUT') {
      this.files.set(fileId, raw);
      res.writeHead(200);
      res.end('');
      return;
    }
    const bytes = this.files.get(fileId);
    if (!bytes) {
      res.writeHead(404, { 'content-type': 'application/xml' });
      res.end('<?xml version="1.0"?><Error><Code>NoSuchKey</Code></Error>');
      return;
    }
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': bytes.length });
    res.end(bytes);
  }

  // ---- cloud API (openapi) -----------------------------------------------------------------------

  private openapi(contentType: string, raw: Buffer, res: ServerResponse) {
    const boundary = /boundary=(.+)$/.exec(contentType)?.[1];
    const fields = new Map<string, Buffer>();
    if (boundary) {
      const sep = Buffer.from(`--${boundary}`);
      let start = raw.indexOf(sep);
      while (start >= 0) {
        const next = raw.indexOf(sep, start + sep.length);
        if (next < 0) break;
        const part = raw.subarray(start + sep.length + 2, next - 2);
        const headerEnd = part.indexOf('\r\n\r\n');
        const name = /name="([^"]+)"/.exec(part.subarray(0, headerEnd).toString())?.[1];
        if (name) fields.set(name, part.subarray(headerEnd + 4));
        start = next;
      }
    }
    const action = fields.get('action')?.toString() ?? '';
    const api = fields.get('apiName')?.toString() ?? '';
    const msg = CommApiData.toObject(CommApiData.decode(fields.get('requestData') ?? Buffer.alloc(0)), { defaults: true }) as {
      apiType: number;
      openapiData?: { pairs: Array<{ key: string; value: Uint8Array }> };
    };
    const params = Object.fromEntries(
      (msg.openapiData?.pairs ?? []).map((p) => [p.key, JSON.parse(Buffer.from(p.value).toString('utf8'))]),
    );
    this.requests.push({ label: this.label, action, body: { apiName: api, apiType: msg.apiType } });
    this.openapiCalls.push({ label: this.label, api, params });
    let answer: Record<string, unknown>;
    if (api === 'security.msgSecCheck') {
      const suggest = this.options.contentVerdict?.(String(params.content ?? '')) ?? 'pass';
      answer = {
        errcode: 0,
        errmsg: 'ok',
        result: { suggest, label: suggest === 'pass' ? 100 : 20001 },
        detail: [{ strategy: 'content_model', errcode: 0, suggest, label: suggest === 'pass' ? 100 : 20001, prob: 90 }],
        trace_id: randomUUID(),
      };
    } else if (api === 'subscribeMessage.send') {
      answer = { errcode: 0, errmsg: 'ok', msgid: Date.now() };
    } else {
      answer = { errcode: 40001, errmsg: `fake: ${api} not implemented` };
    }
    const body = CommOpenApiResp.encode(
      CommOpenApiResp.create({
        respData: Buffer.from(JSON.stringify(answer)),
        contentType: 'application/json',
        errorCode: 0,
        httpCode: 200,
      }),
    ).finish();
    res.writeHead(200, { 'content-type': 'application/octet-stream' });
    res.end(Buffer.from(body));
  }
}
