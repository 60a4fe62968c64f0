// The MeshBench dashboard: plain JavaScript, no build step, no CDN. It reads a snapshot from the
// JSON API once, then keeps every view up to date from the live event stream (/api/events), the
// same MeshEvents the workbench window and the recorder read.
'use strict';

const TOKEN = (() => {
  const m = /token=([^&]+)/.exec(location.hash);
  if (m) {
    sessionStorage.setItem('meshbench-token', decodeURIComponent(m[1]));
    history.replaceState(null, '', location.pathname);
  }
  return sessionStorage.getItem('meshbench-token');
})();

const MAX_TASKS = 200;
const MAX_TIMELINE = 300;
const MAX_SAMPLES = 600;
const MAX_FLYING = 200;
const SVG = 'http://www.w3.org/2000/svg';
const $ = id => document.getElementById(id);

const state = {
  mesh: null,
  devices: new Map(),      // id -> {id, orchestrator, local, has_npu, up, cpu_load, ram_load, battery, running_tasks, wins, samples}
  order: [],               // device ids, orchestrator first
  tasks: new Map(),        // task id -> task (as the API gives it)
  selected: null,          // task id shown in the detail, or null for the newest decided one
  winner: null,            // the latest winner, gold in the graph
  mine: new Map(),         // task id -> <li> of prompts sent from this page
  positions: new Map(),
  flying: [],
};

// ---------------------------------------------------------------- the API

async function api(method, path, body) {
  const headers = {'Accept': 'application/json'};
  if (TOKEN) headers['Authorization'] = 'Bearer ' + TOKEN;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await fetch(path, {method, headers, body: body === undefined ? undefined : JSON.stringify(body)});
  const json = await res.json().catch(() => ({error: {message: res.status + ' ' + res.statusText}}));
  if (!res.ok) throw new Error(json.error ? json.error.message : res.status + ' ' + res.statusText);
  return json;
}

async function loadAll() {
  const [mesh, devices, tasks] = await Promise.all([
    api('GET', '/api/mesh'), api('GET', '/api/devices?samples=240'), api('GET', '/api/tasks?limit=' + MAX_TASKS)]);
  state.mesh = mesh;
  $('mesh-description').textContent = mesh.description + ' · orchestrator ' + mesh.orchestrator;
  const strategy = $('strategy');
  strategy.replaceChildren(...mesh.strategies.map(name => new Option(name, name, false, name === mesh.strategy)));
  const profile = $('profile');
  profile.replaceChildren(...mesh.profiles.map(p => new Option(p.label, p.key)));
  $('device-control').hidden = !mesh.simulated;
  if (mesh.priority_supported) {
    $('priority').hidden = false;
  }
  setDevices(devices.devices);
  state.tasks.clear();
  tasks.tasks.slice().reverse().forEach(t => state.tasks.set(t.task_id, t));
  const decided = tasks.tasks.find(t => t.winner);
  if (decided) state.winner = decided.device_id || decided.winner;
  renderTasks();
  renderGraphNodes();
}

function setDevices(list) {
  const old = state.devices, oldOrder = state.order.join('\n');
  state.devices = new Map();
  state.order = [];
  for (const d of list) {
    const before = old.get(d.id);
    if (before && before.samples.length > d.samples.length) d.samples = before.samples;
    state.devices.set(d.id, d);
    state.order.push(d.id);
  }
  if (state.order.join('\n') !== oldOrder) layout(); else markAll();
  renderDevices();
}

// ---------------------------------------------------------------- the event stream

let source = null;

function connect() {
  if (source) source.close();
  source = new EventSource('/api/events' + (TOKEN ? '?access_token=' + encodeURIComponent(TOKEN) : ''));
  source.onopen = () => { $('conn').textContent = 'live'; $('conn').className = 'conn on'; };
  source.onerror = () => { $('conn').textContent = 'reconnecting…'; $('conn').className = 'conn off'; };
  source.onmessage = msg => {
    let event;
    try { event = JSON.parse(msg.data); } catch (e) { return; }
    onEvent(event);
  };
}

let reloadTimer = null;
function reloadSoon() {
  if (reloadTimer) return;
  reloadTimer = setTimeout(() => { reloadTimer = null; loadAll().catch(showError); }, 300);
}

function device(id) {
  return state.devices.get(id);
}

