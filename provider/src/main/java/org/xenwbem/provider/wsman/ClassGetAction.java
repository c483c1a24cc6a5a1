package org.xenwbem.provider.wsman;

import org.xenwbem.cim.CimClass;
import org.xenwbem.provider.cimom.CimException;

/**
 * GetClass as WinRM and OMI serve it (MS-WSMV): WS-Transfer Get on {@link ClassSchemaUris#CIM_XML}
 * {@code *} with the selectors {@code __cimnamespace} and {@code ClassName} (or the class as the URI's
 * last segment), answered with the class as a DSP0201 {@code CLASS} element in the Body. Options
 * {@code IncludeQualifiers} (default true), {@code IncludeInheritedElements} (default true) and
 * {@code IncludeClassOrigin} (default false) map to GetClass's flags.
 */
final class ClassGetAction {
    static final WsmanAction ACTION = new TypedAction<>(ClassRequests::classGet, ClassGetAction::execute,
            ClassEncoder::cimXml);

    private ClassGetAction() {
    }

    /** The class read, with the request's flags for writing it. */
    record ClassRead(CimClass cimClass, ClassRequests.ClassGet request) {
    }

    static ClassRead execute(ClassRequests.ClassGet q, Exchange ex) throws WsmanFault {
        try {
            return new ClassRead(ex.ops().getClass(q.namespace(), q.className()), q);
        } catch (CimException e) {
            throw Faults.from(e);
        }
    }
}
