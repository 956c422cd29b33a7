/**
 * Releasing model versions: evaluation on holdout data with the serving runtime, quality gates,
 * approvals, atomic promotion and rollback with a stage history, and signed webhooks.
 */
package dev.sextant.release;
