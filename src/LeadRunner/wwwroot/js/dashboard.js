// 数据看板: reads the round's statistics (already scoped by the server) and draws each chart with the ECharts copy in
// wwwroot/lib. Every label comes from the answer (step titles, unit names), so a changed workflow needs no change here.
import * as echarts from '/lib/echarts/echarts.esm.min.mjs';
import { el, send, problemMessages, showAlert } from '/js/api.js';

const root = document.getElementById('dashboard');
const year = root.dataset.year;
const palette = ['#c8161d', '#e6793a', '#f0b429', '#5b8c5a', '#2f7ea8', '#6a5acd', '#8c564b', '#7f7f7f', '#17becf', '#bcbd22'];
const charts = [];

function chart(name, option) {
  const box = root.querySelector(`[data-chart="${name}"]`);
  const instance = echarts.init(box, null, { locale: 'ZH', renderer: 'canvas' });
  instance.setOption({ color: palette, textStyle: { fontFamily: 'system-ui, "Microsoft YaHei", sans-serif' }, ...option });
  charts.push(instance);
}

function empty(name, text) {
  const box = root.querySelector(`[data-chart="${name}"]`);
  box.classList.add('dash-empty');
  box.replaceChildren(el('span', '', text));
}

// The grid's box holds the axis labels and names too (ECharts 6 replaced containLabel with outerBounds*).
const grid = { left: 16, right: 24, top: 56, bottom: 16, outerBoundsMode: 'same', outerBoundsContain: 'all' };
const axisName = { nameTextStyle: { align: 'left' } };
const legend = { top: 0, type: 'scroll' };

function unitsChart(stats) {
  const units = stats.byUnit;
  if (units.length === 0) return empty('units', '暂无报送单位');
  const steps = stats.steps.filter((s) => units.some((u) => u.byStep[s.id] > 0));
  if (steps.length === 0) return empty('units', '本年度尚无申报');
  chart('units', {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend,
    grid,
    xAxis: { type: 'category', data: units.map((u) => u.unitName), axisLabel: { interval: 0, rotate: units.length > 8 ? 30 : 0 } },
    yAxis: { type: 'value', name: '企业数（家）', minInterval: 1, ...axisName },
    series: steps.map((s) => ({ name: s.title, type: 'bar', stack: 'cases', barMaxWidth: 64, emphasis: { focus: 'series' }, data: units.map((u) => u.byStep[s.id] ?? 0) })),
  });
}

function rulesChart(stats) {
  if (stats.rules.length === 0) return empty('rules', '尚无核验结果');
  const rules = [...stats.rules].reverse(); // the category axis draws bottom-up; the first rule goes on top
  const checked = (r) => r.pass + r.fail + r.needsJudgement + r.errors;
  const rate = (r) => (checked(r) === 0 ? 0 : Math.round((1000 * r.pass) / checked(r)) / 10);
  chart('rules', {
    tooltip: {
      trigger: 'axis', axisPointer: { type: 'shadow' },
      formatter: (items) => {
        const r = rules[items[0].dataIndex];
        return `${r.title}<br>${r.judgementTitle}：符合 ${r.pass}，不符合 ${r.fail}，需审核人员判断 ${r.needsJudgement}，规则出错 ${r.errors}<br>符合率 ${rate(r)}%`;
      },
    },
    grid: { ...grid, top: 12, right: 56 },
    xAxis: { type: 'value', max: 100, name: '符合率（%）', nameLocation: 'middle', nameGap: 28 },
    yAxis: { type: 'category', data: rules.map((r) => r.title), axisLabel: { width: 260, overflow: 'truncate' } },
    series: [{
      type: 'bar', name: '符合率',
      data: rules.map((r) => ({ value: rate(r), itemStyle: { color: r.judgement === 'basic' ? palette[0] : palette[4] } })),
      label: { show: true, position: 'right', formatter: '{c}%' },
    }],
  });
}

