package org.xenwbem.provider.server;

import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** Routes by exact path: /wsman and /cimom (behind authentication), / (status), else 404. */
final class RouterHandler extends Handler.Abstract {
    private final Handler wsman;
    private final Handler cimom;
    private final Handler status;

    RouterHandler(Handler wsman, Handler cimom, Handler status) {
        this.wsman = wsman;
        this.cimom = cimom;
        this.status = status;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String path = Request.getPathInContext(request);
        switch (path) {
            case "/wsman", "/wsman/" -> {
                return wsman.handle(request, response, callback);
            }
            case "/cimom", "/cimom/" -> {
                return cimom.handle(request, response, callback);
            }
            case "/" -> {
                return status.handle(request, response, callback);
            }
            default -> {
                Response.writeError(request, response, callback, HttpStatus.NOT_FOUND_404);
                return true;
            }
        }
    }

    @Override
    protected void doStart() throws Exception {
        for (Handler h : new Handler[] {wsman, cimom, status}) {
            h.setServer(getServer());
            addBean(h);
        }
        super.doStart();
    }
}
