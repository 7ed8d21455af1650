import { acceptedTypesText, checkMaterials, materialsOf } from '../../../shared/rules/materials';
import { programme } from './fixtures';

const pdf = (materialId: string) => ({ materialId, mime: 'application/pdf' });

describe('required materials', () => {
  it.each([
    [
      '[yiyang-station-2023:materials]',
      'station',
      ['application-form', 'agreement', 'performance-goals', 'unit-introduction', 'station-rules', 'organisation-staff'],
    ],
    ['[yiyang-capacity-2018:materials]', 'demonstration', ['application-form', 'budget', 'inspection-proof', 'commendation-proof']],
    ['[yiyang-capacity-2018:materials]', 'academic', ['application-form', 'budget', 'inspection-proof']],
    ['[wuhan-award:materials]', 'award', ['application-form', 'council-resolution', 'inspection-proof', 'summary-and-plan']],
    ['[pingdingshan-five-star:materials]', 'five-star', ['application-form', 'three-year-plan']],
    ['[weihai-2025:materials]', 'class-a', ['application-form', 'supporting-evidence']],
  ])('%s %s needs %j', (tag, kind, required) => {
    const p = programme(tag.slice(1, tag.indexOf(':')));
    expect(
      materialsOf(p, kind)
        .filter((m) => m.required)
        .map((m) => m.id),
    ).toEqual(required);
    expect(checkMaterials(p, kind, required.map(pdf))).toEqual({ complete: true, missing: [], wrongType: [], unexpected: [] });
    for (const left of required) {
      const r = checkMaterials(p, kind, required.filter((id) => id !== left).map(pdf));
      expect(r.complete).toBe(false);
      expect(r.missing.map((m) => m.materialId)).toEqual([left]);
      expect(r.missing[0]!.message).toMatch(/^缺少必需的申报材料：/);
    }
  });
});

describe('file types', () => {
  const p = programme('yiyang-station-2023');
  const all = materialsOf(p, 'station').map((m) => m.id);
  it('a required material in a refused type counts as missing and says which types are accepted', () => {
    const uploads = [...all.filter((id) => id !== 'agreement').map(pdf), { materialId: 'agreement', mime: 'application/zip' }];
    const r = checkMaterials(p, 'station', uploads);
    expect(r.missing.map((m) => m.materialId)).toEqual(['agreement']);
    expect(r.wrongType[0]!.message).toContain('PDF、图片、Word');
  });
  it('a good file next to a refused one still counts, but the bad one is reported', () => {
    const uploads = [...all.map(pdf), { materialId: 'agreement', mime: 'text/html' }];
    const r = checkMaterials(p, 'station', uploads);
    expect(r.missing).toEqual([]);
    expect(r.wrongType.map((m) => m.materialId)).toEqual(['agreement']);
    expect(r.complete).toBe(false);
  });
  it('budgets may be spreadsheets', () => {
    const y = programme('yiyang-capacity-2018');
    const budget = y.materials.find((m) => m.id === 'budget')!;
    expect(acceptedTypesText(budget.mimeTypes)).toBe('PDF、图片、Word、Excel');
    expect(acceptedTypesText(['text/csv'])).toBe('text/csv');
  });
  it('reports uploads for materials the kind does not list', () => {
    const y = programme('yiyang-capacity-2018');
    const r = checkMaterials(
      y,
      'academic',
      ['application-form', 'budget', 'inspection-proof', 'commendation-proof', 'commendation-proof'].map(pdf),
    );
    expect(r.unexpected).toEqual(['commendation-proof']);
    expect(r.complete).toBe(true);
  });
  it('an optional material may be left out', () => {
    const y = programme('yiyang-capacity-2018');
    expect(materialsOf(y, 'academic').find((m) => m.id === 'supporting-materials')?.required).toBe(false);
  });
});
