/**
 * The authorization matrix (issue 7): every action of every function × every kind of caller, with
 * the answer the association expects. Plain data — test/hardening/authz.test.ts runs every cell
 * through the real handlers, and docs/AUTHZ.md is this table rendered (the test fails when it drifts).
 *
 *   ✓  allow: the call succeeds (ok: true) with a valid input prepared for that caller; where the row
 *      has a target marker, the answer includes the target ("here": st-agri-heshan, 益阳市农学会,
 *      赫山区科协, or the application filed by / for them)
 *   ◐  allow, own scope only: the call succeeds but answers only the caller's own — the target must
 *      NOT appear in the answer (a list, a dashboard, an export)
 *   ·  deny: AUTH.FORBIDDEN, or the domain's own STATION.NOT_MEMBER / STATION.NOT_HOST_CONTACT, and the
 *      database is unchanged
 *   U  unauthenticated (no OPENID): AUTH.UNAUTHENTICATED, database unchanged
 */

export const personas = [
  { key: 'none', col: 'none', who: null, label: '无 OPENID（未经微信登录）' },
  { key: 'unbound', col: 'unbd', who: { openid: 'o-authz-unbound' }, label: '有 OPENID、没有任何身份绑定' },
  { key: 'revoked', col: 'revk', who: 'p-exp-agri-5', label: 'p-exp-agri-5：专家绑定已被市科协撤销（仍在服务站名单上）' },
  { key: 'expertHere', col: 'expH', who: 'p-exp-agri-1', label: 'p-exp-agri-1：本站（st-agri-heshan）专家' },
  { key: 'teammate', col: 'team', who: 'p-exp-agri-2', label: 'p-exp-agri-2：本站另一位专家（不是记录的登记人）' },
  { key: 'expertOther', col: 'expO', who: 'p-exp-tea-1', label: 'p-exp-tea-1：其他服务站（st-tea-taojiang）专家' },
  { key: 'hostHere', col: 'hstH', who: 'p-host-heshan', label: 'p-host-heshan：本站建站单位联系人' },
  { key: 'hostOther', col: 'hstO', who: 'p-host-tea', label: 'p-host-tea：其他服务站建站单位联系人' },
  { key: 'secretaryHere', col: 'secH', who: 'p-sec-agri', label: 'p-sec-agri：本学会（益阳市农学会）秘书长' },
  { key: 'secretaryOther', col: 'secO', who: 'p-sec-tea', label: 'p-sec-tea：其他学会（湖南省茶叶学会）秘书长' },
  { key: 'countyHere', col: 'cnyH', who: 'p-heshan-staff', label: 'p-heshan-staff：本县（赫山区科协）工作人员' },
  { key: 'countyOther', col: 'cnyO', who: 'p-taojiang-staff', label: 'p-taojiang-staff：其他县（桃江县科协）工作人员' },
  { key: 'city', col: 'city', who: 'p-city-staff', label: 'p-city-staff：市科协工作人员' },
  { key: 'talent', col: 'tlnt', who: 'p-talent', label: 'p-talent：市委人才办' },
  { key: 'reviewer', col: 'revA', who: 'p-reviewer-1', label: 'p-reviewer-1：评审专家（已指派到该申报）' },
  { key: 'reviewerUnassigned', col: 'revU', who: 'p-reviewer-2', label: 'p-reviewer-2：评审专家（未指派；属于农学会，须回避）' },
] as const;
export type PersonaKey = (typeof personas)[number]['key'];

