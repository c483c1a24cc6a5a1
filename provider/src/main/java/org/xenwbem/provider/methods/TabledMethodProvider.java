package org.xenwbem.provider.methods;

/**
 * The opening every tabled method provider shares: the environment its methods run in and the class's
 * {@link MethodTable}, made empty here; the subclass's constructor adds its rows to {@link #methods()}.
 */
public abstract class TabledMethodProvider implements TabledMethods {
    protected final MethodEnvironment env;
    private final MethodTable methods;

    protected TabledMethodProvider(MethodEnvironment env, String className) {
        this.env = env;
        this.methods = MethodTable.of(className);
    }

    @Override
    public final MethodTable methods() {
        return methods;
    }
}
