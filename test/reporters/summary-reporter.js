'use strict';
/** Ends a jest run with the plain "N passed, N failed" line CI reads. */
class SummaryReporter {
	onRunComplete(_contexts, results) {
		const skipped = results.numPendingTests + results.numTodoTests;
		const suffix = skipped ? `, ${skipped} skipped` : '';
		process.stdout.write(`\ntests: ${results.numPassedTests} passed, ${results.numFailedTests} failed${suffix}\n`);
	}
}
module.exports = SummaryReporter;