const TABLE = `
action                         none unbd revk expH team expO hstH hstO secH secO cnyH cnyO city tlnt revA revU
identity.me                      U    ✓    ✓    ✓    ✓    ✓    ✓    ✓    ✓    ✓    ✓    ✓    ✓    ✓    ✓    ✓
identity.redeemInvite            U    ✓    ✓    ✓    ✓    ✓    ✓    ✓    ✓    ✓    ✓    ✓    ✓    ✓    ✓    ✓
identity.createInvite            U    ·    ·    ·    ·    ·    ·    ·    ·    ·    ✓    ·    ✓    ·    ·    ·
identity.createInvites           U    ·    ·    ·    ·    ·    ·    ·    ·    ·    ✓    ·    ✓    ·    ·    ·
identity.exportInvites           U    ·    ·    ·    ·    ·    ·    ·    ·    ·    ✓    ·    ✓    ·    ·    ·
identity.listBindings            U    ·    ·    ·    ·    ·    ·    ·    ·    ·    ✓    ◐    ✓    ·    ·    ·
identity.revokeBinding           U    ·    ·    ·    ·    ·    ·    ·    ·    ·    ✓    ·    ✓    ·    ·    ·
identity.subscriptions           U    ·    ·    ✓    ✓    ✓    ✓    ✓    ✓    ✓    ✓    ✓    ✓    ✓    ✓    ✓
identity.recordSubscriptions     U    ·    ·    ✓    ✓    ✓    ✓    ✓    ✓    ✓    ·    ·    ·    ·    ·    ·
identity.reportProblem           U    ✓    ✓    ✓    ✓    ✓    ✓    ✓    ✓    ✓    ✓    ✓    ✓    ✓    ✓    ✓
stations.myStations              U    ·    ·    ✓    ✓    ◐    ✓    ◐    ✓    ◐    ◐    ◐    ◐    ◐    ◐    ◐
stations.logServiceDay           U    ·    ·    ✓    ✓    ·    ·    ·    ·    ·    ·    ·    ·    ·    ·    ·
stations.logTraining             U    ·    ·    ✓    ✓    ·    ·    ·    ·    ·    ·    ·    ·    ·    ·    ·
stations.logResearch             U    ·    ·    ✓    ✓    ·    ·    ·    ·    ·    ·    ·    ·    ·    ·    ·
stations.logResearchResult       U    ·    ·    ✓    ·    ·    ·    ·    ·    ·    ·    ·    ·    ·    ·    ·
stations.logTackling             U    ·    ·    ✓    ✓    ·    ·    ·    ·    ·    ·    ·    ·    ·    ·    ·
stations.logProblem              U    ·    ·    ✓    ✓    ·    ·    ·    ·    ·    ·    ·    ·    ·    ·    ·
stations.logAchievement          U    ·    ·    ✓    ✓    ·    ·    ·    ·    ·    ·    ·    ·    ·    ·    ·
stations.logAgreementProgress    U    ·    ·    ·    ·    ·    ·    ·    ✓    ·    ·    ·    ·    ·    ·    ·
stations.editEntry               U    ·    ·    ✓    ·    ·    ·    ·    ·    ·    ·    ·    ·    ·    ·    ·
stations.withdrawEntry           U    ·    ·    ✓    ·    ·    ·    ·    ·    ·    ·    ·    ·    ·    ·    ·
stations.confirmEntry            U    ·    ·    ·    ·    ·    ✓    ·    ·    ·    ·    ·    ·    ·    ·    ·
stations.confirmMany             U    ·    ·    ·    ·    ·    ✓    ·    ·    ·    ·    ·    ·    ·    ·    ·
stations.undoConfirm             U    ·    ·    ·    ·    ·    ✓    ·    ·    ·    ·    ·    ·    ·    ·    ·
stations.correctEntry            U    ·    ·    ·    ·    ·    ·    ·    ·    ·    ✓    ·    ✓    ·    ·    ·
stations.uploadEvidence          U    ·    ·    ✓    ✓    ·    ·    ·    ✓    ·    ·    ·    ·    ·    ·    ·
stations.listEntries             U    ·    ·    ✓    ✓    ·    ✓    ·    ✓    ·    ✓    ·    ✓    ✓    ·    ·
stations.getEntry                U    ·    ·    ✓    ✓    ·    ✓    ·    ✓    ·    ✓    ·    ✓    ✓    ·    ·
stations.entryHistory            U    ·    ·    ✓    ✓    ·    ✓    ·    ✓    ·    ✓    ·    ✓    ✓    ·    ·
stations.myProgress              U    ·    ·    ✓    ✓    ·    ✓    ·    ✓    ·    ✓    ·    ✓    ✓    ·    ·
stations.fileUrl                 U    ·    ·    ✓    ·    ·    ✓    ·    ·    ·    ✓    ·    ✓    ✓    ·    ·
applications.openCalls           U    ·    ·    ✓    ✓    ✓    ✓    ✓    ✓    ✓    ✓    ✓    ✓    ✓    ✓    ✓
applications.mine                U    ·    ·    ·    ·    ·    ◐    ◐    ✓    ◐    ·    ·    ·    ·    ·    ·
applications.get                 U    ·    ·    ·    ·    ·    ·    ·    ✓    ·    ✓    ·    ✓    ·    ✓    ·
applications.saveDraft           U    ·    ·    ·    ·    ·    ·    ·    ✓    ·    ·    ·    ·    ·    ·    ·
applications.precheck            U    ·    ·    ·    ·    ·    ·    ·    ✓    ·    ·    ·    ·    ·    ·    ·
applications.uploadAttachment    U    ·    ·    ·    ·    ·    ·    ·    ✓    ·    ·    ·    ·    ·    ·    ·
applications.attach              U    ·    ·    ·    ·    ·    ·    ·    ✓    ·    ·    ·    ·    ·    ·    ·
applications.removeAttachment    U    ·    ·    ·    ·    ·    ·    ·    ✓    ·    ·    ·    ·    ·    ·    ·
applications.submit              U    ·    ·    ·    ·    ·    ·    ·    ✓    ·    ·    ·    ·    ·    ·    ·
applications.withdraw            U    ·    ·    ·    ·    ·    ·    ·    ✓    ·    ·    ·    ·    ·    ·    ·
applications.queue               U    ·    ·    ·    ·    ·    ·    ·    ·    ·    ✓    ◐    ✓    ◐    ✓    ◐
applications.review              U    ·    ·    ·    ·    ·    ·    ·    ·    ·    ✓    ·    ·    ·    ·    ·
applications.reviewerCandidates  U    ·    ·    ·    ·    ·    ·    ·    ·    ·    ·    ·    ✓    ·    ·    ·
applications.assignReviewers     U    ·    ·    ·    ·    ·    ·    ·    ·    ·    ·    ·    ✓    ·    ·    ·
applications.score               U    ·    ·    ·    ·    ·    ·    ·    ·    ·    ·    ·    ·    ·    ✓    ·
applications.startPublicity      U    ·    ·    ·    ·    ·    ·    ·    ·    ·    ·    ·    ✓    ·    ·    ·
applications.fileObjection       U    ·    ·    ·    ·    ·    ·    ·    ·    ·    ·    ·    ✓    ·    ·    ·
applications.resolveObjection    U    ·    ·    ·    ·    ·    ·    ·    ·    ·    ·    ·    ✓    ·    ·    ·
applications.closePublicity      U    ·    ·    ·    ·    ·    ·    ·    ·    ·    ·    ·    ✓    ·    ·    ·
applications.award               U    ·    ·    ·    ·    ·    ·    ·    ·    ·    ·    ·    ·    ✓    ·    ·
applications.rounds              U    ·    ·    ✓    ✓    ✓    ✓    ✓    ✓    ✓    ✓    ✓    ✓    ✓    ✓    ✓
applications.programmeDefinition U    ·    ·    ✓    ✓    ✓    ✓    ✓    ✓    ✓    ✓    ✓    ✓    ✓    ✓    ✓
applications.exportForm          U    ·    ·    ·    ·    ·    ·    ·    ✓    ·    ✓    ·    ✓    ·    ✓    ·
applications.exportRound         U    ·    ·    ·    ·    ·    ·    ·    ·    ·    ✓    ◐    ✓    ·    ·    ·
applications.imposeSanction      U    ·    ·    ·    ·    ·    ·    ·    ·    ·    ·    ·    ✓    ·    ·    ·
applications.listSanctions       U    ·    ·    ·    ·    ·    ·    ·    ·    ·    ✓    ◐    ✓    ✓    ·    ·
applications.fileUrl             U    ·    ·    ·    ·    ·    ·    ·    ✓    ·    ✓    ·    ✓    ·    ✓    ·
reports.dashboard                U    ·    ·    ·    ·    ·    ·    ·    ·    ·    ✓    ◐    ✓    ✓    ·    ·
reports.stationDetail            U    ·    ·    ·    ·    ·    ·    ·    ·    ·    ✓    ·    ✓    ✓    ·    ·
reports.runAssessment            U    ·    ·    ·    ·    ·    ·    ·    ·    ·    ·    ·    ✓    ·    ·    ·
reports.listAssessments          U    ·    ·    ·    ·    ·    ·    ·    ·    ·    ✓    ◐    ✓    ✓    ·    ·
reports.assessmentHistory        U    ·    ·    ·    ·    ·    ·    ·    ·    ·    ✓    ·    ✓    ✓    ·    ·
reports.adjustAssessment         U    ·    ·    ·    ·    ·    ·    ·    ·    ·    ·    ·    ✓    ·    ·    ·
reports.publishAssessments       U    ·    ·    ·    ·    ·    ·    ·    ·    ·    ·    ·    ✓    ·    ·    ·
reports.sendReminders            U    ·    ·    ·    ·    ·    ·    ·    ·    ·    ✓    ◐    ✓    ·    ·    ·
reports.listOutbox               U    ·    ·    ·    ·    ·    ·    ·    ·    ·    ✓    ◐    ✓    ✓    ·    ·
reports.exportDashboard          U    ·    ·    ·    ·    ·    ·    ·    ·    ·    ✓    ◐    ✓    ✓    ·    ·
reports.exportStation            U    ·    ·    ·    ·    ·    ·    ·    ·    ·    ✓    ·    ✓    ✓    ·    ·
reports.exportAssessments        U    ·    ·    ·    ·    ·    ·    ·    ·    ·    ✓    ◐    ✓    ✓    ·    ·
reports.expertContact            U    ·    ·    ·    ·    ·    ·    ·    ·    ·    ✓    ·    ✓    ✓    ·    ·
org.listUnits                    U    ·    ·    ·    ·    ·    ·    ·    ·    ·    ✓    ◐    ✓    ✓    ·    ·
org.saveCastUnit                 U    ·    ·    ·    ·    ·    ·    ·    ·    ·    ·    ·    ✓    ·    ·    ·
org.saveSociety                  U    ·    ·    ·    ·    ·    ·    ·    ·    ·    ✓    ·    ✓    ·    ·    ·
org.saveHostUnit                 U    ·    ·    ·    ·    ·    ·    ·    ·    ·    ✓    ·    ✓    ·    ·    ·
org.saveStation                  U    ·    ·    ·    ·    ·    ·    ·    ·    ·    ·    ·    ✓    ·    ·    ·
org.setTeam                      U    ·    ·    ·    ·    ·    ·    ·    ·    ·    ✓    ·    ✓    ·    ·    ·
org.savePriorResult              U    ·    ·    ·    ·    ·    ·    ·    ·    ·    ·    ·    ✓    ·    ·    ·
org.importAward                  U    ·    ·    ·    ·    ·    ·    ·    ·    ·    ·    ·    ✓    ·    ·    ·
org.savePerson                   U    ·    ·    ·    ·    ·    ·    ·    ·    ·    ✓    ·    ✓    ·    ·    ·
org.saveRound                    U    ·    ·    ·    ·    ·    ·    ·    ·    ·    ·    ·    ✓    ·    ·    ·
org.setProgrammeEnabled          U    ·    ·    ·    ·    ·    ·    ·    ·    ·    ·    ·    ✓    ·    ·    ·
org.cityProgrammes               U    ·    ·    ·    ·    ·    ·    ·    ·    ·    ✓    ✓    ✓    ✓    ·    ·
org.deactivate                   U    ·    ·    ·    ·    ·    ·    ·    ·    ·    ✓    ·    ✓    ·    ·    ·
org.exportTemplate               U    ·    ·    ·    ·    ·    ·    ·    ·    ·    ✓    ✓    ✓    ·    ·    ·
org.exportOrg                    U    ·    ·    ·    ·    ·    ·    ·    ·    ·    ✓    ◐    ✓    ✓    ·    ·
org.importWorkbook               U    ·    ·    ·    ·    ·    ·    ·    ·    ·    ✓    ◐    ✓    ·    ·    ·
org.listHolidays                 U    ·    ·    ·    ·    ·    ·    ·    ·    ·    ✓    ✓    ✓    ✓    ·    ·
org.saveHolidays                 U    ·    ·    ·    ·    ·    ·    ·    ·    ·    ·    ·    ✓    ·    ·    ·
org.runMigrations                U    ·    ·    ·    ·    ·    ·    ·    ·    ·    ·    ·    ✓    ·    ·    ·
org.installProgramme             U    ·    ·    ·    ·    ·    ·    ·    ·    ·    ·    ·    ✓    ·    ·    ·
org.listProgrammeDefinitions     U    ·    ·    ·    ·    ·    ·    ·    ·    ·    ✓    ✓    ✓    ✓    ·    ·
awards.list                      U    ·    ·    ·    ·    ·    ◐    ◐    ✓    ◐    ✓    ◐    ✓    ◐    ·    ·
awards.get                       U    ·    ·    ·    ·    ·    ·    ·    ✓    ·    ✓    ·    ✓    ·    ·    ·
awards.setAmount                 U    ·    ·    ·    ·    ·    ·    ·    ·    ·    ·    ·    ✓    ·    ·    ·
awards.saveAgreement             U    ·    ·    ·    ·    ·    ·    ·    ✓    ·    ·    ·    ·    ·    ·    ·
awards.submitAgreement           U    ·    ·    ·    ·    ·    ·    ·    ✓    ·    ·    ·    ·    ·    ·    ·
awards.decideAgreement           U    ·    ·    ·    ·    ·    ·    ·    ·    ·    ·    ·    ✓    ·    ·    ·
awards.saveBudget                U    ·    ·    ·    ·    ·    ·    ·    ✓    ·    ·    ·    ·    ·    ·    ·
awards.submitBudget              U    ·    ·    ·    ·    ·    ·    ·    ✓    ·    ·    ·    ·    ·    ·    ·
awards.decideBudget              U    ·    ·    ·    ·    ·    ·    ·    ·    ·    ·    ·    ✓    ·    ·    ·
awards.proposeBudgetChange       U    ·    ·    ·    ·    ·    ·    ·    ✓    ·    ·    ·    ·    ·    ·    ·
awards.exportAgreement           U    ·    ·    ·    ·    ·    ·    ·    ✓    ·    ✓    ·    ✓    ·    ·    ·
awards.fileUrl                   U    ·    ·    ·    ·    ·    ·    ·    ✓    ·    ✓    ·    ✓    ✓    ·    ·
awards.moneyView                 U    ·    ·    ·    ·    ·    ·    ·    ✓    ·    ✓    ·    ✓    ✓    ·    ·
awards.recordPayment             U    ·    ·    ·    ·    ·    ·    ·    ·    ·    ✓    ·    ✓    ·    ·    ·
awards.reportExpense             U    ·    ·    ·    ·    ·    ·    ·    ✓    ·    ·    ·    ·    ·    ·    ·
awards.recordRefund              U    ·    ·    ·    ·    ·    ·    ·    ·    ·    ✓    ·    ✓    ·    ·    ·
awards.reverseLedgerEntry        U    ·    ·    ·    ·    ·    ·    ·    ·    ·    ✓    ·    ✓    ·    ·    ·
awards.setCaseByCaseAmount       U    ·    ·    ·    ·    ·    ·    ·    ·    ·    ✓    ·    ✓    ·    ·    ·
awards.uploadLedgerFile          U    ·    ·    ·    ·    ·    ·    ·    ✓    ·    ✓    ·    ✓    ·    ·    ·
awards.submitReceiptProof        U    ·    ·    ·    ·    ·    ·    ·    ✓    ·    ·    ·    ·    ·    ·    ·
awards.exportFundingSummary      U    ·    ·    ·    ·    ·    ·    ·    ·    ·    ✓    ◐    ✓    ✓    ·    ·
awards.listChecks                U    ·    ·    ·    ·    ·    ·    ·    ✓    ·    ✓    ·    ✓    ✓    ·    ·
awards.checkQueue                U    ·    ·    ·    ·    ·    ·    ·    ·    ·    ✓    ◐    ✓    ✓    ·    ·
awards.getCheck                  U    ·    ·    ·    ·    ·    ·    ·    ✓    ·    ✓    ·    ✓    ✓    ·    ·
awards.uploadCheckFile           U    ·    ·    ·    ·    ·    ·    ·    ✓    ·    ·    ·    ·    ·    ·    ·
awards.saveCheckMaterials        U    ·    ·    ·    ·    ·    ·    ·    ✓    ·    ·    ·    ·    ·    ·    ·
awards.submitCheck               U    ·    ·    ·    ·    ·    ·    ·    ✓    ·    ·    ·    ·    ·    ·    ·
awards.giveOpinion               U    ·    ·    ·    ·    ·    ·    ·    ·    ·    ·    ·    ✓    ·    ·    ·
awards.decideCheck               U    ·    ·    ·    ·    ·    ·    ·    ·    ·    ·    ·    ✓    ·    ·    ·
awards.recordObjection           U    ·    ·    ·    ·    ·    ·    ·    ·    ·    ·    ·    ✓    ·    ·    ·
awards.decideObjection           U    ·    ·    ·    ·    ·    ·    ·    ·    ·    ·    ·    ✓    ·    ·    ·
awards.exportAcceptanceReport    U    ·    ·    ·    ·    ·    ·    ·    ✓    ·    ✓    ·    ✓    ✓    ·    ·
awards.listConsequences          U    ·    ·    ·    ·    ·    ✓    ◐    ✓    ◐    ✓    ◐    ✓    ✓    ·    ·
awards.decideConsequence         U    ·    ·    ·    ·    ·    ·    ·    ·    ·    ·    ·    ✓    ·    ·    ·
awards.reportMisconduct          U    ·    ·    ·    ·    ·    ·    ·    ·    ·    ·    ·    ✓    ·    ·    ·
awards.liftConsequence           U    ·    ·    ·    ·    ·    ·    ·    ·    ·    ·    ·    ✓    ·    ·    ·
awards.recheckRectification      U    ·    ·    ·    ·    ·    ·    ·    ·    ·    ·    ·    ✓    ·    ·    ·
awards.stationLifecycle          U    ·    ·    ·    ·    ·    ✓    ·    ✓    ·    ✓    ·    ✓    ✓    ·    ·
awards.startRenewal              U    ·    ·    ·    ·    ·    ✓    ·    ✓    ·    ·    ·    ·    ·    ·    ·
awards.requestStationChange      U    ·    ·    ·    ·    ·    ✓    ·    ✓    ·    ·    ·    ·    ·    ·    ·
awards.decideStationChange       U    ·    ·    ·    ·    ·    ·    ·    ·    ·    ·    ·    ✓    ·    ·    ·
`;

