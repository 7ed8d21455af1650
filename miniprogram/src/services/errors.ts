import { type ErrorBody, errorMessages, type FieldIssue, isErrorCode } from '@shared/errors';
import { type CallFailure, serverFailureText } from '../lib/call-failure';

/** The one place codes become what a person reads. */
export const messageFor = (code: string, serverMessage?: string) =>
  serverMessage || (isErrorCode(code) ? errorMessages[code] : errorMessages.INTERNAL);

/** An error answer from a function, with the Chinese message and the field issues for the form. */
export class ApiError extends Error {
  readonly code: string;
  readonly issues: FieldIssue[];
  readonly details: Record<string, unknown>;
  constructor(body: ErrorBody) {
    super(messageFor(body.code, body.message));
    this.name = 'ApiError';
    this.code = body.code;
    this.issues = body.issues ?? [];
    this.details = body.details ?? {};
  }
  /** field path → first message, for marking fields red */
  fieldErrors(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const i of this.issues) out[i.path] ??= i.message;
    return out;
  }
}

/** A network failure (no signal): the caller may queue and retry; never an answer from the server. */
export class OfflineError extends Error {
  constructor() {
    super('网络不可用，已保存在手机上，恢复网络后自动发送');
    this.name = 'OfflineError';
  }
}

/**
 * The request reached the cloud but the function did not answer (timed out, crashed, not deployed,
 * misconfigured): not the person's network (lib/call-failure.ts). Its message says so, in Chinese.
 */
export class ServerError extends Error {
  constructor(
    readonly failure: Extract<CallFailure, { kind: 'server' }>,
    readonly fn: string,
    readonly action: string,
  ) {
    super(serverFailureText[failure.reason]);
    this.name = 'ServerError';
  }
}

export interface ErrorTextOptions {
  /** what to say when the network failed (default: the error's own message) */
  offline?: string;
  /** what to say for anything else that is not an ApiError (default: its message) */
  other?: string;
  /** how field issues of an ApiError show: 'first' — the first field's message instead of the summary;
   *  'all' — the summary followed by every field's message (default: the summary only) */
  fields?: 'first' | 'all';
}

/** The one way an error becomes the sentence a person reads. */
export function errorText(e: unknown, opts: ErrorTextOptions = {}): string {
  if (e instanceof ApiError) {
    const fields = Object.values(e.fieldErrors());
    if (opts.fields === 'first') return fields[0] ?? e.message;
    if (opts.fields === 'all' && fields.length) return `${e.message}：${fields.join('；')}`;
    return e.message;
  }
  if (e instanceof OfflineError && opts.offline !== undefined) return opts.offline;
  // a server failure always says what it is (never a caller's generic "网络不可用" fallback)
  if (e instanceof ServerError) return e.message;
  if (opts.other !== undefined) return opts.other;
  return e instanceof Error ? e.message : String(e);
}
