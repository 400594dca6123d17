// Tandem's pages: draws the charts described by JSON data blocks (Chart.js, values on hover),
// downloads a chart as PNG, and sorts tables marked sortable. No inline script anywhere: the
// content security policy allows scripts from this server only.
'use strict';

// Charts are drawn on white, so a downloaded PNG is not transparent.
const whiteBackground = {
  id: 'whiteBackground',
  beforeDraw(chart) {
    const { ctx, width, height } = chart;
    ctx.save();
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, width, height);
    ctx.restore();
  },
};

function drawCharts() {
  if (typeof Chart === 'undefined') return;
  for (const block of document.querySelectorAll('script[type="application/json"][data-chart]')) {
    const spec = JSON.parse(block.textContent);
    const canvas = document.getElementById(block.dataset.chart);
    if (!canvas) continue;
    new Chart(canvas, {
      data: {
        labels: spec.labels,
        datasets: spec.series.map((s) => ({
          type: s.kind === 'bar' ? 'bar' : 'line',
          label: s.label,
          data: s.values,
          borderColor: s.color,
          backgroundColor: s.color,
          borderWidth: s.kind === 'band' || s.kind === 'interval' ? 1 : 2,
          borderDash: s.kind === 'band' || s.kind === 'projection' ? [5, 4] : [],
          pointRadius: s.kind === 'line' ? 2 : 0,
          fill: s.fillToPrevious ? '-1' : false,
          spanGaps: false,
          order: s.kind === 'bar' ? 2 : 1,
        })),
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        interaction: { mode: 'index', intersect: false },
        plugins: { legend: { position: 'bottom' } },
        scales: { y: { beginAtZero: true, title: { display: true, text: spec.yTitle } } },
      },
      plugins: [whiteBackground],
    });
    canvas.dataset.drawn = 'true';
  }
}

function downloadPng(event) {
  const button = event.target.closest('button[data-png]');
  if (!button) return;
  const canvas = document.getElementById(button.dataset.png);
  const link = document.createElement('a');
  link.href = canvas.toDataURL('image/png');
  link.download = button.dataset.file;
  document.body.appendChild(link);
  link.click();
  link.remove();
}

// A sortable table's header buttons sort its rows by that column (numbers by data-value when given).
function sortTable(event) {
  const button = event.target.closest('table.sortable th button');
  if (!button) return;
  const th = button.closest('th');
  const table = th.closest('table');
  const index = Array.from(th.parentElement.children).indexOf(th);
  const ascending = th.getAttribute('aria-sort') !== 'ascending';
  for (const other of th.parentElement.children) other.removeAttribute('aria-sort');
  th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
  const body = table.tBodies[0];
  const key = (row) => {
    const cell = row.children[index];
    const value = cell.dataset.value ?? cell.textContent.trim();
    const number = Number(value);
    return Number.isNaN(number) || value === '' ? value.toLowerCase() : number;
  };
  const rows = Array.from(body.rows);
  rows.sort((a, b) => {
    const x = key(a);
    const y = key(b);
    const order = x < y ? -1 : x > y ? 1 : 0;
    return ascending ? order : -order;
  });
  for (const row of rows) body.appendChild(row);
}

// Forms that ask before they act (data-confirm), e.g. excusing a breach.
function confirmSubmit(event) {
  const message = event.target.dataset.confirm;
  if (message && !window.confirm(message)) event.preventDefault();
}

