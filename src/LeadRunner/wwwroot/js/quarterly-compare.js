// The quarter's form against the previous filing (the "与上期相比" panel): each field that now differs from what was
// filed last quarter is marked in the panel and on the form, as the enterprise edits.
const panel = document.querySelector('[data-previous-filing]');

function normalise(value) {
  if (value === undefined || value === null || value === '') return null;
  if (typeof value === 'string') {
    const trimmed = value.trim();
    return trimmed === '' || Number.isNaN(Number(trimmed)) ? trimmed : Number(trimmed);
  }
  return value;
}

function show(value) {
  if (value === null) return '（未填）';
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (typeof value === 'number') return value.toLocaleString('zh-CN', { maximumFractionDigits: 10 });
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

function compare(form) {
  const data = form.submission?.data || {};
  for (const row of panel.querySelectorAll('[data-compare-key]')) {
    const key = row.dataset.compareKey;
    const before = normalise(JSON.parse(row.dataset.previous));
    const now = normalise(data[key]);
    const changed = JSON.stringify(before) !== JSON.stringify(now);
    row.classList.toggle('table-warning', changed);
    const cell = row.querySelector('.current');
    cell.textContent = changed ? `${show(now)}（已修改）` : '与上期相同';
    cell.classList.toggle('text-muted', !changed);
    const element = form.getComponent(key)?.element;
    if (element) {
      element.classList.toggle('changed-from-previous', changed);
      element.classList.toggle('border-start', changed);
      element.classList.toggle('border-warning', changed);
      element.classList.toggle('border-3', changed);
      element.classList.toggle('ps-2', changed);
      element.title = changed ? '与上期不同' : '';
    }
  }
}

// forms-fill.js renders the form and exposes it once created.
async function formReady() {
  for (let i = 0; i < 200 && !window.formRenderer; i++) await new Promise((r) => setTimeout(r, 50));
  return window.formRenderer;
}

if (panel) {
  formReady().then((form) => {
    if (!form) return;
    form.on('change', () => compare(form));
    compare(form);
  });
}
