import type { ParsedInputOf } from '../../../shared/api/define';
import type { InstallAnswer, OrgApi, ProgrammeDefinitionRow } from '../../../shared/api/org';
import { AppError } from '../../../shared/errors';
import { getProgramme, programmeIds, programmes } from '../../../shared/programmes';
import { BUILTIN_VERSION, versionNumber } from '../../../shared/programmes/registry';
import { canonicalJson, checkDefinitionFile, type DefinitionFile, installVersion, previewRules } from '../../../shared/rules/definitions';
import { definitionFileAllowed, readDefinitionUpload, sanitiseFileName } from '../../../shared/rules/files';
import { districtInstallRefusal } from '../../../shared/rules/offer';
import { defaultCastUnit } from '../../../shared/rules/org';
import { definitionDocId, type ProgrammeDefinitionDoc } from '../../../shared/schemas/programme-definition';
import { forgetInstalledList } from '../../_kernel/definitions';
import type { Uses } from '../../_kernel/router';
import { actorOf, invalid, replayed } from './org-data';

/** Who installs programme definitions: city staff (a definition is policy the city adopts). */
export const programmeInstallerRoles = ['cityStaff'] as const;

const answerOf = (file: DefinitionFile, version: string, isNew: boolean): InstallAnswer => ({
  ok: true,
  errors: [],
  programmeId: file.programme.id,
  title: file.programme.title,
  city: file.programme.city,
  version,
  isNew,
  rules: previewRules(file).map((r) => ({ ruleId: r.ruleId, clause: r.clause, text: r.text })),
  kinds: file.programme.kinds.map((k) => {
    const form = file.forms.find((f) => f.id === k.formId)!;
    return { id: k.id, label: k.label, formTitle: form.title, fields: form.steps.reduce((n, s) => n + s.fields.length, 0) };
  }),
});

/** The definition sent inline, or read from the uploaded file (only the caller's own .json upload). */
async function definitionOf(ctx: Uses<'files' | 'caller'>, input: ParsedInputOf<OrgApi['installProgramme']>): Promise<unknown> {
  if (input.fileId === undefined) return input.definition;
  if (!definitionFileAllowed(input.fileId, actorOf(ctx)))
    throw invalid([{ path: 'fileId', message: '只能安装您本人上传的项目定义文件（.json）' }]);
  const read = readDefinitionUpload(await ctx.files.read(input.fileId));
  if (!read.ok) throw invalid([{ path: 'fileId', message: read.message }]);
  return read.json;
}

/**
 * org.installProgramme (issue 16 item 6): read (the programme's stored versions) → decide
 * (shared/rules/definitions.ts: the file checks exactly as programme:check does; which version it is)
 * → write (one new version, audited, once per request id). Preview writes nothing.
 */
export async function installProgramme(
  ctx: Uses<'store' | 'files' | 'clock' | 'caller' | 'fn' | 'action'>,
  input: ParsedInputOf<OrgApi['installProgramme']>,
): Promise<InstallAnswer> {
  const city = defaultCastUnit(ctx.caller.bindings, programmeInstallerRoles);
  if (!city) throw new AppError('AUTH.FORBIDDEN');
  if (input.mode === 'commit') {
    const { result } = await replayed<InstallAnswer>(ctx, input.requestId);
    if (result) return result;
  }
  const checked = checkDefinitionFile(await definitionOf(ctx, input), programmeIds);
  if (!checked.ok) {
    if (input.mode === 'commit') throw invalid(checked.errors.map((e) => ({ path: `definition.${e.path}`, message: e.message })));
    return {
      ok: false,
      errors: checked.errors,
      programmeId: null,
      title: null,
      city: null,
      version: null,
      isNew: false,
      rules: [],
      kinds: [],
    };
  }
  const file = checked.file;
  // a district programme is its city's: only that city's staff install it or a new version of it (issue 16 item 4)
  const mine = new Set(ctx.caller.bindings.filter((b) => b.role === 'cityStaff').map((b) => b.scope.castUnitId));
  const refused = districtInstallRefusal(
    (await ctx.store.org.castUnits()).filter((u) => mine.has(u.id)),
    [file.programme, getProgramme(file.programme.id)],
  );
  if (refused) throw new AppError(refused.code, refused.message);
  const content = canonicalJson(file);
  const existing = await ctx.store.definitions.versions(file.programme.id);
  const { version, isNew } = installVersion(existing, content);
  const answer = answerOf(file, version, isNew);
  if (input.mode === 'preview' || !isNew) return answer;

  const now = ctx.clock.now();
  const doc: ProgrammeDefinitionDoc = {
    id: definitionDocId(file.programme.id, version),
    programmeId: file.programme.id,
    version,
    title: file.programme.title,
    city: file.programme.city,
    content,
    sourceFileName: input.fileName ?? (input.fileId ? sanitiseFileName(input.fileId) : null),
    // the stored shape keeps a record id here (programmeDefinitions v1), not a storage path: the file is named by its name
    sourceFileId: null,
    installedBy: actorOf(ctx),
    installedAt: now,
    castUnitId: city,
  };
  const { key } = await replayed<InstallAnswer>(ctx, input.requestId);
  const stored = await ctx.store.once(
    key,
    now,
    async (tx) => {
      // two installs of two different files racing for the same version number: the second is refused
      if (await ctx.store.definitions.getTx(tx, doc.id)) throw new AppError('CONFLICT.STATE');
      await ctx.store.definitions.install(tx, doc);
      return answer;
    },
    { replayed: true },
  );
  forgetInstalledList(ctx.store);
  return stored;
}

/** org.listProgrammeDefinitions: the built-in programmes and every installed version, newest first per programme. */
export async function listProgrammeDefinitions(ctx: Uses<'store'>): Promise<ProgrammeDefinitionRow[]> {
  const builtin: ProgrammeDefinitionRow[] = programmeIds.map((id) => ({
    programmeId: id,
    title: programmes[id].title,
    city: programmes[id].city,
    version: BUILTIN_VERSION,
    latest: true,
    installedAt: null,
    installedBy: null,
    fileName: null,
  }));
  const docs = await ctx.store.definitions.all();
  const newest = new Map<string, number>();
  for (const d of docs) newest.set(d.programmeId, Math.max(newest.get(d.programmeId) ?? 0, versionNumber(d.version)));
  const installed = docs
    .sort((a, b) =>
      a.programmeId === b.programmeId ? versionNumber(b.version) - versionNumber(a.version) : a.programmeId < b.programmeId ? -1 : 1,
    )
    .map((d) => ({
      programmeId: d.programmeId,
      title: d.title,
      city: d.city,
      version: d.version,
      latest: newest.get(d.programmeId) === versionNumber(d.version),
      installedAt: d.installedAt,
      installedBy: d.installedBy,
      fileName: d.sourceFileName,
    }));
  return [...installed, ...builtin];
}
