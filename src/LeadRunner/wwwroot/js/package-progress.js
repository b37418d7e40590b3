// Polls the package build's status and updates the progress bar; the page itself works without it by reloading.
(() => {
  const panel = document.getElementById('package');
  if (!panel) return;
  const bar = document.getElementById('package-bar');
  const state = document.getElementById('package-state');
  const problems = document.getElementById('package-problems');
  const start = document.getElementById('package-start');
  const download = document.getElementById('package-download');
  const poll = async () => {
    const response = await fetch(panel.dataset.statusUrl, { headers: { Accept: 'application/json' } });
    if (!response.ok) return;
    const s = await response.json();
    const percent = s.total > 0 ? Math.floor(s.done * 100 / s.total) : (s.state === 'done' ? 100 : 0);
    bar.style.width = `${percent}%`;
    bar.parentElement.setAttribute('aria-valuenow', String(percent));
    state.textContent = `${s.stateText}：已完成 ${s.done} / ${s.total} 家企业。${s.error ?? ''}`;
    problems.replaceChildren(...(s.problems ?? []).map(p => Object.assign(document.createElement('li'), { textContent: p })));
    const active = s.state === 'queued' || s.state === 'running';
    start.disabled = active;
    download.classList.toggle('d-none', !s.downloadUrl);
    if (s.downloadUrl) download.href = s.downloadUrl;
    if (active) setTimeout(poll, 1000);
  };
  poll();
})();
