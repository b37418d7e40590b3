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
  }

  window.LeadRunnerForms = Object.assign(window.LeadRunnerForms || {}, { proposeKey, useChineseKeys });
})();
