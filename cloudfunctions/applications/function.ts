import { applicationsApi } from '../../shared/api/applications';
import type { Role } from '../../shared/schemas/org';
import { createFunction } from '../_kernel/router';
import { attach, openCalls, precheck, removeAttachment, saveDraft, submit, uploadAttachment, withdraw } from './actions/apply';
import { programmeDefinition } from './actions/definition';
import { exportForm, exportRound } from './actions/export';
import { fileUrl } from './actions/files';
import { award, closePublicity, fileObjection, resolveObjection, startPublicity } from './actions/publicity';
import { assignReviewers, queue, review, reviewerCandidates, score } from './actions/review';
import { imposeSanction, listSanctions } from './actions/sanctions';
import { get, mine, rounds } from './actions/view';

/**
 * applications: secretaries apply, staff review. The router checks the coarse role; each handler
 * checks the fine rule (the applicant's own society or host unit, the staff's own CAST unit, the
 * stage's role from the programme definition, the reviewer's assignment).
 */
const applicants: Role[] = ['secretary', 'hostContact'];
const staff: Role[] = ['countyStaff', 'cityStaff', 'talentOffice'];
const reviewers: Role[] = [...staff, 'reviewer'];
/** Provincial staff (省科协) read the applications of their cities and write nothing (issue 13, item 5). */
const provincial: Role[] = ['provincialStaff'];
const anyone: Role[] = [...applicants, ...reviewers, ...provincial];
/** Open calls and rounds are public notices (申报通知): any bound person reads them; non-applicants see no kinds to apply to. */
const everyone: Role[] = [...anyone, 'expert'];

export const applications = createFunction('applications', applicationsApi, {
  openCalls: { access: everyone, handler: openCalls },
  mine: { access: applicants, handler: mine },
  get: { access: anyone, handler: get },
  saveDraft: { access: applicants, handler: saveDraft },
  precheck: { access: anyone, handler: precheck },
  uploadAttachment: { access: applicants, handler: uploadAttachment },
  attach: { access: applicants, handler: attach },
  removeAttachment: { access: applicants, handler: removeAttachment },
  submit: { access: applicants, handler: submit },
  withdraw: { access: applicants, handler: withdraw },
  queue: { access: [...reviewers, ...provincial], handler: queue },
  review: { access: staff, handler: review },
  reviewerCandidates: { access: staff, handler: reviewerCandidates },
  assignReviewers: { access: staff, handler: assignReviewers },
  score: { access: reviewers, handler: score },
  startPublicity: { access: staff, handler: startPublicity },
  fileObjection: { access: staff, handler: fileObjection },
  resolveObjection: { access: staff, handler: resolveObjection },
  closePublicity: { access: staff, handler: closePublicity },
  award: { access: staff, handler: award },
  rounds: { access: everyone, handler: rounds },
  exportForm: { access: anyone, handler: exportForm },
  exportRound: { access: [...staff, ...provincial], handler: exportRound },
  imposeSanction: { access: ['cityStaff'], handler: imposeSanction },
  listSanctions: { access: [...staff, ...provincial], handler: listSanctions },
  // who sees which material is decided per file (shared/rules/files.ts fileViewRefusal)
  fileUrl: { access: anyone, handler: fileUrl },
  // the definition the app renders an installed programme's forms from (issue 16 item 6)
  programmeDefinition: { access: everyone, handler: programmeDefinition },
});
