package org.xenwbem.provider.server;

import java.util.Arrays;
import org.eclipse.jetty.server.Request;
import org.xenwbem.provider.cimom.Credential;
import org.xenwbem.provider.cimom.RequestContext;

/**
 * The caller's credential for a request handled after {@link AuthHandler} has returned (its body
 * came slowly, {@code BodyFirstHandler}): AuthHandler wipes the credential when its {@code handle}
 * returns, so the request gets a copy of its own, wiped when the request completes — the same
 * lifetime the credential has for a request handled at once ("for the length of one request").
 */
final class DeferredCredential {
    private DeferredCredential() {
    }

    static void keepUntilCompletion(Request request) {
        RequestContext ctx = Caller.of(request);
        if (ctx == null || ctx.credential() == null) {
            return;
        }
        char[] password = ctx.credential().password();
        Credential copy = new Credential(ctx.credential().user(), password);
        Arrays.fill(password, '\0');
        request.setAttribute(Caller.CONTEXT,
                new RequestContext(ctx.user(), ctx.role(), ctx.clientAddress(), ctx.requestId(), copy));
        Request.addCompletionListener(request, failure -> copy.wipe());
    }
}
