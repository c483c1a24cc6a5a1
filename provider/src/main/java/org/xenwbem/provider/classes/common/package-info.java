/**
 * The machinery every class family shares, and nothing family-specific: the provider context, the
 * snapshot-mapped provider bases ({@link org.xenwbem.provider.classes.common.SnapshotProvider},
 * {@link org.xenwbem.provider.classes.common.Mapped}, {@link org.xenwbem.provider.classes.common.Link},
 * {@link org.xenwbem.provider.classes.common.MemoizedProvider}), the anchor's generic ID shapes
 * ({@code Xen:<uuid>}, {@code Xen:<uuid>/<device>}: {@link org.xenwbem.provider.classes.common.Ids}; anchor
 * §4), the object paths that several families reference ({@link org.xenwbem.provider.classes.common.Paths})
 * and the CIM state values (DSP1052/DSP1057 EnabledState, OperationalStatus). Families depend on it; it
 * depends on no family.
 */
package org.xenwbem.provider.classes.common;
