// Which folder may import which (STYLE.md: imports only go "down"), checked by dependency-cruiser
// in `npm run typecheck` and by test/unit/architecture/layering.test.ts.
//   common/    runs anywhere: imports only common/.
//   engine/    Node without Electron or DOM; inside it, the nodes are wired up by lab/ and never
//              reach back into it, dns/ is a library the CLI uses (never the other way round), and
//              the learner's tools installer does not load the CLI.
//   renderer/  DOM without Node.
//   electron/  the only place that imports Electron.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      severity: 'error',
      comment: 'An import cycle (type-only ones included) makes load order and layering unclear.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'common-stands-alone',
      severity: 'error',
      comment: 'common/ is shared by the engine and the renderer: it imports nothing outside itself, not even Node.',
      from: { path: '^common/' },
      to: { pathNot: '^common/' },
    },
    {
      name: 'engine-no-electron-no-dom',
      severity: 'error',
      comment: 'The engine runs as plain Node under npm start, smtp-lab serve and smtp-lab run.',
      from: { path: '^engine/' },
      to: { path: ['^renderer/', '^electron/', '^node_modules/electron/', '^bin/'] },
    },
    {
      name: 'nodes-not-lab',
      severity: 'error',
      comment: 'Nodes (receiver, sender, policy host, ...) and the attacker are wired up by engine/lab/, never the other way round: their service types live with them or in common/.',
      from: { path: '^engine/(nodes|attack|trace|protocol|network|policy|pki|dns)/' },
      to: { path: '^engine/lab/' },
    },
    {
      name: 'dns-not-cli',
      severity: 'error',
      comment: 'dns/ is a library; the CLI uses it, not the other way round.',
      from: { path: '^engine/dns/' },
      to: { path: '^engine/cli/' },
    },
    {
      name: 'tools-not-cli',
      severity: 'error',
      comment: 'The installer of the learner\'s tools reads the command list, it does not load the CLI.',
      from: { path: '^engine/tools/' },
      to: { path: '^engine/cli/' },
    },
    {
      name: 'renderer-no-node',
      severity: 'error',
      comment: 'The renderer runs in a browser or a sandboxed Electron window: no Node, no engine, no Electron.',
      from: { path: '^renderer/' },
      to: { path: ['^engine/', '^electron/', '^bin/', '^node_modules/electron/'] },
    },
    {
      name: 'renderer-no-node-builtins',
      severity: 'error',
      from: { path: '^renderer/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment: 'An import that does not resolve is a typo or a missing dependency.',
      from: { path: '^(common|engine|renderer|electron|bin)/' },
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(dist|node_modules)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.js', '.svelte', '.mjs', '.cjs', '.json', '.d.ts'],
    },
  },
};
