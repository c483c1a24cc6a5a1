/**
 * Metrics (DSP1053 Base Metrics; anchor §4.4): metric definitions and values for host and VM
 * processors, disks and network ports, their associations, and {@code Xen_MetricService}'s methods.
 */
package org.xenwbem.provider.classes.metrics;
