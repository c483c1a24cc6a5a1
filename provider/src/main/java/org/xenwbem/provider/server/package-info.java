/**
 * The daemon: Jetty 12 wiring (HTTPS; /wsman, DSP0226 with Microsoft's MS-WSMV conventions; /cimom,
 * DSP0200; the status page), HTTP Basic authentication (RFC 7617) checked by a XenAPI login (anchor
 * §2.4), the request log, and the command line ({@code serve}, {@code demo}, {@code sim}).
 */
package org.xenwbem.provider.server;
