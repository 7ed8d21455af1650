/** Boundaries (DESIGN.md, docs/ARCHITECTURE.md): shared/ is the pure domain — no platform code, no I/O; function
 *  folders reach data only through the kernel's repositories; the local host stays out of cloudfunctions/.
 *  Every rule is proven by a violating fixture under test/fixtures/depcruise/ (test/unit/boundaries.test.ts). */
const { join } = require('node:path');

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
      comment:
        'The local host, its demo seeds and its X-Local-Openid identity live in local/; nothing under cloudfunctions/ (the kernel included) may import them, so no deployed bundle can carry them.',
      severity: 'error',
      from: { path: '^cloudfunctions/' },
      to: { path: '^local/' },
    },
    {
      name: 'functions-no-db',
      comment:
        "A function folder reaches data only through the repositories in _kernel/store/; the raw document port (_kernel/db/) is the kernel's business.",
      severity: 'error',
      from: { path: '^cloudfunctions/(?!_kernel/)[^/]+/' },
      to: { path: '^cloudfunctions/_kernel/db/' },
    },
    {
      name: 'store-no-api',
      comment:
        'Repositories store entities shaped by shared/schemas; they may not depend on the API contracts (views are built from stored shapes, not the other way round).',
      severity: 'error',
      from: { path: '^cloudfunctions/_kernel/store/' },
      to: { path: '^shared/api/' },
    },
    {
      name: 'no-circular',
      comment: 'No import cycles between files, type-only imports included.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // node_modules is not followed, but must not be excluded: an excluded package import is dropped before the
    // rules see it, and shared-no-platform / shared-only-allowed-libs / app-no-server could never fire on packages.
    exclude: { path: '(^|/)(dist|data)/' },
    tsPreCompilationDeps: true,
    // absolute, so the boundary test can cruise its fixture trees from their own folder with this same config
    tsConfig: { fileName: join(__dirname, 'tsconfig.json') },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
  },
};
