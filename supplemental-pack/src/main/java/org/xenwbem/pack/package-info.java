/**
 * The pack build: turns the provider's jars into the signed supplemental-pack ISO with Debian's
 * real tools (jdeps/jlink, rpmbuild/rpmsign, createrepo_c, gpg, xorriso), in the order of
 * {@link org.xenwbem.pack.PackBuild}. Formats: XenServer 7.1+ updates (update.xml + signed yum
 * repository, group {@code update}) and the legacy XS-REPOSITORY/XS-PACKAGES, in one ISO
 * (vendor format: Citrix XenServer supplemental packs, ../shared/reference/supplemental-pack.md; the
 * anchor's RPMs, anchor §2.2).
 */
package org.xenwbem.pack;
