// The form designer: Form.io's builder limited to the components the server validates, saving through /api/forms.
(async () => {
  const Formio = window.Formio;
  const holder = document.getElementById('builder');
  const key = holder.dataset.formKey;
  const alertBox = document.getElementById('designer-alert');
  const state = document.getElementById('save-state');
  const titleInput = document.getElementById('form-title');
  const accessInput = document.getElementById('form-access');
  const roleInputs = [...document.querySelectorAll('#form-roles input[type=checkbox]')];

  const show = (kind, text, items) => window.LeadRunnerForms.showAlert(alertBox, kind, text, items);

  async function send(method, url, body) {
    const response = await fetch(url, {
      method,
      headers: body === undefined ? { Accept: 'application/json' } : { Accept: 'application/json', 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    let data = null;
    try { data = text ? JSON.parse(text) : null; } catch { data = null; }
    return { ok: response.ok, status: response.status, data };
  }

  function problems(answer) {
    const body = answer.data;
    if (answer.status === 401) return ['登录已过期，请重新登录。'];
    if (answer.status === 403) return ['只有系统管理员可以修改表单定义。'];
    if (body && body.errors && !Array.isArray(body.errors)) return Object.values(body.errors).flat();
    return [(body && (body.detail || body.title)) || `请求未能完成（${answer.status}）。`];
  }

  const [design, config] = await Promise.all([
    send('GET', `/api/forms/${encodeURIComponent(key)}/design`),
    send('GET', '/api/forms/builder-config'),
  ]);
  if (!design.ok || !config.ok) { show('danger', '无法载入表单定义。', problems(design.ok ? config : design)); return; }
  const schema = design.data;
  titleInput.value = schema.title || '';
  accessInput.value = schema.access === 'public' ? 'public' : 'login';
  for (const input of roleInputs) input.checked = (schema.roles || []).includes(input.value);
  // A public form is open to everyone: it cannot be limited to roles.
  const syncRoles = () => { for (const input of roleInputs) input.disabled = accessInput.value === 'public'; };
  syncRoles();

  // The rich-text component's settings edit its HTML in CKEditor, which we do not serve (Form.io would fetch it from
  // its CDN and fail); Quill, which we serve, edits it instead.
  const Content = Formio.Components.components.content;
  const contentEditForm = Content.editForm;
  Content.editForm = (...extend) => {
    const form = contentEditForm(...extend);
    for (const c of form.components) if (c.key === 'html' && c.editor === 'ckeditor') c.editor = 'quill';
    return form;
  };

  // A palette entry under the server's Chinese name, dropping in with that name as its label (not "Text Field").
  function paletteEntry(entry) {
    const info = Formio.Components.components[entry.type].builderInfo;
    const schema = Object.assign({}, info.schema, { label: entry.title });
    if ('title' in schema) schema.title = entry.title;
    if ('legend' in schema) schema.legend = entry.title;
    // New file and money fields start as the server wants them: stored here, in yuan.
    if (entry.type === 'file') Object.assign(schema, { storage: 'url', url: '/api/uploads' });
    if (entry.type === 'currency') schema.currency = 'CNY';
    // Form.io's phone mask (999) 999-9999 holds no mainland number; without a saved mask the browser would still apply it.
    if (entry.type === 'phoneNumber') schema.inputMask = '';
    return Object.assign({}, info, { title: entry.title, schema });
  }

  // The palette is exactly the server's supported list (GET /api/forms/builder-config), in our own groups.
  const groupTitles = { basic: '基础', advanced: '常用', layout: '布局', data: '数据' };
  const builder = { basic: false, advanced: false, layout: false, data: false, premium: false, resource: false };
  let weight = 0;
  for (const [group, title] of Object.entries(groupTitles)) {
    const components = {};
    for (const entry of config.data.components.filter((c) => c.group === group)) components[entry.type] = paletteEntry(entry);
    builder[`lr_${group}`] = { title, weight: weight += 10, default: group === 'basic', components };
  }
  // Settings that hold JavaScript or JSONLogic are hidden: the server refuses them on save. So are those that need
  // Form.io's own server or other storage (unique, Kickbox, remote option sources), PDF overlays and the logic tab.
  const hidden = ['customDefaultValuePanel', 'calculateValuePanel', 'custom-validation-js', 'json-validation-json', 'customConditionalPanel', 'logic', 'persistent', 'protected', 'dbIndex', 'encrypted', 'calculateServer', 'allowCalculateOverride', 'serverOverride', 'redrawOn',
    'panel-disable-function', 'datePicker.disableFunction', 'custom', 'customOptions', 'nextPagePanel', 'unique', 'kickbox', 'validate.select', 'dataSrc', 'errors', 'autoSync', 'overlay', 'autocomplete',
    'widget.type', 'shortcutButtons', 'isUploadEnabled', 'uploadStorage', 'uploadUrl', 'uploadOptions', 'uploadDir', 'fileKey', 'fileNameTemplate', 'dir', 'urlRequestOptions',
    // And whatever else the server refuses at publish (UnsupportedSettings).
    ...config.data.refusedSettings]
    .map((k) => ({ key: k, ignore: true }));
  // Choices that make sense here: files are stored by this server, money is in a handful of currencies, buttons
  // submit, reset or raise an event (no OAuth, no posting elsewhere, no custom script).
  const currencies = [['CNY', 'Yuan Renminbi (CNY)'], ['USD', 'US Dollar (USD)'], ['EUR', 'Euro (EUR)'], ['HKD', 'Hong Kong Dollar (HKD)'], ['JPY', 'Yen (JPY)'], ['GBP', 'Pound Sterling (GBP)']];
  const narrowed = {
    file: { tab: 'file', key: 'storage', dataSrc: 'values', data: { values: [{ label: '本系统（url）', value: 'url' }] } },
    button: { tab: 'display', key: 'action', data: { values: [{ label: 'Submit', value: 'submit' }, { label: 'Reset', value: 'reset' }, { label: 'Event', value: 'event' }] } },
    currency: { tab: 'data', key: 'currency', data: { values: currencies.map(([value, label]) => ({ label, value })) } },
  };
  const hiddenTabs = ['logic', 'layout'];
  // Only tabs the type has: an override naming a tab the type lacks adds an empty tab of its own to the dialog.
  const editForm = {};
  for (const entry of config.data.components) {
    const own = Formio.Components.components[entry.type].editForm().components.find((c) => c.key === 'tabs');
    const { tab: narrowTab, ...narrow } = narrowed[entry.type] || {};
    editForm[entry.type] = (own ? own.components : []).map((tab) => (hiddenTabs.includes(tab.key) ? { key: tab.key, ignore: true }
      : { key: tab.key, components: tab.key === narrowTab ? hidden.concat(Object.assign({ overrideEditForm: true }, narrow)) : hidden }));
  }

  const kept = window.LeadRunnerForms.keep(schema.components || []);
  const instance = await Formio.builder(holder, { display: 'form', components: kept.components },
    window.LeadRunnerForms.options({ builder, editForm, noDefaultSubmitButton: true, showFullJsonSchema: false }));
  await instance.ready;
  kept.note(instance.schema.components);
  window.LeadRunnerForms.useChineseKeys(instance);
  window.formDesigner = instance;

  function current() {
    const roles = accessInput.value === 'public' ? [] : roleInputs.filter((i) => i.checked).map((i) => i.value);
    const result = Object.assign({}, schema, {
      title: titleInput.value.trim(),
      access: accessInput.value,
      roles,
      components: kept.merge(instance.schema.components),
    });
    if (roles.length === 0) delete result.roles;
    return result;
  }

  let dirty = false;
  const markDirty = () => { dirty = true; state.textContent = '有未保存的修改'; };
  instance.on('change', markDirty);
  titleInput.addEventListener('input', markDirty);
  accessInput.addEventListener('change', () => { syncRoles(); markDirty(); });
  for (const input of roleInputs) input.addEventListener('change', markDirty);
  window.addEventListener('beforeunload', (e) => { if (dirty) { e.preventDefault(); } });

  document.getElementById('check').addEventListener('click', async () => {
    const answer = await send('POST', `/api/forms/${encodeURIComponent(key)}/check`, current());
    if (!answer.ok) { show('danger', '校验未能完成。', problems(answer)); return; }
    if (answer.data.valid) show('success', '校验通过：服务器可以校验此表单的全部组件。');
    else show('danger', '表单定义有以下问题：', answer.data.errors.map((e) => `${e.path}：${e.message}`));
  });

  async function saveDraft() {
    const answer = await send('PUT', `/api/forms/${encodeURIComponent(key)}/design`, current());
    if (!answer.ok) { show('danger', '草稿未保存：', problems(answer)); return false; }
    dirty = false;
    state.textContent = `草稿已保存 ${new Date().toLocaleTimeString('zh-CN', { hour12: false })}`;
    return true;
  }

  document.getElementById('save-draft').addEventListener('click', async () => {
    if (await saveDraft()) show('success', '草稿已保存。发布后才对填报人生效。');
  });

  document.getElementById('publish').addEventListener('click', async () => {
    if (!(await saveDraft())) return;
    const note = window.prompt('发布说明（为什么修改，将记入版本历史）：', '');
    if (note === null) return;
    const answer = await send('POST', `/api/forms/${encodeURIComponent(key)}/publish`, { note });
    if (!answer.ok) { show('danger', '未发布：', problems(answer)); return; }
    show('success', `已发布版本 ${answer.data.version}。`);
    setTimeout(() => window.location.reload(), 800);
  });

  const diffForm = document.getElementById('diff-form');
  if (diffForm) {
    diffForm.addEventListener('submit', async (event) => {
      event.preventDefault();
      const from = document.getElementById('diff-from').value;
      const to = document.getElementById('diff-to').value;
      const answer = await send('GET', `/api/forms/${encodeURIComponent(key)}/diff?from=${from}&to=${to}`);
      const result = document.getElementById('diff-result');
      result.innerHTML = '';
      if (!answer.ok) { result.textContent = problems(answer).join('；'); return; }
      if (answer.data.length === 0) { result.textContent = '两个版本内容相同。'; return; }
      const names = { added: '新增', removed: '删除', changed: '修改' };
      const table = document.createElement('table');
      table.className = 'table table-sm mt-2';
      table.innerHTML = '<thead><tr><th>变化</th><th>字段</th><th>名称</th><th>原内容</th><th>新内容</th></tr></thead>';
      const body = document.createElement('tbody');
      for (const change of answer.data) {
        const row = document.createElement('tr');
        for (const text of [names[change.kind] || change.kind, change.path, change.label, change.before || '', change.after || '']) {
          const cell = document.createElement('td');
          cell.className = 'small text-break';
          cell.textContent = text;
          row.appendChild(cell);
        }
        body.appendChild(row);
      }
      table.appendChild(body);
      result.appendChild(table);
    });
  }
})();
