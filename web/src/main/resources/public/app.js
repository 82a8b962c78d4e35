// TokenSieve UI: a small hash-routed app over /api/v1. Charts: Chart.js (WebJar, window.Chart).
// Every string from a trace is untrusted: it reaches the page only as text (h() makes text nodes
// and attributes, never HTML), and the server's Content-Security-Policy forbids inline script.
// The API token lives in sessionStorage (this tab only) and goes in the Authorization header:
// no cookie, so another site cannot make the browser send it.
const API = '/api/v1';
const TOKEN_KEY = 'tokensieve.token';
const token = () => sessionStorage.getItem(TOKEN_KEY);
const authHeaders = () => (token() ? { Authorization: 'Bearer ' + token() } : {});
class SignInNeeded extends Error {}
const COLORS = { productive: '#16a34a', inefficient: '#f59e0b', wasteful: '#dc2626' };
const LABELS = ['productive', 'inefficient', 'wasteful'];
const DIMS = ['team', 'user', 'repo', 'model', 'agent'];
const view = document.getElementById('view');
const charts = [];

// ---------- helpers ----------
function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v == null || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k === 'class') el.className = v;
    else if (k === 'style') el.style.cssText = v;
    else el.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) {
    if (c == null || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}
const usd = (v) => v == null ? '—' : '$' + Number(v).toLocaleString('en-US',
  { minimumFractionDigits: 2, maximumFractionDigits: Math.abs(v) < 1 ? 4 : 2 });
const num = (v) => v == null ? '—' : Number(v).toLocaleString('en-US');
const compact = (v) => v == null ? '—' : Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 }).format(v);
const pct = (v) => v == null ? '—' : (v * 100).toFixed(v > 0 && v < 0.01 ? 1 : 0) + '%';
const day = (iso) => iso ? new Date(iso).toLocaleString('en-GB', { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', timeZone: 'UTC' }) : '—';
const when = (iso) => iso ? new Date(iso).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }) + ' UTC' : '—';
const totalTokens = (t) => t ? t.input + t.cacheWrite + t.cacheRead + t.output : 0;
const contextOf = (t) => t.input + t.cacheWrite + t.cacheRead;
const shortId = (id) => id.length > 14 ? id.slice(0, 8) + '…' + id.slice(-4) : id;

async function getJson(path) {
  const res = await fetch(API + path, { headers: { Accept: 'application/json', ...authHeaders() } });
  const body = await res.json().catch(() => ({ error: res.statusText }));
  if (res.status === 401) throw new SignInNeeded(body.error || 'sign in');
  if (!res.ok) throw new Error(body.error || res.statusText);
  return body;
}

function spendBar(spend) {
  const total = LABELS.reduce((a, l) => a + (spend?.[l]?.costUsd || 0), 0);
  const bar = h('div', { class: 'spendbar', title: LABELS.map(l => `${l}: ${usd(spend?.[l]?.costUsd)}`).join('\n') });
  if (total > 0) for (const l of LABELS) {
    const w = (spend[l].costUsd / total) * 100;
    if (w > 0) bar.append(h('span', { class: l, style: `width:${w}%` }));
  }
  return bar;
}

function card(label, value, hint) {
  return h('div', { class: 'card' }, h('div', { class: 'label' }, label), h('div', { class: 'value' }, value),
    hint ? h('div', { class: 'hint' }, hint) : null);
}

function clearCharts() { while (charts.length) charts.pop().destroy(); }
function errorBox(e) { return h('div', { class: 'alert error', role: 'alert' }, String(e.message || e)); }

