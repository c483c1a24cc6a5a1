/**
 * The CIM metamodel (DSP0004): classes, properties, qualifiers, methods, instances, object paths,
 * datetimes, and the class repository. Knows nothing of XenAPI, HTTP or any wire protocol.
 */
package org.xenwbem.cim;
