/**
 * The daemon's TLS identity and policy (ARCHITECTURE.md, module {@code tls}): TLS 1.2/1.3 (RFC 5246,
 * RFC 8446) with X.509 certificates (RFC 5280), named as the anchor did (anchor §2.3, §11.3).
 *
 * <ul>
 *   <li>{@link org.xenwbem.tls.HostNames}: the names and addresses of this host, and the rule for
 *       the certificate CN (FQDN when the local resolver knows one, else the primary IP).</li>
 *   <li>{@link org.xenwbem.tls.ServerIdentity}: the key and certificate chain served — xapi's own
 *       {@code /etc/xensource/xapi-ssl.pem}, an explicit PEM, or a self-signed certificate generated
 *       with Bouncy Castle and kept as PKCS#12 in the state directory.</li>
 *   <li>{@link org.xenwbem.tls.TlsPolicy}: protocols, cipher suites and SNI settings for Jetty 12.</li>
 *   <li>{@link org.xenwbem.tls.OutboundTrust}: which servers the daemon trusts when it connects out
 *       (indication subscribers and listeners): the system trust store, a configured trust file,
 *       pinned SHA-256 fingerprints — never any certificate.</li>
 * </ul>
 *
 * Configuration problems surface as {@link org.xenwbem.tls.TlsConfigException}, naming the file
 * concerned. Private keys and passwords are never logged.
 */
package org.xenwbem.tls;
