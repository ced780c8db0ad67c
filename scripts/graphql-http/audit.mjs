// Runs the graphql-http audit suite (GraphQL over HTTP conformance) against
// a GraphQL endpoint and prints one line per audit. Exit status 1 when any
// audit is not "ok": warnings and notices count, as errors do.
//
//   node audit.mjs http://127.0.0.1:8080/graphql
import { serverAudits } from 'graphql-http';

const url = process.argv[2];
if (!url) {
  console.error('usage: node audit.mjs URL');
  process.exit(2);
}
let ok = 0;
const bad = [];
for (const audit of serverAudits({ url })) {
  const result = await audit.fn();
  if (result.status === 'ok') {
    ok++;
  } else {
    bad.push(`${result.status} ${audit.id} ${audit.name}: ${result.reason}`);
  }
}
for (const line of bad) console.log(line);
console.log(`${ok} ok, ${bad.length} not ok`);
process.exit(bad.length ? 1 : 0);