/**
 * What each row calls on (the fixture the runner builds), and why a cell says what it says.
 * "DECISION:" marks a choice made where the written policy was silent, ambiguous or (said why)
 * wrong; "FIX:" marks handler code changed to meet the row. Both are listed in docs/AUTHZ.md.
 */
export const notes: Record<string, string> = {
  'awards.listConsequences':
    'Proposed and decided consequences (a confirmed rectification of st-agri-heshan): staff overseeing 赫山区 (county, city, talent office; the city’s finance bureau reads too) see proposals and decisions; the station’s host contact and its society’s secretary see what was confirmed about them; another station, society or county gets its own list without it.',
  'awards.decideConsequence':
    'Confirming or dismissing a proposed consequence (a misconduct finding on st-agri-heshan): city staff only (DECISION: as imposeSanction, penalties are the city’s decision; counties, the talent office and the finance bureau read). FIX: a district programme’s consequences are its issuing county’s decision (shared/rules/oversight.ts issuedRoles; the router admits county staff, the handler resolves the decider per programme) — as every post-award decider of a district programme: the check outcome, payments, misconduct, station changes (asIssued maps its postAward; test/handlers/post-award-district.test.ts).',
  'awards.reportMisconduct':
    'Recording a misconduct finding on st-agri-heshan (it proposes 第十九条’s penalty): city staff only, as decideConsequence.',
  'awards.liftConsequence':
    'Lifting a confirmed rectification after the next passing published year: city staff only, as decideConsequence.',
  'awards.recheckRectification': 'The rectification re-check of st-agri-heshan (passed lifts it): city staff only, as decideConsequence.',
  'awards.stationLifecycle':
    'st-agri-heshan’s standing, rectification, term end, renewal and change requests: its host contact, its society’s secretary and the staff overseeing 赫山区 — not another station, society or county.',
  'awards.startRenewal':
    'A renewal application (第十三条) for st-agri-heshan after its term passed with a passing term-end year: the host unit’s contact and the society’s secretary (the same people who applied for it).',
  'awards.requestStationChange':
    'A written request (第十四条) to close st-agri-heshan: its host unit’s contact or its society’s secretary (“由建站单位或上级学会向市科协提出书面申请”).',
  'awards.decideStationChange': 'Deciding that request: city staff only (第十四条: 市科协).',
  'identity.me': 'Every caller with an OPENID learns who they are (a revoked or unbound caller: bound = false).',
  'identity.redeemInvite':
    'Each caller redeems an invite issued to their own person (unbound: an invite for p-newcomer; revoked: a new expert invite to st-agri-heshan). DECISION: an OPENID already bound to one person may not redeem an invite issued to another (one WeChat account is one person). FIX: redeemInvite refused nothing of the kind — the OPENID ended up bound to two people (store/identity.ts, identity/actions/invites.ts).',
  'identity.createInvite':
    'An expert invite to st-agri-heshan (赫山区): the city, and the county that oversees the station. FIX: the oversight check read one scope field (station first) while the permission checks read the others, so county staff minted a secretary scope mixing their station with another county’s society or host unit; a scope is now one coherent thing per role and the inviter must oversee every unit it names (issue 11 finding 1; shared/rules/oversight.ts inviteRefusal; generated cells in test/hardening/authz-generated.test.ts, handler cases in test/handlers/oversight.test.ts).',
  'identity.createInvites':
    'Bulk invites for imported people (issue 13): one code for a new expert on st-agri-heshan’s team (赫山区): the city, and the county that oversees the station — the same rule as createInvite, per person; one person outside the caller’s oversight refuses the whole call.',
  'identity.exportInvites':
    'The caller’s own bulk invites (their createInvites request ids) as an .xlsx: the city and the county that made them. DECISION: a batch is read back from the caller’s own request record, so another county (or anyone) naming that request id gets AUTH.FORBIDDEN — another’s batch and one never made read alike.',
  'identity.listBindings':
    'DECISION: listing has no single target, so another county is allowed but sees only the bindings of its own county (never p-exp-agri-1 of 赫山区).',
  'identity.revokeBinding':
    "Revoke p-exp-agri-2's expert binding at st-agri-heshan: the city, and the county that oversees the station. FIX: listing and revoking found a binding from the county of its first scope field only; now staff of every county its scope touches list and revoke it (issue 11 finding 1; shared/rules/oversight.ts mayManageBinding).",
  'identity.subscriptions':
    "Every bound caller reads their own subscription-message quotas (the templates of their roles: experts' quarter reminder, secretaries' reminders and notices; host-unit contacts' post-award check reminder; other roles none). Counted per OPENID, so no one reads another's.",
  'identity.recordSubscriptions':
    'An accept of a template of the caller’s own role (experts: the quarter reminder; secretaries: the outcome notice; host-unit contacts: the post-award check reminder, issue 14 — a host unit applies for and holds awards). Only roles that receive subscription messages may record (shared/notify/templates.ts audience).',
  'identity.reportProblem':
    'Any caller the platform identified reports a function that did not answer (bounded input, logged, nothing stored): the report must get through even for a caller not bound yet.',
  'stations.myStations':
    'Policy: "my stations" is an own read for anyone bound; staff and reviewers get an empty list, the other station’s people get only theirs. FIX: the router admitted only experts, host contacts and secretaries (stations/function.ts).',
  'stations.logServiceDay': 'Today (2026-11-20) at st-agri-heshan: only members of its expert team; a revoked expert is no member.',
  'stations.logTraining': 'As logServiceDay (a training of 60 trainees).',
  'stations.logResearch': 'As logServiceDay (a study).',
  'stations.logResearchResult':
    "A result added to p-exp-agri-1's study: its author only (staff change it through correctEntry). FIX: any teammate could add one and send another expert's confirmed study back to pending (issue 11 finding 4; stations/actions/changes.ts, shared/rules/frozen.ts).",
  'stations.logTackling': 'As logServiceDay.',
  'stations.logProblem': 'As logServiceDay.',
  'stations.logAchievement': 'As logServiceDay.',
  'stations.logAgreementProgress':
    "DECISION: the society's secretary only (第十二条(一)); the host-unit contact confirms entries but does not report agreement progress (the code refuses hostContact at the router; kept).",
  'stations.editEntry':
    "A pending entry by p-exp-agri-1 (for the revoked column: the revoked expert's own entry, logged before revocation): only its author, still on the team.",
  'stations.withdrawEntry':
    'As editEntry. FIX: withdrawing checked authorship only — an expert removed from the team who still held another expert or secretary binding could withdraw the station’s entries (stations/actions/changes.ts).',
  'stations.confirmEntry': "A pending entry by p-exp-agri-1: only this station's host-unit contact.",
  'stations.confirmMany':
    "全部确认 of a pending entry by p-exp-agri-1: only this station's host-unit contact. Authorised as confirmEntry for every entry before anything is written (any entry of a station the caller does not host refuses the whole call); each entry then runs through confirmEntry (issue 15, finding 12).",
  'stations.undoConfirm':
    "撤销确认 of a confirmed entry by p-exp-agri-1 while its quarter is open: only this station's host-unit contact (issue 15, finding 12).",
  'stations.correctEntry':
    'Staff of the owning CAST (the county that oversees the station, and the city). DECISION: the talent office keeps read-only oversight and does not correct entries.',
  'stations.uploadEvidence':
    "DECISION: (policy changed) the society's secretary may upload too — agreement progress (第十二条(一)) is logged by the secretary and carries evidence photos like any entry.",
  'stations.listEntries':
    "The station's team, its host contact, its society's secretary, and overseeing staff (county, city, talent office).",
  'stations.getEntry': 'As listEntries.',
  'stations.entryHistory': 'As listEntries.',
  'stations.myProgress':
    'With stationId st-agri-heshan. Policy: the station’s progress is a read like listEntries — overseeing staff get the station’s figures (mine = null). FIX: the router refused staff before the handler’s requireReader (stations/function.ts).',
  'stations.fileUrl':
    "A short-lived link to an evidence photo p-exp-agri-1 uploaded for st-agri-heshan (issue 15, finding 8): its author, the station's host-unit contact and the staff overseeing the station (county, city, talent office). DECISION: teammates and the society's secretary read the entry but not the photo link — the brief names the author, the host contact who confirms and overseeing staff; the photo may show people.",
  'applications.openCalls':
    'Policy: open calls are a public notice (申报通知) — any bound person reads them; non-applicants see no kinds to apply to. FIX: the router admitted applicants only (applications/function.ts).',
  'applications.mine':
    "Applicants (secretaries, host-unit contacts) list their own applications: only 益阳市农学会's secretary sees its capacity-programme draft.",
  'applications.get':
    "益阳市农学会's capacity application (学会能力提升, 赫山区) at expert review with p-reviewer-1 assigned: the applicant, the overseeing staff (county, city) and the assigned reviewer. FIX: the talent office read every programme; oversight now follows the programme's stages — it has none in the capacity programmes (issue 11 finding 9; shared/rules/oversight.ts roleOverseesProgramme, applications/actions/application-access.ts overseeingBindings).",
  'applications.saveDraft':
    "Saving 益阳市农学会's draft. FIX: creating with a societyId that is not the caller's own silently filed for the caller's first society; now refused (applications/actions/apply.ts).",
  'applications.precheck':
    'On the draft. DECISION: a draft never submitted belongs to the applicant alone (as the queue and the round export already had it). FIX: get / precheck / exportForm of a draft answered any overseeing staff (applications/actions/view.ts readerRoles).',
  'applications.uploadAttachment': 'On the draft: its applicant only.',
  'applications.attach': 'On the draft (a file already stored): its applicant only.',
  'applications.removeAttachment': 'On the draft: its applicant only.',
  'applications.submit': 'The complete draft: its applicant only.',
  'applications.withdraw': 'The submitted application (市科协形式审查): its applicant only.',
  'applications.queue':
    'Staff and reviewers list what is in their unit / assigned to them: the other county, the talent office (no stage in the capacity programme) and an unassigned reviewer must not see the 赫山区 application. FIX: the talent office listed every programme (issue 11 finding 9; applications/actions/review.ts queue).',
  'applications.review':
    'A station application (测试学会1 / 赫山区测试企业1, 赫山区) at 县市区科协初审: only the county that oversees it — the city and the talent office act at their own stages, not this one.',
  'applications.reviewerCandidates':
    'At expert review (role: city staff). DECISION: the reviewer pool (who may review, who must step aside) is shown only to the staff who assign reviewers at this stage — the page asks for it only then. FIX: any overseeing staff could list it (applications/actions/review.ts).',
  'applications.assignReviewers': 'At expert review: the stage’s role (city staff) only.',
  'applications.score': 'At expert review, scored by reviewers: only the assigned reviewer (staff do not score a reviewer-scored stage).',
  'applications.startPublicity': 'Awaiting publicity: the programme’s publicity role (city staff).',
  'applications.fileObjection': 'In publicity: the publicity role (city staff).',
  'applications.resolveObjection': 'In publicity, with an open objection: the publicity role.',
  'applications.closePublicity': 'Publicity over, no open objection: the publicity role.',
  'applications.award': 'An approved station application: the award role of the station programme (市委人才办 发文授牌, 第八条(四)).',
  'applications.rounds':
    'Policy: rounds are a public notice — any bound person. FIX: the router refused experts (applications/function.ts).',
  'applications.exportForm':
    'As get. FIX: as get — the talent office exported capacity application forms, mobile numbers included (issue 11 finding 9).',
  'applications.exportRound':
    'The capacity round as .xlsx: staff, each seeing only the applications of the units they oversee (the other county: none of 赫山区). FIX: the talent office exported the capacity round; a programme that names no stage of it is refused (issue 11 finding 9; applications/actions/export.ts).',
  'applications.imposeSanction':
    'A penalty decision (Wuhan 五(二) 弄虚作假) against 益阳市农学会: only city staff decide penalties; the talent office reads them.',
  'applications.listSanctions': 'Penalty decisions on record: overseeing staff; the other county sees none of 赫山区’s.',
  'applications.programmeDefinition':
    'A programme’s definition and forms as data, for the app to render from (issue 16 item 6): any bound person, like the open calls (a programme is a public notice).',
  'applications.fileUrl':
    "A short-lived link to a material of 益阳市农学会's capacity application at expert review with p-reviewer-1 assigned (issue 15, finding 8): as get — the applicant, the overseeing staff (county, city) and the assigned reviewer; decided per file from its stored record (shared/rules/files.ts fileViewRefusal).",
  'reports.dashboard': 'Overseeing staff; the other county sees only its own stations.',
  'reports.stationDetail': 'st-agri-heshan: its county, the city, the talent office.',
  'reports.runAssessment': 'Year 1 on 2027-01-10 (closed): the city CAST only (第十二条: 市科协组织考核).',
  'reports.listAssessments':
    'DECISION: the county reads the results of its own stations (it follows up rectification); the other county sees only its own.',
  'reports.assessmentHistory':
    'st-agri-heshan year 1: city, talent office and its county. DECISION: as listAssessments (the county reads its own stations’ results).',
  'reports.adjustAssessment': 'The city CAST only.',
  'reports.publishAssessments': 'The city CAST only.',
  'reports.sendReminders':
    'On 2026-12-21, with p-exp-agri-1 short of days: the county (its own stations only) and the city. DECISION: the talent office does not send reminders to experts — day-to-day supervision of stations is the CAST’s work (the code refuses it at the router; kept).',
  'reports.listOutbox': 'After the city sent the reminders: overseeing staff, each sees the reminders of its own stations.',
  'reports.exportDashboard': 'As dashboard.',
  'reports.exportStation': 'As stationDetail.',
  'reports.exportAssessments': 'As listAssessments.',
  'reports.expertContact':
    'The phone number of p-exp-agri-1 (a member of st-agri-heshan): staff overseeing the station — its county, the city, the talent office; one number at a time, each look-up audited (issue 15: a tap to call an expert who is behind).',
  'org.listUnits':
    'The stations of the organisation register (issue 13): staff read the units they oversee — the other county only its own (never st-agri-heshan); the talent office reads the city’s. DECISION: the talent office reads the register but writes none of it.',
  'org.saveCastUnit':
    'Renaming 赫山区科协: the city’s staff only (a county is written by its city; a city only by its own staff; a new city only through the first-administrator bootstrap).',
  'org.saveSociety':
    'A new society of 赫山区: city staff, and the county for its own county (DECISION: counties keep the register of their own societies and host units, as they already invite their people).',
  'org.saveHostUnit': 'A new host unit of 赫山区: as saveSociety.',
  'org.saveStation':
    'An existing station of 益阳市农学会 at 赫山区科学技术协会 entered with its plaque date: city staff only (DECISION: stations are recognised by the city; counties read them).',
  'org.setTeam': 'st-agri-heshan’s expert team with start dates: city staff and the county overseeing every unit the station names.',
  'org.savePriorResult':
    'A prior year’s result (2026 年度考核通报) of st-agri-heshan, going live after its first year: city staff only (DECISION: the staff who run the yearly assessment enter what stands in for it; counties read it on the station page).',
  'org.importAward':
    'A five-star award (Pingdingshan programme) made to 益阳市农学会 in 2025, imported in its second year: city staff only (DECISION: as saveStation, awards are the city’s).',
  'org.savePerson': 'A new person of 赫山区 (农学会): city staff and the county (as saveSociety).',
  'org.saveRound':
    'The station programme’s 2027 round: city staff only (the city opens a city programme’s rounds; county staff are admitted for a district programme’s round of their own county only — issue 16 item 4, test/handlers/sixth-programme-scope.test.ts).',
  'org.installProgramme':
    'Installing a programme definition file (issue 16 item 6: definitions as runtime data), the runtime sample as v1: city staff only (DECISION: a definition is policy the city adopts; counties and the talent office read the list).',
  'awards.fileUrl':
    'A short-lived link to a post-award file (helper FILES14): here the payment voucher city staff filed on 益阳市农学会’s Yiyang 2018 award (赫山区). Its uploader, and whoever reads the award whose records list it — the applicant side and the staff overseeing 赫山区 (county, city, talent office; the city’s finance bureau too: test/handlers/awards-files.test.ts, also for check materials, receipts, receipt proofs and station change-request attachments). Not another society, county or city, nor a file no post-award record lists.',
  'awards.moneyView':
    'The money view of 益阳市农学会’s award (Yiyang 2018, overseen by 赫山区): its secretary (the applicant side) and the staff overseeing 赫山区 (county, city, talent office; the finance bureau of the city too) — not another society, county, a station’s host contact or reviewers.',
  'awards.recordPayment':
    'A payment under the award’s due payment rule, with a voucher: the county and city CAST overseeing it (DECISION: the money is paid by the CAST that oversees the award; the talent office and the finance bureau read, they do not record).',
  'awards.reportExpense':
    'An expense against an approved budget line, with a receipt: the awarded society’s secretary only (the unit reports its own spending).',
  'awards.recordRefund': 'Money returned under a confirmed clawback: as recordPayment.',
  'awards.reverseLedgerEntry':
    'Reversing a payment staff recorded by mistake (kept, never deleted): the overseeing county and city CAST; the unit may reverse only its own expense reports, not a payment.',
  'awards.setCaseByCaseAmount': 'The 一事一议 amount of 益阳市农学会赫山服务站 made a national station: as recordPayment.',
  'awards.uploadLedgerFile': 'A voucher or receipt for the award: the applicant side (receipts) and the county and city CAST (vouchers).',
  'awards.submitReceiptProof':
    'The unit’s receipt proof (资金到账凭据) on 益阳市农学会’s Weihai award (五(三): the one-off grant is paid once it is filed): the awarded society’s secretary only (the applicant side, as proposeBudgetChange); staff read it, they do not file it.',
  'awards.exportFundingSummary':
    'The yearly funding summary (.xlsx): staff of the units they oversee — the other county gets a workbook without 赫山区’s award.',
  'awards.listChecks':
    'The checks of 益阳市农学会’s Yiyang 2018 award (赫山区; the money rows’ fixture, its checks listed once so they exist): its secretary (the applicant side) and the staff overseeing 赫山区 — county, city, the talent office reading through the oversight model as for moneyView (the finance bureau of the city reads them too: test/handlers/awards-checks.test.ts). Nobody else.',
  'awards.checkQueue':
    'The check queue across the awards the caller oversees: overseeing staff (the other county answers only its own — without the 赫山区 award’s check); the finance bureau reads its city’s (handler tests).',
  'awards.getCheck': 'One check of that award: as listChecks.',
  'awards.uploadCheckFile': 'A material file for that check: the awarded society’s secretary only.',
  'awards.saveCheckMaterials': 'The check’s materials per item: the awarded society’s secretary only.',
  'awards.submitCheck': 'Submitting the check with every required material attached: the awarded society’s secretary only.',
  'awards.giveOpinion':
    'The 党建 opinion on a submitted Weihai completion check of 益阳市农学会 (赫山区): only a role the check’s `opinions` names (cityStaff there) overseeing the award — the county is not named, so it is refused. The finance bureau gives only the opinions named for it (Yiyang 2018’s 市财政局意见; handler tests) and is refused every other write.',
  'awards.decideCheck':
    'Passing the submitted Yiyang 2018 acceptance after the finance bureau’s opinion: the rule’s decidedBy (cityStaff) overseeing the award; the county reads but does not decide; the finance bureau never decides (not admitted).',
  'awards.recordObjection':
    'An objection during the publicity of a passed Pingdingshan yearly check (year 2) of 益阳市农学会: the check’s decider (cityStaff) overseeing the award.',
  'awards.decideObjection': 'Upholding that objection (the check then counts as failed): as recordObjection.',
  'awards.exportAcceptanceReport':
    'The acceptance report .docx of the Yiyang 2018 check for stamping: whoever reads the check (as getCheck).',
  'org.listProgrammeDefinitions':
    'The built-in programmes and every installed definition version: every staff role (definitions are public policy, not a unit’s data).',
  'org.setProgrammeEnabled':
    '益阳市科协 enables the Wuhan award programme (issue 13, item 5: a city enables the programmes it runs, then opens their rounds): city staff of that city only (DECISION: counties and the talent office read which programmes the city runs, they do not choose them; a county’s staff enable only a programme issued by their own district — issue 16 item 4).',
  'org.cityProgrammes':
    'Which programmes the caller’s city enables: every staff role, for the city it belongs to (a county: its city; provincial staff: each city of the province).',
  'org.deactivate': 'Deactivating 益阳市农学会 (赫山区): whoever may save it — the city and its county. Nothing is deleted.',
  'org.exportTemplate':
    'The empty organisation workbook (issue 13, item 3): whoever may save units (city and county staff); it holds no data.',
  'org.exportOrg':
    'The organisation register as a workbook: as listUnits — the other county gets only its own (never 益阳市农学会赫山服务站); mobiles masked.',
  'org.listHolidays':
    'The holiday calendar of last year to next year (library or staff-entered): every staff role (DECISION: the State Council’s arrangement is national, not any unit’s data).',
  'org.saveHolidays':
    'Entering 2027’s official holidays and 调休上班日: city staff (DECISION: one national calendar per environment, entered by any city’s staff; counties and the talent office read it).',
  'org.runMigrations':
    'Running the schema migrations after a deploy (issue 13 item 8): city staff (DECISION: the environment’s administrators; nothing to upgrade writes nothing).',
  'awards.list':
    '项目执行 (issue 14): the award files the caller may see — 益阳市农学会’s imported 学会能力提升 award (赫山区): its secretary, the county overseeing it and the city list it; other secretaries, host-unit contacts, the other county and the talent office (no stage in that programme) get only their own (empty).',
  'awards.get':
    'The award hub of that award (opened once by city staff in the fixture, so the file exists): the applicant society’s secretary and the staff overseeing its CAST unit (county, city); nobody else (DECISION: the talent office reads awards only of programmes that give it a stage).',
  'awards.setAmount':
    'The amount (核定金额) of that award: the role that decides the budget (postAward.budget.decidedBy: cityStaff) overseeing it; the county reads but does not set it.',
  'awards.saveAgreement': 'A task-agreement draft of that award: the awarded society’s secretary only.',
  'awards.submitAgreement': 'Submitting the complete task agreement: the awarded society’s secretary only.',
  'awards.decideAgreement':
    'Approving the submitted task agreement: postAward.agreement.decidedBy (cityStaff) overseeing the award; the county reads but does not decide.',
  'awards.saveBudget': 'A budget draft (an allowed category) once the amount is set: the awarded society’s secretary only.',
  'awards.submitBudget': 'Submitting the budget within the award: the awarded society’s secretary only.',
  'awards.decideBudget': 'Approving the submitted budget: postAward.budget.decidedBy (cityStaff) overseeing the award.',
  'awards.proposeBudgetChange':
    'A change to the approved budget (管理办法第十二条): proposed by the awarded society’s secretary only; approved by the budget.changes decider.',
  'awards.exportAgreement': 'The task agreement .docx for stamping: whoever reads the award (as get).',
  'org.importWorkbook':
    'Previewing a workbook (uploaded to the caller’s own import folder) with a new society of 赫山区: city staff and that county see it as a row to create; the other county gets the row back as an error (every row goes through saveSociety, with its scope).',
};

