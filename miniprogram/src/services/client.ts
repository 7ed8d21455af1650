import type { ApiContract, InputOf, OutputOf } from '@shared/api/define';
import { invoke } from '../platform/transport';
import { ApiError } from './errors';

export type Client<A extends ApiContract> = { [K in keyof A]: (input: InputOf<A[K]>) => Promise<OutputOf<A[K]>> };

/** One typed client per cloud function: the same contract objects the server validates with. */
export function createClient<A extends ApiContract>(fn: string, api: A): Client<A> {
  const client = {} as Record<string, (input: unknown) => Promise<unknown>>;
  for (const action of Object.keys(api)) {
    client[action] = async (input: unknown) => {
      const answer = await invoke(fn, action, input);
      if (!answer.ok) throw new ApiError(answer.error);
      return answer.data;
    };
  }
  return client as Client<A>;
}
