import type { ApiContract, InputOf, OutputOf } from '../../../shared/api/define';
import type { ErrorBody, FieldIssue } from '../../../shared/errors';
import { callFunction, messageFor } from './transport';

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

export type Client<A extends ApiContract> = { [K in keyof A]: (input: InputOf<A[K]>) => Promise<OutputOf<A[K]>> };

/** One typed client per cloud function: the same contract objects the server validates with. */
export function createClient<A extends ApiContract>(fn: string, api: A): Client<A> {
  const client = {} as Record<string, (input: unknown) => Promise<unknown>>;
  for (const action of Object.keys(api)) {
    client[action] = async (input: unknown) => {
      const answer = await callFunction(fn, action, input);
      if (!answer.ok) throw new ApiError(answer.error);
      return answer.data;
    };
  }
  return client as Client<A>;
}
