package org.xenwbem.provider.wsman;

import java.util.List;
import org.xenwbem.provider.cimom.CimException;
import org.xenwbem.provider.cimom.CimStatus;
import org.xenwbem.provider.wsman.ClassRequests.EnumerateClassNames;
import org.xenwbem.provider.wsman.ClassRequests.IntrinsicGetClass;

/**
 * openwsman's intrinsic operations, sent as a custom-action Invoke under
 * {@link ClassSchemaUris#INTRINSIC} (the openwsman client builds the action as
 * {@code <resourceURI>/<method>}):
 * <ul>
 * <li>{@code GetClass} on {@code <INTRINSIC>/<Class>} (or {@code <INTRINSIC>} with a {@code ClassName}
 * selector): {@code <GetClass>} holding name, qualifiers and properties (name, type, default value,
 * qualifiers) in openwsman's layout, plus superclass and methods with their parameters.</li>
 * <li>{@code EnumerateClassNames} on {@code <INTRINSIC>}: {@code <EnumerateClassNames>} with one
 * {@code <name>} per class; selectors {@code ClassName} (subclasses of it) and {@code DeepInheritance}
 * (default true, as openwsman always enumerates deep).</li>
 * </ul>
 * The namespace comes from {@code __cimnamespace} (default root/cimv2).
 */
final class IntrinsicAction {
    static final String GET_CLASS = ClassRequests.GET_CLASS;
    static final WsmanAction ACTION = new TypedAction<>(ClassRequests::intrinsic, IntrinsicAction::execute,
            ClassEncoder::intrinsic);

    private IntrinsicAction() {
    }

    /** What an intrinsic operation read: a class, or class names. */
    sealed interface Result permits ClassOf, Names {
    }

    /** A class for intrinsic GetClass. */
    record ClassOf(org.xenwbem.cim.CimClass cimClass) implements Result {
    }

    /** Class names, the element qualified by the request's resource URI. */
    record Names(List<String> names, String resourceUri) implements Result {
    }

    static Result execute(ClassRequests.Intrinsic q, Exchange ex) throws WsmanFault {
        if (q instanceof IntrinsicGetClass g) {
            try {
                return new ClassOf(ex.ops().getClass(g.namespace(), g.className()));
            } catch (CimException e) {
                throw e.status() == CimStatus.NOT_FOUND ? Faults.unknownClass(e) : Faults.from(e);
            }
        }
        EnumerateClassNames n = (EnumerateClassNames) q;
        try {
            return new Names(ex.ops().classNames(n.namespace(), n.base(), n.deep()), n.resourceUri());
        } catch (CimException e) {
            if (e.status() == CimStatus.INVALID_CLASS) {
                throw new WsmanFault(FaultKind.INVALID_SELECTORS, FaultKind.detail("InvalidValue"), e.getMessage(), e);
            }
            throw Faults.from(e);
        }
    }
}
