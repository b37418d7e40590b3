// The city's ranking page: rows are reordered by drag and drop or by the up/down buttons (for keyboard users), then
// the order is reported as one batch (POST /api/rounds/{year}/ranking).
import { send, problemMessages, showAlert, el } from './api.js';

const body = document.querySelector('#ranking-table tbody');
const form = document.getElementById('ranking-form');
const message = document.getElementById('ranking-message');
const rows = () => [...body.querySelectorAll('tr.ranking-row')];

function renumber() {
  rows().forEach((row, index) => { row.querySelector('.rank-cell').textContent = String(index + 1); });
}

let dragged = null;
body.addEventListener('dragstart', (event) => {
  dragged = event.target.closest('tr.ranking-row');
  if (!dragged) return;
  dragged.classList.add('opacity-50');
  event.dataTransfer.effectAllowed = 'move';
  event.dataTransfer.setData('text/plain', dragged.dataset.caseId);
});
// Over the lower half of a row the dragged row goes after it, over the upper half before it.
function placeAt(event) {
  const over = event.target.closest('tr.ranking-row');
  if (!over || over === dragged) return;
  const box = over.getBoundingClientRect();
  if (event.clientY > box.top + box.height / 2) over.after(dragged); else over.before(dragged);
  renumber();
}
body.addEventListener('dragover', (event) => {
  if (!dragged) return;
  event.preventDefault(); // a row may be dropped anywhere in the table
  placeAt(event);
});
body.addEventListener('drop', (event) => {
  if (!dragged) return;
  event.preventDefault();
  placeAt(event);
});
body.addEventListener('dragend', () => {
  dragged?.classList.remove('opacity-50');
  dragged = null;
  renumber();
});

body.addEventListener('click', (event) => {
  const button = event.target.closest('button.move-up, button.move-down');
  if (!button) return;
  const row = button.closest('tr');
  if (button.classList.contains('move-up') && row.previousElementSibling) row.previousElementSibling.before(row);
  if (button.classList.contains('move-down') && row.nextElementSibling) row.nextElementSibling.after(row);
  renumber();
  button.focus();
});

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const submit = form.querySelector('button[type=submit]');
  submit.disabled = true;
  const caseIds = rows().map((row) => Number(row.dataset.caseId));
  const opinion = document.getElementById('ranking-opinion').value;
  const answer = await send('POST', `/api/rounds/${form.dataset.year}/ranking`, { caseIds, opinion });
  if (answer.ok) {
    // The batch has left this step: the table and form go, the confirmation and a way on stay.
    body.closest('.panel').remove();
    form.remove();
    showAlert(message, 'success', `已按推荐排序报送 ${answer.data.submitted} 家企业。`);
    const next = el('a', 'btn btn-outline-danger btn-sm', '查看案件列表');
    next.href = `/rounds/${form.dataset.year}/cases`;
    message.append(next);
    return;
  }
  submit.disabled = false;
  showAlert(message, 'danger', '推荐批次未能提交：', problemMessages(answer));
});

renumber();
