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

  // An error inside a grid says which row, as the server's do (SubmissionValidator): "“合作企业”第 2 行：企业名称为必填项".
  // Form.io gives the column's message alone, the same on every row, so its error list repeated it once per row.
  const Webform = Formio.Displays.displays.webform;
  const showErrors = Webform.prototype.showErrors;
  const numbered = new WeakSet();
  const errorPath = (error) => (Formio.Utils.getStringFromComponentPath && Formio.Utils.getStringFromComponentPath(error.path))
    || (error.context && error.context.path) || '';
  Webform.prototype.showErrors = function showErrorsWithRows(errors, ...rest) {
    // One message per field: an empty file list is both "不能为空" and "为必填项" to Form.io. Form.io adds the form's
    // own errors to those given; they are added here instead, so that the repeats can go.
    const given = Array.isArray(errors) ? errors : [errors];
    const all = [...new Set([...given, ...(Array.isArray(this.errors) && !this.isDraftEdit() ? this.errors : [])])];
    const seen = new Set();
    const once = all.filter((error) => {
      if (!error || typeof error !== 'object' || !error.component || !error.component.key) return true;
      const field = `${error.component.key}${(errorPath(error).match(/\[\d+\]/g) || []).join('')}`;
      if (seen.has(field)) return false;
      seen.add(field);
      return true;
    });
    for (const error of once) {
      if (!error || typeof error !== 'object' || numbered.has(error)) continue;
      numbered.add(error);
      const path = errorPath(error);
      let prefix = '';
      for (const match of String(path).matchAll(/\[(\d+)\]/g)) {
        const grid = this.getComponent(path.slice(0, match.index));
        const label = grid && grid.component && grid.component.label;
        if (label) prefix += `“${label}”第 ${Number(match[1]) + 1} 行：`;
      }
      if (prefix && typeof error.message === 'string') error.message = prefix + error.message;
    }
    Object.defineProperty(this, 'errors', { value: null, configurable: true });
    try {
      return showErrors.call(this, once, ...rest);
    } finally {
      delete this.errors;
    }
  };

  // A file's size in the list of uploaded files, in Chinese ("329 字节", "12.5 KB"); Form.io writes "329.00 Bytes".
  Formio.Components.components.file.prototype.fileSize = (bytes) => (bytes < 1024
    ? `${bytes} 字节`
    : bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`);

  // Every key of Form.io's English dictionaries (translations/en.js and @formio/core's validation messages; checked
  // by FormioDictionaryTests) in Chinese, {{field}} being the label. Some components translate English text itself: at the end.
  const zh = {
    // Buttons, file uploads and grids.
    edit: '编辑',
    remove: '删除',
    addAnother: '再添加一项',
    next: '下一步',
    previous: '上一步',
    cancel: '取消',
    loading: '正在加载',
    help: '帮助',
    component: '组件',
    save: '保存',
    preview: '预览',
    dragAndDropComponent: '将表单组件拖到这里',
    searchFields: '搜索字段',
    noMatchesFound: '没有匹配项',
    fileName: '文件名',
    size: '大小',
    type: '类型',
    gallery: '相册',
    camera: '相机',
    dropFilesToAttach: '将文件拖到这里，',
    useCamera: '使用相机',
    browse: '选择文件',
    takePicture: '拍照',
    switchToFileUpload: '改为上传文件',
    completeStatus: '已完成',
    noStorageSet: '该字段未设置存储方式，无法上传文件。',
    noFileApiSupport: '浏览器不支持读取文件，请更换浏览器。',
    noFormDataSupport: '浏览器不支持上传文件，请更换浏览器。',
    noProgressSupport: '浏览器不支持显示上传进度。',
    close: '关闭',
    addResource: '添加资源',
    autocomplete: '自动完成',
    showPreview: '显示预览',
    hidePreview: '隐藏预览',
    createPage: '新建页面',
    page: '页',
    closeBtnDescription: '关闭按钮，点击返回表单',
    cancelBtnDescription: '取消按钮，点击放弃修改并返回表单',
    saveBtnDescription: '保存按钮，点击保存修改并返回表单',
    addOrRemove: '添加或删除',
    anyFileTypesAllowed: '允许任意类型的文件',
    allowedFileTypes: '允许的文件类型',
    syncing: '正在同步…',
    syncNow: '立即同步',
    pressToOpen: '点击打开',
    browseToAttachFileFor: '选择要上传的文件：',
    or: '或',
    numericOnly: '只能填写数字',
    uploadPdfFile: '上传 PDF 文件',
    dropToStart: '将 PDF 文件拖到这里开始，或',
    expand: '展开',
    collapse: '收起',
    add: '添加',
    delete: '删除',
    revert: '撤销',
    removeBtnPressToRemove: '删除按钮，点击删除',
    file: '文件',
    captureVideo: '录像',
    captureAudio: '录音',
    captureImage: '拍照',
    browseFiles: '选择文件',
    noComponentsSetInGrid: '表格中没有可显示的列。',
    sortAscending: '升序',
    sortDescending: '降序',
    filter: '筛选',
    clear: '清除',
    showItemsWithValue: '显示取值满足以下条件的项：',
    gridItemsPerPage: '每页条数：',
    gridAllItems: '全部',
    recordsSelectedOnPage: '条本页记录已选中。',
    recordsSelectedInTable: '条表格记录已选中。',
    gridSelectAll: '全选',
    itemsInTable: '条记录。',
    clearSelection: '取消选择。',
    editGridRow: '编辑此行',
    deleteGridRow: '删除此行',
    selected: '已选',
    actions: '操作',
    unsavedRowsError: '请先保存所有行再继续。',
    invalidRowsError: '请先更正有错误的行再继续。',
    invalidRowError: '此行有错误，请更正或删除。',
    // Validation messages.
    invalidOption: '{{field}}的取值不在可选项中',
    invalidDay: '{{field}}不是有效的日期',
    // Form.io says this once its own checks pass, before the server has answered; ours follows.
    complete: '正在提交，请稍候…',
    error: '请先更正以下错误后再提交。',
    errorListHotkey: '按 Ctrl + Alt + X 回到错误列表。',
    errorsListNavigationMessage: '点击跳转到有以下错误的字段。',
    submitError: '请检查表单并更正所有错误后再提交。',
    required: '{{field}}为必填项',
    unique: '{{field}}不能重复',
    array: '{{field}}应为列表',
    array_nonempty: '{{field}}不能为空',
    nonarray: '{{field}}不能是列表',
    select: '{{field}}的选择无效',
    pattern: '{{field}}的格式不正确',
    minLength: '{{field}}至少 {{length}} 个字',
    maxLength: '{{field}}最多 {{length}} 个字',
    minWords: '{{field}}至少 {{length}} 个词',
    maxWords: '{{field}}最多 {{length}} 个词',
    min: '{{field}}不能小于 {{min}}',
    max: '{{field}}不能大于 {{max}}',
    maxDate: '{{field}}不能晚于 {{- maxDate}}',
    minDate: '{{field}}不能早于 {{- minDate}}',
    maxYear: '{{field}}的年份不能大于 {{maxYear}}',
    minYear: '{{field}}的年份不能小于 {{minYear}}',
    minSelectedCount: '{{field}}至少选择 {{minCount}} 项',
    maxSelectedCount: '{{field}}最多选择 {{maxCount}} 项',
    invalid_email: '{{field}}不是有效的电子邮箱地址',
    invalid_url: '{{field}}不是有效的网址',
    invalid_regex: '{{field}}的格式不正确',
    invalid_date: '{{field}}不是有效的日期',
    invalidDate: '{{field}}不是有效的日期',
    number: '{{field}}应为数字',
    invalid_day: '{{field}}不是有效的日期',
    invalidValueProperty: '取值属性无效',
    mask: '{{field}}的格式不正确',
    valueIsNotAvailable: '{{ field }}的取值不在可选项中',
    stripe: '{{stripe}}',
    month: '月',
    day: '日',
    year: '年',
    january: '一月',
    february: '二月',
    march: '三月',
    april: '四月',
    may: '五月',
    june: '六月',
    july: '七月',
    august: '八月',
    september: '九月',
    october: '十月',
    november: '十一月',
    december: '十二月',
    submit: '提交',
    confirmCancel: '确定要取消吗？',
    saveDraftInstanceError: '无法保存草稿。',
    saveDraftAuthError: '登录后才能保存草稿。',
    restoreDraftInstanceError: '无法恢复草稿。',
    saveDraftError: '无法保存草稿。',
    restoreDraftError: '无法恢复草稿。',
    time: '时间无效',
    cancelButtonAriaLabel: '取消按钮，点击清空表单',
    previousButtonAriaLabel: '上一步按钮，点击返回上一页',
    nextButtonAriaLabel: '下一步按钮，点击进入下一页',
    submitButtonAriaLabel: '提交按钮，点击提交表单',
    reCaptchaTokenValidationError: '人机验证失败',
    reCaptchaTokenNotSpecifiedError: '缺少人机验证结果',
    apiKey: '字段名不唯一：{{key}}',
    typeRemaining: '还可填写 {{ remaining }} 个{{ type }}。',
    typeCount: '{{ count }} 个{{ type }}',
    requiredDayField: '{{ field }}的日为必填项',
    requiredDayEmpty: '{{ field }}为必填项',
    requiredMonthField: '{{ field }}的月为必填项',
    requiredYearField: '{{ field }}的年为必填项',
    fileTooSmall: '文件过小，至少 {{ size }}',
    fileTooBig: '文件过大，不能超过 {{ size }}',
    // Messages of the renderer itself: shown rarely, but never in English.
    formNotReady: '表单尚未准备好。',
    noFormElement: '页面上没有放置表单的位置。',
    notUniqueKey: '字段名不唯一',
    newFormSchema: '表单来自更新的版本，部分功能可能无法使用，请刷新页面。',
    missingUrl: '缺少网址',
    urlNotAttachedToBtn: '该按钮没有设置网址。',
    loadingProjectSettingsError: '无法加载设置',
    sessionStorageSupportError: '浏览器不支持会话存储。',
    builderUniqueError: '一页中只能添加一个{{componentKeyOrTitle}}组件。',
    pageNotFound: '页面不存在',
    noDragInfoError: '无法确定拖放的位置',
    addonSupportTypeError: '插件{{label}}不支持{{type}}类型的组件',
    setPathError: '不能设置组件的路径。',
    calculatedPathDeprecation: 'component.calculatedPath 已停用，请使用 component.path。',
    unknownTemplate: '未知的模板：{{name}}',
    unknownComponent: '未知的组件：{{type}}',
    renderTemplateFunctionDeprecation: '模板中的 render 函数已停用。',
    whenReadyDeprecation: 'whenReady() 已停用，请使用 dataReady。',
    loadResourcesError: '无法加载{{componentKey}}的选项',
    noSelectDataConfiguration: '下拉框{{componentKey}}没有设置选项来源。',
    indexedDBSupportError: '浏览器不支持当前版本的 IndexedDB',
    caretPositionSavingError: '无法保存光标位置',
    iteratableRowsError: '表格行读取方法未实现',
    checkRowDeprecation: 'checkRow 已停用，请使用 processRow',
    noOAuthBtn: '表单中缺少 OAuth 登录按钮',
    noOAuthConfiguration: '尚未配置 OAuth 登录。',
    oAuthErrorsTitle: '发生以下错误',
    noOAuthFormUrl: '使用 OAuth 按钮需要设置表单网址。',
    oAuthStateError: '登录状态不一致，请重新登录。',
    componentInvalidRowValidation: '{{componentKey}}的行校验设置无效',
    videoPlayerNotFound: '模板中没有视频播放器。',
    synchronizationFailed: '同步失败',
    fileWithDuplicatedNameInProgress: '同名文件正在上传',
    fileWithDuplicatedNameLoaded: '已上传过同名文件',
    nestedForm: '嵌套表单',
    noDataProvided: '没有数据',
    subformSubmissionLoadingError: '无法加载子表单的提交内容 {{submissionId}}：',
    noDelimiterSet: '要显示千位分隔符，请在组件设置中开启分隔符',
    noSiteKey: '表单设置中缺少站点密钥',
    failedToNormalize: '无法规范化取值',
    failedToCompareItems: '比较选项时出错',
    editorFocusError: '编辑器未能正确初始化：',
    quillImageUploadFailed: '图片上传失败',
    noFilesSelected: '没有选择文件',
    needConfigurationForQuill: '富文本编辑器的设置不适用于当前编辑器。',
    waitPdfConverting: '正在转换 PDF，请稍候。',
    uploading: '正在上传',
    pasteBelow: '粘贴到下方',
    copy: '复制',
    move: '移动',
    editJson: '编辑 JSON',
    clickToSetValue: '点击选择',
    words: '词',
    characters: '字',
    yes: '是',
    no: '否',
    wantToClearData: '要清除已填写的数据吗？',
    yesDelete: '是，删除',
    waitFileProcessing: '正在处理文件，请稍候…',
    wrongFileType: '文件类型不正确，只接受 {{ pattern }}',
    noFileService: '未提供文件服务。',
    fileProcessingFailed: '文件处理失败。',
    readyForUpload: '等待上传',
    readyForRemovingFromStorage: '等待删除',
    preparingFileToRemove: '正在准备删除文件',
    succefullyRemoved: '已删除',
    succefullyUploaded: '已上传',
    maxSelectItems: '最多选择 {{maxCount}} 项',
    minSelectItems: '至少选择 {{minCount}} 项',
    clickToSign: '点击签名',
    surveyQuestion: '问题',
    surveyQuestionValue: '取值',
    success: '成功',
    noResultsFound: '没有匹配项',
    noChoices: '没有可选项',
    typeToSearch: '输入以搜索',
    confirmComponentRemoveWithChildren: '删除此组件会同时删除其中的所有组件，确定删除吗？',
    confirmComponentRemove: '确定删除此组件吗？',
    requestAborted: '请求已中止',
    checkEnteredParameters: '请检查填写的参数',
    oauthSessionExpired: '登录已过期，请重试。正在刷新…',
    // Ours: the alert of one message, with the field's label when there is one.
    alertMessage: '{{message}}',
    alertMessageWithLabel: '{{label}}：{{message}}',
    // Text some components pass to the translator as it is written in English.
    'Add Another': '再添加一项',
    'Add Row': '添加一行',
    'Remove': '删除',
    'Drop files to attach,': '将文件拖到这里，',
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
