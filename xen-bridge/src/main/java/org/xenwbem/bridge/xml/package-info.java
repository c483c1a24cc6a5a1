/**
 * Internal plumbing of xen-bridge: the one hardened StAX setup (no DTDs, no external entities) for
 * the XML xapi answers with — XML-RPC (xenapi.md §2.3), RRD exports (xenapi.md §4) and SR.probe.
 * A leaf package, so every reader can use it without a package cycle.
 */
package org.xenwbem.bridge.xml;
