// Copies the files the pages use from node_modules into wwwroot/lib, so every asset is served by us.
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const lib = join(root, 'wwwroot/lib');
const copies = [
  ['bootstrap/dist/css/bootstrap.min.css', 'bootstrap/css/bootstrap.min.css'],
  ['bootstrap/dist/js/bootstrap.bundle.min.js', 'bootstrap/js/bootstrap.bundle.min.js'],
  // The self-contained IIFE build: one file, defines window.mermaid, fetches nothing else for state diagrams.
  ['mermaid/dist/mermaid.min.js', 'mermaid/mermaid.min.js'],
  // Monaco's AMD build loads its chunks, workers and CSS relative to vs/, so the whole folder is served.
  ['monaco-editor/min/vs', 'monaco/vs'],
  ['monaco-editor/LICENSE', 'monaco/LICENSE'],
  ['monaco-editor/ThirdPartyNotices.txt', 'monaco/ThirdPartyNotices.txt'],
  ['mermaid/LICENSE', 'mermaid/LICENSE'],
  // ECharts as one ES module (the dashboard imports it); the full build, so every chart type is there.
  ['echarts/dist/echarts.esm.min.mjs', 'echarts/echarts.esm.min.mjs'],
  ['echarts/LICENSE', 'echarts/LICENSE'],
  // Form.io builder and renderer; its stylesheet refers to fonts/ (bootstrap-icons) beside it.
  ['@formio/js/dist/formio.full.min.js', 'formio/formio.full.min.js'],
  ['@formio/js/dist/formio.full.min.css', 'formio/formio.full.min.css'],
  ['@formio/js/dist/fonts', 'formio/fonts'],
  ['@formio/js/LICENSE.txt', 'formio/LICENSE.txt'],
  // What Form.io would fetch from its CDN, laid out as Formio.cdn expects under one base url (lib/formio-cdn/<lib>/).
  ['ace-builds/src-min-noconflict', 'formio-cdn/ace'],
  ['quill/dist/quill.js', 'formio-cdn/quill/quill.js'],
  ['quill/dist/quill.snow.css', 'formio-cdn/quill/quill.snow.css'],
  ['quill/dist/quill.bubble.css', 'formio-cdn/quill/quill.bubble.css'],
  ['flatpickr/dist/flatpickr.min.js', 'formio-cdn/flatpickr-formio/flatpickr.min.js'],
  ['flatpickr/dist/flatpickr.min.css', 'formio-cdn/flatpickr-formio/flatpickr.min.css'],
  // Date fields load time-zone data (moment-timezone comes with @formio/js).
  ['moment-timezone/data/packed/latest.json', 'formio-cdn/moment-timezone/data/packed/latest.json'],
];

// wwwroot/lib is generated: start empty so files of a previous package version (hashed chunk names) do not linger.
rmSync(lib, { recursive: true, force: true });
for (const [from, to] of copies) {
  const target = join(lib, to);
  mkdirSync(dirname(target), { recursive: true });
  cpSync(join(root, 'node_modules', from), target, { recursive: true });
}

// Form.io waits for a global named "flatpickr-zh" after loading the Chinese locale; flatpickr's own file only
// registers flatpickr.l10ns.zh, so the copy announces itself under the name Form.io polls for.
mkdirSync(join(lib, 'formio-cdn/flatpickr-formio/l10n'), { recursive: true });
const zh = readFileSync(join(root, 'node_modules/flatpickr/dist/l10n/zh.js'), 'utf8');
writeFileSync(join(lib, 'formio-cdn/flatpickr-formio/l10n/flatpickr-zh.js'),
  `${zh}\nwindow['flatpickr-zh'] = (window.flatpickr && window.flatpickr.l10ns && window.flatpickr.l10ns.zh) || true;\n`);
