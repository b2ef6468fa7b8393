// One EventSource per page. It only says "something changed for this seller";
// the page then fetches what it shows. EventSource cannot send the token, so
// the page trades it for a one-minute ticket (POST /sandbox/stream/ticket) and
// gets a new one whenever the stream drops.

export function connectLive(api, onChange, onState = () => {}) {
  let source = null;
  let retry = null;
  let timer = null;
  const changed = () => {
    clearTimeout(timer);
    timer = setTimeout(onChange, 100);
  };
  const again = () => {
    clearTimeout(retry);
    retry = setTimeout(open, 2000);
  };
  async function open() {
    const t = await api.post('/sandbox/stream/ticket');
    if (!t.ok) {
      onState('offline');
      return again();
    }
    source = new EventSource(`/sandbox/stream?ticket=${encodeURIComponent(t.body.ticket)}`);
    source.addEventListener('ready', () => onState('live'));
    source.addEventListener('change', changed);
    source.addEventListener('error', () => {
      source.close();
      onState('reconnecting');
      again();
    });
  }
  void open();
  return () => {
    clearTimeout(retry);
    source?.close();
  };
}
