import type { HostUnitView, ImportAnswer, SocietyView } from '@shared/api/org';
import type { HostUnitKind } from '@shared/schemas/org';

/**
 * The staff organisation forms (packages/staff/pages/org): what a form holds (strings, as typed), how a
 * stored record fills it, and what a save sends — no id typed, an emptied optional field cleared (null)
 * on an update and left out on a create. Pure, so the rules of "what is sent" are tested without a page.
 */

export interface SocietyForm {
  name: string;
  level: SocietyView['level'];
  castUnitId: string | null;
  creditCode: string;
  contactName: string;
  contactPhone: string;
}
export interface HostUnitForm {
  name: string;
  kind: HostUnitKind;
  castUnitId: string | null;
  address: string;
  lat: string;
  lng: string;
  radiusM: string;
  funded: boolean;
  creditCode: string;
  contactName: string;
  contactPhone: string;
}
export interface CastUnitForm {
  name: string;
}

export const emptySociety = (castUnitId: string | null): SocietyForm => ({
  name: '',
  level: 'city',
  castUnitId,
  creditCode: '',
  contactName: '',
  contactPhone: '',
});
export const societyFormOf = (s: SocietyView): SocietyForm => ({
  name: s.name,
  level: s.level,
  castUnitId: s.castUnitId,
  creditCode: s.creditCode ?? '',
  contactName: s.contact?.name ?? '',
  contactPhone: s.contact?.phone ?? '',
});
export const emptyHostUnit = (castUnitId: string | null): HostUnitForm => ({
  name: '',
  kind: 'enterprise_cast',
  castUnitId,
  address: '',
  lat: '',
  lng: '',
  radiusM: '',
  funded: false,
  creditCode: '',
  contactName: '',
  contactPhone: '',
});
export const hostUnitFormOf = (h: HostUnitView): HostUnitForm => ({
  name: h.name,
  kind: h.kind,
  castUnitId: h.castUnitId,
  address: h.address,
  lat: h.location ? String(h.location.lat) : '',
  lng: h.location ? String(h.location.lng) : '',
  radiusM: h.location ? String(h.location.radiusM) : '',
  funded: h.hasFundedExpertWorkstation,
  creditCode: h.creditCode ?? '',
  contactName: h.contact?.name ?? '',
  contactPhone: h.contact?.phone ?? '',
});

/** An optional value: trimmed text, or (emptied) null on an update / left out on a create. */
function optional<T>(value: string, isUpdate: boolean, make: (v: string) => T): { v: T | null } | null {
  const t = value.trim();
  if (t) return { v: make(t) };
  return isUpdate ? { v: null } : null;
}

function contactOf(name: string, phone: string, isUpdate: boolean) {
  const n = name.trim();
  const p = phone.trim();
  if (!n && !p) return isUpdate ? { contact: null } : {};
  return { contact: { name: n, ...(p ? { phone: p } : {}) } };
}

export function societyPayload(f: SocietyForm, id: string | null) {
  const credit = optional(f.creditCode, id !== null, (v) => v);
  return {
    ...(id ? { id } : {}),
    name: f.name.trim(),
    level: f.level,
    ...(f.castUnitId ? { castUnitId: f.castUnitId } : {}),
    ...(credit ? { creditCode: credit.v } : {}),
    ...contactOf(f.contactName, f.contactPhone, id !== null),
  };
}

/** Local problems found before sending (the server checks everything again): field key → message. */
export function hostUnitLocalIssues(f: HostUnitForm): Record<string, string> {
  const parts = [f.lat, f.lng, f.radiusM].map((x) => x.trim());
  const issues: Record<string, string> = {};
  if (parts.some(Boolean) && !parts.every(Boolean)) {
    if (!parts[0]) issues['location.lat'] = '请填写纬度（或把位置三项都留空）';
    if (!parts[1]) issues['location.lng'] = '请填写经度（或把位置三项都留空）';
    if (!parts[2]) issues['location.radiusM'] = '请填写签到半径（或把位置三项都留空）';
  }
  const keys = ['location.lat', 'location.lng', 'location.radiusM'] as const;
  parts.forEach((p, i) => {
    if (p && !Number.isFinite(Number(p))) issues[keys[i]!] = '请填写数字';
  });
  return issues;
}

export function hostUnitPayload(f: HostUnitForm, id: string | null) {
  const isUpdate = id !== null;
  const credit = optional(f.creditCode, isUpdate, (v) => v);
  const hasLocation = f.lat.trim() !== '' && f.lng.trim() !== '' && f.radiusM.trim() !== '';
  return {
    ...(id ? { id } : {}),
    name: f.name.trim(),
    kind: f.kind,
    ...(f.castUnitId ? { castUnitId: f.castUnitId } : {}),
    address: f.address.trim(),
    ...(hasLocation
      ? { location: { lat: Number(f.lat.trim()), lng: Number(f.lng.trim()), radiusM: Number(f.radiusM.trim()) } }
      : isUpdate
        ? { location: null }
        : {}),
    hasFundedExpertWorkstation: f.funded,
    ...(credit ? { creditCode: credit.v } : {}),
    ...contactOf(f.contactName, f.contactPhone, isUpdate),
  };
}

/** A save's field path as the form names its fields: without the entity prefix; a contact's parts flattened. */
export function formFieldOf(path: string): string {
  const rest = path.split('.').slice(1).join('.');
  if (rest === 'contact.name') return 'contactName';
  if (rest === 'contact.phone' || rest === 'contact') return 'contactPhone';
  return rest || path;
}

/** One import error as the preview lists it: 第 N 行 · 列名 · 中文说明. */
export const importIssueLine = (e: ImportAnswer['errors'][number]): string => `第 ${e.row} 行 · ${e.column || '整行'} · ${e.message}`;

/** The preview's errors grouped by sheet, in sheet order then row order. */
export function issuesBySheet(a: Pick<ImportAnswer, 'errors' | 'sheets'>): { sheet: string; lines: string[] }[] {
  const order = a.sheets.map((s) => s.sheet);
  const sheets = [...new Set([...order, ...a.errors.map((e) => e.sheet)])];
  return sheets
    .map((sheet) => ({
      sheet,
      lines: a.errors
        .filter((e) => e.sheet === sheet)
        .sort((x, y) => x.row - y.row)
        .map(importIssueLine),
    }))
    .filter((g) => g.lines.length > 0);
}

/** Add a commit step's per-sheet counts to those so far (a commit answers for its own chunk). */
export function addCounts(
  total: Record<string, { create: number; update: number; unchanged: number }>,
  a: Pick<ImportAnswer, 'sheets'>,
): Record<string, { create: number; update: number; unchanged: number }> {
  const next = { ...total };
  for (const s of a.sheets) {
    const t = next[s.sheet] ?? { create: 0, update: 0, unchanged: 0 };
    next[s.sheet] = {
      create: t.create + s.create.length,
      update: t.update + s.update.length,
      unchanged: t.unchanged + s.unchanged.length,
    };
  }
  return next;
}

const formKeyFields: Record<string, readonly string[]> = {
  lat: ['location.lat', 'location'],
  lng: ['location.lng', 'location'],
  radiusM: ['location.radiusM', 'location'],
  funded: ['hasFundedExpertWorkstation'],
};
/** The marked fields an edit of these form keys answers: their marks go as the person types (the rest stay). */
export function clearedBy(errors: Record<string, string>, formKeys: readonly string[]): Record<string, string> {
  const gone = new Set(formKeys.flatMap((k) => formKeyFields[k] ?? [k]));
  return Object.fromEntries(Object.entries(errors).filter(([k]) => !gone.has(k)));
}
