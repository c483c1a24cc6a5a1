package org.xenwbem.provider.wsman;

import java.util.ArrayList;
import java.util.List;
import org.xenwbem.cim.xml.XmlWriter;
import org.xenwbem.provider.cimom.CimOperations;
import org.xenwbem.provider.cimom.RequestContext;

/**
 * What an action needs besides the request: the caller, the service's address and its parts; what
 * to undo when the request fails after the action changed something (an Enumerate's new context,
 * which the client never learns of); and the large response buffer a page was written into, which
 * the service gives back to its pool once the response is encoded ({@link PageBuffers}).
 */
final class Exchange {
    private final RequestContext caller;
    private final String address;
    private final boolean anonymous;
    private final WsmanService service;
    private final List<Runnable> undo = new ArrayList<>();
    private StringBuilder page;
    private XmlWriter pageWriter;

    Exchange(RequestContext caller, String address, boolean anonymous, WsmanService service) {
        this.caller = caller;
        this.address = address;
        this.anonymous = anonymous;
        this.service = service;
    }

    RequestContext caller() {
        return caller;
    }

    String address() {
        return address;
    }

    boolean anonymous() {
        return anonymous;
    }

    WsmanService service() {
        return service;
    }

    CimOperations ops() {
        return service.ops();
    }

    EnumerationContexts contexts() {
        return service.contexts();
    }

    /**
     * A writer over a pooled buffer of at least {@code capacity} characters, for one large response;
     * {@code mayFill}: the page may fill the envelope ({@link PageBuffers#take(int, boolean)}).
     */
    XmlWriter pageWriter(int capacity, boolean mayFill) {
        if (page != null) {
            throw new IllegalStateException("one page buffer per exchange");
        }
        page = service.pageBuffers().take(capacity, mayFill);
        pageWriter = new XmlWriter(page, true);
        return pageWriter;
    }

    /** The buffer {@link #pageWriter} lent, or null. */
    StringBuilder page() {
        return page;
    }

    /**
     * Gives the page buffer back, pooled again only if it held Latin-1 alone ({@code latin1}: what was
     * sent; an item written and taken back again counts too); its content is gone.
     */
    void releasePage(boolean latin1) {
        if (page != null) {
            service.pageBuffers().give(page, latin1 && !pageWriter.cutWide());
            page = null;
            pageWriter = null;
        }
    }

    /** Runs {@code r} if this request ends in a fault (or any failure) instead of its response. */
    void onFailure(Runnable r) {
        undo.add(r);
    }

    void failed() {
        undo.forEach(Runnable::run);
        undo.clear();
    }
}
