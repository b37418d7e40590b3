// The one way the staff pages' ES modules talk to the JSON API: send a request, read the answer, and turn a problem
// body into the Chinese messages the server wrote.

export function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = String(text);
  return node;
}

// { ok, status, data }: data is the parsed JSON body, or null when there is none.
export async function send(method, url, body, headers = {}) {
  const init = { method, headers: { Accept: 'application/json', ...headers } };
  if (body instanceof FormData) init.body = body;
  else if (body !== undefined) { init.body = JSON.stringify(body); init.headers['Content-Type'] = 'application/json'; }
  let response;
  try {
    response = await fetch(url, init);
  } catch {
    return { ok: false, status: 0, data: { detail: '无法连接服务器，请检查网络后重试。' } };
  }
  const text = await response.text();
  let data = null;
  try { data = text ? JSON.parse(text) : null; } catch { data = null; }
  return { ok: response.ok, status: response.status, data };
}

// A problem body is {detail}, or a validation problem {errors: {field: [messages]}} (an edit's refusal adds its
// locations, see problemLocations); every message is already Chinese.
export function problemMessages(answer) {
  const body = answer.data;
  if (answer.status === 401) return ['登录已过期，请重新登录。'];
  if (answer.status === 403) return ['您没有进行此操作的权限。'];
  if (body?.errors && !Array.isArray(body.errors)) return Object.values(body.errors).flat();
  if (body?.detail) return [body.detail];
  return [body?.title || `请求未能完成（${answer.status}）。`];
}

// The problems of a refused edit (ArtifactProblem) in order, each with its path, line and column for the editor's
// markers; [] for any other answer, whose messages problemMessages gives.
export function problemLocations(answer) {
  return Array.isArray(answer.data?.locations) ? answer.data.locations : [];
}

// Shows a message in an alert box; items become a list under it.
export function showAlert(box, kind, text, items = []) {
  const alert = el('div', `alert alert-${kind}`);
  alert.setAttribute('role', kind === 'danger' ? 'alert' : 'status');
  alert.append(el('div', items.length ? 'fw-bold' : '', text));
  if (items.length) {
    const list = el('ul', 'mb-0');
    for (const item of items) list.append(el('li', '', item));
    alert.append(list);
  }
  box.replaceChildren(alert);
  box.scrollIntoView({ block: 'nearest' });
}

// A message that survives the reload or navigation which shows the change.
const flashKey = 'leadrunner.flash';
export function goWith(message, url) {
  sessionStorage.setItem(flashKey, message);
  if (url) location.assign(url); else location.reload();
}
export function showFlash(box) {
  const message = sessionStorage.getItem(flashKey);
  if (message) {
    sessionStorage.removeItem(flashKey);
    showAlert(box, 'success', message);
  }
}
