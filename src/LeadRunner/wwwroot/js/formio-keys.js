// Field keys for Chinese labels. Form.io proposes a component's key (its data name) from its label by camel-casing
// it, which for 联系电话 gives no usable ASCII key; the server only accepts [A-Za-z_][A-Za-z0-9_-]*. So a label with
// Chinese in it gets field1, field2… (panel1, columns1… for layout), the first number no component of the form uses.
(() => {
  const han = /\p{Script=Han}/u;

  function usedKeys(components) {
    const keys = new Set();
    const walk = (list) => {
      for (const c of list || []) {
        if (!c || typeof c !== 'object') continue;
        if (c.key) keys.add(c.key);
        walk(c.components);
        for (const column of Array.isArray(c.columns) ? c.columns : []) walk(column && column.components);
      }
    };
    walk(components);
    return keys;
  }

  /** The key to propose for a component whose settings read `data`, or null to keep Form.io's own proposal. */
  function proposeKey(data, components) {
    const text = data.title || data.label || data.placeholder || '';
    if (!han.test(text)) return null;
    const keys = usedKeys(components);
    const stem = data.input === false ? String(data.type || 'block').replace(/[^A-Za-z0-9]/g, '') || 'block' : 'field';
    let n = 1;
    while (keys.has(`${stem}${n}`)) n++;
    return `${stem}${n}`;
  }

  /** Makes a Form.io builder propose keys this way for new components. */
  function useChineseKeys(builder) {
    const formioProposal = builder.updateComponentKey.bind(builder);
    builder.updateComponentKey = (data) => proposeKey(data, builder.schema.components) || formioProposal(data);
    // Form.io batches a dialog's changes over 100 ms and proposes a key only if the label was the batch's last change;
    // on a slow machine another field of the dialog settling in the same batch hides the typed label. So once the
    // label differs from the one the dialog opened with, every change proposes again (until the officer types a key).
    const edit = builder.editComponent.bind(builder);
    builder.editComponent = (component, parent, isNew, ...rest) => {
      const result = edit(component, parent, isNew, ...rest);
      const dialog = builder.editForm;
      const opened = component.title || component.label || '';
      if (isNew && dialog) {
        dialog.on('change', (event) => {
          const data = event.data || {};
          if (data.keyModified || (data.title || data.label || '') === opened) return;
          const key = proposeKey(data, builder.schema.components);
          if (!key) return;
          dialog.everyComponent((c) => {
            if (c.key !== 'key' || c.parent?.component?.key !== 'tabs') return true;
            if (c.dataValue !== key) c.setValue(key);
            return false;
          });
        });
      }
      return result;
    };
  }

  window.LeadRunnerForms = Object.assign(window.LeadRunnerForms || {}, { proposeKey, useChineseKeys });
})();
