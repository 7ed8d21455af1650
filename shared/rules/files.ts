/**
 * Uploaded files (attachments of an application, evidence photos of a station entry): what their bytes
 * are, what they may be called, and who may use them. The handlers read the bytes and the file record
 * and act on these decisions; every file the product stores has a record (collection `files`) naming
 * its uploader, the unit it was uploaded for, its kind, the type sniffed from its bytes and its size in
 * storage — never what the client claims.
 */

export type FileKind = 'attachment' | 'evidence';

const startsWith = (b: Uint8Array, sig: readonly number[], at = 0) => sig.every((x, i) => b[at + i] === x);
const ascii = (b: Uint8Array, from: number, to: number) => String.fromCharCode(...b.subarray(from, to));

const pdf = (b: Uint8Array) => ascii(b, 0, 5) === '%PDF-';
const jpeg = (b: Uint8Array) => startsWith(b, [0xff, 0xd8, 0xff]);
const png = (b: Uint8Array) => startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const webp = (b: Uint8Array) => ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 12) === 'WEBP';
/** docx / xlsx are zip packages */
const zip = (b: Uint8Array) => startsWith(b, [0x50, 0x4b, 0x03, 0x04]);
/** doc / xls (Office 97–2003) are OLE2 compound files */
const ole2 = (b: Uint8Array) => startsWith(b, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

/** The signature of every type the upload actions accept (the programmes' material types and evidence photos). */
const signatures: Readonly<Record<string, (b: Uint8Array) => boolean>> = {
  'application/pdf': pdf,
  'image/jpeg': jpeg,
  'image/png': png,
  'image/webp': webp,
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': zip,
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': zip,
  'application/msword': ole2,
  'application/vnd.ms-excel': ole2,
};

/** Do the bytes carry the signature of the declared type? An unknown type never matches. */
export const bytesMatchType = (mime: string, bytes: Uint8Array): boolean =>
  Object.hasOwn(signatures, mime) && (signatures[mime] as (b: Uint8Array) => boolean)(bytes);

/** The types whose signatures are known (what an upload may declare). */
export const sniffableTypes: readonly string[] = Object.keys(signatures);

/** Evidence is a photo. */
export const evidenceTypes: readonly string[] = ['image/jpeg', 'image/png', 'image/webp'];

/**
 * A file name as it may be stored and shown: the last path part only (no `/`, `\`, `..`), no control
 * characters, no bidirectional overrides or isolates (which make `fdp.exe` read as `exe.pdf`), no
 * zero-width characters; Chinese and other letters kept; at most 200 characters. Null when nothing
 * is left.
 */
export function sanitiseFileName(name: string): string | null {
  const last = name.split(/[/\\]/).pop() ?? '';
  const clean = last
    .normalize('NFC')
    // C0/C1 controls, bidi marks/embeddings/overrides/isolates, zero-width characters and BOM, lone surrogates
    .replace(/\p{Cc}/gu, '')
    .replace(/[\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff\ufffe\uffff]/g, '')
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '')
    .replace(/[<>:"|?*]/g, '_')
    .trim()
    // no leading dots: neither `..` nor a hidden file
    .replace(/^\.+/, '')
    .trim();
  if (!clean) return null;
  return Array.from(clean).slice(0, 200).join('');
}

/** The stored record of an uploaded file, as far as the decision needs it. */
export interface FileOwnership {
  kind: FileKind;
  ownerPersonId: string;
  /** the unit it was uploaded for: the applicant unit for attachments, the station for evidence */
  unitId: string;
  mime: string;
}

/** Why a file may not be used here, in Chinese; null when it may. */
export function fileUseRefusal(
  file: FileOwnership | null,
  use: { kind: FileKind; personId: string; unitId: string; mimeTypes?: readonly string[] },
): string | null {
  if (!file) return '文件不存在或未上传成功，请重新上传';
  if (file.kind !== use.kind) return use.kind === 'evidence' ? '该文件不是本服务站上传的照片' : '该文件不是本申报上传的材料';
  if (file.ownerPersonId !== use.personId && file.unitId !== use.unitId) return '只能使用本人或本单位上传的文件';
  if (use.mimeTypes && !use.mimeTypes.includes(file.mime)) return '文件类型不符合要求';
  return null;
}

/**
 * The storage path of a fileId (`cloud://<env>.<bucket>/<path>` or `local://<sha256>/<path>`), or
 * null. A file the app uploaded straight to cloud storage (wx.cloud.uploadFile) has no record yet; it
 * may be claimed only for the target its path names (`applications/<id>/…`, `evidence/<stationId>/…`).
 */
export function storagePathOf(fileId: string): string | null {
  const m = /^(?:cloud:\/\/[^/]+|local:\/\/[0-9a-f]{64})\/(.+)$/.exec(fileId);
  return m ? (m[1] as string) : null;
}

/** The folder an upload for this target goes to (the app's cloudPath prefix and the local host's). */
export const uploadFolderOf = (kind: FileKind, targetId: string): string =>
  `${kind === 'attachment' ? 'applications' : 'evidence'}/${targetId}`;

/** May a file without a record be claimed for this target, judging by its path? */
export function claimablePath(fileId: string, kind: FileKind, targetId: string): boolean {
  const path = storagePathOf(fileId);
  if (!path || path.split('/').some((p) => p === '..' || p === '.')) return false;
  return path.startsWith(`${uploadFolderOf(kind, targetId)}/`);
}

// ───────────────────────── viewing a stored file (issue 15, finding 8) ─────────────────────────

/** How long a file's temporary URL lives: long enough to open a large PDF on a slow phone, short enough not to be shared. */
export const fileUrlTtlMs = 10 * 60 * 1000;

/** The one answer to anyone who may not see a file, or asks for one that does not exist: nothing told apart. */
export const fileViewRefusalMessage = '无权查看该文件，或文件不存在';

/** An application that lists the file among its materials, as the caller stands to it (the kernel reads this). */
export interface AttachmentReader {
  /** draft: the applicant's alone, as in `get` */
  draft: boolean;
  /** the caller acts for its applicant (the society's secretary, the host unit's contact) */
  asApplicant: boolean;
  /** staff bindings of the caller oversee it (its CAST unit, a role its programme gives oversight to — oversight.ts) */
  overseen: boolean;
  /** the caller is a reviewer assigned to it (at its current or an earlier stage: the assignment stays on record) */
  assigned: boolean;
}

/** The station an evidence photo was uploaded for, as the caller stands to it. */
export interface EvidenceReader {
  /** the caller is the station's host-unit contact */
  hostContact: boolean;
  /** staff bindings of the caller oversee the station's CAST unit */
  overseen: boolean;
}

export interface FileViewFacts {
  /** the caller's person (null: bound to nobody) */
  personId: string | null;
  /** attachments: every application listing the file */
  applications: readonly AttachmentReader[];
  /** evidence: the station named by the file's record; null when unknown */
  station: EvidenceReader | null;
}

/**
 * May the caller see this stored file (a short-lived URL to its bytes)? Its uploader always. An
 * application's material: its applicant, and — once submitted — the staff overseeing it and the
 * reviewers assigned to it, through every application that lists it (the same readers as `get`). An
 * evidence photo: its author (the uploader), the station's host contact and the staff overseeing the
 * station. A file asked for as the other kind, or without a record, is nobody's. Null: allowed; else
 * the one refusal message (`fileViewRefusalMessage`), so an answer never tells a missing file from a
 * forbidden one.
 */
export function fileViewRefusal(
  file: Pick<FileOwnership, 'kind' | 'ownerPersonId'> | null,
  asked: FileKind,
  facts: FileViewFacts,
): string | null {
  if (!file || file.kind !== asked || !facts.personId) return fileViewRefusalMessage;
  if (file.ownerPersonId === facts.personId) return null;
  if (file.kind === 'attachment') {
    const reads = facts.applications.some((a) => a.asApplicant || (!a.draft && (a.overseen || a.assigned)));
    return reads ? null : fileViewRefusalMessage;
  }
  return facts.station && (facts.station.hostContact || facts.station.overseen) ? null : fileViewRefusalMessage;
}

/**
 * A file of what happens after an award (issue 14; helper FILES14): check materials, ledger vouchers and
 * receipts, the unit's receipt proofs (an award's files: kind attachment, filed in its application's folder),
 * a station's ledger vouchers and its 第十四条 change-request attachments (kind evidence, unit the station).
 * `subjects`: the award or station whose post-award records list the file, as the caller stands to it —
 * `reads`: the caller may read it (the awarded unit's side, or staff — the finance bureau included — overseeing it).
 */
export interface PostAwardFileFacts {
  personId: string | null;
  subjects: readonly { reads: boolean }[];
}

/**
 * May the caller see a post-award file? Its uploader always; anyone else only through an award or station
 * whose post-award records list it and that the caller reads. A file no such record lists (an application
 * material, a stranger's photo) is not opened here. Null: allowed; else the one refusal message.
 */
export function postAwardFileViewRefusal(file: Pick<FileOwnership, 'ownerPersonId'> | null, facts: PostAwardFileFacts): string | null {
  if (!file || !facts.personId) return fileViewRefusalMessage;
  if (file.ownerPersonId === facts.personId) return null;
  return facts.subjects.some((s) => s.reads) ? null : fileViewRefusalMessage;
}

/** The application (attachments) or station (evidence) a stored file's path names, or null. */
export function targetOfPath(fileId: string, kind: FileKind): string | null {
  const path = storagePathOf(fileId);
  if (!path) return null;
  const [folder, id] = path.split('/');
  if (folder !== (kind === 'attachment' ? 'applications' : 'evidence') || !id || id === '.' || id === '..') return null;
  return id;
}

// ───────────────────────── programme definition files (issue 16 item 6) ─────────────────────────

/** The storage folder city staff upload a programme definition file (.json) to: the uploader's own. */
export const definitionFolderOf = (personId: string): string => `definitions/${personId}`;

/** A definition file is small JSON; anything larger is not one. */
export const DEFINITION_MAX_BYTES = 2 * 1024 * 1024;

/** May `personId` install from `fileId`? Only a .json file in their own definitions folder. */
export function definitionFileAllowed(fileId: string, personId: string): boolean {
  const path = storagePathOf(fileId);
  if (!path || path.split('/').some((p) => p === '..' || p === '.' || p === '')) return false;
  return path.startsWith(`${definitionFolderOf(personId)}/`) && /\.json$/i.test(path);
}

/**
 * The uploaded definition file's content, parsed: UTF-8 JSON (a BOM allowed). Null bytes = not
 * uploaded. The Chinese message says what is wrong with the file itself (the definition inside is
 * checked afterwards, as programme:check does).
 */
export function readDefinitionUpload(bytes: Uint8Array | null): { ok: true; json: unknown } | { ok: false; message: string } {
  if (!bytes || bytes.byteLength === 0) return { ok: false, message: '文件不存在或未上传成功，请重新上传' };
  if (bytes.byteLength > DEFINITION_MAX_BYTES) return { ok: false, message: '定义文件超过 2 MB，不是有效的项目定义文件' };
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\ufeff/, '');
  } catch {
    return { ok: false, message: '定义文件应为 UTF-8 编码的 JSON 文件' };
  }
  try {
    return { ok: true, json: JSON.parse(text) };
  } catch {
    return { ok: false, message: '定义文件不是有效的 JSON，请用 npm run programme:check 检查后重新上传' };
  }
}
