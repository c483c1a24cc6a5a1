/**
 * The two XML encodings of CIM data: WS-CIM (DSP0230, used by WS-Management) and CIM-XML
 * (DSP0201), plus the hardened XML parser and the streaming writer both protocols use.
 */
package org.xenwbem.cim.xml;
