// The layer rule (README, "Aufbau"), checked in `npm test`. Tests beside the code may reach
// anything (they build the whole product through test/support); production code may not.
const TESTS = '\\.test\\.tsx?$|\\.fixture\\.ts$';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'shared-imports-nothing-of-ours',
      comment: 'src/shared/ holds errors, text and canonical JSON; it imports nothing of ours.',
      severity: 'error',
      from: { path: '^src/shared/', pathNot: TESTS },
      to: { path: '^src/(platform|modules|main|demo)/' },
    },
    {
      name: 'platform-imports-only-shared',
      comment: 'src/platform/ is the foundation: it imports src/shared/ and nothing above it.',
      severity: 'error',
      from: { path: '^src/platform/', pathNot: TESTS },
      to: { path: '^src/(modules|main|demo)/' },
    },
    {
      name: 'nothing-imports-main',
      comment: 'src/main/ is the composition root; nothing in src/ imports it.',
      severity: 'error',
      from: { path: '^src/', pathNot: ['^src/main/', TESTS] },
      to: { path: '^src/main/' },
    },
    {
      name: 'modules-meet-through-module-ts',
      comment: "A module imports another module only through that module's public <module>.module.ts.",
      severity: 'error',
      from: { path: '^src/modules/([^/]+)/', pathNot: TESTS },
      to: {
        path: '^src/modules/',
        pathNot: ['^src/modules/$1/', '^src/modules/[^/]+/[^/]+\\.module\\.ts$'],
      },
    },
    {
      name: 'demo-stays-out-of-the-product',
      comment: 'Demo data and generators (src/demo/) are used by main/ and tests, never by modules.',
      severity: 'error',
      from: { path: '^src/(shared|platform|modules)/', pathNot: TESTS },
      to: { path: '^src/demo/' },
    },
    {
      name: 'no-test-code-in-the-product',
      comment: 'Production code never imports test code.',
      severity: 'error',
      from: { path: '^src/', pathNot: TESTS },
      to: { path: '(^test/|\\.test\\.tsx?$)' },
    },
    {
      name: 'no-cycles',
      comment:
        'No import cycles: between modules and inside them. A cycle closed only through a type-only import does not count (README: reine Typ-Importe ausgenommen).',
      severity: 'error',
      from: { path: '^src/', pathNot: TESTS },
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|test-results)' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.mjs', '.js'] },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
