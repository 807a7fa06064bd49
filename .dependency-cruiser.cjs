/**
 * The import rules of the code (dependency-cruiser, run by `npm run lint`); docs/ARCHITECTURE.md §2
 * says why. server/ has three kinds of module:
 *   infrastructure  server/{core,store,auth,runtime,messaging,media}: imports no bounded context
 *   contexts        one folder per bounded context (account, org, pass, …): imports infrastructure
 *                   and other contexts' modules, never the composition
 *   composition     server/app.ts, server/timer.ts, server/seed/: list and wire the contexts
 */
const INFRASTRUCTURE = '^server/(core|store|auth|runtime|messaging|media)/';
const COMPOSITION = '^server/(app[.]ts|timer[.]ts|seed/)';

module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      severity: 'error',
      comment: 'A module cycle (type-only imports included) ties modules that should stand one on the other.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'infrastructure-imports-no-context',
      severity: 'error',
      comment: 'Infrastructure serves every context and knows none: contexts register with it (server/runtime/context.ts).',
      from: { path: INFRASTRUCTURE },
      to: { path: '^server/', pathNot: INFRASTRUCTURE },
    },
    {
      name: 'nothing-below-imports-the-composition',
      severity: 'error',
      comment: 'The composition lists the contexts; contexts and infrastructure are what it lists, so they never import it.',
      from: { path: '^server/', pathNot: COMPOSITION },
      to: { path: COMPOSITION },
    },
    {
      name: 'entries-import-their-own-context',
      severity: 'error',
      comment: 'server/app.ts imports every context: a cloud function importing it would carry them all (bundles stay lean).',
      from: { path: '^cloudfunctions/' },
      to: { path: '^server/app[.]ts$' },
    },
    {
      name: 'contexts-use-the-store-port',
      severity: 'error',
      comment: 'Contexts reach the database through the Store port and its paging helpers, never an adapter or its internals (cursors, filters).',
      from: { path: '^server/', pathNot: `${INFRASTRUCTURE}|${COMPOSITION}` },
      to: { path: '^server/store/', pathNot: '^server/store/(port|pages|collections)[.]ts$' },
    },
    {
      name: 'server-never-imports-local',
      severity: 'error',
      comment: 'local/ is the development runtime only (X-Openid, the dev clock); nothing deployed imports it.',
      from: { path: '^(server|cloudfunctions|typings|miniprogram)/' },
      to: { path: '^local/' },
    },
    {
      name: 'server-never-imports-wechat',
      severity: 'error',
      comment: 'The domain is independent of WeChat: only cloud function entries import wx-server-sdk (and pass it in).',
      from: { path: '^server/' },
      to: { path: '(^|/)node_modules/(wx-server-sdk|@cloudbase)/' },
    },
    {
      name: 'server-uses-zod-mini',
      severity: 'error',
      comment: "Use 'zod/mini': classic zod would put ~750 KB into every cloud function bundle.",
      from: { path: '^server/' },
      to: { path: '(^|/)node_modules/zod/', pathNot: '(^|/)node_modules/zod/mini/' },
    },
    {
      name: 'shared-stays-shared',
      severity: 'error',
      comment: 'miniprogram/shared/ runs on the phone and on the server alike: it imports neither side.',
      from: { path: '^miniprogram/shared/' },
      to: { path: '^(server|local|cloudfunctions)/|^miniprogram/(?!shared/|vendor/)' },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment: 'An import that resolves to nothing.',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    tsConfig: { fileName: 'tsconfig.json' },
    // Type-only imports count: a cycle through types is still a cycle.
    tsPreCompilationDeps: true,
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(cloudfunctions/[^/]+/index[.]js|dist/|miniprogram/vendor/)' },
  },
};
