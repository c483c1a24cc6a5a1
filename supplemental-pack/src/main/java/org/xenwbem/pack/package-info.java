/**
 * The pack build: turns the provider's jars into the signed supplemental-pack ISO with Debian's
 * real tools (jdeps/jlink, rpmbuild/rpmsign, createrepo_c, gpg, xorriso), in the order of
 * {@link org.xenwbem.pack.PackBuild}. Formats: XenServer 7.1+ updates (update.xml + signed yum
 * repository, group {@code update}) and the legacy XS-REPOSITORY/XS-PACKAGES, in one ISO
 * (../shared/reference/supplemental-pack.md).
 */
package org.xenwbem.pack;
