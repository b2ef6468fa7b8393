import { fill, h } from './dom.js';

// One dialog shows one thing in detail; it is rendered again on every change
// while it stays open, so a delivery's attempts appear as they happen.
const dialog = document.getElementById('detail');
const title = document.getElementById('detail-title');
const body = document.getElementById('detail-body');
let current = null;

export async function showDetail(heading, render) {
  current = { heading, render };
  fill(title, heading);
  fill(body, h('p', {}, 'Loading…'));
  if (!dialog.open) dialog.showModal();
  await refreshDetail();
}

export async function refreshDetail() {
  if (!current || !dialog.open) return;
  const mine = current;
  const nodes = await mine.render();
  if (current === mine) fill(body, nodes);
}

export function closeDetail() {
  dialog.close();
}

dialog.addEventListener('close', () => {
  current = null;
});
