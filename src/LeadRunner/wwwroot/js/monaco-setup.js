// Monaco as LeadRunner uses it: our own copy with Chinese messages, and Chinese text shown as plain text.
// Loaded before the editors' own scripts (template editor, workflow JSON editor).
(() => {
  // Chinese text is full of what Monaco flags by default: full-width punctuation (，。“”：；（）) as look-alikes of
  // ASCII, every CJK character as non-ASCII, the ideographic space (U+3000, 　) of 年　月　日 as invisible. Boxing
  // them would mark nearly every line; other invisible characters (zero-width or no-break spaces pasted from Word)
  // stay flagged, because they do hide mistakes.
  const unicodeHighlight = {
    ambiguousCharacters: false,
    nonBasicASCII: false,
    invisibleCharacters: true,
    allowedCharacters: { '\u3000': true },
    allowedLocales: { _os: true, _vscode: true, 'zh-hans': true, 'zh-hant': true },
  };

  function loadScript(src) {
    return new Promise((resolve, reject) => {
      const script = document.createElement('script');
      script.src = src;
      script.onload = resolve;
      script.onerror = () => reject(new Error('无法加载编辑器'));
      document.head.append(script);
    });
  }

  let loading = null;
  // Monaco's Chinese messages are a plain script that must run before the editor (not an AMD module).
  function load() {
    loading ||= loadScript('/lib/monaco/vs/nls/lang/zh-cn.js')
      .then(() => loadScript('/lib/monaco/vs/loader.js'))
      .then(() => new Promise((resolve, reject) => {
        window.require.config({ paths: { vs: '/lib/monaco/vs' } });
        window.require(['vs/editor/editor.main'], () => resolve(window.monaco), reject);
      }));
    return loading;
  }

  // Every editor of the app is made here, so each gets the same treatment of Chinese text.
  function create(host, options) {
    return window.monaco.editor.create(host, Object.assign({ unicodeHighlight }, options));
  }

  window.LeadRunnerMonaco = { load, create, unicodeHighlight };
})();
