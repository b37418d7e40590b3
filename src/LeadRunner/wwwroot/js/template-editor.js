// The document template editor: the text (Monaco when it loads, else the plain textarea), a live preview on sample
// data, save as a new version and rollback. The server decides what is valid; this page shows where it failed.
import { send, problemMessages, problemLocations } from './api.js';

(() => {
  const data = JSON.parse(document.getElementById('template-data').textContent);
  const textarea = document.getElementById('template-text');
  const preview = document.getElementById('preview');
  const previewState = document.getElementById('preview-state');
  const saveState = document.getElementById('save-state');
  const blankSwitch = document.getElementById('preview-blank');
  const errorSummary = document.getElementById('error-summary');
  const errorList = document.getElementById('error-list');
  const alertBox = document.getElementById('editor-alert');
  let editor = null;
  let timer = null;
  let version = data.version;

  const text = () => (editor ? editor.getValue() : textarea.value);

  function showAlert(kind, message) {
    alertBox.innerHTML = '';
    const div = document.createElement('div');
    div.className = `alert alert-${kind}`;
    div.textContent = message;
    alertBox.append(div);
  }

  function showErrors(errors) {
    errorList.innerHTML = '';
    errorSummary.hidden = errors.length === 0;
    for (const e of errors) {
      const li = document.createElement('li');
      li.textContent = `第 ${e.line} 行第 ${e.column} 列：${e.message}`;
      li.tabIndex = 0;
      li.addEventListener('click', () => reveal(e.line, e.column));
      errorList.append(li);
    }
    if (editor) {
      window.monaco.editor.setModelMarkers(editor.getModel(), 'leadrunner', errors.map((e) => ({
        severity: window.monaco.MarkerSeverity.Error, message: e.message,
        startLineNumber: e.line, startColumn: e.column, endLineNumber: e.line, endColumn: e.column + 1,
      })));
    }
  }

  function reveal(line, column) {
    if (editor) {
      editor.revealLineInCenter(line);
      editor.setPosition({ lineNumber: line, column });
      editor.focus();
      return;
    }
    const lines = textarea.value.split('\n');
    const offset = lines.slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0) + column - 1;
    textarea.focus();
    textarea.setSelectionRange(offset, offset + 1);
  }

  async function refreshPreview() {
    previewState.textContent = '正在预览…';
    const answer = await send('POST', `/api/templates/${data.key}/preview`, { text: text(), blank: !!blankSwitch?.checked });
    if (answer.ok) {
      preview.srcdoc = answer.data.page;
      previewState.textContent = '';
      showErrors([]);
    } else {
      previewState.textContent = '模板有误，预览未更新';
      const located = problemLocations(answer);
      showErrors(located.length > 0 ? located : [{ line: 1, column: 1, message: problemMessages(answer).join('；') }]);
    }
  }

  function changed() {
    saveState.textContent = '有未保存的修改';
    clearTimeout(timer);
    timer = setTimeout(refreshPreview, 600);
  }

  async function save() {
    const answer = await send('PUT', `/api/templates/${data.key}`, {
      text: text(), note: document.getElementById('save-note').value, baseVersion: version,
    });
    if (answer.ok) {
      version = answer.data.version;
      document.getElementById('live-version').textContent = version;
      saveState.textContent = '';
      showErrors([]);
      showAlert('success', `已保存为第 ${version} 版并生效。`);
      setTimeout(() => window.location.reload(), 800);
    } else if (answer.status === 400) {
      showErrors(problemLocations(answer));
      showAlert('danger', `${answer.data?.title || '模板有误'}。`);
    } else {
      showAlert('danger', problemMessages(answer).join('；'));
    }
  }

  async function rollback(target) {
    const note = window.prompt(`回滚到第 ${target} 版的原因（记入版本记录和操作日志）：`, '');
    if (note === null) return;
    const answer = await send('POST', `/api/templates/${data.key}/versions/${target}/rollback`, { note });
    if (answer.ok) {
      window.location.reload();
    } else {
      const located = problemLocations(answer);
      if (located.length > 0) showErrors(located);
      showAlert('danger', answer.status === 400 ? `${answer.data?.title || '回滚失败'}。` : problemMessages(answer).join('；'));
    }
  }

  // Monaco is an enhancement: the textarea works on its own and stays if Monaco cannot load.
  async function loadMonaco() {
    await window.LeadRunnerMonaco.load();
    const host = document.getElementById('monaco-host');
    host.hidden = false;
    editor = window.LeadRunnerMonaco.create(host, {
      value: textarea.value, language: 'html', automaticLayout: true, minimap: { enabled: false }, wordWrap: 'on', fontSize: 13,
      scrollBeyondLastLine: false,
    });
    textarea.hidden = true;
    editor.onDidChangeModelContent(changed);
  }

  textarea.addEventListener('input', changed);
  blankSwitch?.addEventListener('change', refreshPreview);
  document.getElementById('save').addEventListener('click', save);
  for (const button of document.querySelectorAll('[data-rollback]')) {
    button.addEventListener('click', () => rollback(button.dataset.rollback));
  }
  loadMonaco().catch(() => { /* the textarea stays */ });
})();
