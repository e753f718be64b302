/**
 * The import direction of the architecture, checked by `npm run lint`:
 * shared imports nothing of ours; server and client import shared and never each other;
 * client features never import one another; nothing anywhere forms a cycle.
 */
module.exports = {
  forbidden: [
    { name: 'no-cycles', severity: 'error', from: {}, to: { circular: true } },
    { name: 'shared-is-a-leaf', severity: 'error', from: { path: '^shared/' }, to: { path: '^(server|client|e2e)/' } },
    { name: 'server-not-client', severity: 'error', from: { path: '^server/' }, to: { path: '^(client|e2e)/' } },
    { name: 'client-not-server', severity: 'error', from: { path: '^client/' }, to: { path: '^(server|e2e)/' } },
    {
      name: 'no-cross-feature-imports',
      severity: 'error',
      from: { path: '^client/src/features/([^/]+)/' },
      to: { path: '^client/src/features/', pathNot: '^client/src/features/$1/' },
    },
    {
      name: 'client-layers',
      comment: 'app → features → components/hooks/stores/lib; the lower layers never import upwards.',
      severity: 'error',
      from: { path: '^client/src/(components|hooks|stores|lib)/' },
      to: { path: '^client/src/(app|features)/' },
    },
    {
      name: 'no-zod-in-client',
      comment: 'The client bundle stays small: schemas are for the server to parse with.',
      severity: 'error',
      from: { path: '^client/' },
      to: { path: 'node_modules/zod/' },
    },
    { name: 'not-to-unresolvable', severity: 'error', from: {}, to: { couldNotResolve: true } },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.d.ts'],
    },
    exclude: { path: ['dist'] },
  },
};