// ───────────────────────── parsed form ─────────────────────────

export type Expect = 'allow' | 'scoped' | 'deny' | 'unauthenticated';
const symbols: Record<string, Expect> = { '✓': 'allow', '◐': 'scoped', '·': 'deny', U: 'unauthenticated' };
export const symbolOf: Record<Expect, string> = { allow: '✓', scoped: '◐', deny: '·', unauthenticated: 'U' };

export interface MatrixRow {
  fn: string;
  action: string;
  /** `fn.action` */
  key: string;
  expect: Record<PersonaKey, Expect>;
  note: string;
}

function parse(table: string): MatrixRow[] {
  const lines = table
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const [header, ...body] = lines;
  const cols = header!.split(/\s+/).slice(1);
  const expectedCols = personas.map((p) => p.col);
  if (cols.join(' ') !== expectedCols.join(' ')) throw new Error(`matrix header ${cols.join(' ')} ≠ personas ${expectedCols.join(' ')}`);
  return body.map((line) => {
    const [key, ...cells] = line.split(/\s+/);
    if (cells.length !== personas.length) throw new Error(`matrix row ${key}: ${cells.length} cells, ${personas.length} personas`);
    const [fn, action] = key!.split('.');
    const expect = Object.fromEntries(
      personas.map((p, i) => {
        const e = symbols[cells[i]!];
        if (!e) throw new Error(`matrix row ${key}: unknown symbol ${cells[i]}`);
        return [p.key, e];
      }),
    ) as Record<PersonaKey, Expect>;
    return { fn: fn!, action: action!, key: key!, expect, note: notes[key!] ?? '' };
  });
}

