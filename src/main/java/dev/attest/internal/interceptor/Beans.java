package dev.attest.internal.interceptor;

/** Bean classes as the application wrote them, without the container's generated subclasses. */
final class Beans {

    /** A business method of one bean class: the key of per-method metadata. */
    record MethodKey(Class<?> beanClass, java.lang.reflect.Method method) {

        static MethodKey of(jakarta.interceptor.InvocationContext invocation) {
            return new MethodKey(userClass(invocation.getTarget()), invocation.getMethod());
        }
    }

    private Beans() {
    }

    static Class<?> userClass(Object target) {
        Class<?> type = target.getClass();
        while (type.getSuperclass() != null && (type.isSynthetic() || type.getName().contains("$$")
                || type.getName().contains("$Proxy$"))) {
            type = type.getSuperclass();
        }
        return type;
    }
}
