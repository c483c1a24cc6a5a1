/**
 * Lifecycle indications of {@code Xen_ComputerSystem} (DSP1054 Indications Profile; the anchor's
 * {@code Xen_ComputerSystemCreation}, {@code …Deletion} and {@code …Modification}), detected from the
 * pool mirror: {@link org.xenwbem.provider.classes.lifecycle.IndicationSource} follows the mirror's
 * snapshots and {@link org.xenwbem.provider.classes.lifecycle.VmChangeDetector} compares them. The
 * bridge-facing end of eventing: it reads bridge records and hands {@code cimom.indications}
 * Indications to its sinks; it never builds XML nor knows a protocol.
 */
package org.xenwbem.provider.classes.lifecycle;
