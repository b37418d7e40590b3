// The workflow list (/admin/workflows): import, retract, rollback and compare through /api/workflows.
import { el, send, problemMessages, problemLocations } from './api.js';

(() => {
  'use strict';
  const alertBox = document.getElementById('list-alert');
  const flashKey = 'leadrunner.workflows.flash';

  function showAlert(message, kind, link) {
    const box = el('div', `alert alert-${kind}`, message);
    if (link) {
      const a = el('a', 'alert-link ms-2', link.text);
      a.href = link.href;
      box.append(a);
    }
    alertBox.replaceChildren(box);
  }

  const problemText = (answer) => problemMessages(answer).join('；');

  // A message that survives the reload which shows the changed list.
  const flash = sessionStorage.getItem(flashKey);
  if (flash) {
    sessionStorage.removeItem(flashKey);
    const { message, link } = JSON.parse(flash);
    showAlert(message, 'success', link);
  }

  function reloadWith(message, link, hash) {
    sessionStorage.setItem(flashKey, JSON.stringify({ message, link }));
    if (hash) location.hash = hash;
    location.reload();
  }

  // Import: the file becomes a draft; errors come with their line and column in the file.
  const importForm = document.getElementById('import-form');
  importForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    const result = document.getElementById('import-result');
    const file = document.getElementById('import-file').files[0];
    if (!file) { result.replaceChildren(el('div', 'text-danger', '请选择要导入的文件。')); return; }
    const form = new FormData();
    form.append('file', file);
    const answer = await send('POST', '/api/workflows/import', form);
    if (answer.ok) {
      const { definitionId, draftId, title } = answer.data;
      reloadWith(`已导入“${title}”为草稿 #${draftId}，检查无误后即可发布。`,
        { text: '打开草稿', href: `/admin/workflows/${encodeURIComponent(definitionId)}/edit?draft=${draftId}` }, `wf-${definitionId}`);
      return;
    }
    const box = el('div', 'alert alert-danger mb-0');
    box.append(el('div', 'fw-bold', answer.data?.title || '导入失败'));
    const located = problemLocations(answer);
    if (located.length > 0) {
      const list = el('ul', 'mb-0');
      for (const e of located) list.append(el('li', '', `${e.line > 0 ? `第 ${e.line} 行第 ${e.column} 列` : ''}（${e.path}）：${e.message}`));
      box.append(list);
    } else {
      box.append(el('div', '', problemText(answer)));
    }
    result.replaceChildren(box);
  });

  // Retract and rollback both ask for a note first, in one dialog.
  const modalElement = document.getElementById('note-modal');
  const modal = new bootstrap.Modal(modalElement);
  const noteText = document.getElementById('note-text');
  const noteError = document.getElementById('note-error');
  let pending = null;

  document.addEventListener('click', (event) => {
    const button = event.target.closest('button[data-action]');
    if (!button) return;
    const { action, definition, version, title } = button.dataset;
    pending = { action, definition, version };
    document.getElementById('note-modal-title').textContent = action === 'retract' ? `撤回版本 ${version}` : `回滚到版本 ${version}`;
    document.getElementById('note-modal-text').textContent = action === 'retract'
      ? `撤回“${title}”版本 ${version} 后，新的申报不再使用该版本，改用此前最新的已发布版本；已在办理中的案件不受影响。`
      : `将以版本 ${version}“${title}”的内容发布一个新版本，新的申报将使用它；已在办理中的案件不受影响。`;
    document.getElementById('note-confirm').textContent = action === 'retract' ? '确定撤回' : '确定回滚';
    noteText.value = '';
    noteError.textContent = '';
    modal.show();
  });
  modalElement.addEventListener('shown.bs.modal', () => noteText.focus());

  document.getElementById('note-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    if (!pending) return;
    const note = noteText.value.trim();
    if (!note) { noteError.textContent = '请填写说明。'; return; }
    const { action, definition, version } = pending;
    const answer = await send('POST', `/api/workflows/${encodeURIComponent(definition)}/versions/${version}/${action}`, { note });
    if (!answer.ok) { noteError.textContent = problemText(answer); return; }
    modal.hide();
    reloadWith(action === 'retract' ? `已撤回版本 ${version}。` : `已回滚：以版本 ${version} 的内容发布为版本 ${answer.data.version}。`);
  });

  // Compare two versions: the server lists added, removed and changed steps, transitions and variables.
  const kindNames = { added: ['新增', 'text-bg-success'], removed: ['删除', 'text-bg-danger'], changed: ['修改', 'text-bg-primary'] };
  for (const form of document.querySelectorAll('.compare-form')) {
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const from = form.elements.from.value;
      const to = form.elements.to.value;
      const result = form.querySelector('.compare-result');
      if (from === to) { result.replaceChildren(el('div', 'text-muted', '请选择两个不同的版本。')); return; }
      const answer = await send('GET', `/api/workflows/${encodeURIComponent(form.dataset.definition)}/diff?from=${from}&to=${to}`);
      if (!answer.ok) { result.replaceChildren(el('div', 'text-danger', problemText(answer))); return; }
      if (answer.data.length === 0) { result.replaceChildren(el('div', 'text-muted', `版本 ${from} 与版本 ${to} 的内容相同。`)); return; }
      const list = el('ul', 'list-unstyled mb-0 diff-list');
      list.setAttribute('aria-label', `版本 ${from} 到版本 ${to} 的变化`);
      for (const change of answer.data) {
        const [name, badge] = kindNames[change.kind] || [change.kind, 'text-bg-light'];
        const item = el('li', 'py-1');
        item.append(el('span', `badge ${badge} me-2`, name), el('span', 'text-muted me-2', change.item), document.createTextNode(change.description));
        list.append(item);
      }
      result.replaceChildren(el('div', 'small text-muted mb-1', `版本 ${from} → 版本 ${to}，共 ${answer.data.length} 处变化：`), list);
    });
  }
})();