export const matrix: MatrixRow[] = parse(TABLE);

// ───────────────────────── docs/AUTHZ.md ─────────────────────────

/** The table as markdown: what docs/AUTHZ.md must contain, byte for byte. */
export function renderMarkdown(): string {
  const out: string[] = [];
  out.push('# Authorization matrix');
  out.push('');
  out.push('<!-- Generated from test/hardening/authz-matrix.ts by test/hardening/authz.test.ts; do not edit by hand.');
  out.push('     Regenerate: AUTHZ_WRITE_DOC=1 npx jest --selectProjects hardening --testPathPatterns authz -->');
  out.push('');
  out.push(
    `Every action of every cloud function × every kind of caller: ${matrix.length} actions × ${personas.length} callers = ${matrix.length * personas.length} cells. ` +
      'Each cell is one call through the real handlers (local adapters, demo organisation) in ' +
      '`test/hardening/authz.test.ts`; a refused call must leave the database unchanged.',
  );
  out.push('');
  out.push(
    '"Here" is the target of the row: station st-agri-heshan (益阳市农学会赫山服务站), society 益阳市农学会, county 赫山区科协, or an application filed by / for them.',
  );
  out.push('');
  out.push('| symbol | meaning |');
  out.push('| --- | --- |');
  out.push('| ✓ | allowed: the call succeeds; where the row has a target marker, the answer includes the target |');
  out.push("| ◐ | allowed, own scope only: the call succeeds but answers only the caller's own — the target must not appear |");
  out.push('| · | denied: `AUTH.FORBIDDEN` (or `STATION.NOT_MEMBER` / `STATION.NOT_HOST_CONTACT`), nothing written |');
  out.push('| U | no OPENID: `AUTH.UNAUTHENTICATED`, nothing written |');
  out.push('');
  out.push('## Callers');
  out.push('');
  out.push('| column | caller |');
  out.push('| --- | --- |');
  for (const p of personas) out.push(`| ${p.col} | ${p.key} — ${p.label} |`);
  out.push('');
  out.push('## Matrix');
  out.push('');
  out.push(`| action | ${personas.map((p) => p.col).join(' | ')} |`);
  out.push(`| --- | ${personas.map(() => ':-:').join(' | ')} |`);
  for (const r of matrix) out.push(`| ${r.key} | ${personas.map((p) => symbolOf[r.expect[p.key]]).join(' | ')} |`);
  out.push('');
  out.push('## Rows: fixture and reasons');
  out.push('');
  for (const r of matrix) out.push(`- **${r.key}** — ${r.note}`);
  out.push('');
  const decisions = matrix.filter((r) => r.note.includes('DECISION'));
  out.push(`## Decisions (${decisions.length})`);
  out.push('');
  out.push('Where the written policy was silent or ambiguous, or the code and the policy disagreed, the choice made and why:');
  out.push('');
  const between = (note: string, from: string, to: string) => {
    const start = note.indexOf(from);
    const end = note.indexOf(to, start);
    return note.slice(start + from.length, end < 0 ? undefined : end).trim();
  };
  for (const r of decisions) out.push(`- ${r.key}: ${between(r.note, 'DECISION', 'FIX:').replace(/^:\s*/, '')}`);
  out.push('');
  const fixed = matrix.filter((r) => r.note.includes('FIX:'));
  out.push(`## Code fixed while building the matrix (${fixed.length})`);
  out.push('');
  out.push(
    'Each fix is proved by the matrix (the cells fail on the code before it) and, where a matrix cell cannot show it, by `test/handlers/authz-fixes.test.ts`.',
  );
  out.push('');
  for (const r of fixed) out.push(`- ${r.key}: ${r.note.slice(r.note.indexOf('FIX:') + 4).trim()}`);
  out.push('');
  out.push('## Generated matrix: scopes and stages (issue 11)');
  out.push('');
  out.push(
    'The table above has one binding per caller and one stage per action. `test/hardening/authz-generated.test.ts` adds generated cells ' +
      '(fast-check, fixed seed), decided by the one oversight model in `shared/rules/oversight.ts` and checked against a policy written in the test:',
  );
  out.push('');
  out.push(
    '- **Scopes.** Generated (inviter, role, scope) triples whose scope fields point at units of different counties run `identity.createInvite`: ' +
      'an invite is minted only for one coherent scope per role (secretary: one society; host contact: one host unit and optionally its station; ' +
      'expert: one station; staff: one CAST unit; reviewer: none) whose every CAST unit — a station brings its own, its society’s and its host unit’s — ' +
      'the inviter oversees. Every county a binding touches lists it and may revoke it; a binding stored with a mixed scope acts for nothing.',
  );
  out.push(
    '- **Stages.** Every application state of the two 益阳 programmes (draft, each review stage, awaiting publicity, publicity, the stages after it, approved) ' +
      'is built once as a database snapshot; every (application action × role × stage) cell calls as generated bindings of that role — one whose scope ' +
      'spans two or more counties, one near the application. The suite asserts that the covered cells are the full product and prints the cell count.',
  );
  out.push(
    '- **Programme oversight.** Staff read and act on an application only in a role its programme gives oversight to: the CAST chain (county, city) always, ' +
      'the talent office only where the programme names it at a stage, its publicity or its award (not in the capacity programmes).',
  );
  out.push(
    '- DECISION: a reviewer keeps reading an application once assigned to it, also after the reviewer-scored stage (the assignment stays on record).',
  );
  out.push('');
  return out.join('\n');
}
