// "打印本页" buttons on public articles; the print style sheet (site.css @media print) drops the site's chrome.
for (const button of document.querySelectorAll('[data-print]')) {
  button.addEventListener('click', () => window.print());
}
