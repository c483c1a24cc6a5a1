/**
 * XML-RPC wire codec for XenAPI (internal to xen-bridge): the exact value forms xapi's ocaml-rpc
 * serializer emits (untyped {@code <value>} for strings, refs, enums and int64; {@code <i4>} only for
 * Int32; {@code dateTime.iso8601} as {@code 20240420T12:00:00Z}; {@code <nil/>}), a lenient StAX
 * parser with DTDs and external entities disabled, and the XenAPI {@code Status}/{@code Value}/
 * {@code ErrorDescription} response envelope. No I/O beyond reading a bounded body.
 */
package org.xenwbem.bridge.xmlrpc;
