package org.xenwbem.provider.cimom;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.xenwbem.cim.CimClass;
import org.xenwbem.cim.CimInstance;
import org.xenwbem.cim.CimMethod;
import org.xenwbem.cim.CimParameter;
import org.xenwbem.cim.CimObjectPath;
import org.xenwbem.cim.ClassRepository;
import org.xenwbem.cim.query.Query;
import org.xenwbem.cim.query.QueryException;
import org.xenwbem.cim.query.QueryLanguage;

/**
 * The CIM operation core: resolves namespaces and classes, dispatches to providers, handles
 * polymorphism (a class's instances include those of every subclass) and validates instance keys.
 * Thread-safe once built.
 */
public final class CimOperations {
    private final Map<String, ClassRepository> namespaces;
    private final Map<String, Map<String, InstanceProvider>> providers;
    private final Map<String, Map<String, MethodProvider>> methodProviders;

    private CimOperations(Map<String, ClassRepository> namespaces, Map<String, Map<String, InstanceProvider>> providers,
                          Map<String, Map<String, MethodProvider>> methodProviders) {
        this.namespaces = namespaces;
        this.providers = providers;
        this.methodProviders = methodProviders;
    }

    public static Builder builder() {
        return new Builder();
    }

    private static String lc(String s) {
        return s.toLowerCase(Locale.ROOT);
    }

    /** The class repository of a namespace; INVALID_NAMESPACE when unknown. */
    public ClassRepository classes(String namespace) throws CimException {
        ClassRepository r = namespaces.get(lc(normalize(namespace)));
        if (r == null) {
            throw new CimException(CimStatus.INVALID_NAMESPACE, "no namespace " + namespace);
        }
        return r;
    }

    /** Leading/trailing slashes are tolerated and backslashes read as slashes ({@code root\cimv2}). */
    public static String normalize(String namespace) {
        String ns = namespace.replace('\\', '/');
        while (ns.startsWith("/")) {
            ns = ns.substring(1);
        }
        while (ns.endsWith("/")) {
            ns = ns.substring(0, ns.length() - 1);
        }
        return ns;
    }

    /** GetClass: NOT_FOUND for an unknown class, as DSP0200 specifies. */
    public CimClass getClass(String namespace, String className) throws CimException {
        CimClass c = classes(namespace).get(className);
        if (c == null) {
            throw new CimException(CimStatus.NOT_FOUND, "no class " + className + " in " + namespace);
        }
        return c;
    }

    /**
     * EnumerateClassNames (DSP0200 §5.3.2.4): the subclasses of {@code className}, or the root
     * classes (with all their descendants when deep) when it is null. INVALID_CLASS when unknown.
     */
    public List<String> classNames(String namespace, String className, boolean deep) throws CimException {
        ClassRepository repo = classes(namespace);
        if (className == null) {
            List<String> out = new ArrayList<>();
            for (String root : repo.rootClasses()) {
                out.add(root);
                if (deep) {
                    out.addAll(repo.subclasses(root, true));
                }
            }
            return out;
        }
        if (repo.get(className) == null) {
            throw new CimException(CimStatus.INVALID_CLASS, "no class " + className + " in " + normalize(namespace));
        }
        return repo.subclasses(className, deep);
    }

    /** The class for an instance operation: INVALID_CLASS when unknown. */
    public CimClass instanceClass(String namespace, String className) throws CimException {
        CimClass c = classes(namespace).get(className);
        if (c == null) {
            throw new CimException(CimStatus.INVALID_CLASS, "no class " + className + " in " + namespace);
        }
        return c;
    }

    /** Instances of the class and of all its subclasses, parents first, in provider order. */
    public List<CimInstance> enumerateInstances(RequestContext ctx, String namespace, String className)
            throws CimException {
        return openInstances(namespace, className).drain(ctx);
    }

    /**
     * The instances {@link #enumerateInstances} returns, produced as they are read (one provider's
     * list at a time). The class is checked now: INVALID_CLASS when unknown.
     */
    public InstanceCursor openInstances(String namespace, String className) throws CimException {
        String ns = normalize(namespace);
        CimClass c = instanceClass(ns, className);
        return new ProviderCursor(providersFor(ns, c.name()));
    }

