// The workflow definition editor (/admin/workflows/{id}/edit): a form over the definition JSON, the same JSON in
// Monaco for advanced users, the server's validation as one types, and the Mermaid diagram of what is being edited.
import { send, problemMessages, problemLocations } from './api.js';

(() => {
  'use strict';

  const data = JSON.parse(document.getElementById('editor-data').textContent);
  const opts = data.options;
  const api = `/api/workflows/${encodeURIComponent(data.definitionId)}`;
  const formView = document.getElementById('form-view');
  const jsonView = document.getElementById('json-view');
  const diagramBox = document.getElementById('diagram');
  const diagramNote = document.getElementById('diagram-note');

  let def = data.definition;
  let draftId = data.draftId;
  let dirty = false;
  let view = 'form';
  let errors = [];
  // Cards (steps, transitions) stay open across re-renders; they are keyed by their object in the definition.
  const openCards = new Set();
  const lastIds = new WeakMap();
  let selectedStep = null;
  let pendingFocus = null;
  let refreshers = [];

  // ---------- small DOM helpers ----------

  function h(tag, props, ...children) {
    const node = document.createElement(tag);
    let value;
    for (const [key, v] of Object.entries(props || {})) {
      if (v === undefined || v === null || v === false) continue;
      if (key === 'class') node.className = v;
      else if (key === 'text') node.textContent = v;
      else if (key === 'value') value = v;
      else if (key === 'checked' || key === 'open') node[key] = v;
      else if (key.startsWith('on')) node.addEventListener(key.slice(2), v);
      else node.setAttribute(key, v === true ? '' : v);
    }
    for (const child of children.flat()) {
      if (child !== null && child !== undefined && child !== false) node.append(child);
    }
    // A select's value can only be set once its options exist.
    if (value !== undefined) node.value = value;
    return node;
  }

  const fieldId = (path) => 'f' + path.replace(/[^A-Za-z0-9]+/g, '-');
  const isControl = (el) => el && ['INPUT', 'SELECT', 'TEXTAREA'].includes(el.tagName);

  function errorsSlot(path) {
    return h('div', { class: 'container-errors', 'data-errors-for': path });
  }

  function field(label, path, control, options = {}) {
    control.id = fieldId(path);
    control.dataset.path = path;
    const help = options.help ? h('div', { class: 'form-text', id: control.id + '-help', text: options.help }) : null;
    if (help) control.setAttribute('aria-describedby', help.id);
    return h('div', { class: `${options.cls || 'col-md-6'} wf-field` },
      h('label', { class: 'form-label', for: control.id, text: label }),
      control, help,
      h('div', { class: 'invalid-feedback', id: control.id + '-error' }));
  }

  function textInput(value, onInput, attrs = {}) {
    return h('input', { class: 'form-control form-control-sm', type: 'text', value: value ?? '', oninput: (e) => onInput(e.target.value), ...attrs });
  }

  function textArea(value, onInput, rows = 2) {
    return h('textarea', { class: 'form-control form-control-sm', rows, value: value ?? '', oninput: (e) => onInput(e.target.value) });
  }

  function select(options, value, onChange, placeholder) {
    const items = [];
    if (placeholder !== undefined) items.push(h('option', { value: '', text: placeholder }));
    for (const o of options) items.push(h('option', { value: o.value, text: o.label }));
    // A value the lists do not know stays visible, so the server's error about it can be seen and fixed here.
    if (value && !options.some((o) => o.value === value)) items.push(h('option', { value, text: `${value}（不存在）` }));
    return h('select', { class: 'form-select form-select-sm', value: value ?? '', onchange: (e) => onChange(e.target.value) }, items);
  }

  function checkbox(label, path, checked, onChange) {
    const id = fieldId(path);
    return h('div', { class: 'form-check wf-field' },
      h('input', { class: 'form-check-input', type: 'checkbox', id, 'data-path': path, checked: !!checked, onchange: (e) => onChange(e.target.checked) }),
      h('label', { class: 'form-check-label', for: id, text: label }),
      h('div', { class: 'invalid-feedback', id: id + '-error' }));
  }

  function button(text, onClick, cls = 'btn-outline-secondary', attrs = {}) {
    return h('button', { type: 'button', class: `btn btn-sm ${cls}`, text, onclick: onClick, ...attrs });
  }

  function setProp(obj, key, value) {
    if (value === '' || value === undefined || value === null) delete obj[key];
    else obj[key] = value;
  }

  const roleName = (role) => opts.roles.find((r) => r.value === role)?.label ?? role;
  const scopeName = (scope) => opts.scopes.find((s) => s.value === scope)?.label ?? scope;
  const label = (list, value) => list.find((o) => o.value === value)?.label ?? value;
  const scopesFor = (role) => opts.scopes.filter((s) => !role || s.roles.includes(role)).map((s) => ({ value: s.value, label: s.label }));
  const stepOptions = () => def.steps.map((s) => ({ value: s.id, label: `${s.title || '（未命名）'}（${s.id}）` }));
  const deadlineStages = [{ value: 'enterprise', label: '企业提交截止日期' }, { value: 'county', label: '县级审核截止日期' }, { value: 'city', label: '市级报送截止日期' }];
  const stepTitle = (id) => def.steps.find((s) => s.id === id)?.title || id;

  // ---------- the definition as text ----------

  const order = {
    root: ['$schema', 'id', 'version', 'title', 'description', 'subject', 'starters', 'variables', 'start', 'steps', 'transitions'],
    variable: ['name', 'type', 'title', 'required', 'default', 'minimum', 'maximum', 'maxLength'],
    step: ['id', 'kind', 'title', 'description', 'assignee', 'form', 'deadline', 'effects', 'outcome'],
    assignee: ['role', 'scope'],
    deadline: ['kind', 'setting', 'variable', 'days', 'daysSetting', 'onExpiry', 'transition'],
    transition: ['key', 'label', 'from', 'to', 'trigger', 'role', 'scope', 'guard', 'guardMessage', 'requires', 'form', 'enforceDeadline', 'effects'],
    effect: ['kind', 'variable', 'value', 'to', 'title', 'message', 'section', 'body', 'workflow', 'ground'],
  };

  // Properties in the schema's order, whatever order edits added them in, so saved files read the same way.
  function sorted(obj, keys, nested = {}) {
    if (!obj || typeof obj !== 'object' || Array.isArray(obj)) return obj;
    const out = {};
    for (const k of keys) if (k in obj) out[k] = obj[k];
    for (const k of Object.keys(obj)) if (!(k in out)) out[k] = obj[k];
    for (const [k, f] of Object.entries(nested)) if (k in out) out[k] = f(out[k]);
    return out;
  }
  const each = (f) => (list) => (Array.isArray(list) ? list.map(f) : list);
  const effect = (e) => sorted(e, order.effect, { to: (a) => sorted(a, order.assignee) });
  function snapshot(d) {
    return sorted(d, order.root, {
      variables: each((v) => sorted(v, order.variable)),
      steps: each((s) => sorted(s, order.step, { assignee: (a) => sorted(a, order.assignee), deadline: (x) => sorted(x, order.deadline), effects: each(effect) })),
      transitions: each((t) => sorted(t, order.transition, { effects: each(effect) })),
    });
  }
  const toText = (d) => JSON.stringify(snapshot(d), null, 2);

  // Where each JSON path starts in a (valid) JSON text — the same paths the server reports ("$.steps[2].id").
  function jsonPositions(text) {
    const positions = new Map();
    let i = 0;
    const space = () => { while (i < text.length && ' \t\r\n'.includes(text[i])) i++; };
    const string = () => {
      const start = i++;
      while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
      i++;
      return JSON.parse(text.slice(start, i));
    };
    const mark = (path, at) => { if (!positions.has(path)) positions.set(path, at); };
    function value(path) {
      space();
      mark(path, i);
      if (text[i] === '{') {
        i++; space();
        if (text[i] === '}') { i++; return; }
        for (;;) {
          space();
          const at = i;
          const key = string();
          mark(`${path}.${key}`, at);
          space(); i++;
          value(`${path}.${key}`);
          space();
          if (text[i++] === ',') continue;
          return;
        }
      }
      if (text[i] === '[') {
        i++; space();
        if (text[i] === ']') { i++; return; }
        for (let n = 0; ; n++) {
          value(`${path}[${n}]`);
          space();
          if (text[i++] === ',') continue;
          return;
        }
      }
      if (text[i] === '"') { string(); return; }
      while (i < text.length && !',}] \t\r\n'.includes(text[i])) i++;
    }
    try {
      value('$');
    } catch {
      // Text edited into broken JSON since it was checked: the positions found so far still serve.
    }
    return {
      find(path) {
        for (let p = path; p; p = parentPath(p)) if (positions.has(p)) return positions.get(p);
        return 0;
      },
    };
  }

  function parentPath(path) {
    if (path === '$') return null;
    const cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
    return cut <= 0 ? '$' : path.slice(0, cut);
  }

  function lineColumn(text, offset) {
    const before = text.slice(0, offset).split('\n');
    return { line: before.length, column: before[before.length - 1].length + 1 };
  }

  // Parses the advanced view's text; the message says where the JSON breaks, in Chinese.
  function parseText(text) {
    try {
      const value = JSON.parse(text);
      if (!value || typeof value !== 'object' || Array.isArray(value)) return { ok: false, message: '定义必须是一个 JSON 对象（以 { 开头）。' };
      for (const key of ['steps', 'transitions', 'variables']) {
        if (key in value && !Array.isArray(value[key])) return { ok: false, message: `“${key}”必须是列表（[ … ]）。` };
      }
      return { ok: true, value };
    } catch (e) {
      const at = /position (\d+)/.exec(e.message);
      const where = at ? lineColumn(text, Number(at[1])) : null;
      return { ok: false, offset: at ? Number(at[1]) : 0, message: `JSON 格式有误${where ? `（第 ${where.line} 行第 ${where.column} 列附近）` : ''}：请检查括号、引号和逗号。` };
    }
  }

  // ---------- change tracking ----------

  function changed(options = {}) {
    dirty = true;
    document.getElementById('save-state').textContent = '有未保存的修改';
    if (options.rerender) renderForm();
    else refresh();
    scheduleValidate();
  }

  function refresh() {
    for (const f of refreshers) f();
  }

  // ---------- the form ----------

  function panel(title, hint, ...body) {
    return h('section', { class: 'panel' },
      h('div', { class: 'panel-heading' }, h('h2', { text: title }), hint ? h('span', { class: 'small text-muted', text: hint }) : null),
      h('div', { class: 'panel-body' }, ...body));
  }

  function renderForm() {
    const focused = pendingFocus || document.activeElement?.id;
    pendingFocus = null;
    refreshers = [];
    def.steps = Array.isArray(def.steps) ? def.steps : [];
    def.transitions = Array.isArray(def.transitions) ? def.transitions : [];
    formView.replaceChildren(...[
      h('div', { id: 'general-errors', class: 'container-errors general-errors', 'data-path': '$', 'data-errors-for': '$' }),
      datalists(),
      basicSection(),
      variablesSection(),
      stepsSection(),
      orphanSection(),
    ].filter(Boolean));
    refresh();
    if (focused) document.getElementById(focused)?.focus({ preventScroll: false });
    markSelected();
  }

  function datalists() {
    const list = (id, items) => h('datalist', { id }, items.map((o) => h('option', { value: o.value, label: o.label })));
    return h('div', { hidden: true }, list('dl-date-settings', opts.dateSettings), list('dl-number-settings', opts.numberSettings),
      list('dl-outcomes', opts.outcomes));
  }

  function basicSection() {
    const starters = h('fieldset', { class: 'col-12 wf-field', 'data-path': '$.starters' },
      h('legend', { class: 'form-label fs-6 mb-1 float-none', text: '可发起流程的角色' }),
      errorsSlot('$.starters'),
      h('div', { class: 'd-flex flex-wrap gap-3' }, opts.roles.map((r) => checkbox(r.label, `$.starters.${r.value}`, (def.starters || []).includes(r.value), (on) => {
        const chosen = new Set(def.starters || []);
        if (on) chosen.add(r.value); else chosen.delete(r.value);
        const list = opts.roles.map((x) => x.value).filter((v) => chosen.has(v));
        if (list.length) def.starters = list; else delete def.starters;
        changed();
      }))),
      h('div', { class: 'form-text', text: '不选时，由第一个步骤的办理角色发起；系统管理员总可以发起。' }));
    return panel('基本信息', null, h('div', { class: 'row g-2' },
      field('流程标识', '$.id', textInput(def.id, () => {}, { readonly: true }), { cls: 'col-md-4', help: '与地址一致，不能修改' }),
      field('流程名称', '$.title', textInput(def.title, (v) => {
        def.title = v;
        document.getElementById('editor-title').textContent = v;
        changed();
      }), { cls: 'col-md-8' }),
      field('说明', '$.description', textArea(def.description, (v) => { setProp(def, 'description', v); changed(); }), { cls: 'col-12' }),
      field('案件对象', '$.subject', select(opts.subjects, def.subject || 'application', (v) => { def.subject = v; changed(); }), { cls: 'col-md-6' }),
      field('起始步骤', '$.start', stepSelect(() => def.start, (v) => { def.start = v; changed(); }), { cls: 'col-md-6' }),
      starters));
  }

  // A select whose options follow the definition (step titles, transition keys) as they are edited elsewhere.
  function liveSelect(options, get, onChange, placeholder) {
    const control = select(options(), get(), onChange, placeholder);
    refreshers.push(() => {
      control.replaceChildren(...select(options(), get(), () => {}, placeholder).children);
      control.value = get() ?? '';
    });
    return control;
  }

  function stepSelect(get, onChange, placeholder = '（请选择步骤）') {
    return liveSelect(stepOptions, get, onChange, placeholder);
  }

  function variablesSection() {
    const variables = def.variables || [];
    const rows = variables.map((v, i) => {
      const p = `$.variables[${i}]`;
      return h('div', { class: 'row g-2 align-items-end variable-row', 'data-path': p },
        h('div', { class: 'col-12' }, errorsSlot(p)),
        field('变量名', `${p}.name`, textInput(v.name, (x) => { v.name = x; changed(); }), { cls: 'col-md-3' }),
        field('类型', `${p}.type`, select(opts.variableTypes, v.type, (x) => { v.type = x; changed(); }), { cls: 'col-md-2' }),
        field('名称', `${p}.title`, textInput(v.title, (x) => { setProp(v, 'title', x); changed(); }), { cls: 'col-md-3' }),
        field('默认值', `${p}.default`, textInput(v.default === undefined ? '' : typeof v.default === 'string' ? v.default : JSON.stringify(v.default), (x) => {
          setProp(v, 'default', defaultValue(v.type, x));
          changed();
        }), { cls: 'col-md-2' }),
        h('div', { class: 'col-md-1 pb-1' }, checkbox('必填', `${p}.required`, v.required, (on) => { setProp(v, 'required', on || undefined); changed(); })),
        h('div', { class: 'col-md-1 pb-1 text-end' }, button('删除', () => {
          variables.splice(i, 1);
          if (!variables.length) delete def.variables;
          changed({ rerender: true });
        }, 'btn-outline-danger', { 'aria-label': `删除变量 ${v.name}` })));
    });
    return panel('变量', '流程中记录的数据，可在条件和动作中以 vars.变量名 使用',
      rows.length ? h('div', { class: 'vstack gap-2' }, rows) : h('p', { class: 'text-muted small mb-2', text: '暂无变量。' }),
      button('添加变量', () => {
        (def.variables ||= []).push({ name: uniqueName(def.variables.map((v) => v.name), 'newVariable'), type: 'string', title: '' });
        pendingFocus = fieldId(`$.variables[${def.variables.length - 1}].name`);
        changed({ rerender: true });
      }, 'btn-outline-danger mt-2'));
  }

  // Numbers, true/false and JSON are stored as such; anything else stays text.
  function defaultValue(type, text) {
    if (text === '') return undefined;
    if (type === 'string' || type === 'date') return text;
    try { return JSON.parse(text); } catch { return text; }
  }

  function uniqueName(taken, base) {
    let name = base;
    for (let n = 2; taken.includes(name); n++) name = `${base}${n}`;
    return name;
  }

  function stepsSection() {
    const list = h('div', { class: 'steps' });
    def.steps.forEach((s, i) => {
      list.append(insertBar(i), stepCard(s, i));
    });
    list.append(insertBar(def.steps.length));
    return panel('步骤与流转', '点击步骤展开编辑；流转是办理人在该步骤可执行的操作', list);
  }

  function insertBar(index) {
    const after = def.steps[index - 1];
    const text = after ? `在“${after.title || after.id}”之后插入步骤` : '在最前面插入步骤';
    if (index === def.steps.length && after) {
      return h('div', { class: 'insert-bar' }, button('＋ 添加步骤', () => insertStep(index), 'btn-link', { 'aria-label': '在最后添加步骤' }));
    }
    return h('div', { class: 'insert-bar' }, button('＋ 在此插入步骤', () => insertStep(index), 'btn-link', { 'aria-label': text }));
  }

  function insertStep(index) {
    const step = { id: uniqueName(def.steps.map((s) => s.id), 'newStep'), kind: 'humanTask', title: '新步骤' };
    def.steps.splice(index, 0, step);
    openCards.add(step);
    pendingFocus = fieldId(`$.steps[${index}].id`);
    changed({ rerender: true });
  }

  function renameStep(step, from, to) {
    // References follow a renamed step, unless the old name still belongs to another step or the new one is taken.
    if (!from || from === to || def.steps.some((s) => s !== step && (s.id === from || s.id === to))) return;
    if (def.start === from) def.start = to;
    for (const t of def.transitions) {
      if (t.from === from) t.from = to;
      if (t.to === from) t.to = to;
    }
  }

  function stepCard(s, i) {
    const p = `$.steps[${i}]`;
    const card = h('details', { class: 'step-card', 'data-path': p, 'data-step-id': s.id, open: openCards.has(s) });
    card.addEventListener('toggle', () => { if (card.open) openCards.add(s); else openCards.delete(s); });

    const number = h('span', { class: 'step-no', text: String(i + 1) });
    const title = h('strong', { class: 'step-title' });
    const id = h('code', { class: 'small' });
    const kind = h('span', { class: 'badge text-bg-light border' });
    const who = h('span', { class: 'small text-muted' });
    refreshers.push(() => {
      card.dataset.stepId = s.id;
      title.textContent = s.title || '（未命名）';
      id.textContent = s.id;
      kind.textContent = label(opts.stepKinds, s.kind);
      who.textContent = s.assignee ? `${roleName(s.assignee.role)} · ${scopeName(s.assignee.scope)}` : '';
    });
    const summary = h('summary', { class: 'step-summary' }, number, title, id, kind, who, h('span', { class: 'badge text-bg-danger error-badge', hidden: true }));
    card.append(summary);

    const body = h('div', { class: 'step-body' }, errorsSlot(p));
    body.append(h('div', { class: 'row g-2' },
      field('步骤标识', `${p}.id`, textInput(s.id, (v) => {
        // While the field is briefly empty, references wait for the new id instead of being emptied.
        const old = s.id || lastIds.get(s);
        s.id = v;
        if (v) {
          renameStep(s, old, v);
          lastIds.set(s, v);
        }
        changed();
      }),
        { cls: 'col-md-4', help: '英文字母开头，可含字母、数字、_ 和 -' }),
      field('步骤名称', `${p}.title`, textInput(s.title, (v) => { s.title = v; changed(); }), { cls: 'col-md-5' }),
      field('步骤类型', `${p}.kind`, select(opts.stepKinds, s.kind, (v) => {
        s.kind = v;
        if (v === 'terminal') { delete s.assignee; delete s.deadline; delete s.form; } else delete s.outcome;
        changed({ rerender: true });
      }), { cls: 'col-md-3' }),
      field('说明', `${p}.description`, textArea(s.description, (v) => { setProp(s, 'description', v); changed(); }), { cls: 'col-12' })));

    if (s.kind === 'terminal') {
      body.append(h('div', { class: 'row g-2' }, field('结束结果', `${p}.outcome`, textInput(s.outcome, (v) => { setProp(s, 'outcome', v); changed(); }, { list: 'dl-outcomes' }),
        { cls: 'col-md-6', help: 'approved 表示通过，rejected 表示未通过' })));
    } else {
      body.append(assigneeGroup(s, p), deadlineGroup(s, i, p));
    }
    body.append(effectsEditor(s, p, '进入此步骤时自动执行的动作', '进入此步骤时没有自动动作。'));
    body.append(transitionsGroup(s));
    body.append(h('div', { class: 'd-flex flex-wrap gap-2 mt-3 pt-2 border-top' },
      button('上移', () => moveStep(i, -1), 'btn-outline-secondary', { disabled: i === 0, 'aria-label': `上移步骤 ${s.title}` }),
      button('下移', () => moveStep(i, 1), 'btn-outline-secondary', { disabled: i === def.steps.length - 1, 'aria-label': `下移步骤 ${s.title}` }),
      button('删除此步骤', () => removeStep(s, i), 'btn-outline-danger ms-auto')));
    card.append(body);
    return card;
  }

  function moveStep(i, delta) {
    const [step] = def.steps.splice(i, 1);
    def.steps.splice(i + delta, 0, step);
    pendingFocus = null;
    changed({ rerender: true });
  }

  function removeStep(s, i) {
    const outgoing = def.transitions.filter((t) => t.from === s.id).length;
    const incoming = def.transitions.filter((t) => t.to === s.id && t.from !== s.id).length;
    const text = `删除步骤“${s.title}”？` + (outgoing ? `从它出发的 ${outgoing} 个流转将一并删除。` : '') + (incoming ? `另有 ${incoming} 个流转指向它，需要改为指向其他步骤。` : '');
    if (!window.confirm(text)) return;
    def.steps.splice(i, 1);
    if (!def.steps.some((x) => x.id === s.id)) def.transitions = def.transitions.filter((t) => t.from !== s.id);
    changed({ rerender: true });
  }

  function assigneeGroup(s, p) {
    const role = s.assignee?.role;
    const required = s.kind === 'humanTask';
    return h('div', { class: 'row g-2 mt-1', 'data-path': `${p}.assignee` },
      h('div', { class: 'col-12' }, errorsSlot(`${p}.assignee`)),
      field('办理角色', `${p}.assignee.role`, select(opts.roles, role, (v) => {
        if (!v) delete s.assignee;
        else s.assignee = { role: v, scope: scopesFor(v)[0]?.value ?? 'province' };
        changed({ rerender: true });
      }, required ? '（请选择）' : '（无）'), { cls: 'col-md-4' }),
      field('办理范围', `${p}.assignee.scope`, select(scopesFor(role), s.assignee?.scope, (v) => { if (s.assignee) s.assignee.scope = v; changed(); }, role ? undefined : '（先选择角色）'),
        { cls: 'col-md-4', help: '按角色筛选：县级对应企业所在县，市级对应企业所属报送单位' }),
      field('表单', `${p}.form`, select(opts.forms.map((f) => ({ value: f, label: f })), s.form, (v) => { setProp(s, 'form', v); changed(); }, '（无）'), { cls: 'col-md-4' }));
  }

  function deadlineGroup(s, i, p) {
    const d = s.deadline;
    const group = h('fieldset', { class: 'deadline mt-3', 'data-path': `${p}.deadline` },
      h('legend', { class: 'group-title', text: '办理期限' }),
      errorsSlot(`${p}.deadline`),
      checkbox('设置办理期限', `${p}.deadline.enabled`, !!d, (on) => {
        if (on) s.deadline = { kind: 'workingDays', days: 5, onExpiry: 'remind' }; else delete s.deadline;
        changed({ rerender: true });
      }));
    if (!d) return group;
    const row = h('div', { class: 'row g-2 mt-1' });
    row.append(field('期限类型', `${p}.deadline.kind`, select(opts.deadlineKinds, d.kind, (v) => {
      d.kind = v;
      if (v === 'setting') { delete d.days; delete d.daysSetting; } else delete d.setting;
      if (v === 'variable') delete d.days; else delete d.variable;
      if (v !== 'variable' && d.days === undefined && d.daysSetting === undefined && v !== 'setting') d.days = 5;
      changed({ rerender: true });
    }), { cls: 'col-md-4' }));
    if (d.kind === 'setting') {
      row.append(field('日期设置项', `${p}.deadline.setting`, textInput(d.setting, (v) => { setProp(d, 'setting', v); changed(); }, { list: 'dl-date-settings', placeholder: 'deadlines.city' }),
        { cls: 'col-md-8', help: '年度批次设置（workflows/programmes）中日期的位置，当天结束时到期' }));
    } else if (d.kind === 'variable') {
      // The case knows its own due date (e.g. a quarter's update): a date or text variable, plus optional calendar days of grace.
      const dateVariables = () => (def.variables || []).filter((v) => v.type === 'date' || v.type === 'string').map((v) => ({ value: v.name, label: `${v.title || v.name}（${v.name}）` }));
      row.append(field('日期变量', `${p}.deadline.variable`, liveSelect(dateVariables, () => d.variable, (v) => { setProp(d, 'variable', v); changed(); }, '（请选择）'),
        { cls: 'col-md-4', help: '案件变量中的日期（yyyy-MM-dd），当天结束时到期' }));
      row.append(field('另加自然日', `${p}.deadline.daysSetting`, textInput(d.daysSetting, (v) => { setProp(d, 'daysSetting', v); changed(); }, { list: 'dl-number-settings', placeholder: '（不加）如 quarterlyUpdate.graceDays' }),
        { cls: 'col-md-4', help: '可选：取年度设置项中的天数，在该日期后再顺延的自然日（如宽限期）' }));
    } else {
      const fromSetting = d.daysSetting !== undefined && d.days === undefined;
      row.append(field('天数来源', `${p}.deadline.source`, select([{ value: 'days', label: '固定天数' }, { value: 'setting', label: '取年度设置项' }], fromSetting ? 'setting' : 'days', (v) => {
        if (v === 'setting') { delete d.days; d.daysSetting = d.daysSetting || ''; } else { delete d.daysSetting; d.days = d.days || 5; }
        changed({ rerender: true });
      }), { cls: 'col-md-4' }));
      row.append(fromSetting
        ? field('天数设置项', `${p}.deadline.daysSetting`, textInput(d.daysSetting, (v) => { d.daysSetting = v; changed(); }, { list: 'dl-number-settings', placeholder: 'publicityWorkingDays' }), { cls: 'col-md-4' })
        : field('天数', `${p}.deadline.days`, h('input', { class: 'form-control form-control-sm', type: 'number', min: 1, max: 3650, value: d.days ?? '', oninput: (e) => {
          setProp(d, 'days', e.target.value === '' ? undefined : Number(e.target.value));
          changed();
        } }), { cls: 'col-md-4', help: d.kind === 'workingDays' ? '按工作日历计算，节假日顺延' : '含节假日' }));
    }
    row.append(field('到期后', `${p}.deadline.onExpiry`, select(opts.expiryActions, d.onExpiry || 'remind', (v) => {
      d.onExpiry = v;
      if (v !== 'transition') delete d.transition;
      changed({ rerender: true });
    }), { cls: 'col-md-4', help: '上报上一级仅适用于县级、市级办理的步骤' }));
    if ((d.onExpiry || 'remind') === 'transition') {
      const outgoing = () => def.transitions.filter((t) => t.from === s.id).map((t) => ({ value: t.key, label: `${t.label || '（未命名）'}（${t.key}）` }));
      const control = liveSelect(outgoing, () => d.transition, (v) => { setProp(d, 'transition', v); changed(); }, '（请选择）');
      row.append(field('到期执行的流转', `${p}.deadline.transition`, control, { cls: 'col-md-8', help: '须是从本步骤出发、触发方式为“期限到期时”的流转' }));
    }
    group.append(row);
    return group;
  }

  function effectsEditor(owner, p, title, empty) {
    const effects = owner.effects || [];
    const wrap = h('div', { class: 'effects mt-3', 'data-path': `${p}.effects` }, h('div', { class: 'group-title', text: title }), errorsSlot(`${p}.effects`));
    effects.forEach((e, k) => wrap.append(effectRow(owner, e, k, `${p}.effects[${k}]`)));
    if (!effects.length) wrap.append(h('div', { class: 'small text-muted', text: empty }));
    wrap.append(button('添加动作', () => {
      (owner.effects ||= []).push({ kind: 'notify', to: { role: 'enterprise', scope: 'applicant' }, title: '' });
      pendingFocus = fieldId(`${p}.effects[${owner.effects.length - 1}].title`);
      changed({ rerender: true });
    }, 'btn-outline-secondary mt-1'));
    return wrap;
  }

  function effectRow(owner, e, k, p) {
    const row = h('div', { class: 'effect row g-2', 'data-path': p },
      h('div', { class: 'col-12' }, errorsSlot(p)),
      field('动作', `${p}.kind`, select(opts.effectKinds, e.kind, (v) => {
        owner.effects[k] = v === 'notify' ? { kind: v, to: { role: 'enterprise', scope: 'applicant' }, title: '' } : { kind: v };
        changed({ rerender: true });
      }), { cls: 'col-md-3' }));
    const text = (name, labelText, cls, help, area) => field(labelText, `${p}.${name}`,
      area ? textArea(e[name], (v) => { setProp(e, name, v); changed(); }, 3) : textInput(e[name], (v) => { setProp(e, name, v); changed(); }), { cls, help });
    switch (e.kind) {
      case 'setVariable':
        row.append(
          field('变量', `${p}.variable`, select((def.variables || []).map((v) => ({ value: v.name, label: v.title ? `${v.title}（${v.name}）` : v.name })), e.variable, (v) => { setProp(e, 'variable', v); changed(); }, '（请选择）'), { cls: 'col-md-4' }),
          text('value', '取值表达式', 'col-md-5', '如 true、input.rank、vars.objectionCount + 1'));
        break;
      case 'notify': {
        const role = e.to?.role;
        row.append(
          h('div', { class: 'col-md-9 row g-2 m-0 p-0', 'data-path': `${p}.to` },
            field('接收角色', `${p}.to.role`, select(opts.roles, role, (v) => { e.to = { role: v, scope: scopesFor(v)[0]?.value ?? 'province' }; changed({ rerender: true }); }, '（请选择）'), { cls: 'col-md-6' }),
            field('接收范围', `${p}.to.scope`, select(scopesFor(role), e.to?.scope, (v) => { if (e.to) e.to.scope = v; changed(); }), { cls: 'col-md-6' }),
            h('div', { class: 'col-12' }, errorsSlot(`${p}.to`))),
          text('title', '通知标题', 'col-md-12'),
          text('message', '通知内容', 'col-md-12', '可使用 {{ enterprise.name }}、{{ vars.year }}、{{ input.comment }}', true));
        break;
      }
      case 'publishSiteItem':
        row.append(
          field('栏目', `${p}.section`, select(opts.sections, e.section, (v) => { setProp(e, 'section', v); changed(); }, '（请选择）'), { cls: 'col-md-3' }),
          text('title', '标题', 'col-md-6'),
          text('body', '正文（Markdown）', 'col-md-12', null, true));
        break;
      case 'evaluateEligibility':
        row.append(field('保存结果的变量', `${p}.variable`, select((def.variables || []).map((v) => ({ value: v.name, label: v.title ? `${v.title}（${v.name}）` : v.name })), e.variable, (v) => { setProp(e, 'variable', v); changed(); }, '（请选择）'),
          { cls: 'col-md-6', help: '按年度认定条件核验本次提交的申报数据，结果连同所用设置版本一并保存' }));
        break;
      case 'renderDocument':
        row.append(
          field('文书模板', `${p}.template`, select(opts.templates.map((t) => ({ value: t, label: t })), e.template, (v) => { setProp(e, 'template', v); changed(); }, '（请选择）'),
            { cls: 'col-md-4', help: '生成带验证码和二维码的 Word 文书，可在 /verify 核验' }),
          field('记录验证码的变量', `${p}.variable`, select((def.variables || []).map((v) => ({ value: v.name, label: v.title ? `${v.title}（${v.name}）` : v.name })), e.variable, (v) => { setProp(e, 'variable', v); changed(); }, '（不记录）'), { cls: 'col-md-5' }));
        break;
      case 'recordPoolDecision':
        row.append(field('入库决定', `${p}.decision`, select([{ value: 'admitted', label: '入库' }, { value: 'notAdmitted', label: '不予入库' }], e.decision, (v) => { setProp(e, 'decision', v); changed(); }, '（请选择）'),
          { cls: 'col-md-4', help: '为本案件的企业记录培育库入库决定（日期、审定单位）' }));
        break;
      case 'recordTitleDecision':
        row.append(field('称号决定', `${p}.decision`, select([{ value: 'renewed', label: '续期' }, { value: 'expired', label: '到期终止' }, { value: 'revoked', label: '撤销' }], e.decision, (v) => { setProp(e, 'decision', v); changed(); }, '（请选择）'),
          { cls: 'col-md-4', help: '复核通过续期、复核未通过到期终止，或按第十六条撤销称号' }));
        break;
      case 'decideSupportClaim':
        row.append(field('支持申请决定', `${p}.decision`, select([{ value: 'approved', label: '核准' }, { value: 'rejected', label: '不予支持' }], e.decision, (v) => { setProp(e, 'decision', v); changed(); }, '（请选择）'),
          { cls: 'col-md-4', help: '核准后计入省级支持资金台账' }));
        break;
      case 'raiseRevocation':
        row.append(field('撤销事由', `${p}.ground`, select([{ value: 'falsification', label: '弄虚作假' }, { value: 'violation', label: '重大事故或违法违规' }, { value: 'noReport', label: '不按要求报送信息' }, { value: 'lateChange', label: '变更未及时报备' }], e.ground, (v) => { setProp(e, 'ground', v); changed(); }, '（请选择）'),
          { cls: 'col-md-4', help: '工作指南第十六条所列情形；该企业已有办理中的撤销案件时不再重复立案' }),
          text('message', '事实与依据', 'col-md-12', '可使用 {{ enterprise.name }}、{{ vars.periodTitle }} 等', true));
        break;
      case 'startWorkflow':
        row.append(field('启动的流程', `${p}.workflow`, select(opts.workflows.map((w) => ({ value: w, label: w })), e.workflow, (v) => { setProp(e, 'workflow', v); changed(); }, '（请选择）'), { cls: 'col-md-6' }));
        break;
      default:
        break;
    }
    row.append(h('div', { class: 'col-12 text-end' }, button('删除此动作', () => {
      owner.effects.splice(k, 1);
      if (!owner.effects.length) delete owner.effects;
      changed({ rerender: true });
    }, 'btn-outline-danger')));
    return row;
  }

  function transitionsGroup(s) {
    const wrap = h('div', { class: 'transitions mt-3' }, h('div', { class: 'group-title', text: '从此步骤出发的流转' }));
    const outgoing = def.transitions.map((t, j) => [t, j]).filter(([t]) => t.from === s.id);
    for (const [t, j] of outgoing) wrap.append(transitionCard(t, j));
    if (!outgoing.length) wrap.append(h('div', { class: 'small text-muted', text: s.kind === 'terminal' ? '结束步骤没有流转。' : '还没有流转：办理人将无法离开此步骤。' }));
    if (s.kind !== 'terminal') {
      wrap.append(button('添加流转', () => addTransition(s), 'btn-outline-danger mt-1', { 'aria-label': `为“${s.title}”添加流转` }));
    }
    return wrap;
  }

  function addTransition(s) {
    const index = def.steps.indexOf(s);
    const next = def.steps[index + 1]?.id ?? def.steps.find((x) => x !== s)?.id ?? '';
    const keys = def.transitions.filter((t) => t.from === s.id).map((t) => t.key);
    const t = { key: uniqueName(keys, 'next'), label: '', from: s.id, to: next };
    let at = -1;
    def.transitions.forEach((x, j) => { if (x.from === s.id) at = j; });
    def.transitions.splice(at < 0 ? def.transitions.length : at + 1, 0, t);
    openCards.add(t);
    pendingFocus = fieldId(`$.transitions[${def.transitions.indexOf(t)}].label`);
    changed({ rerender: true });
  }

  // The step's deadline follows a renamed transition key when it named this transition.
  function renameKey(t, key) {
    const old = t.key || lastIds.get(t);
    t.key = key;
    if (!key) return;
    lastIds.set(t, key);
    const from = def.steps.find((s) => s.id === t.from);
    const shared = def.transitions.some((x) => x !== t && x.from === t.from && x.key === old);
    if (old && !shared && from?.deadline?.transition === old) from.deadline.transition = key;
  }

  function transitionCard(t, j) {
    const p = `$.transitions[${j}]`;
    const card = h('details', { class: 'transition-card', 'data-path': p, open: openCards.has(t) });
    card.addEventListener('toggle', () => { if (card.open) openCards.add(t); else openCards.delete(t); });
    const name = h('strong');
    const target = h('span');
    const trigger = h('span', { class: 'badge text-bg-light border' });
    refreshers.push(() => {
      name.textContent = t.label || '（未命名）';
      target.textContent = `→ ${stepTitle(t.to)}`;
      trigger.textContent = label(opts.triggers, t.trigger || 'human');
    });
    card.append(h('summary', { class: 'transition-summary' }, name, target, trigger, h('span', { class: 'badge text-bg-danger error-badge', hidden: true })));
    const role = t.role;
    card.append(h('div', { class: 'transition-body' },
      errorsSlot(p),
      h('div', { class: 'row g-2' },
        field('按钮名称', `${p}.label`, textInput(t.label, (v) => { t.label = v; changed(); }), { cls: 'col-md-4', help: '办理人看到的操作，如“审核通过”' }),
        field('流转标识', `${p}.key`, textInput(t.key, (v) => { renameKey(t, v); changed(); }), { cls: 'col-md-4', help: '同一步骤内不能重复' }),
        field('触发方式', `${p}.trigger`, select(opts.triggers, t.trigger || 'human', (v) => { setProp(t, 'trigger', v === 'human' ? '' : v); changed(); }), { cls: 'col-md-4' }),
        field('来源步骤', `${p}.from`, stepSelect(() => t.from, (v) => { t.from = v; openCards.add(t); changed({ rerender: true }); }), { cls: 'col-md-6' }),
        field('目标步骤', `${p}.to`, stepSelect(() => t.to, (v) => { t.to = v; changed(); }), { cls: 'col-md-6' }),
        field('执行角色', `${p}.role`, select(opts.roles, role, (v) => {
          setProp(t, 'role', v);
          if (v) t.scope = scopesFor(v)[0]?.value; else delete t.scope;
          changed({ rerender: true });
        }, '（默认：来源步骤的办理人）'), { cls: 'col-md-6' }),
        field('执行范围', `${p}.scope`, select(scopesFor(role), t.scope, (v) => { setProp(t, 'scope', v); changed(); }, '（默认）'), { cls: 'col-md-6' }),
        field('条件', `${p}.guard`, textInput(t.guard, (v) => { setProp(t, 'guard', v); changed(); }, { class: 'form-control form-control-sm font-monospace' }),
          { cls: 'col-md-6', help: 'Scriban 表达式，为真才可执行，如 input.rank >= 1；不填则总可执行' }),
        field('条件不满足时的提示', `${p}.guardMessage`, textInput(t.guardMessage, (v) => { setProp(t, 'guardMessage', v); changed(); }), { cls: 'col-md-6' }),
        h('div', { class: 'col-md-6 pt-md-4' }, checkbox('须填写意见', `${p}.requires`, (t.requires || []).includes('comment'), (on) => {
          if (on) t.requires = ['comment']; else delete t.requires;
          changed();
        })),
        field('表单', `${p}.form`, select(opts.forms.map((f) => ({ value: f, label: f })), t.form, (v) => { setProp(t, 'form', v); changed(); }, '（无）'), { cls: 'col-md-6' }),
        field('须在截止日期前办理', `${p}.enforceDeadline`, select(deadlineStages, t.enforceDeadline, (v) => { setProp(t, 'enforceDeadline', v); changed(); }, '（不限）'),
          { cls: 'col-md-6', help: '逾期不予受理，经批准延期的除外；日期取自年度批次设置' })),
      effectsEditor(t, p, '执行此流转时的动作', '没有附加动作。'),
      h('div', { class: 'text-end mt-2' }, button('删除此流转', () => {
        def.transitions.splice(def.transitions.indexOf(t), 1);
        changed({ rerender: true });
      }, 'btn-outline-danger'))));
    return card;
  }

  // Transitions whose source step does not exist would otherwise appear nowhere.
  function orphanSection() {
    const ids = new Set(def.steps.map((s) => s.id));
    const orphans = def.transitions.map((t, j) => [t, j]).filter(([t]) => !ids.has(t.from));
    if (!orphans.length) return null;
    return panel('来源步骤不存在的流转', '请为它们选择来源步骤，或删除', h('div', { class: 'transitions' }, orphans.map(([t, j]) => transitionCard(t, j))));
  }

  // ---------- errors ----------

  const names = {
    id: '标识', title: '名称', description: '说明', subject: '案件对象', starters: '可发起角色', variables: '变量', start: '起始步骤',
    kind: '类型', assignee: '办理人', role: '角色', scope: '范围', form: '表单', deadline: '期限', setting: '日期设置项', days: '天数',
    daysSetting: '天数设置项', onExpiry: '到期后', transition: '到期执行的流转', effects: '动作', outcome: '结束结果', key: '流转标识',
    label: '按钮名称', from: '来源步骤', to: '目标步骤', trigger: '触发方式', guard: '条件', guardMessage: '条件提示', requires: '须填写意见',
    variable: '变量', value: '取值', message: '通知内容', section: '栏目', body: '正文', workflow: '流程', name: '变量名', type: '类型',
    required: '必填', default: '默认值', version: '版本号', enforceDeadline: '须在截止日期前办理', ground: '撤销事由',
  };

  const effectNames = { kind: '动作', title: '标题', to: '接收方', value: '取值表达式', workflow: '启动的流程' };

  // "$.steps[2].deadline.transition" → 步骤 3“市级工信部门审核推荐” › 期限 › 到期执行的流转
  function describe(path) {
    const parts = [];
    let node = def;
    let parent = null;
    let inEffect = false;
    const re = /\.([^.[\]]+)|\[(\d+)\]/g;
    let m;
    while ((m = re.exec(path))) {
      if (m[1] !== undefined) {
        const key = m[1];
        parent = key;
        node = node && typeof node === 'object' ? node[key] : undefined;
        if (!['steps', 'transitions', 'variables', 'effects'].includes(key)) parts.push((inEffect && effectNames[key]) || names[key] || key);
        inEffect = false;
      } else {
        const index = Number(m[2]);
        node = Array.isArray(node) ? node[index] : undefined;
        if (parent === 'steps') parts.push(`步骤 ${index + 1}“${node?.title || node?.id || ''}”`);
        else if (parent === 'transitions') parts.push(`流转“${node?.label || node?.key || ''}”（${stepTitle(node?.from)}）`);
        else if (parent === 'variables') parts.push(`变量“${node?.name || index + 1}”`);
        else if (parent === 'effects') parts.push(`动作 ${index + 1}`);
        else parts.push(`第 ${index + 1} 项`);
        inEffect = parent === 'effects';
      }
    }
    return parts.length ? parts.join(' › ') : '流程';
  }

  function targetFor(path) {
    for (let p = path; p; p = parentPath(p)) {
      const el = formView.querySelector(`[data-path="${CSS.escape(p)}"]`);
      if (el) return el;
    }
    return document.getElementById('general-errors');
  }

  function clearErrors() {
    for (const el of formView.querySelectorAll('.is-invalid')) {
      el.classList.remove('is-invalid');
      el.removeAttribute('aria-invalid');
    }
    for (const el of formView.querySelectorAll('.invalid-feedback, .container-errors')) el.replaceChildren();
    for (const el of formView.querySelectorAll('.error-badge')) el.hidden = true;
  }

  function applyErrors(list) {
    errors = list;
    clearErrors();
    const placed = [];
    for (const e of list) {
      const target = targetFor(e.path);
      if (!target) continue;
      if (isControl(target)) {
        target.classList.add('is-invalid');
        target.setAttribute('aria-invalid', 'true');
        const feedback = document.getElementById(target.id + '-error');
        feedback?.append(h('div', { text: e.message }));
        if (feedback) target.setAttribute('aria-errormessage', feedback.id);
      } else {
        const slot = target.matches('.container-errors') ? target : target.querySelector(`.container-errors[data-errors-for="${CSS.escape(target.dataset.path)}"]`) || target;
        slot.append(h('div', { class: 'text-danger small', text: e.message }));
      }
      placed.push(target);
    }
    for (const card of formView.querySelectorAll('details')) {
      const count = placed.filter((t) => card.contains(t)).length;
      const badge = card.querySelector(':scope > summary > .error-badge');
      if (badge) {
        badge.hidden = count === 0;
        badge.textContent = `${count} 处问题`;
      }
    }
    renderSummary();
    if (view === 'json') setMarkers();
  }

  function renderSummary() {
    const box = document.getElementById('error-summary');
    const listEl = document.getElementById('error-list');
    box.hidden = errors.length === 0;
    document.getElementById('error-summary-title').textContent = `待修正的问题（${errors.length}）`;
    listEl.replaceChildren(...errors.map((e) => h('li', {},
      h('button', { type: 'button', class: 'btn btn-link p-0 text-start error-link', onclick: () => focusError(e) },
        h('span', { class: 'fw-semibold', text: `${describe(e.path)}：` }), e.message))));
  }

  function openAround(el) {
    for (let node = el; node; node = node.parentElement) {
      if (node.tagName === 'DETAILS') node.open = true;
    }
  }

  function focusError(e) {
    if (view === 'json') {
      revealInMonaco(e.path);
      return;
    }
    const target = targetFor(e.path);
    openAround(target);
    const focusable = isControl(target) ? target : target.querySelector('input:not([type=hidden]), select, textarea') || target.closest('details')?.querySelector('summary');
    target.scrollIntoView({ block: 'center' });
    focusable?.focus({ preventScroll: true });
  }

  // ---------- validation and diagram ----------

  let validateTimer = 0;
  let validateSeq = 0;

  function scheduleValidate(delay = 400) {
    // An answer still on its way is about text that has changed since: it will be ignored.
    validateSeq++;
    clearTimeout(validateTimer);
    validateTimer = setTimeout(validateNow, delay);
  }

  async function validateNow() {
    const seq = ++validateSeq;
    // Until Monaco has loaded, the form's definition is still the one being edited.
    if (view === 'json' && model) {
      const parsed = parseText(model.getValue());
      if (!parsed.ok) {
        showJsonProblem(parsed);
        return;
      }
      def = parsed.value;
    }
    // api.js answers status 0 when the server cannot be reached.
    const answer = await send('POST', `${api}/validate`, snapshot(def));
    if (seq !== validateSeq) return;
    if (!answer.ok) {
      diagramNote.textContent = answer.status === 0 ? '无法连接服务器，稍后将重试检查。' : `检查未能完成：${problemText(answer)}`;
      return;
    }
    applyErrors(answer.data.errors);
    if (answer.data.diagram) {
      await renderDiagram(answer.data.diagram);
    } else {
      diagramNote.textContent = '定义有误，流程图显示的是上一次有效的内容。';
    }
  }

  function showJsonProblem(parsed) {
    errors = [{ path: '$', message: parsed.message, offset: parsed.offset }];
    renderSummary();
    if (model) {
      const at = model.getPositionAt(parsed.offset || 0);
      window.monaco.editor.setModelMarkers(model, 'leadrunner', [{
        severity: window.monaco.MarkerSeverity.Error, message: parsed.message,
        startLineNumber: at.lineNumber, startColumn: at.column, endLineNumber: at.lineNumber, endColumn: at.column + 1,
      }]);
    }
  }

  mermaid.initialize({
    startOnLoad: false,
    securityLevel: 'strict',
    theme: 'neutral',
    fontFamily: getComputedStyle(document.body).fontFamily,
    state: { useMaxWidth: true },
  });
  let diagramSeq = 0;
  let diagramText = null;

  async function renderDiagram(text) {
    if (text === diagramText) {
      diagramNote.textContent = '流程图随编辑自动更新。';
      return;
    }
    const seq = ++diagramSeq;
    try {
      const { svg } = await mermaid.render(`wf-diagram-${seq}`, text);
      if (seq !== diagramSeq) return;
      // mermaid has sanitised the SVG itself under securityLevel 'strict'.
      diagramBox.innerHTML = svg;
      diagramText = text;
      diagramNote.textContent = '流程图随编辑自动更新。';
      for (const node of diagramBox.querySelectorAll('g.node')) {
        if (stepIdOf(node)) {
          node.classList.add('wf-clickable');
          node.setAttribute('tabindex', '0');
          node.setAttribute('role', 'button');
        }
      }
      markSelected();
    } catch (e) {
      diagramNote.textContent = `流程图暂时无法显示：${e?.message || e}`;
    }
  }

  // Mermaid names a state's element "…state-<stepId>-<n>"; the longest matching step id wins (ids may contain "-").
  function stepIdOf(node) {
    const id = node.id || '';
    let best = null;
    for (const s of def.steps) {
      if (!s.id || (best && s.id.length <= best.length)) continue;
      const escaped = s.id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      if (new RegExp(`(^|-)state-${escaped}-\\d+$`).test(id)) best = s.id;
    }
    return best;
  }

  function selectStep(stepId) {
    const index = def.steps.findIndex((s) => s.id === stepId);
    if (index < 0) return;
    selectedStep = def.steps[index];
    if (view === 'json') {
      revealInMonaco(`$.steps[${index}]`);
      markSelected();
      return;
    }
    openCards.add(selectedStep);
    const card = formView.querySelector(`[data-path="$.steps[${index}]"]`);
    if (card) {
      card.open = true;
      markSelected();
      card.scrollIntoView({ block: 'start', behavior: 'smooth' });
      card.querySelector('summary').focus({ preventScroll: true });
    }
  }

  function markSelected() {
    for (const card of formView.querySelectorAll('.step-card')) {
      const on = selectedStep !== null && card.dataset.stepId === selectedStep.id;
      card.classList.toggle('is-selected', on);
      if (on) card.setAttribute('aria-current', 'true'); else card.removeAttribute('aria-current');
    }
    for (const node of diagramBox.querySelectorAll('g.node')) {
      node.classList.toggle('wf-selected', selectedStep !== null && stepIdOf(node) === selectedStep.id);
    }
  }

  function onDiagramActivate(event) {
    const node = event.target.closest('g.node');
    const stepId = node && stepIdOf(node);
    if (stepId) {
      event.preventDefault();
      selectStep(stepId);
    }
  }
  diagramBox.addEventListener('click', onDiagramActivate);
  diagramBox.addEventListener('keydown', (event) => { if (event.key === 'Enter' || event.key === ' ') onDiagramActivate(event); });

  // ---------- the advanced (Monaco) view ----------

  let editor = null;
  let model = null;
  let settingText = false;

  async function openJsonView() {
    const monaco = await window.LeadRunnerMonaco.load();
    const text = toText(def);
    if (!editor) {
      const schema = await (await fetch('/api/workflows/schema')).json();
      const json = monaco.json ?? monaco.languages.json;
      // The file's "$schema" (./schema/workflow.schema.json) resolves against the model's URI to this same URI.
      json.jsonDefaults.setDiagnosticsOptions({
        validate: true,
        allowComments: false,
        enableSchemaRequest: false,
        schemas: [{ uri: 'file:///workflows/schema/workflow.schema.json', fileMatch: ['*'], schema }],
      });
      model = monaco.editor.createModel(text, 'json', monaco.Uri.parse(`file:///workflows/${data.definitionId}.workflow.json`));
      editor = window.LeadRunnerMonaco.create(document.getElementById('monaco-host'), {
        model, automaticLayout: true, minimap: { enabled: false }, tabSize: 2, fontSize: 13, wordWrap: 'on', scrollBeyondLastLine: false,
      });
      model.onDidChangeContent(() => {
        if (settingText) return;
        dirty = true;
        document.getElementById('save-state').textContent = '有未保存的修改';
        scheduleValidate();
      });
    } else if (model.getValue() !== text) {
      settingText = true;
      model.setValue(text);
      settingText = false;
    }
    editor.layout();
  }

  function setMarkers() {
    if (!model) return;
    const text = model.getValue();
    const positions = jsonPositions(text);
    window.monaco.editor.setModelMarkers(model, 'leadrunner', errors.map((e) => {
      const at = model.getPositionAt(positions.find(e.path));
      return {
        severity: window.monaco.MarkerSeverity.Error, message: e.message,
        startLineNumber: at.lineNumber, startColumn: at.column, endLineNumber: at.lineNumber, endColumn: model.getLineMaxColumn(at.lineNumber),
      };
    }));
  }

  function revealInMonaco(path) {
    if (!model) return;
    const error = errors.find((e) => e.path === path && e.offset !== undefined);
    const at = model.getPositionAt(error ? error.offset : jsonPositions(model.getValue()).find(path));
    editor.revealPositionInCenter(at);
    editor.setPosition(at);
    editor.focus();
  }

  async function switchView(target) {
    if (target === view) return;
    const alert = document.getElementById('editor-alert');
    if (target === 'json') {
      try {
        view = 'json';
        formView.hidden = true;
        jsonView.hidden = false;
        await openJsonView();
        scheduleValidate(0);
      } catch (e) {
        view = 'form';
        formView.hidden = false;
        jsonView.hidden = true;
        document.getElementById('view-form').checked = true;
        showAlert('danger', `无法打开 JSON 编辑器：${e?.message || e}`);
      }
      return;
    }
    const parsed = parseText(model.getValue());
    if (!parsed.ok) {
      document.getElementById('view-json').checked = true;
      showJsonProblem(parsed);
      showAlert('danger', `${parsed.message}修正后才能切换回表单编辑。`);
      revealInMonaco('$');
      return;
    }
    alert.replaceChildren();
    def = parsed.value;
    view = 'form';
    jsonView.hidden = true;
    formView.hidden = false;
    document.getElementById('editor-title').textContent = def.title ?? '';
    renderForm();
    scheduleValidate(0);
  }

  for (const radio of document.querySelectorAll('input[name="editor-view"]')) {
    radio.addEventListener('change', () => { if (radio.checked) switchView(radio.value); });
  }

  // ---------- saving and publishing ----------

  // What api.js reads from any problem; the editor only adds what a lapsed login means for unsaved work.
  function problemText(answer) {
    if (answer.status === 401) return '登录已过期，请重新登录（未保存的修改请先复制到别处）。';
    if (answer.status === 403) return '只有系统管理员可以修改流程定义。';
    return problemMessages(answer).join('；');
  }

  function showAlert(kind, message, link) {
    const box = h('div', { class: `alert alert-${kind} alert-dismissible` }, message);
    if (link) box.append(' ', h('a', { class: 'alert-link', href: link.href, text: link.text }));
    box.append(h('button', { type: 'button', class: 'btn-close', 'data-bs-dismiss': 'alert', 'aria-label': '关闭' }));
    document.getElementById('editor-alert').replaceChildren(box);
  }

  // The definition to send, or null (with the reason shown) while the advanced view holds broken JSON.
  function currentDefinition() {
    if (view !== 'json' || !model) return snapshot(def);
    const parsed = parseText(model.getValue());
    if (!parsed.ok) {
      showJsonProblem(parsed);
      showAlert('danger', `${parsed.message}修正后才能保存。`);
      return null;
    }
    def = parsed.value;
    return snapshot(def);
  }

  function showSaveErrors(answer) {
    const located = problemLocations(answer);
    if (answer.status === 400 && located.length > 0) {
      applyErrors(located);
      showAlert('danger', `${answer.data.title || '定义有误'}：共 ${located.length} 处问题，请按“待修正的问题”逐项修改。`);
    } else {
      showAlert('danger', problemText(answer));
    }
  }

  function markSaved(id, message) {
    draftId = id;
    dirty = false;
    history.replaceState(null, '', `${location.pathname}?draft=${id}`);
    document.getElementById('editor-opened').textContent = `草稿 #${id}`;
    const time = new Date().toLocaleTimeString('zh-CN', { hour: '2-digit', minute: '2-digit' });
    document.getElementById('save-state').textContent = `${message}（${time}）`;
  }

  let busy = false;
  async function saveDraft() {
    const body = currentDefinition();
    if (!body || busy) return false;
    busy = true;
    try {
      let answer = draftId ? await send('PUT', `${api}/drafts/${draftId}`, body) : await send('POST', `${api}/drafts`, body);
      let note = `已保存草稿 #${answer.data?.draftId}`;
      if (answer.status === 404 && draftId) {
        // The draft was published or removed meanwhile (another tab, another administrator): keep the work as a new draft.
        answer = await send('POST', `${api}/drafts`, body);
        note = `原草稿已不存在（可能已发布），已另存为草稿 #${answer.data?.draftId}`;
      }
      if (!answer.ok) {
        showSaveErrors(answer);
        return false;
      }
      markSaved(answer.data.draftId, note);
      document.getElementById('editor-alert').replaceChildren();
      return true;
    } catch {
      showAlert('danger', '无法连接服务器，草稿未保存，请稍后重试。');
      return false;
    } finally {
      busy = false;
    }
  }

  document.getElementById('save-draft').addEventListener('click', () => saveDraft());
  document.addEventListener('keydown', (event) => {
    if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 's') {
      event.preventDefault();
      saveDraft();
    }
  });
  window.addEventListener('beforeunload', (event) => {
    if (dirty) {
      event.preventDefault();
      event.returnValue = '';
    }
  });

  const publishModalElement = document.getElementById('publish-modal');
  const publishModal = new bootstrap.Modal(publishModalElement);
  const previewBox = document.getElementById('publish-preview');
  const mappingBox = document.getElementById('publish-mapping');
  const publishErrors = document.getElementById('publish-errors');
  let impacts = [];
  const mapping = {};

  document.getElementById('publish').addEventListener('click', async () => {
    if ((dirty || !draftId) && !(await saveDraft())) return;
    publishErrors.replaceChildren();
    document.getElementById('publish-note').value = '';
    document.getElementById('migrate-no').checked = true;
    for (const key of Object.keys(mapping)) delete mapping[key];
    previewBox.textContent = '正在统计运行中的案件…';
    mappingBox.hidden = true;
    publishModal.show();
    const answer = await send('POST', `${api}/drafts/${draftId}/preview`, {});
    if (!answer.ok) {
      previewBox.replaceChildren(h('div', { class: 'text-danger', text: problemText(answer) }));
      return;
    }
    impacts = answer.data;
    renderPreview();
  });
  publishModalElement.addEventListener('shown.bs.modal', () => document.getElementById('publish-note').focus());

  function renderPreview() {
    const choice = document.getElementById('publish-migrate-choice');
    choice.hidden = impacts.length === 0;
    if (!impacts.length) {
      previewBox.replaceChildren(h('p', { class: 'mb-0', text: '当前没有运行中的案件，发布只影响今后发起的案件。' }));
      return;
    }
    const total = impacts.reduce((n, i) => n + i.instances, 0);
    previewBox.replaceChildren(
      h('p', { class: 'mb-1', text: `共有 ${total} 个运行中的案件，分布如下：` }),
      h('table', { class: 'table table-sm mb-0' },
        h('thead', {}, h('tr', {}, h('th', { text: '所在步骤' }), h('th', { text: '所用版本' }), h('th', { class: 'text-end', text: '案件数' }), h('th', { text: '新版本中' }))),
        h('tbody', {}, impacts.map((i) => h('tr', {},
          h('td', { text: `${i.stepTitle}（${i.stepId}）` }),
          h('td', { text: `版本 ${i.version}` }),
          h('td', { class: 'text-end', text: String(i.instances) }),
          h('td', {}, i.existsInNew ? h('span', { class: 'badge text-bg-success', text: '仍有此步骤' }) : h('span', { class: 'badge text-bg-warning', text: '已删除或改名' })))))));
    renderMapping();
  }

  // When migrating, each step that no longer exists needs a step of the new version to move its cases to.
  function renderMapping(highlight = []) {
    const migrate = document.getElementById('migrate-yes').checked;
    const missing = [...new Map(impacts.filter((i) => !i.existsInNew).map((i) => [i.stepId, i])).values()];
    mappingBox.hidden = !migrate || missing.length === 0;
    if (mappingBox.hidden) return;
    mappingBox.replaceChildren(
      h('h3', { class: 'h6', text: '为已删除或改名的步骤指定新步骤' }),
      ...missing.map((i) => {
        const id = `map-${i.stepId}`;
        const control = select(stepOptions(), mapping[i.stepId], (v) => { setProp(mapping, i.stepId, v); }, '（请选择新版本中的步骤）');
        control.id = id;
        if (highlight.includes(i.stepId) && !mapping[i.stepId]) control.classList.add('is-invalid');
        const count = impacts.filter((x) => x.stepId === i.stepId).reduce((n, x) => n + x.instances, 0);
        return h('div', { class: 'row g-2 align-items-center mb-2' },
          h('label', { class: 'col-sm-6 col-form-label col-form-label-sm', for: id, text: `“${i.stepTitle}”（${count} 个案件）迁移到` }),
          h('div', { class: 'col-sm-6' }, control));
      }));
  }
  for (const radio of document.querySelectorAll('input[name="migrate"]')) radio.addEventListener('change', () => renderMapping());

  document.getElementById('publish-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const note = document.getElementById('publish-note').value.trim();
    if (!note) {
      publishErrors.replaceChildren(h('div', { class: 'alert alert-danger mb-0', text: '请填写发布说明：本次修改了什么、为什么修改。' }));
      return;
    }
    const migrate = document.getElementById('migrate-yes').checked && impacts.length > 0;
    const confirmButton = document.getElementById('publish-confirm');
    confirmButton.disabled = true;
    let answer = await send('POST', `${api}/drafts/${draftId}/publish`, { note, migrate, stepMapping: migrate ? { ...mapping } : null });
    confirmButton.disabled = false;
    if (answer.status === 0) answer = { ...answer, data: { detail: '无法连接服务器，未发布，请稍后重试。' } };
    if (answer.ok) {
      publishModal.hide();
      const version = answer.data.version;
      draftId = null;
      dirty = false;
      history.replaceState(null, '', `${location.pathname}?from=${version}`);
      document.getElementById('editor-opened').textContent = `已发布为版本 ${version}；继续修改将以它为基础新建草稿`;
      document.getElementById('save-state').textContent = '';
      showAlert('success', `已发布版本 ${version}，新发起的案件将使用此版本。`, { href: `/admin/workflows#wf-${data.definitionId}`, text: '返回流程定义列表' });
      return;
    }
    if (answer.status === 409) {
      publishErrors.replaceChildren(h('div', { class: 'alert alert-warning mb-0', text: answer.data?.detail || '发布被阻止。' }));
      document.getElementById('migrate-yes').checked = true;
      const blocked = (answer.data?.steps || []).map((s) => s.stepId);
      for (const s of answer.data?.steps || []) {
        if (!impacts.some((i) => i.stepId === s.stepId && i.version === s.version)) impacts.push(s);
      }
      renderMapping(blocked);
      return;
    }
    const located = problemLocations(answer);
    if (answer.status === 400 && located.length > 0) {
      applyErrors(located);
      publishErrors.replaceChildren(h('div', { class: 'alert alert-danger mb-0' },
        h('div', { class: 'fw-semibold', text: answer.data.title || '定义有误，未发布' }),
        h('ul', { class: 'mb-0' }, located.map((e) => h('li', { text: `${describe(e.path)}：${e.message}` })))));
      return;
    }
    publishErrors.replaceChildren(h('div', { class: 'alert alert-danger mb-0', text: problemText(answer) }));
  });

  // ---------- start ----------

  if (draftId && !new URLSearchParams(location.search).has('draft')) {
    history.replaceState(null, '', `${location.pathname}?draft=${draftId}`);
  }
  renderForm();
  scheduleValidate(0);
})();