function onEvent(e) {
  switch (e.event) {
    case 'Hello':
      reloadSoon();
      break;
    case 'StreamGap':
      reloadSoon();
      break;
    case 'NodeStarted': {
      const d = device(e.node);
      if (!d) { reloadSoon(); break; }
      d.up = true; markDevice(d.id);
      break;
    }
    case 'NodeStopped': {
      const d = device(e.node);
      if (d) { d.up = false; d.down_reason = 'stopped'; markDevice(d.id); }
      break;
    }
    case 'DeliveryFailed': {
      const d = device(e.peer);
      if (d && !d.orchestrator) { d.up = false; d.down_reason = 'unreachable'; markDevice(d.id); }
      fly(e.node, e.peer, 'ERROR');
      break;
    }
    case 'MessageSent':
      fly(e.node, e.peer, wireType(e));
      timeline(e.time, e.node, e.peer, wireType(e), e.taskId);
      break;
    case 'MessageReceived': {
      const from = device(e.peer);
      if (from && !from.orchestrator && from.up === false) { from.up = true; markDevice(from.id); }
      // A device in another process: its sends are seen only as the orchestrator's receipts (a
      // local device's and the orchestrator's own sends have their MessageSent already).
      if (!from || !(from.local || from.orchestrator)) {
        fly(e.peer, e.node, wireType(e));
        timeline(e.time, e.peer, e.node, wireType(e), e.taskId);
      }
      break;
    }
    case 'MetricSampled': {
      const d = device(e.node);
      if (d) {
        d.cpu_load = e.cpuLoad; d.ram_load = e.ramLoad; d.battery = e.battery; d.running_tasks = e.runningTasks;
        sample(d, e.time, e.cpuLoad, e.ramLoad, e.battery);
        dirtyDevices = true;
      }
      break;
    }
    case 'AuctionOpened':
      state.tasks.set(e.taskId, {task_id: e.taskId, prompt: e.prompt, state: 'bidding', asked: e.peers, bids: [],
        opened_at_ms: Math.round(e.time / 1e6), timing_ms: {}});
      trimTasks();
      dirtyTasks = true;
      break;
    case 'BidAccepted': {
      const t = state.tasks.get(e.taskId);
      if (t) { t.bids.push(bidJson(e.bid)); dirtyTasks = true; }
      const d = device(e.bid.deviceId);
      if (d && d.has_npu === null) { d.has_npu = e.bid.hasNpu; dirtyDevices = true; }
      break;
    }
    case 'AuctionClosed': {
      const t = state.tasks.get(e.taskId);
      if (t) {
        t.bids = e.bids.map(bidJson);
        t.strategy = e.strategy; t.strategy_title = e.strategyTitle;
        t.rule = e.selection.rule; t.reason = e.selection.reason;
        t.winner = e.selection.ranking[0].deviceId; t.closed_by = e.closedBy; t.missing = e.missing;
        dirtyTasks = true;
      }
      state.winner = e.selection.ranking[0].deviceId;
      markAll();
      break;
    }
    case 'TaskAssigned': {
      const t = state.tasks.get(e.taskId);
      if (t) {
        t.state = 'assigned'; t.device_id = e.device; t.use_npu = e.useNpu; t.prompt_type = e.promptType;
        dirtyTasks = true;
      }
      if (state.winner !== e.device) { state.winner = e.device; markAll(); }
      break;
    }
    case 'TaskCompleted':
    case 'TaskFailed': {
      const t = state.tasks.get(e.taskId);
      if (t) {
        const ok = e.event === 'TaskCompleted' && e.status === 'completed';
        t.state = ok ? 'completed' : 'failed';
        if (e.event === 'TaskCompleted') { t.device_id = e.device; t.output = e.output; t.status = e.status; }
        if (!ok) t.error = e.event === 'TaskFailed' ? e.reason : e.device + ' answered ' + e.status + ': ' + e.output;
        t.timing_ms = timingMs(e.timing);
        dirtyTasks = true;
        answer(t);
      }
      if (e.event === 'TaskCompleted' && e.status === 'completed') {
        const d = device(e.device);
        if (d) { d.wins = (d.wins || 0) + 1; dirtyDevices = true; }
      }
      break;
    }
    default:
      break;
  }
}

// A message event's own "type" is the wire type (BID_REQUEST, ...); the event's kind is in "event".
function wireType(e) {
  return ['BID_REQUEST', 'BID_RESPONSE', 'TASK', 'RESULT'].includes(e.type) ? e.type : 'ERROR';
}

