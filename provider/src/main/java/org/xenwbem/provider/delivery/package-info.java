/**
 * Delivery of indications over HTTP(S): posts a subscriber's messages — WS-Management events
 * (DSP0226 §10.2) and CIM-XML exports (DSP0200 §5.4) — with the JDK HTTP client, implementing the
 * core's {@link org.xenwbem.provider.cimom.indications.EventTransport} port. https targets are
 * verified by the tls module's outbound trust policy ({@link org.xenwbem.tls.OutboundTrust}): the
 * system trust store, plus the certificates and SHA-256 pins the daemon was configured with; there
 * is no way to accept any certificate.
 */
package org.xenwbem.provider.delivery;
