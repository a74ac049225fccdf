// The containers' health check (docker-compose.yml): exits 0 when the URL answers 2xx within 4 s.
// Plain Node, no TypeScript loader: it runs every few seconds in every container.
//   node scripts/healthcheck.mjs http://127.0.0.1:8090/readyz
const url = process.argv[2];
if (!url) {
  console.error('usage: node scripts/healthcheck.mjs <url>');
  process.exit(2);
}
try {
  const res = await fetch(url, { signal: AbortSignal.timeout(4000) });
  if (!res.ok) console.error(`${url}: ${res.status} ${await res.text()}`);
  process.exit(res.ok ? 0 : 1);
} catch (error) {
  console.error(`${url}: ${error.message}`);
  process.exit(1);
}
