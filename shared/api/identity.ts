import { z } from 'zod';
import { cleanString, idSchema, requestIdSchema } from '../schemas/common';
import { bindingScopeSchema, personSchema, type Role, roleSchema } from '../schemas/org';
import { type TemplateKey, templateKeySchema } from '../schemas/subscriptions';
import { action } from './define';

export interface MyBinding {
  bindingId: string;
  role: Role;
  roleLabel: string;
  scope: { societyId: string | null; stationId: string | null; hostUnitId: string | null; castUnitId: string | null };
  /** a Chinese description of what the binding is attached to, e.g. "益阳市农学会" */
  scopeLabel: string;
}
export interface Me {
  bound: boolean;
  person: { id: string; name: string } | null;
  bindings: MyBinding[];
  /** the role whose home the app opens first */
  primaryRole: Role | null;
}
export interface InviteCreated {
  code: string;
  expiresAt: number;
  /** the person the invite is for (new ones get their id here) */
  personId: string;
}
/** One person of a bulk invite (createInvites): their code, or why they got none. */
export interface BulkInvite {
  personId: string;
  personName: string;
  role: Role | null;
  roleLabel: string;
  /** the unit the code binds to, e.g. the station's name */
  scopeLabel: string;
  code: string | null;
  expiresAt: number | null;
  /** why no code was made (already bound, on no team) */
  skipped: string | null;
}
export const createInvitesInput = z.object({
  requestId: requestIdSchema,
  /** the imported persons to invite (a page sends them in batches) */
  personIds: z.array(idSchema).min(1).max(50),
  /** validity in hours, 1..720 (default 7 days: a list handed out at a meeting) */
  validHours: z.number().int().min(1).max(720).default(168),
});

/** The codes of earlier bulk invites (the request ids the page sent createInvites) as an .xlsx list. */
export const exportInvitesInput = z.object({ requestIds: z.array(requestIdSchema).min(1).max(40) });
/** An exported file (services: platform/download openExportedFile). */
export interface InvitesFile {
  file: { fileId: string; name: string; size: number; mime: string };
  url: string | null;
  expiresAt: number | null;
  base64: string | null;
}

export interface BindingRow extends MyBinding {
  personId: string;
  personName: string;
  createdAt: number;
  revokedAt: number | null;
}

/** One subscription-message template as the settings page shows it (shared/notify/templates.ts). */
export interface SubscriptionRow {
  key: TemplateKey;
  title: string;
  description: string;
  /** the template id to pass to requestSubscribeMessage; null when the deployment has none configured */
  templateId: string | null;
  /** messages this WeChat user has accepted and we have not sent yet */
  left: number;
  /** false: asked for now, sent by a later feature */
  sentNow: boolean;
}
export interface SubscriptionsView {
  templates: SubscriptionRow[];
}

export const inviteCodeSchema = z
  .string()
  .trim()
  .transform((s) => s.toUpperCase())
  .pipe(z.string().regex(/^[A-Z0-9]{8}$/, '邀请码为 8 位字母或数字'));

export const identityApi = {
  me: action<Me>()(z.object({})),
  /**
   * An invite names who it is for: a person already known (`personId`) or a new one (`newPerson`:
   * name, and optionally mobile and title, recorded when the invite is created) — exactly one.
   */
  createInvite: action<InviteCreated>()(
    z
      .object({
        role: roleSchema,
        personId: idSchema.optional(),
        newPerson: personSchema.pick({ name: true, mobile: true, title: true }).optional(),
        scope: bindingScopeSchema,
        /** validity in hours, 1..720 (30 days) */
        validHours: z.number().int().min(1).max(720).default(72),
      })
      .refine((x) => (x.personId === undefined) !== (x.newPerson === undefined), {
        path: ['personId'],
        message: '请选择已有人员或填写新人员姓名（二选一）',
      }),
  ),
  /**
   * Bulk invites for imported people (issue 13): one code per named person, tied to them, for the role the
   * register gives them (the expert of the station whose team they are on). Idempotent: the same request
   * id answers the same codes. Refused whole when any person is outside the caller's oversight.
   */
  createInvites: action<{ invites: BulkInvite[] }>()(createInvitesInput),
  /** The caller's own bulk invites (by the createInvites request ids) as a workbook, with each code's state now. */
  exportInvites: action<InvitesFile>()(exportInvitesInput),
  redeemInvite: action<Me>()(z.object({ code: inviteCodeSchema })),
  listBindings: action<BindingRow[]>()(z.object({ includeRevoked: z.boolean().default(false) })),
  revokeBinding: action<{ bindingId: string; revokedAt: number }>()(
    z.object({ bindingId: idSchema, reason: cleanString().min(1, '请填写撤销原因').max(200) }),
  ),
  /** The caller's subscription-message templates (by role) with their ids and what is left of each. */
  subscriptions: action<SubscriptionsView>()(z.object({})),
  /** Record the templates the user accepted in requestSubscribeMessage (one more message each). */
  recordSubscriptions: action<SubscriptionsView>()(z.object({ accepted: z.array(templateKeySchema).min(1).max(5), requestId: idSchema })),
  /**
   * The app reports a call that reached the cloud but got no answer from a function (timeout, crash,
   * not deployed): written to this function's log for the operator (云开发控制台 → 云函数 → 日志). The app
   * sends at most one per function and kind per 10 minutes.
   */
  reportProblem: action<{ recorded: true }>()(
    z.object({
      fn: z.enum(['identity', 'stations', 'applications', 'reports', 'org']),
      action: z.string().max(40).regex(/^\w*$/),
      reason: z.enum(['timeout', 'notDeployed', 'crashed', 'config', 'unknown']),
      code: z.string().max(12).nullable(),
      detail: z.string().max(300),
    }),
  ),
};
export type IdentityApi = typeof identityApi;