    public List<CimObjectPath> enumerateInstanceNames(RequestContext ctx, String namespace, String className)
            throws CimException {
        List<CimObjectPath> out = new ArrayList<>();
        for (CimInstance i : enumerateInstances(ctx, namespace, className)) {
            out.add(i.path().withNamespace(normalize(namespace)));
        }
        return out;
    }

    /**
     * GetInstance. The keys must be the class's keys (case-insensitive names), less those the class
     * determines ({@link ImpliedKeys}); an abstract or parent class in the path is resolved to the
     * concrete class named by a {@code CreationClassName} key, or else to whichever subclass provider
     * finds the instance.
     */
    public CimInstance getInstance(RequestContext ctx, CimObjectPath path) throws CimException {
        String ns = normalize(path.namespace() == null ? "root/cimv2" : path.namespace());
        CimClass c = instanceClass(ns, path.className());
        Map<String, Object> keys = ImpliedKeys.complete(this, ctx, ns, c, checkKeys(c, path));
        for (InstanceProvider p : candidates(ns, c, keys)) {
            Optional<CimInstance> found = p.get(ctx, keys);
            if (found.isPresent()) {
                return found.get();
            }
        }
        throw new CimException(CimStatus.NOT_FOUND, "no instance " + path);
    }

    /** The providers that may hold the instance: the one CreationClassName names, else every one at or below c. */
    List<InstanceProvider> candidates(String ns, CimClass c, Map<String, Object> keys) throws CimException {
        Object ccn = keys.get("CreationClassName");
        ClassRepository repo = classes(ns);
        if (ccn instanceof String s && repo.get(s) != null && repo.isA(s, c.name())) {
            InstanceProvider p = providers.getOrDefault(lc(ns), Map.of()).get(lc(s));
            return p == null ? List.of() : List.of(p);
        }
        return providersFor(ns, c.name());
    }

    /** Returns the keys re-keyed by the class's spelling; faults keys the class does not have. */
    static Map<String, Object> checkKeys(CimClass c, CimObjectPath path) throws CimException {
        Map<String, Object> out = new HashMap<>();
        for (Map.Entry<String, Object> e : path.keys().entrySet()) {
            var prop = c.property(e.getKey());
            if (prop == null || !prop.isKey()) {
                throw new CimException(CimStatus.INVALID_PARAMETER, CimException.Detail.UNEXPECTED_KEYS,
                        c.name() + " has no key " + e.getKey(), null);
            }
            out.put(prop.name(), e.getValue());
        }
        return out;
    }

    /** The classes at or below {@code className} that a provider serves. */
    List<String> servedClasses(String ns, String className) throws CimException {
        List<String> out = new ArrayList<>();
        for (InstanceProvider p : providersFor(ns, className)) {
            out.add(p.className());
        }
        return out;
    }

    private List<InstanceProvider> providersFor(String ns, String className) throws CimException {
        ClassRepository repo = classes(ns);
        Map<String, InstanceProvider> byClass = providers.getOrDefault(lc(ns), Map.of());
        List<InstanceProvider> out = new ArrayList<>();
        InstanceProvider own = byClass.get(lc(className));
        if (own != null) {
            out.add(own);
        }
        for (String sub : repo.subclasses(className, true)) {
            InstanceProvider p = byClass.get(lc(sub));
            if (p != null) {
                out.add(p);
            }
        }
        return out;
    }

    /** True when a provider serves the class or one of its subclasses. */
    public boolean hasInstances(String namespace, String className) throws CimException {
        return !providersFor(normalize(namespace), className).isEmpty();
    }

