/**
 * Internal plumbing of the HTTPS server (HTTP/1.1, RFC 9112), below the request handlers: a
 * connector that caps the connections open at once per client address and in total (refused at
 * accept), deadlines for a request's headers and for its body (a connection that sends either too
 * slowly is ended), and error pages that say only the status. What it refuses or ends is logged as
 * one line per period.
 */
package org.xenwbem.provider.server.http;
