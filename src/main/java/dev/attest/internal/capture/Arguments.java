package dev.attest.internal.capture;

/**
 * The arguments of one action call as its event's {@code arguments} detail: rendered by {@link DetailsWriter}
 * straight into the stored JSON object, parameter by parameter, without building a JSON tree first.
 *
 * @param names the parameter names, worked out once per method
 * @param masked which arguments are never stored ({@code @Redacted} or a sensitive name), worked out once per method
 * @param values the arguments of this call
 */
public record Arguments(String[] names, boolean[] masked, Object[] values) {
}
