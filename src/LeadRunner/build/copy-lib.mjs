// Copies the files the pages use from node_modules into wwwroot/lib, so every asset is served by us.
import { cpSync, mkdirSync, rmSync } from 'node:fs';
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
];

// wwwroot/lib is generated: start empty so files of a previous package version (hashed chunk names) do not linger.
rmSync(lib, { recursive: true, force: true });
for (const [from, to] of copies) {
  const target = join(lib, to);
  mkdirSync(dirname(target), { recursive: true });
  cpSync(join(root, 'node_modules', from), target, { recursive: true });
}
