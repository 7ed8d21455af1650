import type { Application } from '../../../shared/schemas/application';

/** 2023-10-08 09:00 China time */
export const T0 = Date.UTC(2023, 9, 8, 1, 0, 0);
export const requestId = 'req_0123456789';

export function application(over: Partial<Application> = {}): Application {
  return {
    id: 'app-1',
    programmeId: 'yiyang-station-2023',
    kindId: 'station',
    roundId: 'round-2023',
    applicant: { type: 'hostUnit', societyId: 'soc-agri', hostUnitId: 'hu-1' },
    formId: 'yiyang-station-2023/station',
    castUnitId: 'cast-nanxian',
    title: '益阳市农学会南县稻虾服务站',
    values: { stationName: '益阳市农学会南县稻虾服务站', contactMobile: '13907371234' },
    facts: { societyLevel: 'city', hasAgreement: true },
    version: 3,
    status: 'in_review',
    stageId: 'county-review',
    attachments: [
      {
        materialId: 'agreement',
        file: { fileId: 'cloud://env-1/agreement.pdf', name: '共建协议.pdf', size: 120_000, mime: 'application/pdf' },
        uploadedAt: T0,
      },
    ],
    fieldComments: {},
    history: [
      { at: T0, actorId: 'p-1', action: 'created', fromStatus: null, toStatus: 'draft', stageId: null, note: '' },
      {
        at: T0 + 60_000,
        actorId: 'p-1',
        action: 'submit',
        fromStatus: 'draft',
        toStatus: 'in_review',
        stageId: 'county-review',
        note: '',
      },
    ],
    reviewerIds: [],
    publicity: null,
    openObjections: 0,
    stationId: null,
    createdBy: 'p-1',
    createdAt: T0,
    updatedAt: T0 + 60_000,
    submittedAt: T0 + 60_000,
    ...over,
  };
}
