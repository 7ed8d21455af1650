import { z } from 'zod';

// zod 4 decides per object schema, when it is built, whether to compile a fast parser with `new Function`
// (probing it first). WeChat forbids eval, so turn that off before any schema exists: this module is imported
// first by the mini-program's app.ts (WeChat always runs app.js before any page, whichever page is opened) and by
// shared/schemas/common.ts (everything else). test/builds/weapp-load.test.ts enters every page first to prove it.
z.config({ jitless: true });
