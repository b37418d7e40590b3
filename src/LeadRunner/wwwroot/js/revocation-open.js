// The province opens a revocation case: the chosen evidence files go up to /api/uploads first, then the ground, the
// facts and the files' ids to /api/holders/{uscc}/revocations; the new case opens, or each field shows its problem.
import { send, problemMessages, showAlert } from './api.js';

const form = document.getElementById('revocation-form');
const alertBox = document.getElementById('revocation-alert');

function showFieldErrors(errors) {
  for (const feedback of form.querySelectorAll('.invalid-feedback')) {
    const messages = (errors && errors[feedback.dataset.for]) || [];
    feedback.textContent = messages.join(' ');
    const input = form.elements[feedback.dataset.for === 'attachments' ? 'evidence' : feedback.dataset.for];
    input?.classList.toggle('is-invalid', messages.length > 0);
  }
}

form?.addEventListener('submit', async (event) => {
  event.preventDefault();
  const button = form.querySelector('button[type="submit"]');
  button.disabled = true;
  try {
    const attachments = [];
    for (const file of form.elements.evidence.files) {
      const body = new FormData();
      body.append('file', file, file.name);
      const uploaded = await send('POST', '/api/uploads', body);
      if (uploaded.status !== 201) {
        showAlert(alertBox, 'danger', `证据材料“${file.name}”未能上传：`, problemMessages(uploaded));
        return;
      }
      attachments.push(uploaded.data.id);
    }
    const answer = await send('POST', `/api/holders/${encodeURIComponent(form.dataset.uscc)}/revocations`,
      { ground: form.elements.ground.value, facts: form.elements.facts.value, attachments });
    if (answer.status === 201) {
      window.location.assign(`/cases/${answer.data.caseId}?done=1`);
      return;
    }
    showFieldErrors(answer.data?.errors);
    showAlert(alertBox, 'danger', '未能立案：', problemMessages(answer));
  } finally {
    button.disabled = false;
  }
});