function specialChart(stats) {
  const categories = stats.specialCategories;
  if (categories.length === 0) return empty('special', '尚无企业申报专项条件');
  chart('special', {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend,
    grid,
    xAxis: { type: 'category', data: categories.map((c) => c.category), axisLabel: { interval: 0 } },
    yAxis: { type: 'value', name: '企业数（家）', minInterval: 1, ...axisName },
    series: [
      { name: '申报', type: 'bar', barMaxWidth: 48, data: categories.map((c) => c.claimed) },
      { name: '核验符合', type: 'bar', barMaxWidth: 48, data: categories.map((c) => c.met) },
    ],
  });
}

function durationsChart(stats) {
  const durations = stats.durations;
  if (durations.length === 0) return empty('durations', '尚无已办结的环节');
  chart('durations', {
    tooltip: {
      trigger: 'axis', axisPointer: { type: 'shadow' },
      formatter: (items) => {
        const d = durations[items[0].dataIndex];
        return `${d.title}<br>平均 ${d.averageDays} 天，中位 ${d.medianDays} 天（自然日，${d.stays} 次）`;
      },
    },
    legend,
    grid,
    xAxis: { type: 'category', data: durations.map((d) => d.title), axisLabel: { interval: 0, width: 110, overflow: 'break' } },
    yAxis: { type: 'value', name: '天数（自然日）', ...axisName },
    series: [
      { name: '平均天数', type: 'bar', barMaxWidth: 48, data: durations.map((d) => d.averageDays) },
      { name: '中位天数', type: 'bar', barMaxWidth: 48, data: durations.map((d) => d.medianDays) },
    ],
  });
}

function overdueChart(stats) {
  const units = stats.overdueByUnit;
  if (units.length === 0) empty('overdue', '当前没有逾期待办');
  else {
    chart('overdue', {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      grid: { ...grid, top: 36 },
      xAxis: { type: 'category', data: units.map((u) => u.unitName), axisLabel: { interval: 0 } },
      yAxis: { type: 'value', name: '逾期待办（件）', minInterval: 1, ...axisName },
      series: [{ name: '逾期待办', type: 'bar', barMaxWidth: 64, data: units.map((u) => u.count), label: { show: true, position: 'top' } }],
    });
  }
  const body = root.querySelector('#overdue-table tbody');
  if (stats.overdue.length === 0) {
    const cell = el('td', 'text-muted', '当前没有逾期待办。');
    cell.colSpan = 6;
    const row = el('tr');
    row.append(cell);
    body.replaceChildren(row);
    return;
  }
  const day = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', dateStyle: 'medium', timeStyle: 'short' });
  body.replaceChildren(...stats.overdue.map((t) => {
    const row = el('tr');
    const name = el('td');
    const link = el('a', '', t.enterprise);
    link.href = `/cases/${t.caseId}`;
    name.append(link);
    row.append(name, el('td', '', t.unitName), el('td', '', t.countyName), el('td', '', t.stepTitle),
      el('td', 'text-nowrap', day.format(new Date(t.dueAt))), el('td', 'text-end text-danger', `${t.daysOverdue} 天`));
    return row;
  }));
}

function figures(stats) {
  const values = { total: stats.total, eligible: stats.eligible, ineligible: stats.ineligible, overdue: stats.overdue.length };
  for (const [key, value] of Object.entries(values)) root.querySelector(`[data-figure="${key}"]`).textContent = String(value);
}

const answer = await send('GET', `/api/rounds/${year}/stats`);
if (!answer.ok) {
  showAlert(document.getElementById('dashboard-alert'), 'danger', '统计数据加载失败：', problemMessages(answer));
} else {
  const stats = answer.data;
  figures(stats);
  unitsChart(stats);
  rulesChart(stats);
  specialChart(stats);
  durationsChart(stats);
  overdueChart(stats);
  window.addEventListener('resize', () => charts.forEach((c) => c.resize()));
  root.dataset.ready = 'true';
}
