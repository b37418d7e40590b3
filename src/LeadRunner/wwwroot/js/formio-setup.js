// Form.io as LeadRunner uses it: every asset from our own /lib (no CDN), Chinese strings, and the USCC component.
// Loaded after formio.full.min.js by the designer and the form pages.
(() => {
  const Formio = window.Formio;
  // The site's CSP allows no eval (SecurityHeaders.PagePolicy). Form.io compiles string templates such as a select's
  // "<span>{{ item.label }}</span>" with new Function; ours are plain {{ path }} look-ups (the server refuses
  // JavaScript in forms), which Form.io's own interpolateString fills in without compiling anything.
  for (const evaluator of new Set([Formio.Evaluator, Formio.Utils && Formio.Utils.Evaluator].filter(Boolean))) {
    evaluator.template = (template) => (data) => evaluator.interpolateString(template, data);
  }
  // Form.io fetches ace, quill and flatpickr from <base>/<library>/…; wwwroot/lib/formio-cdn holds our copies.
  Formio.cdn.setBaseUrl(`${window.location.origin}/lib/formio-cdn`);
  // Selects bound to a round list (/api/rounds/{year}/lists/…) are resolved against Form.io's base URL, which would
  // otherwise be api.form.io: this site is the only server forms talk to.
  Formio.setBaseUrl(window.location.origin);

  const TextField = Formio.Components.components.textfield;
  // 统一社会信用代码: a text field of 18 characters; the check characters are verified by the server (UsccValidator).
  class UsccComponent extends TextField {
    static schema(...extend) {
      return TextField.schema({ type: 'uscc', label: '统一社会信用代码', key: 'uscc', placeholder: '18 位，字母大写' }, ...extend);
    }

    static get builderInfo() {
      return { title: '统一社会信用代码', icon: 'person-vcard', group: 'advanced', weight: 5, schema: UsccComponent.schema() };
    }

    get defaultSchema() { return UsccComponent.schema(); }
  }
  Formio.Components.addComponent('uscc', UsccComponent);

  // A file's size in the list of uploaded files, in Chinese ("329 字节", "12.5 KB"); Form.io writes "329.00 Bytes".
  Formio.Components.components.file.prototype.fileSize = (bytes) => (bytes < 1024
    ? `${bytes} 字节`
    : bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`);

  const zh = {
    // Renderer and validation messages ({{field}} is the label).
    required: '{{field}}为必填项',
    minLength: '{{field}}至少 {{length}} 个字',
    maxLength: '{{field}}最多 {{length}} 个字',
    minWords: '{{field}}至少 {{length}} 个词',
    maxWords: '{{field}}最多 {{length}} 个词',
    min: '{{field}}不能小于 {{min}}',
    max: '{{field}}不能大于 {{max}}',
    maxDate: '{{field}}不能晚于 {{- maxDate}}',
    minDate: '{{field}}不能早于 {{- minDate}}',
    pattern: '{{field}}的格式不正确',
    invalid_email: '{{field}}不是有效的电子邮箱地址',
    invalid_date: '{{field}}不是有效的日期',
    invalid_regex: '{{field}}的格式不正确',
    invalid_day: '{{field}}不是有效的日期',
    mask: '{{field}}的格式不正确',
    valueIsNotAvailable: '{{ field }}的取值不在可选项中',
    invalidOption: '{{field}}的取值不在可选项中',
    minSelectedCount: '{{field}}至少选择 {{minCount}} 项',
    maxSelectedCount: '{{field}}最多选择 {{maxCount}} 项',
    unique: '{{field}}不能重复',
    array: '{{field}}应为列表',
    array_nonempty: '{{field}}不能为空',
    nonarray: '{{field}}不能是列表',
    select: '{{field}}的选择无效',
    error: '请先更正以下错误后再提交。',
    errorListHotkey: '按 Ctrl + Alt + X 回到错误列表。',
    alertMessage: '{{message}}',
    alertMessageWithLabel: '{{label}}：{{message}}',
    // Form.io says this once its own checks pass, before the server has answered; ours follows.
    complete: '正在提交，请稍候…',
    submitError: '请检查表单并更正所有错误后再提交。',
    next: '下一步',
    previous: '上一步',
    cancel: '取消',
    submit: '提交',
    confirmCancel: '确定要取消吗？',
    saveDraftInstanceError: '无法保存草稿。',
    'Add Another': '再添加一项',
    'Add Row': '添加一行',
    'Remove': '删除',
    'Drop files to attach,': '将文件拖到这里，',
    'or': '或',
    'browse': '选择文件',
    browseFiles: '选择文件',
    browseToAttachFileFor: '选择要上传的文件：',
    allowedFileTypes: '允许的文件类型',
    'File Name': '文件名',
    'Size': '大小',
    'Type': '类型',
    'No storage has been set for this field. File uploads are disabled until storage is set up.': '该字段未设置存储方式，无法上传文件。',
    'File is too big; it must be at most {{ size }}': '文件过大，不能超过 {{ size }}',
    'File is the wrong type; it must be {{ pattern }}': '文件类型不正确，只接受 {{ pattern }}',
    'File is too small; it must be at least {{ size }}': '文件过小，至少 {{ size }}',
    'Type to search': '输入以搜索',
    'No results found': '没有匹配项',
    'No choices to choose from': '没有可选项',
    'Press Enter to add': '按回车添加',
    'Click to set value': '点击选择',
  };

  // Replaces what a message box shows: one alert, with an optional list (e.g. the server's messages per field).
  function showAlert(box, kind, text, items) {
    box.innerHTML = '';
    const div = document.createElement('div');
    div.className = `alert alert-${kind}`;
    div.textContent = text;
    if (items && items.length) {
      const list = document.createElement('ul');
      list.className = 'mb-0 mt-2';
      for (const item of items) {
        const li = document.createElement('li');
        li.textContent = item;
        list.appendChild(li);
      }
      div.appendChild(list);
    }
    box.appendChild(div);
  }

  window.LeadRunnerForms = {
    options: (extra) => Object.assign({ language: 'zh', i18n: { zh } }, extra || {}),
    zh,
    showAlert,
  };
})();
