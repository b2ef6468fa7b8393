import { errorText } from '../api.js';
import { fill, h, when } from '../dom.js';

const STEPS = [
  ['+1 minute', 60],
  ['+10 minutes', 600],
  ['+1 hour', 3600],
  ['+1 day', 86_400],
];

async function advance(shared, seconds, status) {
  const r = await shared.api.post('/sandbox/clock/advance', { seconds });
  status.textContent = r.ok ? `Advanced ${seconds} s` : `Could not advance: ${errorText(r)}`;
  await shared.refresh();
}

/** The seller's test clock: timers (expirations, refunds, retries) run on it. */
export const clockSection = {
  id: 'clock',
  title: "Seller's clock",
  short: 'Clock',
  async render(shared, body) {
    const r = await shared.api.get('/sandbox/clock');
    if (!r.ok) return fill(body, h('p', { class: 'error' }, errorText(r)));
    shared.now = Date.parse(r.body.now);
    if (body.dataset.ready) {
      body.querySelector('.now').textContent = when(r.body.now);
      body.querySelector('.offset').textContent = `offset +${r.body.offset_seconds} s`;
      return true;
    }
    body.dataset.ready = '1';
    const status = h('span', { class: 'muted', role: 'status' });
    const seconds = h('input', { id: 'advance-seconds', type: 'number', min: '1', step: '1', value: '300', inputmode: 'numeric' });
    fill(
      body,
      h('p', { class: 'clock' }, h('strong', { class: 'now' }, when(r.body.now)), ' ', h('span', { class: 'offset muted' }, `offset +${r.body.offset_seconds} s`)),
      h(
        'div',
        { class: 'row' },
        STEPS.map(([label, s]) => h('button', { type: 'button', onclick: () => advance(shared, s, status) }, label)),
        h(
          'form',
          {
            class: 'inline',
            onsubmit: (e) => {
              e.preventDefault();
              void advance(shared, Number(seconds.value), status);
            },
          },
          h('label', { for: 'advance-seconds' }, 'Seconds'),
          seconds,
          h('button', { type: 'submit' }, 'Advance'),
        ),
        status,
      ),
    );
    return true;
  },
};
