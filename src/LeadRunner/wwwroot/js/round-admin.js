// The rounds page (/admin/rounds): copy, open, close, re-pin with preview and import through /api/rounds.
const alertBox = document.getElementById('rounds-alert');
const flashKey = 'leadrunner.rounds.flash';

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = String(text);
  return node;
}

function table(headers, rows, label) {
  const t = el('table', 'table table-sm align-middle mb-2');
  if (label) t.setAttribute('aria-label', label);
  const head = el('tr');
  for (const h of headers) head.append(el('th', 'text-nowrap', h));
  t.append(el('thead'));
  t.tHead.append(head);
  const body = el('tbody');
  for (const cells of rows) {
    const tr = el('tr');
    for (const cell of cells) {
      const td = el('td');
      if (cell instanceof Node) td.append(cell); else td.textContent = cell ?? '';
      tr.append(td);
    }
    body.append(tr);
  }
  t.append(body);
  const wrap = el('div', 'table-responsive');
  wrap.append(t);
  return wrap;
}

function showAlert(message, kind) {
  alertBox.replaceChildren(el('div', `alert alert-${kind}`, message));
  alertBox.scrollIntoView({ block: 'nearest' });
}

// A problem body is {detail}, or a validation problem {errors: {field: [messages]}}; every message is already Chinese.
function problemMessages(body, status) {
  if (body?.errors && !Array.isArray(body.errors)) return Object.values(body.errors).flat();
  if (body?.detail) return [body.detail];
  return [body?.title || `请求未能完成（${status}）。`];
}

function problemBox(title, body, status) {
  const box = el('div', 'alert alert-danger mb-0');
  box.append(el('div', 'fw-bold', title));
  const list = el('ul', 'mb-0');
  for (const message of problemMessages(body, status)) list.append(el('li', '', message));
  box.append(list);
  return box;
}

async function send(method, url, body) {
  const init = { method, headers: { Accept: 'application/json' } };
  if (body instanceof FormData) init.body = body;
  else if (body !== undefined) { init.body = JSON.stringify(body); init.headers['Content-Type'] = 'application/json'; }
  const response = await fetch(url, init);
  const text = await response.text();
  let data = null;
  try { data = text ? JSON.parse(text) : null; } catch { data = null; }
  return { ok: response.ok, status: response.status, data };
}

// A message that survives the reload which shows the changed rounds.
function reloadWith(message, hash) {
  sessionStorage.setItem(flashKey, message);
  if (hash) location.hash = hash;
  location.reload();
}
const flash = sessionStorage.getItem(flashKey);
if (flash) {
  sessionStorage.removeItem(flashKey);
  showAlert(flash, 'success');
}

for (const form of document.querySelectorAll('.copy-form')) {
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const { year } = form.dataset;
    const newYear = form.elements.newYear.value;
    const answer = await send('POST', `/api/rounds/${year}/copy-to/${encodeURIComponent(newYear)}`);
    if (!answer.ok) { alertBox.replaceChildren(problemBox('未能复制', answer.data, answer.status)); return; }
    reloadWith(`已从 ${year} 年度复制为 ${newYear} 年度批次（筹备中），请在“年度设置”中修改变化的部分。`, `round-${newYear}`);
  });
}

for (const form of document.querySelectorAll('.open-form')) {
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const { year } = form.dataset;
    const noticeDate = form.elements.noticeDate.value;
    if (!noticeDate) { showAlert('请选择通知日期。', 'danger'); return; }
    const answer = await send('POST', `/api/rounds/${year}/open`, { noticeDate });
    if (!answer.ok) { alertBox.replaceChildren(problemBox('未能开放', answer.data, answer.status)); return; }
    reloadWith(`已开放${answer.data.title}，通知日期 ${answer.data.noticeDate}；所用版本已固定。`, `round-${year}`);
  });
}

for (const button of document.querySelectorAll('[data-close-round]')) {
  button.addEventListener('click', async () => {
    const year = button.dataset.closeRound;
    if (!window.confirm(`确定截止${button.dataset.title}？截止后不再受理新的案件。`)) return;
    const answer = await send('POST', `/api/rounds/${year}/close`);
    if (!answer.ok) { alertBox.replaceChildren(problemBox('未能截止', answer.data, answer.status)); return; }
    reloadWith(`已截止${answer.data.title}。`, `round-${year}`);
  });
}

