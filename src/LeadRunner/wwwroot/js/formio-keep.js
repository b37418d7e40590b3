// Keeps what the designer is given. Form.io's builder rewrites every component it loads: it drops values equal to
// its defaults (rows: 3, hideLabel, a uscc placeholder, validate.required: false…) and adds its own (tableView, column
// sizes, widget settings). So each loaded component is tagged, the builder's view of it is noted before any edit, and
// a save writes the original JSON back with only what changed between that view and the builder's current one.
(() => {
  const TAG = 'lrOrigin';
  const CHILDREN = new Set(['components', 'columns', TAG]);

  const isPlain = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
  const clone = (v) => (v === undefined ? undefined : JSON.parse(JSON.stringify(v)));

  function equal(a, b) {
    if (a === b) return true;
    if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => equal(x, b[i]));
    if (!isPlain(a) || !isPlain(b)) return false;
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((k) => Object.prototype.hasOwnProperty.call(b, k) && equal(a[k], b[k]));
  }

  // Every component object of a schema tree, with the array of columns its children sit in.
  function walk(components, visit) {
    for (const c of components || []) {
      if (!isPlain(c)) continue;
      visit(c);
      walk(c.components, visit);
      for (const column of Array.isArray(c.columns) ? c.columns : []) walk(column && column.components, visit);
    }
  }

  // What a component's settings dialog fills in by itself (its fields' defaults, unticked boxes, empty text), so
  // that opening and saving the dialog adds no property the officer did not set. Read once per component type.
  const dialogDefaults = new Map();
  function dialogDefault(type) {
    if (!dialogDefaults.has(type)) {
      const defaults = new Map();
      const Component = window.Formio && window.Formio.Components.components[type];
      const visit = (list) => {
        for (const f of list || []) {
          if (f && f.key && f.input !== false && f.type !== 'tabs') {
            defaults.set(f.key, f.defaultValue !== undefined ? f.defaultValue : (f.type === 'checkbox' ? false : ''));
          }
          if (f) visit(f.components);
        }
      };
      if (Component && Component.editForm) visit(Component.editForm().components);
      dialogDefaults.set(type, defaults);
    }
    return dialogDefaults.get(type);
  }

  // Option rows gain empty settings (shortcut: "") when their dialog is saved; such rows are still the same rows.
  function sameRows(b, c) {
    if (!Array.isArray(b) || !Array.isArray(c) || b.length !== c.length) return false;
    return c.every((row, i) => isPlain(row) && isPlain(b[i])
      && equal(b[i], Object.fromEntries(Object.entries(row).filter(([k, v]) => k in b[i] || (v !== '' && v !== false && v !== null)))));
  }

  // The original's own properties changed as the builder's view changed: base (b) → current (c), applied to o.
  function mergeObject(o, b, c, type) {
    const result = {};
    for (const [k, v] of Object.entries(o || {})) if (!CHILDREN.has(k)) result[k] = clone(v);
    for (const k of new Set([...Object.keys(b || {}), ...Object.keys(c || {})])) {
      if (CHILDREN.has(k) || equal(b && b[k], c && c[k]) || sameRows(b && b[k], c && c[k])) continue;
      const next = c ? c[k] : undefined;
      const added = !(o && k in o) && !(b && k in b);
      if (added && type && dialogDefault(type).has(k) && equal(dialogDefault(type).get(k), next)) continue;
      if (next === undefined) delete result[k];
      else if (isPlain(next) && isPlain(result[k]) && (b[k] === undefined || isPlain(b[k]))) result[k] = mergeObject(result[k], b[k] || {}, next);
      else result[k] = clone(next);
    }
    return result;
  }

  function withoutTags(value) {
    if (Array.isArray(value)) return value.map(withoutTags);
    if (!isPlain(value)) return value;
    const result = {};
    for (const [k, v] of Object.entries(value)) if (k !== TAG) result[k] = withoutTags(v);
    return result;
  }

  /**
   * Starts keeping a schema's components: returns the tagged copy to load into the builder, `note(components)` to
   * call with the builder's schema right after it loaded, and `merge(components)` for the builder's schema at save.
   */
  function keep(components) {
    const originals = new Map();
    const baselines = new Map();
    let next = 0;
    const tagged = clone(components || []);
    walk(tagged, (c) => { c[TAG] = `c${++next}`; });
    // The same walk over an untagged copy numbers the originals alike (merge reads only their own properties).
    let counted = 0;
    walk(clone(components || []), (c) => { originals.set(`c${++counted}`, c); });

    function note(builderComponents) {
      baselines.clear();
      walk(builderComponents, (c) => { if (c[TAG] && !baselines.has(c[TAG])) baselines.set(c[TAG], c); });
    }

    function merge(builderComponents) {
      // A pasted copy carries its source's tag: the copy keeping the original key (else the first) is the original.
      const claimed = new Map();
      walk(builderComponents, (c) => {
        const tag = c[TAG];
        if (!tag || !originals.has(tag)) return;
        const holder = claimed.get(tag);
        if (!holder || (holder.key !== originals.get(tag).key && c.key === originals.get(tag).key)) claimed.set(tag, c);
      });
      const mergeList = (list) => (list || []).map((c) => (isPlain(c) ? mergeComponent(c) : c));
      function mergeComponent(c) {
        const tag = c[TAG];
        const origin = tag && claimed.get(tag) === c ? originals.get(tag) : null;
        const base = origin ? baselines.get(tag) : null;
        const result = origin && base ? mergeObject(origin, base, c, c.type) : mergeObject({}, {}, withoutTags(c));
        if (Array.isArray(c.components)) result.components = mergeList(c.components);
        if (Array.isArray(c.columns)) {
          result.columns = c.columns.map((column, n) => {
            const own = origin && base ? mergeObject((origin.columns || [])[n], (base.columns || [])[n], column) : mergeObject({}, {}, withoutTags(column));
            return Object.assign(own, { components: mergeList(column && column.components) });
          });
        }
        return result;
      }
      return mergeList(builderComponents);
    }

    return { components: tagged, note, merge };
  }

  window.LeadRunnerForms = Object.assign(window.LeadRunnerForms || {}, { keep, keepEqual: equal });
})();
