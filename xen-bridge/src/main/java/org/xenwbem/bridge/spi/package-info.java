/**
 * What xenwbem needs from a simulated XenAPI pool, and how it finds one: the service
 * {@link org.xenwbem.bridge.spi.PoolSimulator}, implemented by the separate artifact
 * {@code xen-bridge-sim} (package {@code org.xenwbem.bridge.sim}) and found with
 * {@link java.util.ServiceLoader} by {@link org.xenwbem.bridge.spi.PoolSimulators}. The simulator
 * speaks xapi's own wire protocol (xenapi.md §2.3, §6.2), so the daemon reaches it through the
 * ordinary bridge at the URL it returns; nothing else of it is visible here. The dom0 pack leaves the
 * simulator out: there {@code serve --simulate}, {@code demo} and {@code sim} fail with
 * {@link org.xenwbem.bridge.spi.PoolSimulators#MISSING}.
 */
package org.xenwbem.bridge.spi;
