// 申请支持资金 (/portal/support-claims): renders the support-claim form, shows the amount the round's calculator gives
// (POST …/support-claims/preview) as the figures are typed, and files the claim through the same API scripts use;
// the server checks everything again and is the one that decides.
import { el, send, problemMessages, showAlert, showFlash, goWith } from './api.js';

const root = document.querySelector('[data-support-claim]');
const uscc = root.dataset.uscc;
const alertBox = root.querySelector('.form-alert');
const previewBox = document.getElementById('support-preview');
showFlash(alertBox);
const wan = (yuan) => `${(yuan / 10000).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} 万元`;

// The form's data as the API's body: the same keys, the evidence as attachments.
function body(data) {
  const { evidenceFiles, submit, ...figures } = data;
  return { ...figures, attachments: evidenceFiles || [] };
}

function showPreview(answer) {
  previewBox.className = `alert my-3 ${answer.ok ? 'alert-success' : 'alert-warning'}`;
  if (!answer.ok) {
    previewBox.replaceChildren(el('div', 'fw-bold', '按目前填写的内容还不能申请：'), ...problemMessages(answer).map((m) => el('div', '', m)));
    return;
  }
  const result = answer.data;
  const list = el('ul', 'mb-0');
  for (const item of result.items) list.append(el('li', '', `${wan(item.amount)}：${item.explanation}`));
  previewBox.replaceChildren(el('div', 'fw-bold', `按 ${result.year} 年度支持政策，本项申请金额 ${wan(result.amount)}（${result.amount.toLocaleString('zh-CN')} 元）`), list);
}

// The server's messages on the fields they concern (attachments are the form's evidenceFiles).
function showOnFields(form, errors) {
  for (const [path, messages] of Object.entries(errors)) {
    const component = form.getComponent(path.replace(/^attachments/, 'evidenceFiles').replace(/\[\d+\]$/, ''));
    if (component && typeof component.setCustomValidity === 'function') component.setCustomValidity(messages.join(' '), true);
  }
}

async function start() {
  const schema = JSON.parse(root.querySelector('script.form-schema').textContent);
  // The page's own button files the claim, below the amount; the form's submit button would stand above it.
  schema.components = schema.components.filter((c) => !(c.type === 'button' && (c.action || 'submit') === 'submit'));
  const form = await window.Formio.createForm(document.getElementById('form'), schema, window.LeadRunnerForms.options());
  form.nosubmit = true;
  window.formRenderer = form;
  const button = document.getElementById('file-claim');
  button.disabled = false;
  button.addEventListener('click', () => form.submit().catch(() => {}));

  let timer = null;
  let asked = 0;
  form.on('change', (event) => {
    if (!event || !event.changed || event.changed.component?.key === 'evidenceFiles') return;
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const data = form.submission.data;
      if (!data.kind) return;
      const mine = ++asked;
      const answer = await send('POST', `/api/holders/${encodeURIComponent(uscc)}/support-claims/preview`, body(data));
      if (mine === asked) showPreview(answer);
    }, 400);
  });

  form.on('submit', async (submission) => {
    button.disabled = true;
    const answer = await send('POST', `/api/holders/${encodeURIComponent(uscc)}/support-claims`, body(submission.data));
    if (answer.status === 201) {
      form.emit('submitDone', submission);
      goWith(`申请已提交（申请编号 ${answer.data.claimId}，金额 ${wan(answer.data.amount)}），等待县级工信部门初审。`, '/portal/support-claims');
      return;
    }
    button.disabled = false;
    form.emit('submitError');
    form.setAlert(false);
    if (answer.status === 400 && answer.data?.errors) showOnFields(form, answer.data.errors);
    showAlert(alertBox, 'danger', '申请未能提交：', problemMessages(answer));
  });
}

start();
