// The mini-program's pages. The local host's build adds its demo sign-in page in app.config.h5.ts
// (Taro reads app.config.<platform>.ts when it exists): WeChat never ships a page that talks to /api.
export default defineAppConfig({
  pages: ['pages/index/index', 'pages/unbound/index', 'pages/settings/index'],
  // One subpackage per role keeps the main package small (≤ 2 MB each; budget 800 KB main).
  subPackages: [
    { root: 'packages/expert', pages: ['pages/home/index', 'pages/log/index', 'pages/records/index', 'pages/progress/index'] },
    { root: 'packages/secretary', pages: ['pages/home/index', 'pages/apply/index', 'pages/detail/index'] },
    {
      root: 'packages/staff',
      pages: [
        'pages/home/index',
        'pages/people/index',
        'pages/stations/index',
        'pages/queue/index',
        'pages/application/index',
        'pages/dashboard/index',
        'pages/station/index',
        'pages/assessment/index',
        'pages/outbox/index',
        'pages/sanctions/index',
        'pages/org/index',
        'pages/rounds/index',
        'pages/workbook/index',
        'pages/holidays/index',
        'pages/programmes/index',
      ],
    },
    // After the award (issue 14): 项目执行 — award hub, task agreement, budget, checks, ledger, consequences.
    {
      root: 'pages/awards',
      pages: [
        'index/index',
        'hub/index',
        'agreement/index',
        'budget/index',
        'decide/index',
        'money/index',
        'payment/index',
        'expense/index',
        'refund/index',
        'money-summary/index',
        'consequences/index',
        'station/index',
        'checks/index',
        'check/index',
        'check-queue/index',
        'finance/index',
      ],
    },
  ],
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#1d4e89',
    navigationBarTitleText: '学会服务站',
    navigationBarTextStyle: 'white',
  },
  // Location check-in (service days) needs the privacy declaration.
  requiredPrivateInfos: ['getLocation'],
  permission: { 'scope.userLocation': { desc: '用于服务天数签到时核对是否在服务站附近' } },
  __usePrivacyCheck__: true,
  lazyCodeLoading: 'requiredComponents',
});
