// Validates every case of cases.json with @formio/core as Form.io's server does (the submission processors, then the
// evaluator ones, config.server), printing per case the data paths with errors and the data kept.
// Usage: TZ=Asia/Shanghai node formio-validate.cjs <src/LeadRunner> <cases.json>
const fs = require('node:fs');
const path = require('node:path');

const modules = path.join(path.resolve(process.argv[2]), 'node_modules');
const { process: run, ProcessTargets } = require(path.join(modules, '@formio/core'));
const corpus = JSON.parse(fs.readFileSync(process.argv[3], 'utf8'));

async function validate(components, input) {
  const form = { display: 'form', components: structuredClone(components) };
  const data = structuredClone(input);
  const context = {
    form, submission: { data }, data, components: form.components, processors: ProcessTargets.submission,
    scope: {}, config: { server: true },
  };
  await run(context);
  context.processors = ProcessTargets.evaluator;
  await run(context);
  const errors = [...new Set((context.scope.errors || []).map((e) => (e.context && e.context.path) || ''))].sort();
  return { errors, messages: (context.scope.errors || []).map((e) => `${e.context && e.context.path}: ${e.errorKeyOrMessage}`), data };
}

(async () => {
  const results = [];
  for (const suite of corpus.suites) {
    for (const c of suite.cases) results.push({ suite: suite.name, case: c.name, ...(await validate(suite.components, c.data)) });
  }
  process.stdout.write(JSON.stringify(results));
})().catch((error) => { process.stderr.write(String(error && error.stack)); process.exit(1); });
