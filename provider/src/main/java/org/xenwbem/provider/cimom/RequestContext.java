package org.xenwbem.provider.cimom;

/**
 * Who asks, from where: the authenticated user and their xapi role, the client address and a
 * request id for logs. Never holds credentials.
 */
public record RequestContext(String user, String role, String clientAddress, String requestId) {
    public static RequestContext internal(String requestId) {
        return new RequestContext("xenwbem", "pool-admin", "local", requestId);
    }
}
