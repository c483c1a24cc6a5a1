/**
 * The daemon: Jetty 12 wiring (HTTPS, /wsman, /cimom, status page), HTTP Basic authentication
 * through xapi, the request log, and the command line ({@code serve}, {@code demo}, {@code sim}).
 */
package org.xenwbem.provider.server;
