import { appliesToKind, type Material, type Programme, requireKind } from '../programmes/schema';

export interface UploadedMaterial {
  materialId: string;
  mime: string;
}

export interface MaterialIssue {
  materialId: string;
  label: string;
  clause: string;
  /** Chinese */
  message: string;
}

export interface MaterialsCheck {
  complete: boolean;
  missing: MaterialIssue[];
  wrongType: MaterialIssue[];
  /** uploads whose material id the programme does not list for this kind */
  unexpected: string[];
}

const mimeNames: [RegExp, string][] = [
  [/^application\/pdf$/, 'PDF'],
  [/^image\//, '图片'],
  [/word/, 'Word'],
  [/excel|spreadsheet/, 'Excel'],
];

/** Chinese names of the accepted file types, e.g. "PDF、图片、Word". */
export function acceptedTypesText(mimeTypes: readonly string[]): string {
  const names: string[] = [];
  for (const mime of mimeTypes) {
    const name = mimeNames.find(([re]) => re.test(mime))?.[1] ?? mime;
    if (!names.includes(name)) names.push(name);
  }
  return names.join('、');
}

/** The materials of a kind, in the order the seed lists them. */
export function materialsOf(programme: Programme, kindId: string): Material[] {
  requireKind(programme, kindId);
  return programme.materials.filter((m) => appliesToKind(m, kindId));
}

/**
 * Are the required materials there, in accepted file types? (seed 004 第九条, seed 000 五.1 …)
 * A required material counts as present when at least one upload of an accepted type is attached.
 */
export function checkMaterials(programme: Programme, kindId: string, uploads: readonly UploadedMaterial[]): MaterialsCheck {
  const list = materialsOf(programme, kindId);
  const missing: MaterialIssue[] = [];
  const wrongType: MaterialIssue[] = [];
  for (const m of list) {
    const mine = uploads.filter((u) => u.materialId === m.id);
    const bad = mine.filter((u) => !m.mimeTypes.includes(u.mime));
    if (bad.length > 0)
      wrongType.push({
        materialId: m.id,
        label: m.label,
        clause: m.clause,
        message: `“${m.label}”的文件类型不受支持，请上传 ${acceptedTypesText(m.mimeTypes)} 文件`,
      });
    if (m.required && mine.length === bad.length)
      missing.push({ materialId: m.id, label: m.label, clause: m.clause, message: `缺少必需的申报材料：${m.label}（${m.clause}）` });
  }
  const known = new Set(list.map((m) => m.id));
  const unexpected = [...new Set(uploads.map((u) => u.materialId).filter((id) => !known.has(id)))];
  return { complete: missing.length === 0 && wrongType.length === 0, missing, wrongType, unexpected };
}