function bidJson(b) {
  return {device_id: b.deviceId, has_npu: b.hasNpu, cpu_load: b.cpuLoad, ram_load: b.ramLoad, battery: b.battery};
}

function timingMs(t) {
  const ms = v => v < 0 ? null : Math.round(v / 1e4) / 100;
  return t ? {bidding: ms(t.bidding), selection: ms(t.selection), execution: ms(t.execution), total: ms(t.total)} : {};
}

function trimTasks() {
  while (state.tasks.size > MAX_TASKS) {
    const oldest = state.tasks.keys().next().value;
    state.tasks.delete(oldest);
  }
}

function sample(d, time, cpu, ram, battery) {
  d.samples.push([Math.round(time / 1e6), cpu, ram, battery]);
  if (d.samples.length > MAX_SAMPLES) d.samples.splice(0, d.samples.length - MAX_SAMPLES);
}

// ---------------------------------------------------------------- the graph

function layout() {
  const cx = 300, cy = 220;
  const others = state.order.filter(id => !device(id).orchestrator);
  const r = others.length > 12 ? 190 : 160;
  state.positions.clear();
  state.order.forEach(id => { if (device(id).orchestrator) state.positions.set(id, {x: cx, y: cy}); });
  others.forEach((id, i) => {
    const a = -Math.PI / 2 + 2 * Math.PI * i / Math.max(1, others.length);
    state.positions.set(id, {x: cx + r * Math.cos(a), y: cy + r * Math.sin(a)});
  });
  renderGraphNodes();
}

function renderGraphNodes() {
  const edges = $('edges'), nodes = $('nodes');
  edges.replaceChildren();
  nodes.replaceChildren();
  const centre = state.order.find(id => device(id).orchestrator);
  const small = state.order.length > 13;
  for (const id of state.order) {
    const d = device(id), p = state.positions.get(id);
    if (!p) continue;
    if (!d.orchestrator && centre) {
      const c = state.positions.get(centre);
      const line = document.createElementNS(SVG, 'line');
      line.setAttribute('class', 'edge');
      line.setAttribute('x1', c.x); line.setAttribute('y1', c.y); line.setAttribute('x2', p.x); line.setAttribute('y2', p.y);
      edges.appendChild(line);
    }
    const g = document.createElementNS(SVG, 'g');
    g.setAttribute('class', 'node');
    g.setAttribute('data-device', id);
    g.setAttribute('transform', 'translate(' + p.x + ',' + p.y + ')');
    const circle = document.createElementNS(SVG, 'circle');
    circle.setAttribute('r', d.orchestrator ? 34 : small ? 12 : 30);
    g.appendChild(circle);
    const title = document.createElementNS(SVG, 'title');
    g.appendChild(title);
    if (!small || d.orchestrator) {
      const name = document.createElementNS(SVG, 'text');
      name.setAttribute('y', -2);
      name.textContent = id;
      g.appendChild(name);
      const info = document.createElementNS(SVG, 'text');
      info.setAttribute('class', 'small');
      info.setAttribute('y', 12);
      g.appendChild(info);
    }
    nodes.appendChild(g);
    markDevice(id);
  }
}

function markAll() {
  state.order.forEach(markDevice);
}

function markDevice(id) {
  const d = device(id);
  const g = document.querySelector('#nodes g[data-device="' + CSS.escape(id) + '"]');
  dirtyDevices = true;
  if (!d || !g) return;
  g.classList.toggle('orchestrator', !!d.orchestrator);
  g.classList.toggle('npu', d.has_npu === true);
  g.classList.toggle('down', d.up === false);
  g.classList.toggle('winner', state.winner === id && d.up !== false);
  const info = g.querySelector('text.small');
  const label = d.orchestrator ? 'orchestrator'
    : d.up === false ? 'down'
    : (d.has_npu === true ? 'NPU' : d.has_npu === false ? 'CPU' : '?') + (d.cpu_load != null ? ' ' + pct(d.cpu_load) : '');
  if (info) info.textContent = label;
  g.querySelector('title').textContent = id + ': ' + label + (d.battery != null ? ', battery ' + d.battery + '%' : '');
}

function fly(from, to, type) {
  const a = state.positions.get(from), b = state.positions.get(to);
  if (!a || !b || document.hidden) return;
  if (state.flying.length >= MAX_FLYING) {
    const dropped = state.flying.shift();
    dropped.el.remove();
  }
  const el = document.createElementNS(SVG, 'circle');
  el.setAttribute('r', 6);
  el.setAttribute('class', 'msg ' + (type || 'ERROR'));
  el.setAttribute('cx', a.x); el.setAttribute('cy', a.y);
  $('messages').appendChild(el);
  state.flying.push({el, a, b, start: performance.now()});
}

