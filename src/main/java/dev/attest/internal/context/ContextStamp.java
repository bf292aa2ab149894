package dev.attest.internal.context;

import dev.attest.Actor;
import dev.attest.ActorType;
import dev.attest.internal.capture.Text;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * The audit context written as string properties, to cross a boundary that carries no thread: a message, a
 * batch job's parameters, the text a server carries to an asynchronous call. The names are valid Jakarta Messaging
 * property identifiers. Messages and jobs carry the actor, reason and correlation id; the {@link #text text}
 * carried to an asynchronous call also carries the request context (client address, user agent, method, path,
 * request id), which holds nothing secret: no header but the user agent, no query string, no session id.
 */
public final class ContextStamp {

    static final String ACTOR_TYPE = "attestActorType";
    static final String ACTOR_ID = "attestActorId";
    static final String ON_BEHALF_OF_TYPE = "attestOnBehalfOfType";
    static final String ON_BEHALF_OF_ID = "attestOnBehalfOfId";
    static final String CORRELATION_ID = "attestCorrelationId";
    static final String REASON = "attestReason";
    static final String CLIENT_ADDRESS = "attestClientAddress";
    static final String USER_AGENT = "attestUserAgent";
    static final String METHOD = "attestMethod";
    static final String PATH = "attestPath";
    static final String REQUEST_ID = "attestRequestId";

    /** Longest stamped actor id: the width of the actor columns. */
    static final int MAX_ID = 255;
    /** Longest stamped correlation id: the width of the correlation columns. */
    static final int MAX_CORRELATION = 64;
    /** Longest stamped reason. */
    static final int MAX_REASON = 2000;
    /** Longest stamped client address, as the request filter captures it. */
    static final int MAX_ADDRESS = 64;
    /** Longest stamped HTTP method, as the request filter captures it. */
    static final int MAX_METHOD = 16;
    /** Longest stamped user agent or path: the width of the text columns. */
    static final int MAX_REQUEST_TEXT = 2_000;
    /** Longest stamped request id, as the request filter accepts it. */
    static final int MAX_REQUEST_ID = 128;
    /** Longest stamp {@link #fromText} reads: every value at its longest, each character encoded. */
    static final int MAX_TEXT = 12 * (2 * MAX_ID + MAX_CORRELATION + MAX_REASON
            + MAX_ADDRESS + 2 * MAX_REQUEST_TEXT + MAX_METHOD + MAX_REQUEST_ID + 200);

    private static final Pattern CORRELATION = Pattern.compile("[A-Za-z0-9._:\\-]{1," + MAX_CORRELATION + "}");
    private static final Pattern REQUEST_ID_FORM = Pattern.compile("[A-Za-z0-9._:\\-]{1," + MAX_REQUEST_ID + "}");
    private static final Logger LOG = Logger.getLogger(ContextStamp.class.getName());

    private ContextStamp() {
    }

    /** Writes {@code actor} and the current reason and correlation id through {@code property}. */
    public static void write(Actor actor, BiConsumer<String, String> property) {
        write(actor, Scope.current(), property);
    }

    private static void write(Actor actor, Scope scope, BiConsumer<String, String> property) {
        if (actor != null) {
            property.accept(ACTOR_TYPE, actor.type().name());
            property.accept(ACTOR_ID, actor.id());
            if (actor.onBehalfOf() != null) {
                property.accept(ON_BEHALF_OF_TYPE, actor.onBehalfOf().type().name());
                property.accept(ON_BEHALF_OF_ID, actor.onBehalfOf().id());
            }
        }
        if (scope.correlationId() != null) {
            property.accept(CORRELATION_ID, scope.correlationId());
        }
        if (scope.reason() != null) {
            property.accept(REASON, scope.reason());
        }
    }

    /**
     * The explicit actor, reason, correlation id and request context of {@code scope} as one line of text
     * ({@code name=value&...}, values URL-encoded), or {@code null} if it has none of them.
     */
    public static String text(Scope scope) {
        if (scope.isEmpty()) {
            return null;
        }
        RequestInfo request = scope.request();
        // room for the request's part and the usual rest, so that the text is not copied as it grows
        StringBuilder text = new StringBuilder(160 + (request != null ? request.stampText().length() : 0)
                + (scope.reason() != null ? scope.reason().length() : 0));
        write(scope.actor(), scope, appender(text));
        if (request != null && !request.stampText().isEmpty()) {
            if (!text.isEmpty()) {
                text.append('&');
            }
            text.append(request.stampText());
        }
        return text.toString();
    }

    /**
     * The {@link #text stamp} of {@code scope}, rendered when first read: an audited action changes the scope twice
     * (a new correlation id, then back), and its stamp is almost never carried anywhere. {@code null} when the scope
     * has nothing to stamp.
     */
    static CharSequence deferredText(Scope scope) {
        return scope.isEmpty() ? null : new Deferred(scope);
    }

    /**
     * A scope's stamp text, rendered on first use. The scope is immutable, so the text is the same whoever renders
     * it: two threads rendering it at once (the caller and its asynchronous call) store equal strings.
     */
    private static final class Deferred implements CharSequence {

        private final Scope scope;
        private String text;

        Deferred(Scope scope) {
            this.scope = scope;
        }

        @Override
        public String toString() {
            String rendered = text;
            if (rendered == null) {
                rendered = text(scope);
                text = rendered;
            }
            return rendered;
        }

        @Override
        public int length() {
            return toString().length();
        }

        @Override
        public char charAt(int index) {
            return toString().charAt(index);
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return toString().subSequence(start, end);
        }
    }

    /** The part of a {@link #text stamp} that holds {@code request}: made once per request, not per action. */
    static String requestText(RequestInfo request) {
        StringBuilder text = new StringBuilder(128);
        BiConsumer<String, String> property = appender(text);
        present(CLIENT_ADDRESS, Text.clean(request.clientAddress(), MAX_ADDRESS), property);
        present(USER_AGENT, Text.clean(request.userAgent(), MAX_REQUEST_TEXT), property);
        present(METHOD, Text.clean(request.method(), MAX_METHOD), property);
        present(PATH, Text.clean(request.path(), MAX_REQUEST_TEXT), property);
        present(REQUEST_ID, request.requestId(), property);
        return text.toString();
    }

    private static BiConsumer<String, String> appender(StringBuilder text) {
        return (name, value) -> {
            if (!text.isEmpty()) {
                text.append('&');
            }
            encoded(text.append(name).append('='), REASON.equals(name) ? Text.clean(value, MAX_REASON) : value);
        };
    }

    private static void present(String name, String value, BiConsumer<String, String> property) {
        if (value != null) {
            property.accept(name, value);
        }
    }

    /**
     * {@code value} as {@link URLEncoder} writes it in UTF-8; a value that encoding leaves unchanged (ids and
     * correlation ids almost always are) is appended as it is, without the encoder's copies.
     */
    private static void encoded(StringBuilder text, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '-' || c == '_' || c == '*')) {
                text.append(URLEncoder.encode(value, StandardCharsets.UTF_8));
                return;
            }
        }
        text.append(value);
    }

    /**
     * {@code base} with what {@link #text} wrote, checked as {@link #read} checks a stamp; a stamp without an actor
     * carries only its reason, correlation id and request context. The request context is kept only where
     * {@code base} has none: each of its values is neutralised and cut to the length the request filter keeps,
     * and a request id other than 1 to {@value #MAX_REQUEST_ID} of {@code A-Z a-z 0-9 . _ : -} is dropped.
     * {@code null} if {@code text} is {@code null}, is not such a line, or names an invalid actor.
     */
    public static Scope fromText(String text, Scope base) {
        if (text == null || text.length() > MAX_TEXT) {
            return null;
        }
        Map<String, String> properties = new HashMap<>();
        for (String pair : text.split("&")) {
            int equals = pair.indexOf('=');
            if (equals <= 0) {
                return null;
            }
            try {
                properties.put(pair.substring(0, equals), URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException malformed) {
                return null;
            }
        }
        Scope read;
        if (properties.containsKey(ACTOR_TYPE) || properties.containsKey(ACTOR_ID)) {
            read = read(properties::get, base);
        } else {
            read = properties.containsKey(ON_BEHALF_OF_TYPE) || properties.containsKey(ON_BEHALF_OF_ID) ? null
                    : withReasonAndCorrelation(properties::get, base);
        }
        return read == null || read.request() != null ? read : withRequest(properties, read);
    }

    private static Scope withRequest(Map<String, String> properties, Scope scope) {
        String address = properties.get(CLIENT_ADDRESS);
        String userAgent = properties.get(USER_AGENT);
        String method = properties.get(METHOD);
        String path = properties.get(PATH);
        String requestId = properties.get(REQUEST_ID);
        if (address == null && userAgent == null && method == null && path == null && requestId == null) {
            return scope;
        }
        if (requestId != null && !REQUEST_ID_FORM.matcher(requestId).matches()) {
            LOG.warning("ignored a malformed stamped " + REQUEST_ID + " (" + requestId.length() + " characters)");
            requestId = null;
        }
        return scope.withRequest(new RequestInfo(Text.clean(address, MAX_ADDRESS), Text.clean(userAgent, MAX_REQUEST_TEXT),
                Text.clean(method, MAX_METHOD), Text.clean(path, MAX_REQUEST_TEXT), requestId));
    }

    /**
     * {@code base} with the stamped actor, reason and correlation id, or {@code null} if there is no valid stamp.
     * Every value comes from outside and is checked: an actor whose type is not an {@link ActorType} or whose
     * id is blank, longer than {@value #MAX_ID} characters or holds a control character makes the stamp
     * invalid (the work then runs as if unstamped); a correlation id other than 1 to {@value #MAX_CORRELATION}
     * of {@code A-Z a-z 0-9 . _ : -} is dropped (the action makes a new one); a reason is neutralised and cut to
     * {@value #MAX_REASON} characters.
     */
    public static Scope read(Function<String, String> property, Scope base) {
        Actor actor = actor(property.apply(ACTOR_TYPE), property.apply(ACTOR_ID));
        if (actor == null) {
            return null;
        }
        String onBehalfOfType = property.apply(ON_BEHALF_OF_TYPE);
        String onBehalfOfId = property.apply(ON_BEHALF_OF_ID);
        if (onBehalfOfType != null || onBehalfOfId != null) {
            Actor principal = actor(onBehalfOfType, onBehalfOfId);
            if (principal == null) {
                return null;
            }
            actor = actor.onBehalfOf(principal);
        }
        return withReasonAndCorrelation(property, base.withActor(actor));
    }

    private static Scope withReasonAndCorrelation(Function<String, String> property, Scope scope) {
        String correlationId = property.apply(CORRELATION_ID);
        if (correlationId != null && CORRELATION.matcher(correlationId).matches()) {
            scope = scope.withCorrelationId(correlationId);
        } else if (correlationId != null) {
            LOG.warning("ignored a malformed stamped " + CORRELATION_ID + " (" + correlationId.length() + " characters)");
        }
        String reason = property.apply(REASON);
        return reason == null || reason.isBlank() ? scope : scope.withReason(Text.clean(reason, MAX_REASON));
    }

    private static Actor actor(String type, String id) {
        if (type == null || id == null) {
            return null;
        }
        ActorType actorType;
        try {
            actorType = ActorType.valueOf(type);
        } catch (IllegalArgumentException unknown) {
            LOG.warning("ignored a stamp with an unknown actor type (" + Text.clean(type, 32) + ")");
            return null;
        }
        if (id.isBlank() || id.length() > MAX_ID || id.chars().anyMatch(Character::isISOControl)) {
            LOG.warning("ignored a stamp with a malformed actor id (" + id.length() + " characters)");
            return null;
        }
        return new Actor(actorType, id);
    }
}