// Re-pin: choose a newer version, see the round's running cases per step, choose to migrate (with a step mapping), confirm.
const modalElement = document.getElementById('repin-modal');
const modal = new bootstrap.Modal(modalElement);
const versionSelect = document.getElementById('repin-version');
const impactBox = document.getElementById('repin-impact');
const migrateBox = document.getElementById('repin-migrate-box');
const migrate = document.getElementById('repin-migrate');
const repinError = document.getElementById('repin-error');
let pending = null;

const pinField = { workflow: 'workflows', form: 'forms', template: 'templates' };

function change() {
  const version = Number(versionSelect.value);
  const body = { migrate: pending.kind === 'workflow' && migrate.checked, stepMapping: {} };
  if (pending.kind === 'rules') body.rulesVersion = version;
  else body[pinField[pending.kind]] = { [pending.key]: version };
  for (const select of impactBox.querySelectorAll('select[data-step]')) {
    if (select.value) body.stepMapping[select.dataset.step] = select.value;
  }
  return body;
}

async function stepsOf(id, version) {
  const answer = await send('GET', `/api/workflows/${encodeURIComponent(id)}/versions/${version}`);
  return answer.ok ? (answer.data.steps || []).map((s) => ({ id: s.id, title: s.title || s.id })) : [];
}

function renderImpacts(impacts, newSteps) {
  impactBox.replaceChildren();
  if (pending.kind !== 'workflow') {
    impactBox.append(el('div', 'alert alert-light border mb-0', '重新固定后，本年度新的提交和生成的文书将使用所选版本；在办案件不需要迁移。'));
    return;
  }
  const steps = impacts.flatMap((w) => w.steps);
  if (steps.length === 0) {
    impactBox.append(el('div', 'alert alert-light border mb-0', '本年度没有在办案件使用该流程，重新固定不影响任何案件。'));
    return;
  }
  const rows = steps.map((s) => {
    let target = '保留';
    if (!s.existsInNew) {
      const select = el('select', 'form-select form-select-sm');
      select.dataset.step = s.stepId;
      select.setAttribute('aria-label', `“${s.stepTitle}”在新版本中对应的步骤`);
      select.append(new Option('请选择新版本中的对应步骤', ''));
      for (const step of newSteps) select.append(new Option(step.title, step.id, false, step.id === s.mappedTo));
      target = select;
    }
    return [s.stepTitle, `第 ${s.version} 版`, `${s.instances} 个`, s.existsInNew ? '新版本中仍有此步骤' : '新版本中没有此步骤', target];
  });
  impactBox.append(el('div', 'small mb-1', `本年度在办案件（共 ${steps.reduce((n, s) => n + s.instances, 0)} 个）所在步骤：`),
    table(['所在步骤', '案件所用版本', '案件数', '新版本', '迁移到'], rows, '本年度在办案件所在步骤'));
}

document.addEventListener('click', (event) => {
  const button = event.target.closest('button[data-repin]');
  if (!button) return;
  const { repin: kind, key, year, title, kindLabel, from } = button.dataset;
  pending = { kind, key, year, title, from };
  document.getElementById('repin-title').textContent = `重新固定：${kindLabel}“${title}”`;
  document.getElementById('repin-text').textContent = `${year} 年度当前固定在第 ${from} 版。选择新版本后先查看本年度在办案件，再确认。其他年度不受影响。`;
  versionSelect.replaceChildren(...JSON.parse(button.dataset.candidates).map((c) => new Option(c.label, c.version)));
  impactBox.replaceChildren();
  repinError.textContent = '';
  migrate.checked = false;
  migrateBox.hidden = kind !== 'workflow';
  modal.show();
});

document.getElementById('repin-preview').addEventListener('click', async () => {
  repinError.textContent = '';
  const answer = await send('POST', `/api/rounds/${pending.year}/pins/preview`, change());
  if (!answer.ok) { repinError.textContent = problemMessages(answer.data, answer.status).join('；'); return; }
  const newSteps = pending.kind === 'workflow' ? await stepsOf(pending.key, versionSelect.value) : [];
  renderImpacts(answer.data.impacts, newSteps);
});

