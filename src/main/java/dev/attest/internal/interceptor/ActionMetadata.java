package dev.attest.internal.interceptor;

import dev.attest.AuditAction;
import dev.attest.AuditTarget;
import dev.attest.Category;
import dev.attest.Redacted;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.function.Predicate;

/**
 * What Attest needs to know about one {@link AuditAction} method, worked out once per bean class and method.
 *
 * @param action the action name
 * @param category the event category
 * @param reason the fixed reason of the annotation, or {@code null}
 * @param parameterNames the parameter names (as compiled; {@code argN} without {@code -parameters})
 * @param masked which arguments are never stored ({@link Redacted} or a sensitive name)
 * @param targetIndex the {@link AuditTarget} parameter, or -1
 * @param targetType the declared target type, or {@code null} to derive it from the argument
 */
record ActionMetadata(String action, Category category, String reason, String[] parameterNames,
                      boolean[] masked, int targetIndex, String targetType) {

    static ActionMetadata of(Class<?> beanClass, Method method, Predicate<String> sensitive) {
        AuditAction binding = binding(beanClass, method);
        String action = binding == null || binding.value().isEmpty()
                ? beanClass.getSimpleName() + "." + method.getName() : binding.value();
        Parameter[] parameters = method.getParameters();
        String[] names = new String[parameters.length];
        boolean[] masked = new boolean[parameters.length];
        int targetIndex = -1;
        String targetType = null;
        for (int i = 0; i < parameters.length; i++) {
            names[i] = parameters[i].getName();
            masked[i] = parameters[i].isAnnotationPresent(Redacted.class) || sensitive.test(names[i]);
            AuditTarget target = parameters[i].getAnnotation(AuditTarget.class);
            if (target != null) {
                if (targetIndex >= 0) {
                    throw new IllegalStateException(twoTargets(method));
                }
                targetIndex = i;
                targetType = target.value().isEmpty() ? null : target.value();
            }
        }
        return new ActionMetadata(action,
                binding == null ? Category.ACTION : binding.category(),
                binding == null || binding.reason().isEmpty() ? null : binding.reason(),
                names, masked, targetIndex, targetType);
    }

    /** The binding on the method, else on the bean class or a superclass. */
    static AuditAction binding(Class<?> beanClass, Method method) {
        AuditAction onMethod = method.getAnnotation(AuditAction.class);
        if (onMethod != null) {
            return onMethod;
        }
        for (Class<?> c = beanClass; c != null && c != Object.class; c = c.getSuperclass()) {
            AuditAction onClass = c.getAnnotation(AuditAction.class);
            if (onClass != null) {
                return onClass;
            }
        }
        return null;
    }

    static String twoTargets(Method method) {
        return "@AuditTarget is on more than one parameter of " + method.getDeclaringClass().getName() + "."
                + method.getName() + ": an action has one target";
    }
}
