// Rollback and import on the form definitions page, through /api/forms.
(() => {
  const alertBox = document.getElementById('list-alert') || document.getElementById('designer-alert');

  function show(kind, text) {
    alertBox.innerHTML = '';
    const div = document.createElement('div');
    div.className = `alert alert-${kind}`;
    div.textContent = text;
    alertBox.appendChild(div);
    alertBox.scrollIntoView({ block: 'nearest' });
  }

  async function problem(response) {
    try {
      const body = await response.json();
      if (body.errors) return Object.values(body.errors).flat().join('；');
      return body.detail || body.title || `请求未能完成（${response.status}）。`;
    } catch {
      return `请求未能完成（${response.status}）。`;
    }
  }

  for (const button of document.querySelectorAll('[data-rollback]')) {
    button.addEventListener('click', async () => {
      const key = button.dataset.rollback;
      const version = button.dataset.version;
      const note = window.prompt(`回滚会以版本 ${version} 的内容发布一个新版本。请填写原因：`, `回滚到版本 ${version}`);
      if (note === null) return;
      const response = await fetch(`/api/forms/${encodeURIComponent(key)}/versions/${version}/rollback`, {
        method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ note }),
      });
      if (!response.ok) { show('danger', await problem(response)); return; }
      const saved = await response.json();
      show('success', `已发布版本 ${saved.version}（基于版本 ${version}）。`);
      setTimeout(() => window.location.reload(), 800);
    });
  }

  document.getElementById('import-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const response = await fetch('/api/forms/import', { method: 'POST', body: new FormData(event.target) });
    if (!response.ok) { show('danger', `导入失败：${await problem(response)}`); return; }
    show('success', '已导入为草稿，请在设计页面检查后发布。');
    setTimeout(() => window.location.reload(), 800);
  });
})();
