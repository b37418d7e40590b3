// Renders a published form in Chinese into a holder, autosaves the signed-in user's draft as they type (a visitor's in
// this tab only), and submits to the server, which validates again and is the one that decides. On a case action page
// (data-task-id) the data goes with the action to the task's completion instead of being stored as a stand-alone
// submission. One module for every form on the site: /forms/{key}, case actions and forms embedded in public pages
// ([form:key] and the 公示's objection form); each lives in a [data-hosted-form] element with its own schema block.

const scripts = new Map();

// Embedded forms sit in cached public pages that do not load Form.io themselves: load it once, in order.
function loadScript(src) {
  if (!scripts.has(src)) {
    scripts.set(src, new Promise((resolve, reject) => {
      const script = document.createElement('script');
      script.src = src;
      script.onload = resolve;
      script.onerror = () => reject(new Error(src));
      document.head.appendChild(script);
    }));
  }
  return scripts.get(src);
}

async function formio(holder) {
  if (!window.Formio) await loadScript(holder.dataset.formioScript);
  if (!window.LeadRunnerForms || !window.LeadRunnerForms.options) await loadScript(holder.dataset.formioSetup);
  return window.Formio;
}

// A visitor's leave to attach files (POST /api/forms/{key}/upload-grants): asked for when the page loads, since the
// page itself is cached for everyone. The file fields then upload with it, and the submission shows it.
async function uploadGrant(key, show) {
  const response = await fetch(`/api/forms/${encodeURIComponent(key)}/upload-grants`, { method: 'POST', headers: { Accept: 'application/json' } });
  let body = null;
  try { body = await response.json(); } catch { body = null; }
  if (response.ok && body) return body;
  show('warning', `暂时无法上传附件：${(body && (body.detail || body.title)) || `服务器返回 ${response.status}`}。其余内容仍可填写提交。`);
  return null;
}

function useGrant(Formio, schema, key, grant) {
  Formio.Utils.eachComponent(schema.components, (component) => {
    if (component.type !== 'file') return;
    component.url = `/api/uploads?form=${encodeURIComponent(key)}&field=${encodeURIComponent(component.key)}`;
    component.options = { headers: { 'X-Upload-Grant': grant.token } };
  }, true);
}

// The server's own checks (mainland phone numbers, USCC check characters, options, uploads, decimal places) are shown
// on the field they concern, as Form.io shows its own messages (Form.io's next check of the field replaces them);
// errors are keyed by data path (partners[1].name).
function showOnFields(form, errors) {
  for (const [path, messages] of Object.entries(errors)) {
    const component = path && form.getComponent(path);
    if (component && typeof component.setCustomValidity === 'function') component.setCustomValidity(messages.join(' '), true);
  }
}