document.getElementById('repin-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  repinError.textContent = '';
  const answer = await send('PUT', `/api/rounds/${pending.year}/pins`, change());
  if (!answer.ok) {
    // 409 lists the steps that would be stranded; the table then shows where to map them.
    repinError.textContent = problemMessages(answer.data, answer.status).join('；');
    if (answer.data?.impacts) renderImpacts(answer.data.impacts, await stepsOf(pending.key, versionSelect.value));
    return;
  }
  modal.hide();
  reloadWith(`已将 ${pending.year} 年度的“${pending.title}”重新固定为第 ${versionSelect.value} 版。`, `round-${pending.year}`);
});

// Import: preview the file as readable tables, then import it with the same year.
const importForm = document.getElementById('import-form');
const previewBox = document.getElementById('import-preview');

document.getElementById('import-file').addEventListener('change', (event) => {
  document.getElementById('import-file-name').textContent = event.target.files[0]?.name || '未选择文件';
});

function importUrl(path) {
  const year = document.getElementById('import-as').value.trim();
  return year ? `${path}?as=${encodeURIComponent(year)}` : path;
}

function importBody() {
  const form = new FormData();
  form.append('file', document.getElementById('import-file').files[0]);
  return form;
}

function renderPlan(plan) {
  const c = plan.counts;
  const summary = el('div', 'mb-2');
  summary.append(el('div', 'fw-bold', `文件中的批次：${plan.title}`),
    el('div', 'small', plan.year === plan.sourceYear ? `将导入为 ${plan.year} 年度批次（筹备中）。` : `将以 ${plan.sourceYear} 年度的文件导入为 ${plan.year} 年度批次（筹备中），设置中的日期顺延 ${plan.year - plan.sourceYear} 年。`),
    el('div', 'small text-muted', `包含流程 ${c.workflows} 个、表单 ${c.forms} 个、文书模板 ${c.templates} 个、认定条件 ${c.rules} 项、工作日历 ${c.calendarYears} 年。`));
  const rows = plan.items.map((i) => {
    const problems = el('div', 'small text-danger');
    for (const p of i.problems) problems.append(el('div', '', p));
    return [i.kindLabel, i.title, i.key === 'set' ? '—' : i.key, i.fileVersion ? `第 ${i.fileVersion} 版` : '—', i.actionLabel, i.problems.length ? problems : '无'];
  });
  previewBox.replaceChildren(summary, table(['类别', '名称', '标识', '文件中的版本', '导入方式', '问题'], rows, '导入预览'));
  if (plan.conflicts.length) {
    const box = el('div', `alert ${plan.exists ? 'alert-danger' : 'alert-warning'}`);
    box.append(el('div', 'fw-bold', plan.exists ? '不能导入' : '请注意'));
    const list = el('ul', 'mb-0');
    for (const conflict of plan.conflicts) list.append(el('li', '', conflict));
    box.append(list);
    previewBox.append(box);
  }
  const confirm = el('button', 'btn btn-danger', '确认导入');
  confirm.type = 'button';
  confirm.disabled = !plan.canImport;
  confirm.addEventListener('click', async () => {
    confirm.disabled = true;
    const answer = await send('POST', importUrl('/api/rounds/import'), importBody());
    if (!answer.ok) { previewBox.append(problemBox('未能导入，未作任何更改', answer.data, answer.status)); return; }
    reloadWith(`已导入${answer.data.round.title}（${answer.data.round.statusLabel}）。`, `round-${answer.data.round.year}`);
  });
  if (!plan.canImport && !plan.exists) previewBox.append(el('div', 'small text-danger mb-2', '文件中有错误（见上表“问题”一列），改正后才能导入。'));
  previewBox.append(confirm);
}

importForm.addEventListener('submit', async (event) => {
  event.preventDefault();
  previewBox.hidden = false;
  if (!document.getElementById('import-file').files[0]) { previewBox.replaceChildren(el('div', 'text-danger', '请选择要导入的文件。')); return; }
  const answer = await send('POST', importUrl('/api/rounds/import/preview'), importBody());
  if (!answer.ok) { previewBox.replaceChildren(problemBox('无法读取该文件', answer.data, answer.status)); return; }
  renderPlan(answer.data);
});
