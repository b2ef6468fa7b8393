import { errorText } from '../api.js';
import { showDetail } from '../detail.js';
import { badge, fill, h, pre, renderIf, table, when } from '../dom.js';

// The last replay's outcome per delivery: the open detail is drawn again on every change, and keeps it.
const notes = new Map();

async function replay(shared, id, status) {
  const r = await shared.api.post(`/sandbox/notifications/${id}/replay`);
  notes.set(id, r.ok ? `Replay queued: ${r.body.id}` : `Replay refused: ${errorText(r)}`);
  if (status) status.textContent = notes.get(id);
  await shared.refresh();
}

function attempt(a) {
  return h(
    'article',
    { class: 'attempt' },
    h('h4', {}, `Attempt ${a.number} · `, a.response_status ?? 'no answer', ` · ${a.duration_ms} ms · `, h('time', { datetime: a.started_at }, when(a.started_at))),
    a.error ? h('p', { class: 'error' }, a.error) : null,
    h('h5', {}, 'Request'),
    pre(`POST ${a.request?.url ?? ''}\n${Object.entries(a.request?.headers ?? {}).map(([k, v]) => `${k}: ${v}`).join('\n')}\n\n${a.request?.body ?? ''}`),
    h('h5', {}, 'Answer'),
    pre(a.response_body ?? '(none)'),
  );
}

async function deliveryDetail(shared, id) {
  const r = await shared.api.get(`/sandbox/notifications/${id}`);
  if (!r.ok) return h('p', { class: 'error' }, errorText(r));
  const d = r.body;
  const status = h('span', { class: 'muted', role: 'status' }, notes.get(d.id) ?? '');
  return [
    h('p', {}, badge(d.status), ` ${d.kind} · ${d.topic}${d.action ? ` · ${d.action}` : ''} · ${d.resource_id}`),
    h('p', {}, 'To: ', d.url ?? '(no URL)'),
    d.status === 'skipped' ? h('p', { class: 'warn' }, 'Skipped: ', d.last_error ?? '') : d.last_error ? h('p', { class: 'error' }, d.last_error) : null,
    d.next_attempt_at ? h('p', {}, 'Next attempt: ', when(d.next_attempt_at)) : null,
    d.replay_of ? h('p', { class: 'muted' }, `Replay of ${d.replay_of}`) : null,
    h('p', {}, h('button', { type: 'button', onclick: () => replay(shared, d.id, status) }, 'Replay'), status),
    h('h3', {}, `Attempts (${d.attempts.length})`),
    d.attempts.length ? d.attempts.map(attempt) : h('p', { class: 'muted' }, 'No attempt yet.'),
    h('h3', {}, 'Body'),
    pre(d.body),
  ];
}

/** The delivery log: webhooks, IPNs and callbacks, every attempt, replay, and why one was skipped. */
export const deliveriesSection = {
  id: 'deliveries',
  title: 'Notifications (delivery log)',
  short: 'Notifications',
  async render(shared, body) {
    const r = await shared.api.get('/sandbox/notifications?limit=30');
    if (!r.ok) return fill(body, h('p', { class: 'error' }, errorText(r)));
    const rows = r.body.results ?? [];
    renderIf(body, rows, () =>
      rows.length
        ? table(
            ['Created', 'Topic', 'Resource', 'Status', 'Attempts', 'Why / last error', ''],
            rows.map((d) =>
              h(
                'tr',
                { 'data-id': d.id, 'data-status': d.status },
                h('td', {}, when(d.created_at)),
                h('td', {}, `${d.kind} · ${d.topic}`, d.action ? h('span', { class: 'muted small' }, ` ${d.action}`) : null),
                h('td', {}, d.resource_id),
                h('td', {}, badge(d.status)),
                h('td', { class: 'num' }, d.attempts.map((a) => a.response_status ?? '×').join(' ') || '0'),
                h('td', { class: 'small' }, d.last_error ?? ''),
                h(
                  'td',
                  { class: 'actions' },
                  h('button', { type: 'button', class: 'link', onclick: () => showDetail(`Delivery ${d.id}`, () => deliveryDetail(shared, d.id)) }, 'Details'),
                  h('button', { type: 'button', class: 'link', onclick: () => replay(shared, d.id) }, 'Replay'),
                ),
              ),
            ),
          )
        : h('p', { class: 'muted' }, 'Nothing sent yet. Configure a webhook URL (PUT /sandbox/sellers/{user_id}/webhooks) to receive notifications.'),
    );
    return true;
  },
};
