/**
 * The import direction of the architecture, checked by `npm run lint`:
 * shared imports nothing of ours; server and client import shared and never each other;
 * client features never import one another; nothing anywhere forms a cycle. Inside the server:
 * domain ← store ← auth ← commands ← {http, realtime}, with http and realtime apart but for the
 * publisher (server/realtime/publisher.ts), which both use to send facts after a commit.
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
    {
      name: 'server-domain-is-pure',
      comment: 'Server layers: domain ← store ← auth ← commands ← {http, realtime}. The domain imports none of them.',
      severity: 'error',
      from: { path: '^server/domain/' },
      to: { path: '^server/(store|auth|commands|http|realtime)/' },
    },
    {
      name: 'server-store-below-auth',
      comment: 'The store reads and writes records; who may do what is decided above it.',
      severity: 'error',
      from: { path: '^server/store/' },
      to: { path: '^server/(auth|commands|http|realtime)/' },
    },
    {
      name: 'server-auth-below-commands',
      severity: 'error',
      from: { path: '^server/auth/' },
      to: { path: '^server/(commands|http|realtime)/' },
    },
    {
      name: 'server-commands-transport-free',
      comment: 'A command is called by HTTP and socket.io alike, so it knows neither.',
      severity: 'error',
      from: { path: '^server/commands/' },
      to: { path: '^server/(http|realtime)/' },
    },
    {
      name: 'server-http-not-realtime',
      comment: 'HTTP and socket.io stand side by side; both publish facts through the one publisher.',
      severity: 'error',
      from: { path: '^server/http/' },
      to: { path: '^server/realtime/', pathNot: '^server/realtime/publisher\\.ts$' },
    },
    {
      name: 'server-realtime-not-http',
      comment:
        'The socket and the HTTP routes stand apart; what both need (the public address, the origin check) sits below them.',
      severity: 'error',
      from: { path: '^server/realtime/' },
      to: { path: '^server/http/' },
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