// ---------- router ----------
const routes = { sessions: sessionsPage, session: sessionPage, compare: comparePage, upload: uploadPage, signin: signInPage };
async function route() {
  clearCharts();
  const hash = location.hash.replace(/^#\/?/, '') || 'sessions';
  const [pathPart, query = ''] = hash.split('?');
  const [name, ...rest] = pathPart.split('/');
  const params = new URLSearchParams(query);
  document.querySelectorAll('[data-nav]').forEach(a =>
    a.classList.toggle('active', a.dataset.nav === name || (name === 'session' && a.dataset.nav === 'sessions')));
  const page = routes[name] || sessionsPage;
  view.replaceChildren(h('div', { class: 'empty' }, 'Loading…'));
  try {
    await page(params, rest.map(decodeURIComponent));
  } catch (e) {
    if (e instanceof SignInNeeded) await signInPage(params, [], e.message);
    else view.replaceChildren(errorBox(e));
  }
  showWho();
}

// ---------- sign in ----------
async function showWho() {
  const who = document.getElementById('who');
  if (!who) return;
  if (!token()) { who.replaceChildren(); return; }
  const me = await getJson('/me').catch(() => null);
  who.replaceChildren(me ? `${me.name} (${me.role})` : '',
    h('button', { id: 'sign-out', class: 'link', onclick: () => { sessionStorage.removeItem(TOKEN_KEY); route(); } }, 'Sign out'));
}

async function signInPage(params, rest, why) {
  const input = h('input', { type: 'password', id: 'token-input', name: 'token', autocomplete: 'off', placeholder: 'tks_…', 'aria-label': 'API token' });
  const note = h('div', { id: 'signin-note' }, why ? h('div', { class: 'alert warn' }, why) : null);
  const form = h('form', { class: 'panel signin', id: 'signin', onsubmit: async (e) => {
    e.preventDefault();
    sessionStorage.setItem(TOKEN_KEY, input.value.trim());
    try {
      await getJson('/me');
      if (location.hash.startsWith('#/signin')) location.hash = '#/sessions';
      else route();
    } catch (err) {
      sessionStorage.removeItem(TOKEN_KEY);
      note.replaceChildren(h('div', { class: 'alert error', role: 'alert' }, String(err.message || err)));
    }
  } }, h('label', { for: 'token-input' }, 'API token'), input, h('button', { class: 'primary', type: 'submit' }, 'Sign in'),
  h('p', { class: 'small muted' }, 'An admin makes tokens with ', h('code', {}, 'tokensieve tokens create'),
    '. The token stays in this tab only and is sent as an Authorization header.'));
  view.replaceChildren(h('div', { class: 'page-head' }, h('h1', {}, 'Sign in')), note, form);
}
window.addEventListener('hashchange', route);
route();

// ---------- sessions list ----------
async function sessionsPage(params) {
  const selects = {};
  const optionsFor = await Promise.all(['team', 'user', 'repo', 'model', 'agent'].map(d =>
    getJson(`/compare?by=${d}`).then(r => r.groups.map(g => g.key)).catch(() => [])));
  const form = h('form', { class: 'filters', id: 'filters', onsubmit: (e) => { e.preventDefault(); apply(); } });
  const q = h('input', { type: 'search', name: 'q', placeholder: 'Search commands, findings, projects, ids…', value: params.get('q') || '' });
  form.append(q);
  ['team', 'user', 'repo', 'model', 'agent'].forEach((d, i) => {
    const sel = h('select', { name: d, 'aria-label': d, onchange: apply },
      h('option', { value: '' }, `All ${d}s`), ...optionsFor[i].map(k => h('option', { value: k }, k)));
    sel.value = params.get(d) || '';
    selects[d] = sel;
    form.append(sel);
  });
  const outcome = h('select', { name: 'outcome', 'aria-label': 'outcome', onchange: apply },
    h('option', { value: '' }, 'Any outcome'), ...['SUCCESS', 'FAILURE', 'UNKNOWN'].map(o => h('option', { value: o }, o)));
  outcome.value = params.get('outcome') || '';
  const label = h('select', { name: 'label', 'aria-label': 'label', onchange: apply },
    h('option', { value: '' }, 'Any spend'), ...['wasteful', 'inefficient'].map(o => h('option', { value: o }, `has ${o} spend`)));
  label.value = params.get('label') || '';
  const sort = h('select', { name: 'sort', 'aria-label': 'sort', onchange: apply },
    h('option', { value: 'time' }, 'Newest first'), h('option', { value: 'cost' }, 'Dearest first'));
  sort.value = params.get('sort') || 'time';
  form.append(outcome, label, sort, h('button', { class: 'primary', type: 'submit' }, 'Search'));

  function apply() {
    const p = new URLSearchParams();
    for (const el of form.elements) if (el.name && el.value && !(el.name === 'sort' && el.value === 'time')) p.set(el.name, el.value);
    location.hash = '#/sessions' + (p.toString() ? '?' + p : '');
  }

  const apiParams = new URLSearchParams(params);
  apiParams.set('limit', '50');
  const page = await getJson('/sessions?' + apiParams);
  const tbody = h('tbody');
  const table = h('table', { class: 'data', id: 'sessions-table' },
    h('thead', {}, h('tr', {}, h('th', {}, 'Started'), h('th', {}, 'Session'), h('th', {}, 'Team / user'),
      h('th', {}, 'Repo / project'), h('th', {}, 'Model'), h('th', { class: 'num' }, 'Requests'),
      h('th', { class: 'num' }, 'Tokens'), h('th', { class: 'num' }, 'Cost'), h('th', {}, 'Spend'),
      h('th', {}, 'Outcome'), h('th', {}, 'Top finding'))), tbody);
  const addRows = (sessions) => {
    for (const s of sessions) {
      const wasteful = s.costUsd > 0 ? s.spend.wasteful.costUsd / s.costUsd : 0;
      tbody.append(h('tr', { 'data-id': s.id },
        h('td', { class: 'small nowrap' }, day(s.startedAt)),
        h('td', {}, h('a', { href: `#/session/${encodeURIComponent(s.id)}`, class: 'mono', title: s.id }, shortId(s.id)),
          h('div', { class: 'muted small' }, s.agent)),
        h('td', {}, s.team || h('span', { class: 'muted' }, '—'), h('div', { class: 'muted small' }, s.user || '')),
        h('td', { class: 'ellipsis' }, s.repo || h('span', { class: 'muted' }, '—'), h('div', { class: 'muted small ellipsis' }, s.project || '')),
        h('td', { class: 'small nowrap' }, (s.models[0] || {}).model || '—'),
        h('td', { class: 'num' }, num(s.requests)),
        h('td', { class: 'num' }, compact(totalTokens(s.tokens))),
        h('td', { class: 'num' }, usd(s.costUsd)),
        h('td', {}, spendBar(s.spend), h('div', { class: 'muted small' }, wasteful > 0 ? `${pct(wasteful)} wasteful` : '')),
        h('td', {}, h('span', { class: `badge ${s.outcome.label}` }, s.outcome.label)),
        h('td', { class: 'ellipsis small', title: s.topFinding || '' }, s.topFinding || h('span', { class: 'muted' }, 'none'))));
    }
  };
  addRows(page.sessions);
  const more = h('div', { class: 'more' });
  let next = page.next;
  const moreButton = h('button', { id: 'more', onclick: async () => {
    apiParams.set('cursor', next);
    const p = await getJson('/sessions?' + apiParams);
    addRows(p.sessions);
    next = p.next;
    if (!next) moreButton.remove();
  } }, 'Load more');
  if (next) more.append(moreButton);

  view.replaceChildren(
    h('div', { class: 'page-head' }, h('div', {}, h('h1', {}, 'Sessions'),
      h('p', { class: 'subtitle' }, `${num(page.total)} session${page.total === 1 ? '' : 's'} match`)),
      h('a', { href: '#/upload' }, h('button', { class: 'primary' }, 'Upload traces'))),
    form,
    page.sessions.length ? h('div', { class: 'table-wrap' }, table)
      : h('div', { class: 'panel empty' }, 'No sessions yet. ', h('a', { href: '#/upload' }, 'Upload a trace'), ' to get started.'),
    more);
}

// ---------- one session ----------
async function sessionPage(params, [id]) {
  const s = await getJson(`/sessions/${encodeURIComponent(id)}`);
  const lines = s.requestLines || [];
  const findings = s.findings || [];
  const total = totalTokens(s.tokens);
  const avoidable = s.spend.wasteful.costUsd + s.spend.inefficient.costUsd;

  const cards = h('div', { class: 'grid cards' },
    card('Cost', usd(s.costUsd), s.reportedCostUsd != null ? `reported by the trace; list ${usd(s.listCostUsd)}` : 'at list prices'),
    card('Tokens', compact(total), `${compact(s.tokens.cacheRead)} cache reads`),
    card('Requests', num(s.requests), (s.models || []).map(m => m.model).join(', ')),
    card('Wasteful', usd(s.spend.wasteful.costUsd), s.costUsd > 0 ? pct(s.spend.wasteful.costUsd / s.costUsd) + ' of cost' : ''),
    card('Inefficient', usd(s.spend.inefficient.costUsd), s.costUsd > 0 ? pct(s.spend.inefficient.costUsd / s.costUsd) + ' of cost' : ''),
    card('Outcome', h('span', { class: `badge ${s.outcome.label}`, title: s.outcome.reason || '' }, s.outcome.label),
      s.outcome.pSuccessBasis === 'OUT_OF_DOMAIN'
        ? `p(success) ${pct(s.outcome.pSuccess)}, out of domain: the label follows the trace`
        : `p(success) ${pct(s.outcome.pSuccess)}`));

  const chartCanvas = h('canvas', { id: 'context-chart', 'aria-label': 'Context size per request' });
  const spendCanvas = h('canvas', { id: 'spend-chart', 'aria-label': 'Spend by label' });
  const reqBody = h('tbody');
  lines.forEach(l => reqBody.append(h('tr', { 'data-request': l.index },
    h('td', { class: 'num' }, l.index), h('td', { class: 'small' }, when(l.at)), h('td', { class: 'small' }, l.model),
    h('td', { class: 'small' }, l.agentId), h('td', { class: 'num' }, num(contextOf(l.tokens))),
    h('td', { class: 'num' }, num(l.tokens.output)), h('td', { class: 'num' }, usd(l.costUsd)),
    h('td', {}, spendBar({ productive: { costUsd: l.productive ?? l.productiveTokens }, inefficient: { costUsd: l.inefficient ?? l.inefficientTokens }, wasteful: { costUsd: l.wasteful ?? l.wastefulTokens } })))));

  let selected = -1;
  const findingList = h('ul', { class: 'findings', id: 'findings' });
  findings.forEach((f, i) => findingList.append(h('li', {
    class: `finding ${f.label}`, 'data-finding': i, tabindex: 0,
    onclick: () => select(i), onkeydown: (e) => { if (e.key === 'Enter') select(i); } },
  h('div', { class: 'head' }, h('span', { class: 'kind' }, f.kind.replaceAll('_', ' ')),
    h('span', { class: 'small muted' }, `requests ${f.firstRequest}–${f.lastRequest} · ${compact(f.tokens)} tokens · `,
      h('strong', {}, usd(f.costUsd)))),
  h('div', { class: 'summary' }, f.summary),
  f.evidence?.length ? h('ul', { class: 'evidence' }, f.evidence.slice(0, 4).map(e => h('li', {}, e))) : null)));

  function select(i) {
    selected = selected === i ? -1 : i;
    findingList.querySelectorAll('.finding').forEach(el => el.classList.toggle('selected', Number(el.dataset.finding) === selected));
    const f = findings[selected];
    let first = null;
    reqBody.querySelectorAll('tr').forEach(tr => {
      const r = Number(tr.dataset.request);
      const on = !!f && r >= f.firstRequest && r <= f.lastRequest;
      tr.classList.toggle('highlight', on);
      if (on && first == null) first = tr;
    });
    if (first) first.scrollIntoView({ block: 'nearest' });
    contextChart?.update();
  }

  const g = s.growth || {};
  view.replaceChildren(
    h('div', { class: 'page-head' }, h('div', {},
      h('h1', {}, 'Session ', h('span', { class: 'mono' }, s.id)),
      h('p', { class: 'subtitle' }, [s.agent, s.repo || s.project, s.team && `team ${s.team}`, s.user && `user ${s.user}`, when(s.startedAt)].filter(Boolean).join(' · '))),
    h('a', { href: '#/sessions' }, '← All sessions')),
    cards,
    h('div', { class: 'grid two' },
      h('section', { class: 'panel' }, h('h2', {}, 'Context size per request'),
        h('p', { class: 'muted small', style: 'margin:-6px 0 10px' }, g.slopeTokensPerRequest
          ? `Fitted growth: ${num(Math.round(g.slopeTokensPerRequest))} tokens/request (R² ${(g.r2 || 0).toFixed(2)})${g.quadratic ? ' — quadratic cost' : ''}${g.compactionSavingUsd ? `; compacting would have saved ${usd(g.compactionSavingUsd)}` : ''}`
          : 'Click a finding to shade the requests behind it.'),
        h('div', { class: 'chart-box' }, chartCanvas)),
      h('section', { class: 'panel' }, h('h2', {}, 'Spend by label'), h('div', { class: 'chart-box small' }, spendCanvas),
        h('p', { class: 'small muted' }, avoidable > 0 ? `${usd(avoidable)} avoidable of ${usd(s.costUsd)}` : 'No avoidable spend found.'))),
    h('div', { class: 'grid two' },
      h('section', { class: 'panel' }, h('h2', {}, `Findings (${findings.length})`),
        findings.length ? findingList : h('div', { class: 'empty', id: 'findings' }, 'No waste found in this session.')),
      h('section', { class: 'panel' }, h('h2', {}, 'Details'), h('dl', { class: 'kv' },
        ...[['Project', s.project], ['Repo', s.repo], ['Branch', s.branch], ['Team', s.team], ['User', s.user],
          ['Started', when(s.startedAt)], ['Ended', when(s.endedAt)],
          ['Unpriced models', (s.unpricedModels || []).join(', ') || 'none'],
          ['Outcome signals', (s.outcome.signals || []).map(x => `${x.kind} @${x.request}`).join(', ') || 'none']]
          .map(([k, v]) => [h('dt', {}, k), h('dd', {}, v || '—')]).flat()))),
    h('section', { class: 'panel' }, h('h2', {}, 'Requests'),
      h('div', { class: 'table-wrap tall' }, h('table', { class: 'data', id: 'requests' },
        h('thead', {}, h('tr', {}, h('th', { class: 'num' }, '#'), h('th', {}, 'Time'), h('th', {}, 'Model'), h('th', {}, 'Agent'),
          h('th', { class: 'num' }, 'Context'), h('th', { class: 'num' }, 'Output'), h('th', { class: 'num' }, 'Cost'), h('th', {}, 'Labels'))),
        reqBody))));

  // findings as shaded bands behind the context line
  const bands = {
    id: 'findingBands',
    beforeDatasetsDraw(chart) {
      const { ctx, chartArea, scales } = chart;
      findings.forEach((f, i) => {
        // many overlapping bands would paint the whole chart: then only the selected one is shaded
        if (findings.length > 4 && i !== selected) return;
        const x0 = scales.x.getPixelForValue(f.firstRequest - 0.5);
        const x1 = scales.x.getPixelForValue(f.lastRequest + 0.5);
        ctx.save();
        ctx.fillStyle = (COLORS[f.label] || '#64748b') + (i === selected ? '55' : '1f');
        ctx.fillRect(Math.max(x0, chartArea.left), chartArea.top, Math.min(x1, chartArea.right) - Math.max(x0, chartArea.left), chartArea.bottom - chartArea.top);
        ctx.restore();
      });
    },
  };
  const xs = lines.map(l => l.index);
  const datasets = [{
    label: 'Context tokens', data: lines.map(l => ({ x: l.index, y: contextOf(l.tokens) })),
    borderColor: '#2563eb', backgroundColor: '#2563eb', pointRadius: lines.length > 150 ? 0 : 2, borderWidth: 2, tension: 0,
  }];
  if (g.slopeTokensPerRequest || g.interceptTokens) {
    datasets.push({ label: 'Fitted growth', data: xs.map(x => ({ x, y: g.interceptTokens + g.slopeTokensPerRequest * x })),
      borderColor: '#0f172a', borderDash: [6, 4], pointRadius: 0, borderWidth: 1.5 });
  }
  if (findings.length) {
    datasets.push({ label: 'Findings', type: 'scatter', data: findings.map(f => {
      const l = lines[f.firstRequest];
      return { x: f.firstRequest, y: l ? contextOf(l.tokens) : 0 };
    }), pointStyle: 'triangle', pointRadius: 7, backgroundColor: findings.map(f => COLORS[f.label] || '#64748b'), borderColor: '#fff' });
  }
  const contextChart = lines.length ? new Chart(chartCanvas, {
    type: 'line', data: { datasets }, plugins: [bands],
    options: {
      animation: false, maintainAspectRatio: false, parsing: true,
      interaction: { mode: 'nearest', intersect: false },
      scales: { x: { type: 'linear', title: { display: true, text: 'request' }, min: 0, max: Math.max(0, lines.length - 1), ticks: { precision: 0 } },
        y: { beginAtZero: true, title: { display: true, text: 'tokens in context' }, ticks: { callback: (v) => compact(v) } } },
      plugins: { legend: { position: 'bottom' }, tooltip: { callbacks: { label: (c) => `${c.dataset.label}: ${num(Math.round(c.parsed.y))}` } } },
      onClick: (evt, els) => {
        const el = els.find(e => e.datasetIndex === datasets.length - 1 && findings.length);
        if (el) select(el.index);
      },
    },
  }) : null;
  if (contextChart) charts.push(contextChart);
  else chartCanvas.replaceWith(h('div', { class: 'empty' }, 'This session has no requests.'));
  charts.push(new Chart(spendCanvas, {
    type: 'doughnut',
    data: { labels: LABELS, datasets: [{ data: LABELS.map(l => s.spend[l].costUsd), backgroundColor: LABELS.map(l => COLORS[l]), borderWidth: 1 }] },
    options: { animation: false, maintainAspectRatio: false, cutout: '62%',
      plugins: { legend: { position: 'bottom' }, tooltip: { callbacks: { label: (c) => `${c.label}: ${usd(c.parsed)}` } } } },
  }));
}

// ---------- comparison ----------
async function comparePage(params) {
  const by = DIMS.includes(params.get('by')) ? params.get('by') : 'team';
  const data = await getJson(`/compare?by=${by}`);
  const groups = data.groups;
  const tabs = h('div', { class: 'tabs', role: 'tablist' }, DIMS.map(d =>
    h('a', { href: `#/compare?by=${d}`, class: d === by ? 'active' : '', role: 'tab', 'data-by': d }, d[0].toUpperCase() + d.slice(1))));
  const totalCost = groups.reduce((a, g) => a + g.costUsd, 0);
  const totalWaste = groups.reduce((a, g) => a + g.spend.wasteful.costUsd, 0);
  const totalSessions = groups.reduce((a, g) => a + g.sessions, 0);
  const spendCanvas = h('canvas', { id: 'compare-chart', 'aria-label': `Spend by ${by}` });
  const shareCanvas = h('canvas', { id: 'compare-efficiency', 'aria-label': `Avoidable share by ${by}` });
  const rows = groups.map(g => h('tr', { 'data-key': g.key },
    h('td', {}, h('a', { href: `#/sessions?${by}=${encodeURIComponent(g.key)}` }, g.key)),
    h('td', { class: 'num' }, num(g.sessions)), h('td', { class: 'num' }, num(g.requests)),
    h('td', { class: 'num' }, compact(g.tokens)), h('td', { class: 'num' }, usd(g.costUsd)),
    h('td', {}, spendBar(g.spend)), h('td', { class: 'num' }, pct(g.wastefulShare)),
    h('td', { class: 'num' }, pct(g.inefficientShare)),
    h('td', { class: 'num', title: `${g.successes} succeeded, ${g.failures} failed, ${g.unknown} unknown` },
      pct(g.successRate), h('div', { class: 'muted small' }, g.unknown ? `${pct(g.unknownShare)} unknown` : '')),
    h('td', { class: 'num' }, usd(g.costPerSuccessUsd))));
  view.replaceChildren(
    h('div', { class: 'page-head' }, h('div', {}, h('h1', {}, 'Compare'),
      h('p', { class: 'subtitle' }, `Where the money went, by ${by}: ${num(totalSessions)} sessions, ${usd(totalCost)}, ${usd(totalWaste)} wasteful`)), tabs),
    groups.length ? h('div', { class: 'grid two' },
      h('section', { class: 'panel' }, h('h2', {}, `Spend by ${by}`), h('div', { class: 'chart-box' }, spendCanvas)),
      h('section', { class: 'panel' }, h('h2', {}, 'Share of spend that was avoidable'), h('div', { class: 'chart-box' }, shareCanvas)))
      : h('div', { class: 'panel empty' }, 'No sessions to compare yet.'),
    groups.length ? h('div', { class: 'table-wrap' }, h('table', { class: 'data', id: 'compare-table' },
      h('thead', {}, h('tr', {}, h('th', {}, by), h('th', { class: 'num' }, 'Sessions'), h('th', { class: 'num' }, 'Requests'),
        h('th', { class: 'num' }, 'Tokens'), h('th', { class: 'num' }, 'Cost'), h('th', {}, 'Spend'),
        h('th', { class: 'num' }, 'Wasteful'), h('th', { class: 'num' }, 'Inefficient'), h('th', { class: 'num', title: 'among sessions with a known outcome' }, 'Success rate'),
        h('th', { class: 'num' }, 'Cost / success'))), h('tbody', {}, rows))) : null);
  if (!groups.length) return;
  const horizontal = groups.length > 8;
  charts.push(new Chart(spendCanvas, {
    type: 'bar',
    data: { labels: groups.map(g => g.key), datasets: LABELS.map(l => ({ label: l, data: groups.map(g => g.spend[l].costUsd), backgroundColor: COLORS[l] })) },
    // above 8 groups the bars turn horizontal: the dollar ticks go to the value axis (x), and the
    // category axis keeps the group names
    options: { animation: false, maintainAspectRatio: false, indexAxis: horizontal ? 'y' : 'x',
      scales: { [horizontal ? 'x' : 'y']: { stacked: true, ticks: { callback: (v) => usd(v) } },
        [horizontal ? 'y' : 'x']: { stacked: true, ticks: { autoSkip: false } } },
      plugins: { legend: { position: 'bottom' }, tooltip: { callbacks: { label: (c) => `${c.dataset.label}: ${usd(c.raw)}` } } } },
  }));
  charts.push(new Chart(shareCanvas, {
    type: 'bar',
    data: { labels: groups.map(g => g.key), datasets: [
      { label: 'wasteful', data: groups.map(g => g.wastefulShare * 100), backgroundColor: COLORS.wasteful },
      { label: 'inefficient', data: groups.map(g => g.inefficientShare * 100), backgroundColor: COLORS.inefficient }] },
    options: { animation: false, maintainAspectRatio: false, indexAxis: 'y',
      scales: { x: { stacked: true, max: 100, ticks: { callback: (v) => v + '%' } }, y: { stacked: true } },
      plugins: { legend: { position: 'bottom' }, tooltip: { callbacks: { label: (c) => `${c.dataset.label}: ${c.raw.toFixed(1)}%` } } } },
  }));
}

// ---------- upload ----------
async function uploadPage() {
  const input = h('input', { type: 'file', id: 'file-input', multiple: true, accept: '.jsonl,.json,.gz,.zip,.traj', style: 'display:none' });
  const list = h('ul', { class: 'filelist', id: 'file-list' });
  const bar = h('div');
  const progress = h('div', { class: 'progress', hidden: true }, bar);
  const result = h('div', { id: 'upload-result' });
  const fields = ['team', 'user', 'repo'].map(f => h('input', { name: f, id: `upload-${f}`, placeholder: `${f} (optional)` }));
  const send = h('button', { class: 'primary', id: 'upload-button', disabled: true, onclick: () => upload() }, 'Upload');
  let files = [];
  const zone = h('div', { class: 'dropzone', id: 'dropzone', tabindex: 0, onclick: () => input.click(),
    onkeydown: (e) => { if (e.key === 'Enter') input.click(); } },
  h('div', { class: 'big' }, 'Drop trace files here'),
  h('div', { class: 'muted' }, 'Claude Code, Codex, Gemini CLI, OpenHands, SWE-agent… as .jsonl, .json, .gz or a .zip of many — or click to choose'));
  ['dragenter', 'dragover'].forEach(t => zone.addEventListener(t, (e) => { e.preventDefault(); zone.classList.add('over'); }));
  ['dragleave', 'drop'].forEach(t => zone.addEventListener(t, (e) => { e.preventDefault(); zone.classList.remove('over'); }));
  zone.addEventListener('drop', (e) => choose([...e.dataTransfer.files]));
  input.addEventListener('change', () => choose([...input.files]));

  function choose(chosen) {
    files = chosen;
    list.replaceChildren(...files.map(f => h('li', {}, `${f.name} · ${compact(f.size)}B`)));
    send.disabled = files.length === 0;
  }

  function upload() {
    const form = new FormData();
    files.forEach(f => form.append('file', f, f.name));
    fields.forEach(f => { if (f.value.trim()) form.append(f.name, f.value.trim()); });
    const xhr = new XMLHttpRequest();
    xhr.open('POST', API + '/sessions');
    if (token()) xhr.setRequestHeader('Authorization', 'Bearer ' + token());
    progress.hidden = false;
    bar.style.width = '0';
    send.disabled = true;
    result.replaceChildren();
    xhr.upload.onprogress = (e) => { if (e.lengthComputable) bar.style.width = `${(e.loaded / e.total) * 100}%`; };
    xhr.onload = () => {
      bar.style.width = '100%';
      send.disabled = false;
      let body;
      try { body = JSON.parse(xhr.responseText); } catch { body = { error: xhr.statusText }; }
      if (xhr.status === 401) { signInPage(new URLSearchParams(), [], body.error); return; }
      if (xhr.status >= 400) {
        result.replaceChildren(h('div', { class: 'alert error', role: 'alert' }, h('strong', {}, 'Upload refused: '), body.error,
          body.file ? h('div', { class: 'mono small' }, body.file + (body.line ? `:${body.line}` : '')) : null,
          h('div', { class: 'small' }, 'Nothing was stored.')));
        return;
      }
      const ok = h('div', { class: 'alert ok' }, body.stored ? `Stored ${body.stored} session${body.stored === 1 ? '' : 's'}.` : 'Already stored: nothing changed.',
        body.unchanged ? ` ${body.unchanged} unchanged.` : '');
      const table = h('table', { class: 'data', id: 'uploaded' }, h('thead', {}, h('tr', {}, h('th', {}, 'Session'), h('th', {}, 'Agent'),
        h('th', { class: 'num' }, 'Requests'), h('th', { class: 'num' }, 'Cost'), h('th', {}, 'Spend'))),
      h('tbody', {}, body.sessions.map(s => h('tr', {},
        h('td', {}, h('a', { href: `#/session/${encodeURIComponent(s.id)}`, class: 'mono session-link' }, s.id)),
        h('td', {}, s.agent), h('td', { class: 'num' }, num(s.requests)), h('td', { class: 'num' }, usd(s.costUsd)), h('td', {}, spendBar(s.spend))))));
      const problems = body.problems?.length ? h('div', { class: 'alert warn' }, h('strong', {}, `${body.problems.length} problem(s) while reading:`),
        h('ul', {}, body.problems.slice(0, 20).map(p => h('li', { class: 'mono small' }, `${p.file}${p.line ? ':' + p.line : ''}: ${p.message}`)))) : null;
      result.replaceChildren(ok, problems || '', h('div', { class: 'table-wrap' }, table));
    };
    xhr.onerror = () => { send.disabled = false; result.replaceChildren(errorBox(new Error('network error'))); };
    xhr.send(form);
  }

  view.replaceChildren(
    h('div', { class: 'page-head' }, h('div', {}, h('h1', {}, 'Upload traces'),
      h('p', { class: 'subtitle' }, 'Files are kept compressed and content-addressed; uploading the same file twice changes nothing.'))),
    h('section', { class: 'panel' }, zone, input, list,
      h('div', { class: 'upload-fields' }, h('span', { class: 'muted' }, 'Attribute to:'), ...fields, send),
      progress, result));
}
