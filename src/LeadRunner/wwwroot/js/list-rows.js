// Adds and removes rows of the lists on the settings page. Each row posts its own index (Form.X.Index), so new rows
// take a fresh index and removing one never renumbers the others.
(() => {
  let next = 0;
  document.addEventListener('click', (event) => {
    const add = event.target.closest('[data-add-row]');
    if (add) {
      const list = document.querySelector(`[data-list="${add.dataset.addRow}"]`);
      const template = list.querySelector(':scope > template');
      const index = `new${Date.now()}${next++}`;
      const html = template.innerHTML.replaceAll('__i__', index);
      const holder = document.createElement(list.tagName === 'TABLE' ? 'tbody' : 'div');
      holder.innerHTML = html;
      const row = holder.firstElementChild;
      (list.tagName === 'TABLE' ? list.tBodies[0] : list).insertBefore(row, list.tagName === 'TABLE' ? null : template);
      row.querySelector('input:not([type=hidden])')?.focus();
      return;
    }
    const remove = event.target.closest('[data-remove-row]');
    if (remove) {
      remove.closest('tr, .list-row').remove();
    }
  });
})();
