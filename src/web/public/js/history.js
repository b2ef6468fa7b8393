import { badge, h, when } from './dom.js';

/** A status timeline: [{status, detail?, reason?, created_at}]. */
export function timeline(statuses) {
  if (!statuses?.length) return h('p', { class: 'muted' }, 'No status history.');
  return h(
    'ol',
    { class: 'timeline' },
    statuses.map((s) => h('li', {}, badge(s.status), ' ', s.detail ?? s.reason ?? '', ' ', h('time', { datetime: s.created_at }, when(s.created_at)))),
  );
}

/** GET /sandbox/history/{aggregate}/{id}, or nothing when this caja does not keep one for it. */
export async function historyOf(api, aggregate, id) {
  if (!aggregate) return null;
  const r = await api.get(`/sandbox/history/${aggregate}/${encodeURIComponent(id)}`);
  return r.ok ? r.body.statuses : null;
}
