/**
 * Benchmarks that print the figures the issues ask for (BENCH lines, {@code target/bench/*.txt}),
 * never asserted: among them issue #14's load and soak ({@code SoakBenchmark}: 64 WS-Management
 * clients per DSP0226 — WS-Transfer Get, WS-Enumeration, WS-Eventing pull mode — and an extrinsic
 * method of the Citrix xs-cim anchor, against the daemon with the pack's JVM flags).
 */
package org.xenwbem.tests.bench;
