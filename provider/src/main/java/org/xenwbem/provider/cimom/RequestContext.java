package org.xenwbem.provider.cimom;

/**
 * Who asks, from where: the authenticated user and their xapi role, the client address and a
 * request id for logs, and (for the length of the request only) their {@link Credential}, so that
 * methods can act as them. Its string form never shows the credential.
 */
public record RequestContext(String user, String role, String clientAddress, String requestId, Credential credential) {
    public RequestContext(String user, String role, String clientAddress, String requestId) {
        this(user, role, clientAddress, requestId, null);
    }

    public static RequestContext internal(String requestId) {
        return new RequestContext("xenwbem", "pool-admin", "local", requestId);
    }

    @Override
    public String toString() {
        return "RequestContext[" + user + " (" + role + ") from " + clientAddress + ", " + requestId + "]";
    }
}
