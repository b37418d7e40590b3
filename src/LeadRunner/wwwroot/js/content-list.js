// The editors' list (/admin/content): approve or refuse a publish awaiting approval, cancel a scheduled change, through /api/content.
import { send, problemMessages, showAlert, showFlash, goWith } from './api.js';

const alertBox = document.getElementById('content-alert');
showFlash(alertBox);

for (const button of document.querySelectorAll('[data-approve]')) {
  button.addEventListener('click', async () => {
    button.disabled = true;
    const answer = await send('POST', `/api/content/requests/${button.dataset.approve}/approve`);
    button.disabled = false;
    if (!answer.ok) { showAlert(alertBox, 'danger', '未能审核通过', problemMessages(answer)); return; }
    goWith(answer.data.message);
  });
}

for (const button of document.querySelectorAll('[data-cancel]')) {
  button.addEventListener('click', async () => {
    const id = button.dataset.cancel;
    const reason = document.querySelector(`[data-reason-for="${id}"]`)?.value.trim() || null;
    button.disabled = true;
    const answer = await send('POST', `/api/content/requests/${id}/cancel`, { reason });
    button.disabled = false;
    if (!answer.ok) { showAlert(alertBox, 'danger', '未能处理', problemMessages(answer)); return; }
    goWith(answer.data.message);
  });
}
