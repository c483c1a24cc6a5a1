package org.xenwbem.bridge.sim;

/** The size of a seeded pool: hosts, ordinary VMs, and each VM's disks and NICs. */
record SimShape(int hosts, int vms, int disksPerVm, int nicsPerVm) {
}
