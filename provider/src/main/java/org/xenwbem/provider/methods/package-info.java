/**
 * The machinery of extrinsic methods (anchor §5): the environment a method runs in, the xapi role
 * check ({@link org.xenwbem.provider.methods.Rbac}), the decoding of embedded-instance and reference
 * arguments, and the bookkeeping of objects a method created. The methods themselves live with their
 * class family under {@code org.xenwbem.provider.classes}.
 */
package org.xenwbem.provider.methods;
