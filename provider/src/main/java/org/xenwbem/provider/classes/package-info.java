/**
 * Class providers: one per CIM class family, mapping the bridge's pool snapshot to CIM instances
 * in the anchor's vocabulary (xs-cim keys and ID formats). Never builds XML, never calls xapi on a read.
 */
package org.xenwbem.provider.classes;
