// The real-name objection form on an open 公示 page: files go up under a visitor's upload grant, then the objection
// is sent as JSON; the answer is a receipt number or the server's Chinese messages per field.
import { el, send, problemMessages, showAlert } from './api.js';

const root = document.querySelector('[data-objection-form]');
if (root) setUp(root);

function setUp(root) {
  const form = root.querySelector('form');
  const alertBox = root.querySelector('.objection-alert');
  const fileInput = root.querySelector('#objection-files');
  const uploadedList = root.querySelector('.objection-uploaded');
  const uploaded = [];
  let grant = null;

  const type = () => form.querySelector('input[name="objectorType"]:checked').value;
  function showType() {
    const organisation = type() === '单位';
    root.querySelectorAll('.for-organisation').forEach((node) => { node.hidden = !organisation; });
    root.querySelectorAll('.for-individual').forEach((node) => { node.hidden = organisation; });
  }
  form.querySelectorAll('input[name="objectorType"]').forEach((radio) => radio.addEventListener('change', showType));
  showType();

  async function ensureGrant() {
    if (grant && new Date(grant.expiresAt) > new Date(Date.now() + 60_000)) return grant;
    const answer = await send('POST', '/api/forms/objection/upload-grants');
    if (!answer.ok) throw new Error(problemMessages(answer).join(' '));
    grant = answer.data;
    return grant;
  }

  fileInput.addEventListener('change', async () => {
    for (const file of [...fileInput.files]) {
      const row = el('li', 'text-muted', `${file.name}：正在上传…`);
      uploadedList.append(row);
      try {
        const token = (await ensureGrant()).token;
        const body = new FormData();
        body.append('file', file, file.name);
        const answer = await send('POST', '/api/uploads?form=objection&field=evidence', body, { 'X-Upload-Grant': token });
        if (!answer.ok) throw new Error(problemMessages(answer).join(' '));
        uploaded.push(answer.data.id);
        row.className = 'text-success';
        row.textContent = `${file.name}（${Math.max(1, Math.round(file.size / 1024))} KB）已上传`;
      } catch (error) {
        row.className = 'text-danger';
        row.textContent = `${file.name} 未能上传：${error.message}`;
      }
    }
    fileInput.value = '';
  });

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (!form.querySelector('#objection-commitment').checked) {
      showAlert(alertBox, 'danger', '请勾选承诺后再提交。');
      return;
    }
    const value = (name) => form.elements[name].value.trim();
    const organisation = type() === '单位';
    const payload = {
      objectorType: type(), name: value('name'), idNumber: organisation ? null : value('idNumber'),
      organisation: organisation ? value('organisation') : null, phone: value('phone'), enterprise: value('enterprise'),
      facts: value('facts'), attachments: uploaded,
    };
    const button = form.querySelector('button[type="submit"]');
    button.disabled = true;
    const answer = await send('POST', `/api/publicity/${root.dataset.publicity}/objections`, payload, grant ? { 'X-Upload-Grant': grant.token } : {});
    button.disabled = false;
    if (answer.status === 201) {
      form.hidden = true;
      showAlert(alertBox, 'success', `异议已受理，受理编号 ${answer.data.receipt}。请妥善保存编号，省工业和信息化厅将依法核查并与您联系。`);
      return;
    }
    showAlert(alertBox, 'danger', '异议未能提交：', problemMessages(answer));
  });
}
