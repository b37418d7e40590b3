// Prints, as JSON, the keys of Form.io's English dictionaries that formio-setup.js's Chinese one lacks or leaves in English.
// Usage: node formio-zh-coverage.cjs <src/LeadRunner>. Form.io itself is stubbed: only the dictionary is read.
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');

const app = path.resolve(process.argv[2]);
const modules = path.join(app, 'node_modules');
class TextField { static schema(...extend) { return Object.assign({}, ...extend); } }
const window = {
  location: { origin: 'http://localhost' },
  Formio: { cdn: { setBaseUrl() {} }, setBaseUrl() {}, Displays: { displays: { webform: function Webform() {} } }, Components: { components: { textfield: TextField, file: function File() {} }, addComponent() {} } },
};
vm.runInNewContext(fs.readFileSync(path.join(app, 'wwwroot/js/formio-setup.js'), 'utf8'), { window });
const zh = window.LeadRunnerForms.zh;
const english = Object.assign({},
  require(path.join(modules, '@formio/core/lib/process/validation/i18n/en.js')).EN_ERRORS,
  require(path.join(modules, '@formio/js/lib/cjs/translations/en.js')).default);
const missing = Object.keys(english).filter((key) => !Object.prototype.hasOwnProperty.call(zh, key));
// A value with no Chinese in it but English words outside its {{placeholders}} is still English.
const untranslated = Object.keys(zh).filter((key) => !/\p{Script=Han}/u.test(zh[key]) && /[A-Za-z]/.test(zh[key].replace(/\{\{[^}]*\}\}/g, '')));
process.stdout.write(JSON.stringify({ english: Object.keys(english).length, missing, untranslated }));
