package dev.attest.internal.interceptor;

import jakarta.enterprise.util.AnnotationLiteral;
import jakarta.interceptor.InterceptorBinding;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks EJB {@code @Asynchronous} methods, which run on another thread than their caller's. Attest adds it at
 * deployment ({@link AttestExtension}); applications never write it.
 */
@InterceptorBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface AsynchronousCall {

    /** The binding as a value, for the extension to add. */
    final class Literal extends AnnotationLiteral<AsynchronousCall> implements AsynchronousCall {
        static final Literal INSTANCE = new Literal();
        private static final long serialVersionUID = 1L;
    }
}
