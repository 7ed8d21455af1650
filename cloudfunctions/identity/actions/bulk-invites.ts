import ExcelJS from 'exceljs';
import type { ParsedInputOf } from '../../../shared/api/define';
import type { BulkInvite, IdentityApi } from '../../../shared/api/identity';
import { chinaDateOf, chinaDateTimeOf } from '../../../shared/calendar/china-time';
import { AppError } from '../../../shared/errors';
import { bulkInvitePlan } from '../../../shared/rules/bulk-invites';
import { inviteRefusal, overseesScope } from '../../../shared/rules/oversight';
import { type Invite, roleLabels } from '../../../shared/schemas/org';
import { type Delivered, deliverExport } from '../../_kernel/export/deliver';
import type { Uses } from '../../_kernel/router';
import { loadOrgGraph } from '../../_kernel/scope';
import { requestKey } from '../../_kernel/store/idempotency';
import { newInviteCode } from './invites';

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * Bulk invites for imported people (issue 13, item 3): read the persons, the stations and the active
 * bindings → decide each person's invite (shared/rules/bulk-invites.ts) and whether the caller may mint
 * it (the same oversight rule as createInvite: every unit of the scope, and every binding the person
 * holds, overseen) → write every code with its audit event in one store.once transaction, so the same
 * request id answers the same codes. One person outside the caller's oversight refuses the whole call.
 */
export async function createInvites(
  ctx: Uses<'store' | 'clock' | 'caller' | 'fn' | 'action'>,
  input: ParsedInputOf<IdentityApi['createInvites']>,
): Promise<{ invites: BulkInvite[] }> {
  const key = requestKey(ctx, input.requestId);
  const again = await ctx.store.replay<{ invites: BulkInvite[] }>(key);
  if (again) return again;
  const ids = [...new Set(input.personIds)];
  const [persons, stations, bindings] = await Promise.all([
    Promise.all(ids.map((id) => ctx.store.org.person(id))),
    ctx.store.org.stations(),
    ctx.store.identity.allBindings(),
  ]);
  const missing = ids.filter((_, i) => !persons[i]);
  if (missing.length > 0) {
    throw new AppError('INPUT.INVALID', undefined, {
      issues: missing.map((id) => ({ path: `personIds.${ids.indexOf(id)}`, message: '人员不存在' })),
    });
  }
  const active = bindings.filter((b) => b.revokedAt === null);
  const plans = ids.map((id) => bulkInvitePlan({ id }, stations, active));
  const heldOf = (personId: string) => active.filter((b) => b.personId === personId);
  // the units a person on no team and with no binding belongs to: their own, their society's, their host unit's
  const ownScope = (i: number) => ({
    stationId: null,
    societyId: persons[i]!.societyId,
    hostUnitId: persons[i]!.hostUnitId,
    castUnitId: persons[i]!.castUnitId ?? null,
  });
  const scopes = plans.flatMap((p, i) => [p.scope ?? ownScope(i), ...heldOf(p.personId).map((b) => b.scope)]);
  const graph = await loadOrgGraph(ctx.store, scopes);
  for (const [i, p] of plans.entries()) {
    const held = heldOf(p.personId);
    // a skipped person is still one the caller must oversee (as bound): nothing is told about others
    const role = p.role ?? held[0]?.role;
    const scope = p.scope ?? held[0]?.scope;
    const refused =
      role && scope
        ? inviteRefusal(ctx.caller, { role, scope, personId: p.personId }, graph, held) !== null
        : !overseesScope(ctx.caller.bindings, ownScope(i), graph);
    if (refused) throw new AppError('AUTH.FORBIDDEN', `${persons[i]!.name}：不在您的管辖范围内，不能为其生成邀请码`);
  }
  const staff = ctx.caller.bindings.find((b) => b.role === 'cityStaff') ?? ctx.caller.bindings.find((b) => b.role === 'countyStaff')!;
  const now = ctx.clock.now();
  const expiresAt = now + input.validHours * 3600_000;
  const stationName = (id: string | null) => stations.find((s) => s.id === id)?.name ?? '';
  const invites: Invite[] = [];
  const rows: BulkInvite[] = plans.map((p, i) => {
    const person = persons[i]!;
    if (p.skip !== null) {
      return {
        personId: p.personId,
        personName: person.name,
        role: null,
        roleLabel: '',
        scopeLabel: '',
        code: null,
        expiresAt: null,
        skipped: p.skip,
      };
    }
    const code = newInviteCode();
    invites.push({
      code,
      role: p.role,
      personId: p.personId,
      scope: p.scope,
      createdBy: staff.personId,
      createdAt: now,
      expiresAt,
      usedAt: null,
      usedBy: null,
    });
    return {
      personId: p.personId,
      personName: person.name,
      role: p.role,
      roleLabel: roleLabels[p.role],
      scopeLabel: stationName(p.scope.stationId),
      code,
      expiresAt,
      skipped: null,
    };
  });
  return ctx.store.once(
    key,
    now,
    async (tx) => {
      await ctx.store.identity.insertInvites(tx, invites, staff.personId);
      return { invites: rows };
    },
    { replayed: true },
  );
}

/**
 * The caller's bulk invites as an .xlsx list (姓名, 身份, 服务站, 邀请码, 有效期至, 状态), through the export path every
 * export takes (stored, a temporary URL, a small copy inline). Only the caller's own: the batches are read back
 * from the caller's own createInvites request records (keyed by function, action, OPENID and request id), so no
 * one reads codes another made; each code's state (未使用 / 已使用 / 已过期) is read now.
 */
export async function exportInvites(
  ctx: Uses<'store' | 'clock' | 'caller' | 'files' | 'fn'>,
  input: ParsedInputOf<IdentityApi['exportInvites']>,
): Promise<Delivered> {
  const batches = await Promise.all(
    input.requestIds.map((id) => ctx.store.replay<{ invites: BulkInvite[] }>(requestKey({ ...ctx, action: 'createInvites' }, id))),
  );
  // another's batch and one never made read alike (the key names the caller): only one's own codes are exported
  if (batches.some((b) => b === null)) throw new AppError('AUTH.FORBIDDEN', '只能导出您本人生成的邀请码');
  const rows = batches.flatMap((b) => b!.invites);
  const now = ctx.clock.now();
  const stateOf = async (code: string) => {
    const inv = await ctx.store.identity.invite(code);
    if (!inv) return '';
    if (inv.usedAt !== null) return '已使用';
    return inv.expiresAt <= now ? '已过期' : '未使用';
  };
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('邀请码');
  ws.columns = [
    { header: '姓名', key: 'name', width: 14 },
    { header: '身份', key: 'role', width: 14 },
    { header: '服务站', key: 'unit', width: 30 },
    { header: '邀请码', key: 'code', width: 12 },
    { header: '有效期至', key: 'until', width: 20 },
    { header: '状态', key: 'state', width: 28 },
  ];
  ws.getRow(1).font = { bold: true };
  for (const r of rows) {
    ws.addRow({
      name: r.personName,
      role: r.roleLabel,
      unit: r.scopeLabel,
      code: r.code ?? '',
      until: r.expiresAt ? chinaDateTimeOf(r.expiresAt) : '',
      state: r.code ? await stateOf(r.code) : `未生成：${r.skipped ?? ''}`,
    });
  }
  const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
  const name = `邀请码-${chinaDateOf(now).replace(/-/g, '')}.xlsx`;
  return deliverExport(ctx, { name, mime: XLSX_MIME, bytes, folder: 'exports/invites' });
}
