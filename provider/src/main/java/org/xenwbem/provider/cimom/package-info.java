/**
 * The protocol-neutral CIM operation core (DSP0223 generic operations): getInstance,
 * enumerateInstances(+Names) with polymorphism, class lookup. WS-Man and CIM-XML codecs translate
 * into these calls; class providers answer them. Enumerations are also offered as an
 * {@link org.xenwbem.provider.cimom.InstanceCursor}, read one provider at a time as pages are sent.
 * Errors are {@link org.xenwbem.provider.cimom.CimException} with DSP0200 status codes, rendered by
 * each protocol in one place.
 */
package org.xenwbem.provider.cimom;
