// The province's collective acts of a round: publish a 公示 batch, publish the final list, record an objection's
// investigation and decide it. Every act goes through the JSON API; the page reloads to show the result.
import { send, problemMessages, showAlert, showFlash, goWith } from './api.js';

const alertBox = document.getElementById('acts-alert') || document.getElementById('objection-alert');
if (alertBox) showFlash(alertBox);

for (const section of document.querySelectorAll('[data-act]')) {
  const selectAll = section.querySelector('.select-all');
  const choices = () => [...section.querySelectorAll('.case-choice')].filter((box) => !box.disabled);
  selectAll?.addEventListener('change', () => choices().forEach((box) => { box.checked = selectAll.checked; }));
  section.querySelector('.act-form')?.addEventListener('submit', async (event) => {
    event.preventDefault();
    const form = event.currentTarget;
    const caseIds = choices().filter((box) => box.checked).map((box) => Number(box.value));
    if (caseIds.length === 0) {
      showAlert(alertBox, 'danger', '请先勾选企业。');
      return;
    }
    const year = section.dataset.year;
    const publicity = section.dataset.act === 'publicity';
    const body = publicity
      ? { caseIds, start: form.elements.start.value || null }
      : { caseIds, documentNumber: form.elements.documentNumber.value, date: form.elements.date.value || null };
    const question = publicity ? `确定将选中的 ${caseIds.length} 家企业发布公示吗？` : `确定发布认定名单，并为选中的 ${caseIds.length} 家企业授牌吗？发布后不能撤回授牌。`;
    if (!window.confirm(question)) return;
    const button = form.querySelector('button[type="submit"]');
    button.disabled = true;
    const answer = await send('POST', `/api/rounds/${year}/${publicity ? 'publicity' : 'final-list'}`, body);
    button.disabled = false;
    if (answer.status === 201) {
      goWith(publicity
        ? `已发布公示（${answer.data.start} 至 ${answer.data.end}），${caseIds.length} 家企业进入公示。`
        : `已发布认定名单，${caseIds.length} 家企业已授牌。`);
      return;
    }
    showAlert(alertBox, 'danger', publicity ? '公示未发布：' : '认定名单未发布：', problemMessages(answer));
  });
}

for (const form of document.querySelectorAll('[data-objection-act]')) {
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const receipt = encodeURIComponent(form.dataset.receipt);
    const decision = form.dataset.objectionAct === 'decision';
    if (decision) {
      const chosen = form.querySelector('input[name="outcome"]:checked');
      if (!chosen) {
        showAlert(alertBox, 'danger', '请选择处理结果。');
        return;
      }
      if (!window.confirm(`确定作出“${chosen.nextElementSibling.textContent}”的决定吗？决定后不能修改。`)) return;
    }
    const answer = decision
      ? await send('POST', `/api/objections/${receipt}/decision`, { outcome: form.querySelector('input[name="outcome"]:checked').value, comment: form.elements.comment.value })
      : await send('PUT', `/api/objections/${receipt}/investigation`, { note: form.elements.note.value });
    if (answer.ok) {
      goWith(answer.data.message);
      return;
    }
    showAlert(alertBox, 'danger', decision ? '决定未保存：' : '核查情况未保存：', problemMessages(answer));
  });
}
