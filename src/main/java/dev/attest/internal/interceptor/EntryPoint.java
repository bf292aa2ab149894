package dev.attest.internal.interceptor;

import jakarta.enterprise.util.AnnotationLiteral;
import jakarta.interceptor.InterceptorBinding;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks work that starts with no caller: timers, startup singletons, container
 * lifecycle observers. Attest adds it at deployment ({@link AttestExtension}); applications never write it.
 */
@InterceptorBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface EntryPoint {

    /** The binding as a value, for the extension to add. */
    final class Literal extends AnnotationLiteral<EntryPoint> implements EntryPoint {
        static final Literal INSTANCE = new Literal();
        private static final long serialVersionUID = 1L;
    }
}
