// The system administrator's switch on the staff home: whether a second publisher approves each publish (PUT /api/content/settings).
import { send, problemMessages } from './api.js';

const toggle = document.getElementById('require-approval');
const status = document.getElementById('content-settings-state');
toggle.addEventListener('change', async () => {
  toggle.disabled = true;
  const answer = await send('PUT', '/api/content/settings', { requireApproval: toggle.checked });
  toggle.disabled = false;
  if (!answer.ok) {
    toggle.checked = !toggle.checked;
    status.textContent = `未能保存：${problemMessages(answer).join('；')}`;
    status.className = 'small text-danger mt-1';
    return;
  }
  status.className = 'small text-success mt-1';
  status.textContent = answer.data.requireApproval
    ? '已开启：发布人提交的发布须由另一名发布人审核通过后生效。'
    : '已关闭：发布人可直接发布。';
});
