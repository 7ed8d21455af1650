import { awardsApi } from '../../shared/api/awards';
import { createFunction } from '../_kernel/router';
import { decideAgreement, saveAgreement, submitAgreement } from './actions/agreement';
import { exportAgreement } from './actions/agreement-export';
import { getAward, listAwards, setAmount } from './actions/award';
import { decideBudget, proposeBudgetChange, saveBudget, submitBudget } from './actions/budget';
import {
  checkQueue,
  decideCheck,
  decideObjection,
  getCheck,
  giveOpinion,
  listChecks,
  recordObjection,
  saveCheckMaterials,
  submitCheck,
  uploadCheckFile,
} from './actions/checks';
import { checkApplicants, checkDeciders, checkOpinionGivers, checkQueueReaders, checkReaders } from './actions/checks-access';
import { exportAcceptanceReport } from './actions/checks-report';
import { decideConsequence, liftConsequence, listConsequences, recheckRectification, reportMisconduct } from './actions/consequences';
import { fileUrl } from './actions/files';
import {
  moneyView,
  recordPayment,
  recordRefund,
  reportExpense,
  reverseLedgerEntry,
  setCaseByCaseAmount,
  uploadLedgerFile,
} from './actions/money';
import { exportFundingSummary } from './actions/money-export';
import { submitReceiptProof } from './actions/receipt-proof';
import { decideStationChange, requestStationChange, startRenewal, stationLifecycle } from './actions/station-lifecycle';

/**
 * awards: what happens after an award (issue 14) — task agreement and budget, checks, money,
 * consequences. The role list is the first gate; each handler then narrows to the awards the caller
 * oversees (staff, the finance bureau) or holds (the awarded society / host unit).
 */
/** money (helper MONEY): read by the applicant side and overseeing staff; recorded by county / city CAST */
const moneyReaders = ['secretary', 'hostContact', 'countyStaff', 'cityStaff', 'talentOffice', 'provincialStaff', 'financeBureau'] as const;
const moneyStaff = ['countyStaff', 'cityStaff'] as const;
const moneyStaffReaders = ['countyStaff', 'cityStaff', 'talentOffice', 'provincialStaff', 'financeBureau'] as const;

/** award file, agreement, budget (helper AWARD): read by the applicant side and overseeing staff (incl. the finance bureau); each handler narrows */
const awardReaders = ['secretary', 'hostContact', 'countyStaff', 'cityStaff', 'talentOffice', 'provincialStaff', 'financeBureau'] as const;
const awardApplicants = ['secretary', 'hostContact'] as const;
const awardDeciders = ['countyStaff', 'cityStaff', 'talentOffice'] as const;
const consequenceDeciders = ['countyStaff', 'cityStaff'] as const;

/** consequences (helper CONSEQ): the applicant side, overseeing staff and the finance bureau read */
const consequenceReaders = [
  'secretary',
  'hostContact',
  'countyStaff',
  'cityStaff',
  'talentOffice',
  'provincialStaff',
  'financeBureau',
] as const;

export const awards = createFunction('awards', awardsApi, {
  list: { access: awardReaders, handler: listAwards },
  get: { access: awardReaders, handler: getAward },
  setAmount: { access: awardDeciders, handler: setAmount },
  saveAgreement: { access: awardApplicants, handler: saveAgreement },
  submitAgreement: { access: awardApplicants, handler: submitAgreement },
  decideAgreement: { access: awardDeciders, handler: decideAgreement },
  saveBudget: { access: awardApplicants, handler: saveBudget },
  submitBudget: { access: awardApplicants, handler: submitBudget },
  decideBudget: { access: awardDeciders, handler: decideBudget },
  proposeBudgetChange: { access: awardApplicants, handler: proposeBudgetChange },
  exportAgreement: { access: awardReaders, handler: exportAgreement },
  // post-award files (helper FILES14): the uploader, or whoever reads the award / station listing the file
  fileUrl: { access: awardReaders, handler: fileUrl },
  // the unit's receipt proof (资金到账凭据, helper RECEIPT): the awarded unit's side; the handler narrows to its own award
  submitReceiptProof: { access: awardApplicants, handler: submitReceiptProof },
  moneyView: { access: moneyReaders, handler: moneyView },
  recordPayment: { access: moneyStaff, handler: recordPayment },
  reportExpense: { access: ['secretary', 'hostContact'], handler: reportExpense },
  recordRefund: { access: moneyStaff, handler: recordRefund },
  reverseLedgerEntry: { access: ['secretary', 'hostContact', ...moneyStaff], handler: reverseLedgerEntry },
  setCaseByCaseAmount: { access: moneyStaff, handler: setCaseByCaseAmount },
  uploadLedgerFile: { access: ['secretary', 'hostContact', ...moneyStaff], handler: uploadLedgerFile },
  exportFundingSummary: { access: moneyStaffReaders, handler: exportFundingSummary },
  // consequences and the station lifecycle (helper CONSEQ): staff read by oversight, city staff decide, the awarded unit reads its own.
  // The router admits the CAST's staff; the handler resolves the decider for the programme (a district programme's
  // are its county's staff — shared/rules/oversight.ts issuedRoles), so a county is refused on a city programme there.
  listConsequences: { access: consequenceReaders, handler: listConsequences },
  decideConsequence: { access: consequenceDeciders, handler: decideConsequence },
  reportMisconduct: { access: consequenceDeciders, handler: reportMisconduct },
  liftConsequence: { access: consequenceDeciders, handler: liftConsequence },
  recheckRectification: { access: consequenceDeciders, handler: recheckRectification },
  stationLifecycle: { access: consequenceReaders, handler: stationLifecycle },
  startRenewal: { access: ['hostContact', 'secretary'], handler: startRenewal },
  requestStationChange: { access: ['hostContact', 'secretary'], handler: requestStationChange },
  decideStationChange: { access: consequenceDeciders, handler: decideStationChange },
  // checks (helper CHECKS): read by the awarded unit, overseeing staff and the finance bureau; the finance
  // bureau writes only the opinions its role is named for (giveOpinion) and decides nothing
  listChecks: { access: checkReaders, handler: listChecks },
  checkQueue: { access: checkQueueReaders, handler: checkQueue },
  getCheck: { access: checkReaders, handler: getCheck },
  uploadCheckFile: { access: checkApplicants, handler: uploadCheckFile },
  saveCheckMaterials: { access: checkApplicants, handler: saveCheckMaterials },
  submitCheck: { access: checkApplicants, handler: submitCheck },
  giveOpinion: { access: checkOpinionGivers, handler: giveOpinion },
  decideCheck: { access: checkDeciders, handler: decideCheck },
  recordObjection: { access: checkDeciders, handler: recordObjection },
  decideObjection: { access: checkDeciders, handler: decideObjection },
  exportAcceptanceReport: { access: checkReaders, handler: exportAcceptanceReport },
});
