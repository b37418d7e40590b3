// Records a listed holder's disclosure date through POST /api/holders/{uscc}/disclosures; the server re-plans the
// quarter. Its Chinese messages are shown on the fields they name.
const form = document.querySelector('[data-disclosure-form]');

if (form) {
  const state = form.querySelector('[data-disclosure-state]');
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    for (const el of form.querySelectorAll('.is-invalid')) el.classList.remove('is-invalid');
    state.className = 'col-12 small';
    state.textContent = '正在登记…';
    const body = { period: form.elements.period.value, date: form.elements.date.value || null };
    let response;
    try {
      response = await fetch(`/api/holders/${encodeURIComponent(form.dataset.uscc)}/disclosures`, {
        method: 'POST', headers: { 'Content-Type': 'application/json', Accept: 'application/json' }, body: JSON.stringify(body),
      });
    } catch {
      state.className = 'col-12 small text-danger';
      state.textContent = '网络异常，未能登记，请稍后重试。';
      return;
    }
    let result = null;
    try { result = await response.json(); } catch { result = null; }
    if (response.ok && result) {
      state.className = 'col-12 small text-success';
      state.textContent = `已登记，更新截止日期为 ${result.dueDate}。`;
      setTimeout(() => window.location.reload(), 800);
      return;
    }
    const errors = (result && result.errors) || {};
    for (const [field, messages] of Object.entries(errors)) {
      const input = form.elements[field];
      const slot = form.querySelector(`[data-error-for="${field}"]`);
      if (input && slot) { input.classList.add('is-invalid'); slot.textContent = messages.join('；'); }
    }
    state.className = 'col-12 small text-danger';
    state.textContent = (result && (result.detail || result.title)) || `登记未成功（${response.status}）。`;
  });
}
