// Prints one plain closing line for the whole suite ("N passed, N failed, N skipped") from Jest's JSON reports,
// so a reader (or CI) sees the total across the unit and integration runs at a glance.
const { existsSync, readFileSync } = require('node:fs');

let passed = 0;
let failed = 0;
let skipped = 0;
for (const file of process.argv.slice(2)) {
  if (!existsSync(file)) {
    failed++;
    console.log(`missing report ${file}: that jest run did not finish`);
    continue;
  }
  const report = JSON.parse(readFileSync(file, 'utf8'));
  passed += report.numPassedTests;
  failed += report.numFailedTests + report.numRuntimeErrorTestSuites;
  skipped += report.numPendingTests + report.numTodoTests;
}
console.log(`\nsuite: ${passed} passed, ${failed} failed, ${skipped} skipped`);
