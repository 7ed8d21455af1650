import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { localOpenidOf } from '../../local/demo/org';
import { programmes } from '../../shared/programmes';
import { definitionFileJson } from '../../shared/rules/definitions';
import { definitionFolderOf } from '../../shared/rules/files';
import type { Harness } from '../support/handlers';
import { harness, ok, rid } from './applications-support';

/**
 * Issue 16 item 6: city staff install a programme from an uploaded definition file (`fileId`, a .json
 * in their own definitions folder), checked exactly as an inline definition; the inline form stays.
 */
const STAFF = 'p-city-staff';
const sample = readFileSync(join(__dirname, '../fixtures/programmes/runtime-sample.json'));
const sampleId = (JSON.parse(sample.toString('utf8')) as { programme: { id: string } }).programme.id;

let h: Harness;
beforeAll(async () => {
  h = await harness();
});
afterAll(async () => {
  await h.close();
});

async function upload(bytes: Uint8Array, personId = STAFF, name = 'definition.json', folder = definitionFolderOf(personId)) {
  const ref = await h.deps.files.put({ name, mime: 'application/json', bytes, ownerOpenid: localOpenidOf(personId), folder });
  return ref.fileId as string;
}
const install = (data: Record<string, unknown>, who = STAFF) =>
  h.call('org', 'installProgramme', { requestId: rid(), mode: 'commit', ...data }, who);
const issuesOf = (r: { error?: unknown }) => JSON.stringify(r.error);

describe('[org.installProgramme] installing a definition from an uploaded file', () => {
  it('previews and installs the uploaded .json; the same file again is the same version', async () => {
    const fileId = await upload(sample);
    const preview = ok(await h.call('org', 'installProgramme', { requestId: rid(), mode: 'preview', fileId }, STAFF));
    expect(preview).toMatchObject({ ok: true, programmeId: sampleId, version: 'v1', isNew: true });
    expect(preview.rules.length).toBeGreaterThan(0);
    const done = ok(await install({ fileId, fileName: 'definition.json' }));
    expect(done).toMatchObject({ ok: true, programmeId: sampleId, version: 'v1', isNew: true });
    const rows = ok(await h.call('org', 'listProgrammeDefinitions', {}, STAFF)) as { programmeId: string; fileName: string | null }[];
    expect(rows.find((r) => r.programmeId === sampleId)?.fileName).toBe('definition.json');
    expect(ok(await install({ fileId: await upload(sample, STAFF, 'again.json') }))).toMatchObject({ version: 'v1', isNew: false });
  });

  it('a shipped built-in file checks as an upload (refused only because it is built in)', async () => {
    const fileId = await upload(new TextEncoder().encode(definitionFileJson(programmes['wuhan-award'])), STAFF, 'wuhan.json');
    const r = ok(await h.call('org', 'installProgramme', { requestId: rid(), mode: 'preview', fileId }, STAFF));
    expect(r.ok).toBe(false);
    expect(JSON.stringify(r.errors)).toContain('wuhan-award');
  });

  it('refuses another person’s file, a file that is not .json, broken JSON, and both or neither of definition / fileId', async () => {
    const other = await upload(sample, 'p-heshan-staff');
    expect(issuesOf(await install({ fileId: other }))).toContain('只能安装您本人上传的项目定义文件（.json）');
    const notJson = await upload(sample, STAFF, 'definition.txt');
    expect(issuesOf(await install({ fileId: notJson }))).toContain('只能安装您本人上传的项目定义文件（.json）');
    const elsewhere = await upload(sample, STAFF, 'definition.json', `imports/${STAFF}`);
    expect(issuesOf(await install({ fileId: elsewhere }))).toContain('只能安装您本人上传的项目定义文件（.json）');
    const broken = await upload(new TextEncoder().encode('{"programme": '), STAFF, 'broken.json');
    expect(issuesOf(await install({ fileId: broken }))).toContain('定义文件不是有效的 JSON');
    const latin1 = await upload(new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]), STAFF, 'latin1.json');
    expect(issuesOf(await install({ fileId: latin1 }))).toContain('定义文件应为 UTF-8 编码的 JSON 文件');
    const r = await install({ fileId: await upload(sample, STAFF, 'x.json'), definition: JSON.parse(sample.toString('utf8')) });
    expect(r.error?.code).toBe('INPUT.INVALID');
    expect(issuesOf(await install({}))).toContain('请上传一个项目定义文件');
  });
});