    /**
     * Looks up an extrinsic method of the target's class; METHOD_NOT_FOUND when it has none by
     * that name. Codecs call this to type the parameters before {@link #invokeMethod}.
     */
    public CimMethod method(String namespace, String className, String methodName) throws CimException {
        CimClass c = instanceClass(namespace, className);
        CimMethod m = c.method(methodName);
        if (m == null) {
            throw new CimException(CimStatus.METHOD_NOT_FOUND, c.name() + " has no method " + methodName);
        }
        return m;
    }

    /**
     * InvokeMethod. {@code in} must be typed already (see {@link MethodProvider}); names are checked
     * against the declaration (unknown or output-only parameters are INVALID_PARAMETER).
     */
    public MethodResult invokeMethod(RequestContext ctx, CimObjectPath target, String methodName, Map<String, Object> in)
            throws CimException {
        String ns = normalize(target.namespace() == null ? "root/cimv2" : target.namespace());
        CimClass c = instanceClass(ns, target.className());
        CimMethod m = method(ns, c.name(), methodName);
        Map<String, Object> named = new HashMap<>();
        for (Map.Entry<String, Object> e : in.entrySet()) {
            CimParameter p = m.parameter(e.getKey());
            if (p == null || !p.isIn()) {
                throw new CimException(CimStatus.INVALID_PARAMETER, methodName + " has no input parameter " + e.getKey());
            }
            named.put(p.name(), e.getValue());
        }
        MethodProvider mp = methodProviderFor(ns, c.name());
        if (mp == null) {
            throw new CimException(CimStatus.METHOD_NOT_AVAILABLE, c.name() + "." + m.name() + " is not available");
        }
        return mp.invoke(ctx, instancePath(ctx, ns, c, target), m, named);
    }

    /**
     * The target of a method: a class path (no keys: a static call) as it is, an instance path with
     * the keys its class implies filled in ({@link ImpliedKeys}).
     */
    private CimObjectPath instancePath(RequestContext ctx, String ns, CimClass c, CimObjectPath target)
            throws CimException {
        if (target.keys().isEmpty()) {
            return target.withNamespace(ns);
        }
        return new CimObjectPath(ns, target.className(), ImpliedKeys.complete(this, ctx, ns, c, checkKeys(c, target)));
    }

    private MethodProvider methodProviderFor(String ns, String className) throws CimException {
        Map<String, MethodProvider> byClass = methodProviders.getOrDefault(lc(ns), Map.of());
        for (String c : classes(ns).ancestry(className)) {
            MethodProvider p = byClass.get(lc(c));
            if (p != null) {
                return p;
            }
        }
        return null;
    }

    /** ModifyInstance: the instance must exist; its concrete class's provider must be writable. */
    public CimInstance modifyInstance(RequestContext ctx, CimObjectPath path, CimInstance modified, List<String> propertyList)
            throws CimException {
        CimInstance current = getInstance(ctx, path);
        return writable(current.namespace(), current.className()).modifyInstance(ctx, current.path(), modified, propertyList);
    }

    /** CreateInstance of the template's class. */
    public CimObjectPath createInstance(RequestContext ctx, String namespace, CimInstance template) throws CimException {
        String ns = normalize(namespace);
        CimClass c = instanceClass(ns, template.className());
        if (c.isAbstract()) {
            throw new CimException(CimStatus.INVALID_CLASS, c.name() + " is abstract");
        }
        return writable(ns, c.name()).createInstance(ctx, template);
    }

    /** DeleteInstance: the instance must exist. */
    public void deleteInstance(RequestContext ctx, CimObjectPath path) throws CimException {
        CimInstance current = getInstance(ctx, path);
        writable(current.namespace(), current.className()).deleteInstance(ctx, current.path());
    }

    private WritableProvider writable(String namespace, String className) throws CimException {
        String ns = normalize(namespace == null ? "root/cimv2" : namespace);
        InstanceProvider p = providers.getOrDefault(lc(ns), Map.of()).get(lc(className));
        if (p instanceof WritableProvider w) {
            return w;
        }
        throw new CimException(CimStatus.NOT_SUPPORTED, className + " instances cannot be changed");
    }

