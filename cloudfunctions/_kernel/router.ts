import type { z } from 'zod';
import type { ActionContract, ApiContract } from '../../shared/api/define';
import { type Answer, AppError, type FieldIssue, notBoundMessage } from '../../shared/errors';
import { bindingActs, coherenceNeedsGraph } from '../../shared/rules/oversight';
import type { Role, RoleBinding } from '../../shared/schemas/org';
import { withDefinitions } from './definitions';
import type { Deps } from './ports';

/** Who is calling, as resolved on the server from the platform's OPENID — never from the request. */
export interface Caller {
  openid: string;
  personId: string | null;
  /** active (not revoked) bindings only */
  bindings: RoleBinding[];
}
export interface Ctx extends Deps {
  caller: Caller;
  fn: string;
  action: string;
}

/**
 * The part of the context a handler (or a helper) uses: `Uses<'store' | 'clock' | 'caller'>`. Every
 * handler declares the ports it touches, so its signature says what it may read and write (a rule
 * that needs none of them belongs in shared/rules). The router still passes the whole `Ctx`, which
 * satisfies any such declaration.
 */
export type Uses<K extends keyof Ctx> = Pick<Ctx, K>;

/**
 * Access rule for an action, checked before the input is parsed:
 * - 'authenticated': any caller with an OPENID (me, redeemInvite)
 * - Role[]: the caller must hold at least one active binding with one of these roles.
 * Finer rules (this station's expert, this county's staff) are checked inside the handler.
 */
export type Access = 'authenticated' | readonly Role[];

export interface ActionDef<C extends ActionContract<z.ZodType, unknown>> {
  access: Access;
  handler: (
    ctx: Ctx,
    input: C extends ActionContract<infer I, unknown> ? z.output<I> : never,
  ) => Promise<C extends ActionContract<z.ZodType, infer O> ? O : never>;
}
export type Handlers<A extends ApiContract> = { [K in keyof A]: ActionDef<A[K]> };

export type FunctionEntry = (event: unknown, openid: string | null | undefined, deps: Deps) => Promise<Answer<unknown>>;

const zodIssues = (error: z.ZodError): FieldIssue[] =>
  error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));

/** The action router: `{ action, data }` → access check → zod-validated handler → error envelope. */
export function createFunction<A extends ApiContract>(fn: string, api: A, handlers: Handlers<A>): FunctionEntry {
  return async (event, openid, deps) => {
    try {
      const ev = (event ?? {}) as { action?: unknown; data?: unknown };
      if (!openid) throw new AppError('AUTH.UNAUTHENTICATED');
      const actionName = typeof ev.action === 'string' ? ev.action : '';
      if (!Object.hasOwn(api, actionName)) throw new AppError('ACTION.UNKNOWN', `不支持的操作：${actionName.slice(0, 40)}`);
      const contract = api[actionName]!;
      const def = handlers[actionName as keyof A]!;
      // a binding whose scope is not one coherent thing for its role (minted before issue 11) acts for
      // nothing; a host contact naming a station and a host unit: the station must be of that host unit
      // (finding 1 — else a station of one county and a host unit of another acted for both)
      const active = await deps.store.identity.activeBindings(openid);
      const paired = [...new Set(active.filter(coherenceNeedsGraph).map((b) => b.scope.stationId!))];
      const stations = new Map(
        (await Promise.all(paired.map((id) => deps.store.org.station(id)))).flatMap((s) => (s ? [[s.id, s] as const] : [])),
      );
      const bindings = active.filter((b) => bindingActs(b, stations));
      const caller: Caller = { openid, personId: bindings[0]?.personId ?? null, bindings };
      if (def.access !== 'authenticated') {
        const allowed = def.access;
        if (!bindings.some((b) => allowed.includes(b.role)))
          throw new AppError('AUTH.FORBIDDEN', bindings.length ? undefined : notBoundMessage);
      }
      const parsed = contract.input.safeParse(ev.data ?? {});
      if (!parsed.success) throw new AppError('INPUT.INVALID', undefined, { issues: zodIssues(parsed.error) });
      // installed programme definitions for this call (getProgramme / getForm read them synchronously)
      const data = await withDefinitions(deps.store, deps.log, () =>
        def.handler({ ...deps, caller, fn, action: actionName }, parsed.data as never),
      );
      return { ok: true, data };
    } catch (e) {
      if (e instanceof AppError) return { ok: false, error: e.toBody() };
      deps.log.error(`[${fn}] unexpected failure`, e);
      return { ok: false, error: { code: 'INTERNAL', message: '系统繁忙，请稍后再试' } };
    }
  };
}

/** Helpers for handlers' finer checks. */
export const bindingsWith = (caller: Caller, roles: readonly Role[]) => caller.bindings.filter((b) => roles.includes(b.role));
export function requireBinding(caller: Caller, roles: readonly Role[], match: (b: RoleBinding) => boolean): RoleBinding {
  const b = bindingsWith(caller, roles).find(match);
  if (!b) throw new AppError('AUTH.FORBIDDEN');
  return b;
}
