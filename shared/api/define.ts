import type { z } from 'zod';

/**
 * An action's contract: the input schema (validated on the server, reused by forms on the client)
 * and the output type (phantom, for the typed client). Client and server import the same object.
 */
export interface ActionContract<I extends z.ZodType, O> {
  input: I;
  /** phantom: never read at runtime */
  readonly _output?: O;
}
export const action =
  <O>() =>
  <I extends z.ZodType>(input: I): ActionContract<I, O> => ({ input });

export type ApiContract = Record<string, ActionContract<z.ZodType, unknown>>;
export type InputOf<C> = C extends ActionContract<infer I, unknown> ? z.input<I> : never;
export type ParsedInputOf<C> = C extends ActionContract<infer I, unknown> ? z.output<I> : never;
export type OutputOf<C> = C extends ActionContract<z.ZodType, infer O> ? O : never;