    /** References: association instances naming {@code source}, optionally of one class and through one role. */
    public List<CimInstance> references(RequestContext ctx, CimObjectPath source, String assocClass, String role)
            throws CimException {
        String ns = normalize(source.namespace() == null ? "root/cimv2" : source.namespace());
        CimObjectPath found = getInstance(ctx, source.withNamespace(ns)).path().withNamespace(ns);
        return new Associations(this).references(ctx, ns, found, assocClass, role);
    }

    /** Associators: the instances related to {@code source}, filtered by association/result class and roles. */
    public List<CimInstance> associators(RequestContext ctx, CimObjectPath source, String assocClass, String resultClass,
                                         String role, String resultRole) throws CimException {
        String ns = normalize(source.namespace() == null ? "root/cimv2" : source.namespace());
        CimObjectPath found = getInstance(ctx, source.withNamespace(ns)).path().withNamespace(ns);
        if (resultClass != null && classes(ns).get(resultClass) == null) {
            throw new CimException(CimStatus.INVALID_PARAMETER, "unknown result class " + resultClass);
        }
        return new Associations(this).associators(ctx, ns, found, assocClass, resultClass, role, resultRole);
    }

    /**
     * ExecQuery: runs a WQL or CQL query over the instances of its FROM class (and subclasses),
     * returning the matching instances projected to the SELECT list. {@code within}, when given,
     * requires the FROM class to be that class or one of its subclasses.
     */
    public List<CimInstance> execQuery(RequestContext ctx, String namespace, QueryLanguage language, String text,
                                       String within) throws CimException {
        return openQuery(namespace, language, text, within).drain(ctx);
    }

    /** What {@link #execQuery} returns, matched and projected as it is read; the query is checked now. */
    public InstanceCursor openQuery(String namespace, QueryLanguage language, String text, String within)
            throws CimException {
        String ns = normalize(namespace);
        ClassRepository repo = classes(ns);
        Query q;
        try {
            q = language.parse(text);
            q.bind(repo);
        } catch (QueryException e) {
            CimStatus st = e.reason() == QueryException.Reason.UNKNOWN_CLASS ? CimStatus.INVALID_CLASS : CimStatus.INVALID_QUERY;
            throw new CimException(st, CimException.Detail.NONE, e.getMessage(), e);
        }
        if (within != null && !repo.isA(q.fromClass(), within)) {
            throw new CimException(CimStatus.INVALID_QUERY, CimException.Detail.NONE,
                    "the query selects from " + q.fromClass() + ", which is not a " + within, null);
        }
        return openInstances(ns, q.fromClass()).map(i -> q.matches(i, repo) ? q.project(i) : null);
    }

    /** Registers namespaces and providers. */
    public static final class Builder {
        private final Map<String, ClassRepository> namespaces = new HashMap<>();
        private final Map<String, Map<String, InstanceProvider>> providers = new HashMap<>();
        private final Map<String, Map<String, MethodProvider>> methodProviders = new HashMap<>();

        public Builder namespace(String name, ClassRepository classes) {
            namespaces.put(lc(normalize(name)), classes);
            return this;
        }

        public Builder provider(String namespace, InstanceProvider p) {
            ClassRepository r = namespaces.get(lc(normalize(namespace)));
            if (r == null || r.get(p.className()) == null) {
                throw new IllegalArgumentException("provider for unknown class " + p.className() + " in " + namespace);
            }
            providers.computeIfAbsent(lc(normalize(namespace)), k -> new HashMap<>()).put(lc(p.className()), p);
            return this;
        }

        public Builder methods(String namespace, MethodProvider p) {
            ClassRepository r = namespaces.get(lc(normalize(namespace)));
            if (r == null || r.get(p.className()) == null) {
                throw new IllegalArgumentException("method provider for unknown class " + p.className());
            }
            methodProviders.computeIfAbsent(lc(normalize(namespace)), k -> new HashMap<>()).put(lc(p.className()), p);
            return this;
        }

        public CimOperations build() {
            return new CimOperations(Map.copyOf(namespaces), Map.copyOf(providers), Map.copyOf(methodProviders));
        }
    }
}
