// The content editor (/admin/content/{id}): the form becomes the item's JSON document; saving, publishing, scheduling
// and withdrawing go through /api/content, uploads through /api/uploads, the live preview through the site's renderer.
import { el, send, problemMessages, showAlert, showFlash, goWith } from './api.js';

const state = JSON.parse(document.getElementById('content-state').textContent);
const isNew = !state.id;
const form = document.getElementById('content-form');
const alertBox = document.getElementById('editor-alert');
const body = document.getElementById('f-body');
const preview = document.getElementById('preview');
const slug = document.getElementById('f-slug');
const round = document.getElementById('f-round');
const value = (id) => document.getElementById(id)?.value.trim() ?? '';
let attachments = [...(state.doc.attachments ?? [])].map((a) => ({ id: a.id, name: a.name ?? '' }));
let dirty = false;
showFlash(alertBox);

// ---- the document ----
function collect() {
  const doc = {
    type: state.type,
    title: value('f-title'),
    slug: value('f-slug'),
    summary: value('f-summary') || null,
    body: body.value,
    round: round.value ? Number(round.value) : null,
    documentNumber: value('f-number') || null,
    documentDate: value('f-date') || null,
    publisher: value('f-publisher') || null,
    attachments: attachments.map((a) => ({ id: a.id, name: a.name.trim() || null })),
  };
  if (state.type === 'publicity') {
    doc.publicity = {
      cases: [...document.querySelectorAll('#cases tbody tr:not([hidden]) input:checked')].map((c) => Number(c.value)),
      opensOn: value('f-opens') || null,
      form: value('f-form') || null,
    };
  }
  return doc;
}

// Validation errors come as {"$.slug": [...], "$.publicity.opensOn": [...], "$.attachments[0].name": [...]}: each is
// shown under its field; one without a field goes to the alert.
function clearErrors() {
  for (const input of form.querySelectorAll('.is-invalid')) input.classList.remove('is-invalid');
  for (const box of form.querySelectorAll('[data-error-for]')) box.textContent = '';
}
function showErrors(answer) {
  clearErrors();
  const errors = answer.data?.errors;
  if (answer.status !== 400 || !errors || Array.isArray(errors)) {
    showAlert(alertBox, 'danger', '未能完成', problemMessages(answer));
    return;
  }
  const unplaced = [];
  for (const [path, messages] of Object.entries(errors)) {
    const field = path.replace(/\[\d+\].*$/, '');
    const box = form.querySelector(`[data-error-for="${CSS.escape(field)}"]`);
    if (!box) { unplaced.push(...messages); continue; }
    box.textContent = messages.join('；');
    form.querySelector(`[data-path="${CSS.escape(field)}"]`)?.classList.add('is-invalid');
  }
  showAlert(alertBox, 'danger', '请修改标出的内容后再保存。', unplaced);
  form.querySelector('.is-invalid')?.focus();
}

async function save() {
  const answer = isNew
    ? await send('POST', '/api/content', collect())
    : await send('PUT', `/api/content/items/${state.id}`, collect());
  if (!answer.ok) { showErrors(answer); return null; }
  clearErrors();
  dirty = false;
  return answer.data;
}

form.addEventListener('input', () => { dirty = true; });
form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const saved = await save();
  if (saved) goWith(saved.message, isNew ? `/admin/content/${saved.id}` : null);
});

// ---- publishing ----
// datetime-local gives "2026-12-01T09:30" in China time; the API takes an ISO instant.
function chinaTime(id) {
  const local = document.getElementById(id).value;
  return local ? `${local}:00+08:00` : null;
}

async function act(button, path, at, confirmText) {
  if (at === undefined) {
    showAlert(alertBox, 'danger', '请先选择时间。');
    return;
  }
  if (confirmText && !window.confirm(confirmText)) return;
  button.disabled = true;
  try {
    // Publishing takes the saved draft: unsaved edits are saved first.
    if (path === 'publish' && dirty && !(await save())) return;
    const answer = await send('POST', `/api/content/${state.id}/${path}`, at ? { at } : {});
    if (!answer.ok) { showAlert(alertBox, 'danger', '未能完成', problemMessages(answer)); return; }
    goWith(answer.data.message);
  } finally {
    button.disabled = false;
  }
}

const on = (id, handler) => document.getElementById(id)?.addEventListener('click', (event) => handler(event.currentTarget));
on('publish-now', (b) => act(b, 'publish', null));
on('publish-later', (b) => act(b, 'publish', chinaTime('publish-at') ?? undefined));
on('unpublish-now', (b) => act(b, 'unpublish', null, '撤下后网站上的原网址将提示内容已撤下。确定撤下？'));
on('unpublish-later', (b) => act(b, 'unpublish', chinaTime('unpublish-at') ?? undefined));

