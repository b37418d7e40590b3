// 消息 page: marks one notification or all of them read, then shows the list and the header's bell as they now are.
import { send, problemMessages, showAlert } from './api.js';

const alertBox = document.querySelector('[data-notification-alert]');

async function post(url) {
  const answer = await send('POST', url);
  if (!answer.ok) {
    showAlert(alertBox, 'danger', '操作未成功。', problemMessages(answer));
    return false;
  }
  return true;
}

for (const button of document.querySelectorAll('[data-read]')) {
  button.addEventListener('click', async () => {
    button.disabled = true;
    if (await post(`/api/notifications/${encodeURIComponent(button.dataset.read)}/read`)) location.reload();
    else button.disabled = false;
  });
}

document.querySelector('[data-read-all]')?.addEventListener('click', async (event) => {
  event.currentTarget.disabled = true;
  if (await post('/api/notifications/read-all')) location.reload();
});
