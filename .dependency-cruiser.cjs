/** Boundaries (DESIGN.md): shared/ is the pure domain — no platform code, no I/O. */
module.exports = {
  forbidden: [
    {
      name: 'shared-no-platform',
      comment: 'shared/ may not import wx-server-sdk, @tarojs/*, react or node built-ins (it must stay pure and portable).',
      severity: 'error',
      from: { path: '^shared/' },
      to: {
        path: '(^|/)node_modules/(wx-server-sdk|@tarojs|react|react-dom|better-sqlite3|exceljs|docx)/|^(fs|path|http|https|net|child_process|os|crypto)$',
        dependencyTypesNot: ['type-only'],
      },
    },
    {
      name: 'shared-no-outside',
      comment: 'shared/ may not import from the app or the functions.',
      severity: 'error',
      from: { path: '^shared/' },
      to: { path: '^(cloudfunctions|miniprogram)/' },
    },
    {
      name: 'shared-only-allowed-libs',
      comment: 'shared/ may only use zod, dayjs and chinese-days.',
      severity: 'error',
      from: { path: '^shared/' },
      to: {
        dependencyTypes: ['npm', 'npm-dev', 'npm-optional', 'npm-peer', 'npm-no-pkg', 'npm-unknown'],
        pathNot: 'node_modules/(zod|dayjs|chinese-days)/',
      },
    },
    {
      name: 'app-no-server',
      comment: 'The mini-program may not import server code.',
      severity: 'error',
      from: { path: '^miniprogram/' },
      to: { path: '^cloudfunctions/|node_modules/(wx-server-sdk|better-sqlite3)/' },
    },
    {
      name: 'local-host-not-in-functions',
      comment: 'The local host (and its X-Local-Openid identity) must never be imported by a deployed function.',
      severity: 'error',
      from: { path: '^cloudfunctions/(?!_kernel/local/)' },
      to: { path: '^cloudfunctions/_kernel/local/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(dist|data|node_modules)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
  },
};