for (const button of document.querySelectorAll('[data-cancel]')) {
  button.addEventListener('click', async () => {
    const answer = await send('POST', `/api/content/requests/${button.dataset.cancel}/cancel`, {});
    if (!answer.ok) { showAlert(alertBox, 'danger', '未能取消', problemMessages(answer)); return; }
    goWith(answer.data.message);
  });
}

// ---- slug: suggested from the type and the document date until the editor writes one ----
if (isNew) {
  let suggested = slug.value;
  document.getElementById('f-date').addEventListener('change', (event) => {
    if (slug.value !== suggested) return;
    suggested = `${state.type}-${event.target.value.replaceAll('-', '')}`;
    slug.value = suggested;
  });
}

// ---- Markdown toolbar and live preview ----
const snippets = {
  heading: (s) => `\n## ${s || '小标题'}\n`,
  bold: (s) => `**${s || '加粗文字'}**`,
  list: (s) => `\n${(s || '第一项\n第二项').split('\n').map((line) => `- ${line}`).join('\n')}\n`,
  table: () => '\n| 序号 | 企业名称 | 所在地 |\n| --- | --- | --- |\n| 1 | | |\n| 2 | | |\n',
  link: (s) => `[${s || '链接文字'}](https://)`,
  form: () => '\n[form:objection]\n',
};
for (const button of document.querySelectorAll('[data-md]')) {
  button.addEventListener('click', () => {
    const { selectionStart: start, selectionEnd: end } = body;
    const text = snippets[button.dataset.md](body.value.slice(start, end));
    body.setRangeText(text, start, end, 'end');
    body.focus();
    body.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

let timer = null;
let asked = 0;
async function render() {
  const mine = ++asked;
  const answer = await send('POST', '/api/content/render', { body: body.value });
  if (mine !== asked) return;
  if (!answer.ok) { preview.replaceChildren(el('p', 'text-danger small', problemMessages(answer).join('；'))); return; }
  // The server's renderer has already made the HTML safe (the same one the public pages use).
  preview.innerHTML = answer.data.html;
}
body.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(render, 300); });
render();

// ---- attachments ----
const list = document.getElementById('attachments');
function drawAttachments() {
  list.replaceChildren(...attachments.map((a, i) => {
    const row = el('li', 'd-flex gap-2 align-items-center mb-1');
    const name = el('input', 'form-control form-control-sm');
    name.value = a.name;
    name.setAttribute('aria-label', `附件 ${i + 1} 名称`);
    name.addEventListener('input', () => { a.name = name.value; });
    const open = el('a', 'btn btn-sm btn-outline-secondary text-nowrap', '下载');
    open.href = `/api/uploads/${a.id}`;
    open.target = '_blank';
    const remove = el('button', 'btn btn-sm btn-outline-danger text-nowrap', '移除');
    remove.type = 'button';
    remove.addEventListener('click', () => { attachments = attachments.filter((x) => x !== a); dirty = true; drawAttachments(); });
    row.append(name, open, remove);
    return row;
  }));
  if (!attachments.length) list.replaceChildren(el('li', 'text-muted small', '暂无附件。'));
}
drawAttachments();

document.getElementById('f-upload').addEventListener('change', async (event) => {
  const input = event.target;
  for (const file of input.files) {
    const data = new FormData();
    data.append('file', file);
    const answer = await send('POST', '/api/uploads', data);
    if (!answer.ok) { showAlert(alertBox, 'danger', `“${file.name}”未能上传`, problemMessages(answer)); continue; }
    attachments.push({ id: answer.data.id, name: answer.data.originalName || answer.data.name });
    dirty = true;
  }
  input.value = '';
  drawAttachments();
  showAlert(alertBox, 'info', '附件已上传，保存草稿后生效。');
});

// ---- a 公示's batch: the cases of the chosen round ----
const cases = document.getElementById('cases');
if (cases) {
  const count = document.getElementById('cases-count');
  const filter = () => {
    let shown = 0;
    for (const row of cases.tBodies[0].rows) {
      row.hidden = row.dataset.round !== round.value;
      if (!row.hidden) shown++;
    }
    document.getElementById('no-cases').hidden = shown > 0;
    count.textContent = `已选 ${cases.querySelectorAll('tbody tr:not([hidden]) input:checked').length} 家`;
  };
  round.addEventListener('change', filter);
  cases.addEventListener('change', filter);
  filter();
}