function animate(now) {
  const keep = [];
  for (const m of state.flying) {
    const t = Math.min(1, (now - m.start) / 650);
    m.el.setAttribute('cx', m.a.x + (m.b.x - m.a.x) * t);
    m.el.setAttribute('cy', m.a.y + (m.b.y - m.a.y) * t);
    if (t < 1) keep.push(m); else m.el.remove();
  }
  state.flying = keep;
  requestAnimationFrame(animate);
}

// ---------------------------------------------------------------- tables

let dirtyTasks = false, dirtyDevices = false;

function pct(v) {
  return v == null || v < 0 ? '–' : (v * 100).toFixed(1) + '%';
}

function ms(v) {
  return v == null ? '–' : v >= 1000 ? (v / 1000).toFixed(2) + ' s' : v.toFixed(1) + ' ms';
}

function cell(tr, text, cls) {
  const td = document.createElement('td');
  td.textContent = text == null ? '' : text;
  if (cls) td.className = cls;
  tr.appendChild(td);
  return td;
}

// Rows are kept per task and updated in place, so a row being clicked stays the same element.
function renderTasks() {
  dirtyTasks = false;
  const body = $('auctions').tBodies[0];
  const existing = new Map(Array.from(body.rows).map(r => [r.dataset.task, r]));
  const rows = [];
  const list = Array.from(state.tasks.values()).reverse();
  for (const t of list) {
    let tr = existing.get(t.task_id);
    if (!tr) {
      tr = document.createElement('tr');
      tr.dataset.task = t.task_id;
      for (let i = 0; i < 5; i++) tr.insertCell();
      tr.cells[3].className = 'winner';
      tr.onclick = () => { state.selected = tr.dataset.task; renderTasks(); };
    }
    tr.className = t.task_id === state.selected ? 'selected' : '';
    const texts = [t.task_id, t.prompt, t.state, t.device_id || t.winner || '', ms(t.timing_ms && t.timing_ms.total)];
    texts.forEach((text, i) => { if (tr.cells[i].textContent !== text) tr.cells[i].textContent = text; });
    tr.cells[1].title = t.prompt;
    tr.cells[2].className = 'state-' + t.state;
    rows.push(tr);
  }
  if (rows.length !== body.rows.length || rows.some((r, i) => body.rows[i] !== r)) body.replaceChildren(...rows);
  const shown = state.selected && state.tasks.get(state.selected) || list.find(t => t.winner) || list[0];
  renderDetail(shown);
}

function renderDetail(t) {
  const box = $('auction-detail');
  if (!t) { box.textContent = 'Send a prompt: its auction appears here.'; return; }
  box.replaceChildren();
  const rule = '='.repeat(60);
  const add = (text, cls, tag) => {
    const el = document.createElement(tag || 'div');
    el.textContent = text;
    if (cls) el.className = cls;
    box.appendChild(el);
    return el;
  };
  add(t.task_id + ' · ' + t.state + ' · "' + t.prompt + '"');
  add(rule);
  add('🎯 EVALUATING BIDS (' + (t.strategy_title || 'bidding…') + ')', 'title');
  add(rule);
  const table = document.createElement('table');
  table.className = 'bids';
  const head = table.createTHead().insertRow();
  ['Device', 'NPU', 'CPU Load', 'RAM Load', 'Battery'].forEach(h => { const th = document.createElement('th'); th.textContent = h; head.appendChild(th); });
  const tb = table.createTBody();
  for (const b of t.bids || []) {
    const tr = tb.insertRow();
    if (b.device_id === t.winner) tr.className = 'win';
    cell(tr, b.device_id);
    cell(tr, b.has_npu ? '✓ YES' : '✗ NO');
    cell(tr, pct(b.cpu_load));
    cell(tr, pct(b.ram_load));
    cell(tr, b.battery == null ? '–' : b.battery + '%');
  }
  box.appendChild(table);
  if (t.winner) {
    const w = add('🏆 WINNER (' + t.rule + '): ' + t.winner, 'win');
    w.id = 'auction-winner';
    w.dataset.winner = t.winner;
    add('   Why: ' + t.reason);
    if (t.missing && t.missing.length) add('   No bid from: ' + t.missing.join(', '));
  }
  if (t.device_id && t.device_id !== t.winner) add('   Ran on ' + t.device_id + ' (the winner could not take it)');
  const tm = t.timing_ms || {};
  if (tm.total != null) add('⏱  total ' + ms(tm.total) + ': bidding ' + ms(tm.bidding) + ', selection ' + ms(tm.selection) + ', execution and return ' + ms(tm.execution));
  if (t.error) add('✗ ' + t.error, 'error');
  if (t.output) add('✅ ' + t.output);
  add(rule);
}

