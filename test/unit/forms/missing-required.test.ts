import { emptyValues, missingRequired, wuhanAwardForm, yiyangSocialServiceForm, yiyangStationForm } from '../../../shared/forms';
import { filled } from './fill';

/** The "what is still missing" list shown before submitting, with the step to jump back to. */
describe('missingRequired', () => {
  it('lists nothing for a complete form', () => {
    expect(missingRequired(yiyangStationForm, filled(yiyangStationForm))).toEqual([]);
  });

  it('lists every required input field of an empty form, in printed order, and nothing else', () => {
    const missing = missingRequired(yiyangStationForm, emptyValues(yiyangStationForm));
    expect(missing[0]).toEqual({ key: 'stationName', label: '学会服务站名称', stepId: 'cover' });
    expect(missing.at(-1)).toEqual({ key: 'purposeAndPlan', label: '建站目的工作计划', stepId: 'plan' });
    const keys = missing.map((m) => m.key);
    // paper opinions, mirrored cells and optional fields are never "missing"
    for (const key of ['cityCastOpinion', 'applicantOpinion', 'unitName', 'unitLegalRepresentative', 'contactFax', 'societyQq']) {
      expect(keys).not.toContain(key);
    }
    expect(missingRequired(yiyangStationForm, {})).toEqual(missing);
  });

  it.each([
    ['an empty string', ''],
    ['spaces only', '   '],
    ['null', null],
    ['undefined', undefined],
  ])('counts %s as missing', (_case, blank) => {
    const values = { ...filled(yiyangStationForm), societyContactMobile: blank };
    expect(missingRequired(yiyangStationForm, values)).toEqual([
      { key: 'societyContactMobile', label: '建站学会联系人手机', stepId: 'hostSociety' },
    ]);
  });

  it('counts an empty multiple choice as missing', () => {
    const values = { ...filled(yiyangSocialServiceForm), serviceTypes: [] };
    expect(missingRequired(yiyangSocialServiceForm, values)).toEqual([{ key: 'serviceTypes', label: '服务类型', stepId: 'project' }]);
  });

  it('only checks presence: formats are formSchema’s job', () => {
    const values = { ...filled(wuhanAwardForm), secretaryGeneralMobile: 'not a number' };
    expect(missingRequired(wuhanAwardForm, values)).toEqual([]);
  });
});
