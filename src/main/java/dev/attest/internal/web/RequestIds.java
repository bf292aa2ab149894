package dev.attest.internal.web;

import dev.attest.internal.context.Ids;

import java.util.regex.Pattern;

/** Request ids: a well-formed incoming {@code X-Request-ID} is kept, anything else is replaced by a new one. */
public final class RequestIds {

    /** The header read from requests and set on responses. */
    public static final String HEADER = "X-Request-ID";

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._:\\-]{1,128}");

    private RequestIds() {
    }

    public static String accept(String incoming) {
        return incoming != null && VALID.matcher(incoming).matches() ? incoming
                : Ids.timeOrderedUuid(System.currentTimeMillis());
    }
}
