/**
 * CIM-XML (DSP0200 CIM operations over HTTP, DSP0201 encoding): decodes intrinsic method calls
 * into calls on the CIM operation core and encodes the results. Knows nothing of XenAPI.
 */
package org.xenwbem.provider.cimxml;