export async function renderForm(root) {
  const holder = root.querySelector('[data-form-key]');
  const key = holder.dataset.formKey;
  const subject = holder.dataset.subject || '';
  const drafts = holder.dataset.drafts === 'true';
  const alertBox = root.querySelector('.form-alert');
  const draftState = root.querySelector('.draft-state');
  const schema = JSON.parse(root.querySelector('script.form-schema').textContent);
  const initialNode = root.querySelector('script.form-initial');
  const taskId = holder.dataset.taskId || '';
  const query = subject ? `?subject=${encodeURIComponent(subject)}` : '';
  // A visitor (the public objection form) keeps the draft in sessionStorage: it survives a reload but not closing the
  // tab, so personal details typed on a shared computer do not stay behind.
  const tabDraftKey = !drafts && !taskId ? `leadrunner-draft:${key}:${subject}` : null;
  const tabDrafts = (() => { try { return tabDraftKey ? window.sessionStorage : null; } catch { return null; } })();

  function show(kind, text, items) {
    window.LeadRunnerForms.showAlert(alertBox, kind, text, items);
    alertBox.scrollIntoView({ block: 'nearest' });
  }

  const Formio = await formio(holder);
  const grant = holder.dataset.grants === 'true' ? await uploadGrant(key, show) : null;
  if (grant) useGrant(Formio, schema, key, grant);
  const form = await Formio.createForm(holder, schema, window.LeadRunnerForms.options());
  form.nosubmit = true;
  window.formRenderer = window.formRenderer || form;

  let restoring = false;
  // A restored draft's notice stays until the user edits something: Form.io also reports changes of its own after a
  // restore (select options arriving, defaults filled in), and those must not replace it. Its third argument says
  // whether a change came from the user.
  let edited = true;
  form.on('change', (event, flags, modified) => { if (modified) edited = true; });
  // The server draft as last restored or saved: Form.io reports changes after a restore settles (e.g. when a
  // select's options arrive), and only what differs from it is worth saving.
  let kept = null;
  if (initialNode) {
    restoring = true;
    await form.setSubmission({ data: JSON.parse(initialNode.textContent) });
    restoring = false;
  }
  if (drafts) {
    const response = await fetch(`/api/forms/${encodeURIComponent(key)}/draft${query}`, { headers: { Accept: 'application/json' } });
    if (response.ok) {
      const draft = await response.json();
      restoring = true;
      await form.setSubmission({ data: draft.data || {} });
      restoring = false;
      draftState.textContent = `已恢复 ${new Date(draft.updatedAt).toLocaleString('zh-CN', { hour12: false })} 保存的草稿。`;
      edited = false;
      kept = JSON.stringify(form.submission.data);
    }
  }

  if (tabDrafts && tabDrafts.getItem(tabDraftKey)) {
    restoring = true;
    await form.setSubmission({ data: JSON.parse(tabDrafts.getItem(tabDraftKey)) });
    restoring = false;
    draftState.textContent = '已恢复本标签页中暂存的内容。';
    edited = false;
  }
  if (tabDrafts) {
    form.on('change', (event) => {
      if (restoring || !event || !event.changed) return;
      // Form.io also reports changes after a restore settles; only what differs from the kept draft is news.
      const data = JSON.stringify(form.submission.data);
      if (data === tabDrafts.getItem(tabDraftKey)) return;
      tabDrafts.setItem(tabDraftKey, data);
      if (edited) draftState.textContent = '内容已暂存在本标签页（关闭页面即清除）。';
    });
  }

  // Debounced: one save a second at most while typing, and the last change is always saved.
  let timer = null;
  let saving = Promise.resolve();
  async function saveDraft() {
    const data = form.submission.data;
    const response = await fetch(`/api/forms/${encodeURIComponent(key)}/draft${query}`, {
      method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ data }),
    });
    if (response.ok) kept = JSON.stringify(data);
    if (response.ok && !edited) return;
    draftState.textContent = response.ok
      ? `草稿已自动保存 ${new Date().toLocaleTimeString('zh-CN', { hour12: false })}`
      : '草稿未能保存，请检查网络或重新登录。';
  }
  if (drafts) {
    form.on('change', (event) => {
      if (restoring || !event || !event.changed || JSON.stringify(form.submission.data) === kept) return;
      clearTimeout(timer);
      if (edited) draftState.textContent = '正在输入…';
      timer = setTimeout(() => { saving = saving.then(saveDraft); }, 1000);
    });
  }

  form.on('submit', async (submission) => {
    clearTimeout(timer);
    await saving;
    const response = taskId
      ? await fetch(`/api/tasks/${encodeURIComponent(taskId)}/complete`, {
        method: 'POST', headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify({ action: holder.dataset.action, comment: document.getElementById('action-comment')?.value || null, data: submission.data }),
      })
      : await fetch(`/api/forms/${encodeURIComponent(key)}/submissions${holder.dataset.year ? `?year=${encodeURIComponent(holder.dataset.year)}` : ''}`, {
        method: 'POST',
        headers: Object.assign({ 'Content-Type': 'application/json', Accept: 'application/json' }, grant ? { 'X-Upload-Grant': grant.token } : {}),
        body: JSON.stringify({ data: submission.data, subject }),
      });
    let body = null;
    try { body = await response.json(); } catch { body = null; }
    if (taskId && response.ok) {
      form.emit('submitDone', submission);
      window.location.assign(holder.dataset.caseUrl);
      return;
    }
    if (response.status === 201) {
      if (tabDrafts) tabDrafts.removeItem(tabDraftKey);
      form.emit('submitDone', submission);
      holder.hidden = true;
      draftState.textContent = '';
      show('success', `提交成功（编号 ${body.id}，表单版本 ${body.version}）。`);
      return;
    }
    form.emit('submitError');
    form.setAlert(false);
    if (response.status === 400 && body && body.errors) {
      showOnFields(form, body.errors);
      show('danger', '提交未成功，服务器发现以下问题：', Object.values(body.errors).flat());
    } else if (response.status === 409) {
      show('danger', (body && body.detail) || '该事项已被他人办理，请返回案件页查看。');
    } else if (response.status === 401) {
      show('danger', '登录已过期，请重新登录后再提交（已填写的内容保存在草稿中）。');
    } else {
      show('danger', (body && (body.detail || body.title)) || `提交未成功（${response.status}）。`);
    }
  });
}

for (const root of document.querySelectorAll('[data-hosted-form]')) {
  renderForm(root);
}
