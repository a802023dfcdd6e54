const url = process.argv[2]!;
const cookie = process.argv[3] ?? "";
(async () => {
  let n = 0;
  const until = Date.now() + 4000;
  await Promise.all(Array.from({ length: 20 }, async () => {
    while (Date.now() < until) { const r = await fetch(url, { headers: { Cookie: cookie } }); await r.text(); n++; }
  }));
  console.log(url, Math.round(n / 4), "req/s");
})();