// A live form (data-live="ID"): as the user types, the page is fetched again with the form's values
// and the element ID replaced, with each field's problem; the server does all the arithmetic, so
// the figures are the exact ones the command line gives. Inputs are left alone, keeping focus.
let liveTimer = 0;
let liveSequence = 0;
function liveUpdate(event) {
  const form = event.target.closest('form[data-live]');
  if (!form) return;
  window.clearTimeout(liveTimer);
  liveTimer = window.setTimeout(async () => {
    const sequence = ++liveSequence;
    const query = new URLSearchParams(new FormData(form)).toString();
    const url = `${window.location.pathname}?${query}`;
    form.setAttribute('aria-busy', 'true');
    try {
      const response = await fetch(url, { credentials: 'same-origin', headers: { Accept: 'text/html' } });
      if (sequence !== liveSequence) return;
      if (response.redirected || !response.ok) {
        window.location.assign(url);
        return;
      }
      const page = new DOMParser().parseFromString(await response.text(), 'text/html');
      const fresh = page.getElementById(form.dataset.live);
      const current = document.getElementById(form.dataset.live);
      if (fresh && current) current.replaceChildren(...Array.from(fresh.childNodes).map((n) => document.importNode(n, true)));
      for (const field of form.querySelectorAll('.field')) {
        const input = field.querySelector('input');
        const other = input && page.getElementById(input.id);
        if (!other) continue;
        const freshField = other.closest('.field');
        field.className = freshField.className;
        input.setAttribute('aria-invalid', other.getAttribute('aria-invalid'));
        const hint = field.querySelector('small');
        if (hint) hint.textContent = freshField.querySelector('small').textContent;
      }
      window.history.replaceState(null, '', url);
    } finally {
      if (sequence === liveSequence) form.removeAttribute('aria-busy');
    }
  }, 200);
}

// An upload form with a preview (data-preview="ID"): "Preview" posts the form in the background
// and shows the server's reading of the first rows in element ID, so the chosen file stays in the
// form and "Import" (formaction ...handler=Upload) sends the very file that was previewed. Any
// change to the form clears the preview, so an import always follows a preview of what it sends.
async function previewUpload(event) {
  const form = event.target.closest('form[data-preview]');
  if (!form || event.defaultPrevented) return;
  const submitter = event.submitter;
  if (submitter && submitter.hasAttribute('data-import')) return;
  event.preventDefault();
  const target = document.getElementById(form.dataset.preview);
  form.setAttribute('aria-busy', 'true');
  try {
    const response = await fetch(form.action, { method: 'POST', body: new FormData(form), credentials: 'same-origin', headers: { Accept: 'text/html' } });
    if (response.redirected || !response.ok) {
      form.submit();
      return;
    }
    const page = new DOMParser().parseFromString(await response.text(), 'text/html');
    const fresh = page.getElementById(form.dataset.preview);
    if (fresh && target) {
      for (const note of fresh.querySelectorAll('[data-without-script]')) note.remove();
      target.replaceChildren(...Array.from(fresh.childNodes).map((n) => document.importNode(n, true)));
    }
  } finally {
    form.removeAttribute('aria-busy');
  }
}

// A one-time secret's copy button (data-copy="#ID"): copies the element's text and says so; where
// the clipboard is refused (a page not served over HTTPS or from localhost), selects it to copy by hand.
async function copySecret(event) {
  const button = event.target.closest('button[data-copy]');
  if (!button) return;
  const source = document.querySelector(button.dataset.copy);
  if (!source) return;
  try {
    await navigator.clipboard.writeText(source.textContent.trim());
    button.textContent = 'Copied';
  } catch {
    window.getSelection().selectAllChildren(source);
    button.textContent = 'Selected: press Ctrl+C';
  }
}

function clearPreview(event) {
  const form = event.target.closest('form[data-preview]');
  if (!form) return;
  const target = document.getElementById(form.dataset.preview);
  if (target) target.replaceChildren();
}

document.addEventListener('DOMContentLoaded', () => {
  document.addEventListener('input', liveUpdate);
  document.addEventListener('change', liveUpdate);
  drawCharts();
  document.addEventListener('click', downloadPng);
  document.addEventListener('click', sortTable);
  document.addEventListener('click', copySecret);
  document.addEventListener('submit', confirmSubmit);
  document.addEventListener('submit', previewUpload);
  document.addEventListener('change', clearPreview);
  document.documentElement.dataset.ready = 'true';
});
