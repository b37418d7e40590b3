// An item's versions (/admin/content/{id}/versions): compare two versions and restore one as the draft, through /api/content.
import { el, send, problemMessages, showAlert, goWith } from './api.js';

const alertBox = document.getElementById('versions-alert');
const id = document.getElementById('versions').dataset.item;

const compare = document.getElementById('compare');
if (compare) {
  const target = document.getElementById('changes');
  const show = async () => {
    const { from, to } = compare.elements;
    const answer = await send('GET', `/api/content/${id}/diff?from=${from.value}&to=${to.value}`);
    if (!answer.ok) { target.replaceChildren(el('p', 'text-danger', problemMessages(answer).join('；'))); return; }
    if (!answer.data.length) { target.replaceChildren(el('p', 'text-muted mb-0', `第 ${from.value} 版与第 ${to.value} 版内容相同。`)); return; }
    const table = el('table', 'table table-sm mb-0 diff-table');
    table.setAttribute('aria-label', `第 ${from.value} 版与第 ${to.value} 版的差异`);
    const head = el('tr');
    for (const h of ['字段', '变更', `原内容（第 ${from.value} 版）`, `新内容（第 ${to.value} 版）`]) head.append(el('th', 'text-nowrap', h));
    table.createTHead().append(head);
    const rows = table.createTBody();
    for (const change of answer.data) {
      const tr = el('tr');
      tr.append(el('td', 'text-nowrap small', change.path), el('td', 'text-nowrap', change.change));
      for (const text of [change.before, change.after]) {
        const td = el('td');
        td.append(el('pre', 'small mb-0 text-wrap', text ?? '（无）'));
        tr.append(td);
      }
      rows.append(tr);
    }
    const wrap = el('div', 'table-responsive');
    wrap.append(table);
    target.replaceChildren(wrap);
  };
  compare.addEventListener('submit', (event) => { event.preventDefault(); show(); });
  show();
}

for (const button of document.querySelectorAll('[data-restore]')) {
  button.addEventListener('click', async () => {
    const version = button.dataset.restore;
    if (!window.confirm(`把第 ${version} 版的内容恢复为草稿？现有草稿将被替换，网站上的内容在发布前不变。`)) return;
    const answer = await send('POST', `/api/content/${id}/versions/${version}/restore`);
    if (!answer.ok) { showAlert(alertBox, 'danger', '未能恢复', problemMessages(answer)); return; }
    goWith(answer.data.message, `/admin/content/${id}`);
  });
}
