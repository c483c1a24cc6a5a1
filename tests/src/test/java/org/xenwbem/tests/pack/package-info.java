/**
 * Validation of the supplemental-pack ISO built by module {@code supplemental-pack}, with the real
 * tools (xorriso, pycdlib, gpg, rpm, dnf, createrepo_c) and the xapi / host-installer / legacy
 * rules of ../shared/reference/supplemental-pack.md re-implemented here; the installed tree, its
 * scriptlets and launcher, tampering, the installed daemon's start-up figures, and the absence of the
 * simulated pool ({@code xen-bridge-sim}).
 */
package org.xenwbem.tests.pack;