// Rows are updated in place (a button under the pointer stays the same element while the
// numbers beside it change), and rebuilt only when a device comes, goes or changes state.
function renderDevices() {
  dirtyDevices = false;
  const body = $('devices').tBodies[0];
  const existing = new Map(Array.from(body.rows).map(r => [r.dataset.device, r]));
  const rows = [];
  for (const id of state.order) {
    const d = device(id);
    let tr = existing.get(id);
    if (!tr) {
      tr = document.createElement('tr');
      tr.dataset.device = id;
      for (let i = 0; i < 9; i++) tr.insertCell();
      tr.cells[7].className = 'state';
    }
    tr.className = d.up === false ? 'down' : '';
    const o = d.orchestrator;
    const texts = [
      id + (o ? ' (orchestrator)' : ''),
      o ? '' : d.has_npu === true ? '✓' : d.has_npu === false ? '✗' : '?',
      o ? '' : pct(d.cpu_load),
      o ? '' : pct(d.ram_load),
      o || d.battery == null || d.battery < 0 ? '' : d.battery + '%',
      o || d.running_tasks == null || d.running_tasks < 0 ? '' : String(d.running_tasks),
      o ? '' : String(d.wins || 0),
      o ? 'up' : d.up === false ? 'down' : d.up ? 'up' : 'not heard yet'];
    texts.forEach((text, i) => { if (tr.cells[i].textContent !== text) tr.cells[i].textContent = text; });
    const controls = d.local && state.mesh && state.mesh.simulated ? (d.up === false ? 'down' : 'up') : '';
    if (tr.dataset.controls !== controls) {
      tr.dataset.controls = controls;
      const actions = tr.cells[8];
      actions.replaceChildren();
      if (controls === 'down') actions.appendChild(button('revive', () => control('POST', '/api/devices/' + encodeURIComponent(id) + '/revive')));
      if (controls === 'up') actions.appendChild(button('kill', () => control('POST', '/api/devices/' + encodeURIComponent(id) + '/kill')));
      if (controls) actions.appendChild(button('remove', () => control('DELETE', '/api/devices/' + encodeURIComponent(id))));
    }
    rows.push(tr);
  }
  if (rows.length !== body.rows.length || rows.some((r, i) => body.rows[i] !== r)) body.replaceChildren(...rows);
  drawChart($('chart-cpu'), 1, 1);
  drawChart($('chart-battery'), 3, 100);
}

function button(label, action) {
  const b = document.createElement('button');
  b.type = 'button';
  b.className = 'small';
  b.textContent = label;
  b.dataset.action = label;
  b.onclick = () => { b.disabled = true; action().finally(() => { b.disabled = false; }); };
  return b;
}

async function control(method, path, body) {
  $('device-error').hidden = true;
  try {
    await api(method, path, body);
    const devices = await api('GET', '/api/devices?samples=240');
    setDevices(devices.devices);
  } catch (e) {
    $('device-error').textContent = e.message;
    $('device-error').hidden = false;
  }
}

const COLOURS = ['#58a6ff', '#bc8cff', '#3fb950', '#f0883e', '#e3b341', '#f85149', '#39c5cf', '#db61a2'];

