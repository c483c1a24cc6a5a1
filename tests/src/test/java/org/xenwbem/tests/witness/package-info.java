/**
 * Fidelity witnesses (xenapi.md §6.3): third-party XenAPI clients — the official Java SDK 8.1.0,
 * Debian's XenAPI.py and Xen Orchestra's npm {@code xen-api} — log in, list records, run an async VM
 * start with task polling and follow {@code event.from} against the simulated pool, or against a
 * real pool when {@code XAPI_URL}, {@code XAPI_USER} and {@code XAPI_PASSWORD} are set.
 */
package org.xenwbem.tests.witness;
