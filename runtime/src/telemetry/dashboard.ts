/** The dashboard page (self-contained, no CDN): polls `/graph.dot` and shows it; keeps the last one when the process ends. */
export const DASHBOARD_HTML = `<!doctype html>
<html><head><meta charset="utf-8"><title>steady_state telemetry</title>
<style>body{font-family:sans-serif;margin:1em}pre{background:#f6f6f6;padding:1em}#status{color:#a00}</style></head>
<body><h1>Telemetry</h1>
<label>Refresh <select id="rate"><option>200</option><option>500</option><option>1000</option><option>5000</option></select> ms</label>
<a href="/graph.dot" download="graph.dot">download .dot</a> <a href="/metrics">metrics</a>
<p id="status"></p><pre id="dot"></pre>
<script>
let timer;
async function tick(){
  try { const r = await fetch('/graph.dot',{cache:'no-store'}); document.getElementById('dot').textContent = await r.text(); document.getElementById('status').textContent=''; }
  catch { document.getElementById('status').textContent='Process ended: showing the last snapshot.'; return; }
  timer = setTimeout(tick, Number(document.getElementById('rate').value));
}
document.getElementById('rate').onchange = () => { clearTimeout(timer); tick(); };
tick();
</script></body></html>
`;