function drawChart(canvas, column, max) {
  const ctx = canvas.getContext('2d');
  const w = canvas.width, h = canvas.height;
  ctx.clearRect(0, 0, w, h);
  // The last five minutes, or since the first sample when the page has seen less (at least 10 s).
  let oldest = Date.now();
  for (const id of state.order) { const d = device(id); if (d.samples && d.samples.length) oldest = Math.min(oldest, d.samples[0][0]); }
  const now = Date.now(), span = Math.min(5 * 60 * 1000, Math.max(10 * 1000, now - oldest));
  ctx.strokeStyle = '#21262d';
  ctx.beginPath();
  for (let i = 1; i < 4; i++) { ctx.moveTo(0, h * i / 4); ctx.lineTo(w, h * i / 4); }
  ctx.stroke();
  let colour = 0;
  ctx.font = '10px sans-serif';
  for (const id of state.order) {
    const d = device(id);
    if (d.orchestrator || !d.samples || !d.samples.length) continue;
    ctx.strokeStyle = ctx.fillStyle = COLOURS[colour % COLOURS.length];
    ctx.globalAlpha = d.up === false ? 0.35 : 1;
    ctx.beginPath();
    let first = true;
    for (const s of d.samples) {
      if (s[column] == null || s[column] < 0) continue;
      const x = w - (now - s[0]) / span * w;
      const y = h - Math.min(1, s[column] / max) * (h - 4) - 2;
      if (first) { ctx.moveTo(x, y); first = false; } else ctx.lineTo(x, y);
    }
    ctx.stroke();
    ctx.fillText(id, 4 + 70 * colour, 10);
    ctx.globalAlpha = 1;
    colour++;
  }
}

// ---------------------------------------------------------------- timeline and answers

function timeline(time, from, to, type, task) {
  const body = $('timeline').tBodies[0];
  const tr = document.createElement('tr');
  cell(tr, new Date(time / 1e6).toISOString().substring(11, 23));
  cell(tr, from);
  cell(tr, '→');
  cell(tr, to);
  cell(tr, type, type);
  cell(tr, task || '');
  body.insertBefore(tr, body.firstChild);
  while (body.rows.length > MAX_TIMELINE) body.deleteRow(body.rows.length - 1);
}

function answer(t) {
  const li = state.mine.get(t.task_id);
  if (!li) return;
  li.replaceChildren();
  const head = document.createElement('div');
  head.className = 'head';
  if (t.state === 'completed') {
    head.append(t.task_id + ' · answered by ');
    const w = document.createElement('span');
    w.className = 'winner-name';
    w.textContent = t.device_id;
    head.append(w, ' in ' + ms(t.timing_ms.total));
  } else {
    head.textContent = t.task_id + ' · failed';
    head.classList.add('failed');
  }
  const body = document.createElement('div');
  body.textContent = t.state === 'completed' ? t.output : t.error;
  li.dataset.state = t.state;
  li.dataset.device = t.device_id || '';
  li.append(head, body);
}

async function send(ev) {
  ev.preventDefault();
  const prompt = $('prompt').value.trim();
  if (!prompt) return;
  const body = {prompt};
  if ($('npu-prompt').value.trim()) body.npu_prompt = $('npu-prompt').value.trim();
  if ($('cpu-prompt').value.trim()) body.cpu_prompt = $('cpu-prompt').value.trim();
  if (state.mesh && state.mesh.priority_supported && $('priority').value) body.priority = $('priority').value;
  const li = document.createElement('li');
  li.textContent = '… ' + prompt;
  $('answers').insertBefore(li, $('answers').firstChild);
  $('prompt-error').hidden = true;
  try {
    const res = await api('POST', '/api/tasks', body);
    li.dataset.task = res.task_id;
    state.mine.set(res.task_id, li);
    li.textContent = res.task_id + ' · bidding… ' + prompt;
    const t = state.tasks.get(res.task_id);
    if (t && (t.state === 'completed' || t.state === 'failed')) answer(t);
    state.selected = null;
    $('prompt').value = '';
  } catch (e) {
    li.remove();
    $('prompt-error').textContent = e.message;
    $('prompt-error').hidden = false;
  }
}

function showError(e) {
  $('mesh-description').textContent = 'cannot reach the service: ' + e.message;
}

// ---------------------------------------------------------------- start

$('prompt-form').addEventListener('submit', send);
$('prompt').addEventListener('keydown', e => {
  if (e.key === 'Enter' && !e.shiftKey) { e.preventDefault(); $('prompt-form').requestSubmit(); }
});
$('strategy').addEventListener('change', async e => {
  try {
    await api('PUT', '/api/strategy', {strategy: e.target.value});
  } catch (err) {
    showError(err);
  }
});
$('add-device').addEventListener('click', () => control('POST', '/api/devices', {profile: $('profile').value}));
if (TOKEN) $('metrics-link').hidden = true;

setInterval(() => {
  if (dirtyTasks) renderTasks();
  if (dirtyDevices) renderDevices();
}, 250);
requestAnimationFrame(animate);
loadAll().then(connect).catch(e => { showError(e); connect(); });
