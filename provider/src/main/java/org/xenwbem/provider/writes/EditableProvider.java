package org.xenwbem.provider.writes;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xenwbem.bridge.PoolSnapshot;
import org.xenwbem.bridge.ops.PoolSession;
import org.xenwbem.bridge.ops.XenFailure;
import org.xenwbem.cim.CimInstance;
import org.xenwbem.cim.CimObjectPath;
import org.xenwbem.cim.CimProperty;
import org.xenwbem.provider.cimom.CimException;
import org.xenwbem.provider.cimom.CimStatus;
import org.xenwbem.provider.cimom.InstanceProvider;
import org.xenwbem.provider.cimom.ReadThroughProvider;
import org.xenwbem.provider.cimom.RequestContext;
import org.xenwbem.provider.methods.MethodEnvironment;

/**
 * A class provider whose instances may be edited: reads go to the wrapped provider; ModifyInstance
 * (and so Put and SetProperty) checks the properties against the class's {@link EditableClass}
 * entry, runs the XenAPI setters in the caller's own session, waits until the mirror shows the new
 * values and answers the instance as it now is.
 *
 * @param <R> the bridge record of the objects behind the instances
 */
final class EditableProvider<R> extends ReadThroughProvider {
    private static final Logger LOG = LoggerFactory.getLogger(EditableProvider.class);
    static final Duration MIRROR_WAIT = Duration.ofSeconds(10);

    private final EditableClass<R> table;
    private final MethodEnvironment env;

    EditableProvider(InstanceProvider inner, EditableClass<R> table, MethodEnvironment env) {
        super(inner);
        this.table = table;
        this.env = env;
    }

    /** A property to change and the XenAPI value it asks for. */
    private record Change<R>(WritableProperty<R> property, Object wanted) {
    }

    @Override
    public CimInstance modifyInstance(RequestContext ctx, CimObjectPath path, CimInstance modified,
                                      List<String> propertyList) throws CimException {
        CimInstance current = inner().get(ctx, path.keys()).orElseThrow(() -> notFound(path));
        String uuid = table.uuidOf().apply(current);
        List<Change<R>> plan = plan(current, modified, propertyList);
        R record = table.find().apply(env.pool().get(), uuid).orElseThrow(() -> notFound(path));
        List<Change<R>> changes = plan.stream().filter(c -> !c.property().holds(record, c.wanted())).toList();
        if (!changes.isEmpty()) {
            apply(ctx, uuid, record, changes);
            awaitMirror(uuid, changes);
            LOG.info("{} changed {} of {} {}", ctx.user(), names(changes), className(), uuid);
        }
        return inner().get(ctx, path.keys()).orElseThrow(() -> notFound(path));
    }

    /**
     * The changes asked for: every named property (all the instance's non-key properties when the
     * list is null) that is writable, with its new value. A read-only property is accepted only when
     * its value stays as it is; otherwise the whole request is refused and nothing is changed.
     */
    private List<Change<R>> plan(CimInstance current, CimInstance modified, List<String> propertyList)
            throws CimException {
        List<String> names = propertyList != null ? propertyList : nonKeys(modified);
        List<Change<R>> plan = new ArrayList<>();
        List<String> readOnly = new ArrayList<>();
        for (String name : names) {
            CimProperty p = current.cimClass().property(name);
            if (p == null) {
                throw new CimException(CimStatus.INVALID_PARAMETER, className() + " has no property " + name);
            }
            Optional<WritableProperty<R>> w = table.property(p.name());
            if (w.isPresent()) {
                plan.add(new Change<>(w.get(), w.get().wanted(modified.get(p.name()))));
            } else if (!same(p, modified.get(p.name()), current.get(p.name())) && !readOnly.contains(p.name())) {
                readOnly.add(p.name());
            }
        }
        if (!readOnly.isEmpty()) {
            throw readOnly(readOnly);
        }
        return plan;
    }

    /** Equal values; for an array, NULL and empty are the same (WS-CIM writes both as xsi:nil). */
    private static boolean same(CimProperty p, Object sent, Object now) {
        if (p.array()) {
            return Objects.equals(sent == null ? List.of() : sent, now == null ? List.of() : now);
        }
        return Objects.equals(sent, now);
    }

    private static List<String> nonKeys(CimInstance modified) {
        return modified.cimClass().properties().stream().filter(p -> !p.isKey())
                .filter(p -> modified.get(p.name()) != null).map(CimProperty::name).toList();
    }

    /** Runs the setters as the caller, in table order; the first refusal ends the request. */
    private void apply(RequestContext ctx, String uuid, R record, List<Change<R>> changes) throws CimException {
        try (PoolSession session = env.sessionFor(ctx)) {
            for (Change<R> c : changes) {
                try {
                    c.property().apply(session.fields(), table.target(), uuid, record, c.wanted());
                } catch (XenFailure f) {
                    throw refused(ctx, uuid, c.property(), f);
                }
            }
        }
    }

    /** Read-your-writes: waits until the mirror, and so every Get, shows every change. */
    private void awaitMirror(String uuid, List<Change<R>> changes) {
        try {
            boolean seen = env.bridge().mirror().await(s -> shows(s, uuid, changes), MIRROR_WAIT);
            if (!seen) {
                LOG.warn("the pool mirror did not show the change of {} {} within {}", className(), uuid, MIRROR_WAIT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean shows(PoolSnapshot s, String uuid, List<Change<R>> changes) {
        return table.find().apply(s, uuid)
                .map(r -> changes.stream().allMatch(c -> c.property().holds(r, c.wanted()))).orElse(true);
    }

    private CimException readOnly(List<String> properties) {
        return new CimException(CimStatus.NOT_SUPPORTED, CimException.Detail.READ_ONLY,
                String.join(", ", properties) + (properties.size() == 1 ? " is" : " are") + " read-only in "
                        + className() + "; the writable properties are " + String.join(", ", table.names()), null);
    }

    /** xapi's refusal of one setter, with who asked, what and why. */
    private CimException refused(RequestContext ctx, String uuid, WritableProperty<R> p, XenFailure f) {
        String setter = table.target().xapiName() + "." + (p.kind() == WritableProperty.Kind.KEY_VALUES
                ? "add_to_/remove_from_" : "set_") + p.xapiField();
        String why = f.code() + (f.params().isEmpty() ? "" : " " + String.join(" ", f.params()));
        CimStatus status = switch (f.kind()) {
            case DENIED -> CimStatus.ACCESS_DENIED;
            case NOT_FOUND -> CimStatus.NOT_FOUND;
            default -> CimStatus.FAILED;
        };
        String who = status == CimStatus.ACCESS_DENIED ? ctx.user() + " (" + ctx.role() + ") may not change " : "cannot change ";
        return new CimException(status, CimException.Detail.NONE, who + p.property() + " of " + className() + " "
                + uuid + ": xapi refused " + setter + " with " + why, f);
    }

    private CimException notFound(CimObjectPath path) {
        return new CimException(CimStatus.NOT_FOUND, "no instance " + path);
    }

    private static <R> List<String> names(List<Change<R>> changes) {
        return changes.stream().map(c -> c.property().property()).toList();
    }
}
