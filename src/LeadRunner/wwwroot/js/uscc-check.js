// Checks the unified social credit code as it is typed, using the server's validator (the same rules as on save).
(() => {
  const input = document.getElementById('uscc');
  const feedback = document.getElementById('uscc-feedback');
  if (!input || !feedback) return;
  let timer;
  input.addEventListener('input', () => {
    clearTimeout(timer);
    const code = input.value.trim();
    if (code.length === 0) { feedback.textContent = '18 位，字母大写。'; return; }
    timer = setTimeout(async () => {
      const response = await fetch(`/api/enterprises/uscc/${encodeURIComponent(code)}/check`);
      if (!response.ok) return;
      const result = await response.json();
      feedback.textContent = result.valid ? '代码校验通过。' : result.errors.join(' ');
      feedback.className = result.valid ? 'form-text text-success' : 'form-text text-danger';
      input.classList.toggle('is-invalid', !result.valid);
    }, 250);
  });
})();
