package dev.attest.internal.web;

import dev.attest.internal.jsonapi.AuditApiServlet;
import dev.attest.internal.jsonapi.RetentionApiServlet;
import dev.attest.internal.config.AttestConfig;
import dev.attest.internal.lifecycle.ApplicationStopListener;
import dev.attest.internal.security.SessionEvents;
import dev.attest.internal.ui.AuditPageServlet;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.HttpConstraintElement;
import jakarta.servlet.ServletSecurityElement;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRegistration;
import org.eclipse.microprofile.config.ConfigProvider;

import java.util.EnumSet;
import java.util.Set;

/**
 * Registers Attest's request filter and its security filter in front of the application's own filters (in whichever
 * order the container puts them: see {@link ContextualSecurityFilter}),
 * the session listener that records logouts and expiry, the listener that records the application's stop, and the read-only audit JSON API ({@code /audit/api/*}) and
 * page ({@code /audit/*}); no {@code web.xml} edit. All of it portable: the same on every server.
 */
public class AttestInitializer implements ServletContainerInitializer {

    @Override
    public void onStartup(Set<Class<?>> classes, ServletContext context) {
        FilterRegistration.Dynamic filter = context.addFilter("attest-request-context", RequestContextFilter.class);
        if (filter != null) {
            filter.setAsyncSupported(true);
            filter.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/*");
        }
        FilterRegistration.Dynamic security = context.addFilter("attest-security", ContextualSecurityFilter.class);
        if (security != null) {
            security.setAsyncSupported(true);
            security.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/*");
        }
        context.addListener(SessionEvents.class);
        context.addListener(ApplicationStopListener.class);
        registerBrowser(context);
    }

    private static void registerBrowser(ServletContext context) {
        context.declareRoles(AttestConfig.viewerRole(ConfigProvider.getConfig(context.getClassLoader())));
        // any authenticated user passes the container, so that its login mechanism answers a missing login
        // with its own challenge (401); the servlets themselves check the viewer role, to record a denial
        ServletSecurityElement loginRequired = new ServletSecurityElement(new HttpConstraintElement(
                jakarta.servlet.annotation.ServletSecurity.TransportGuarantee.NONE, "**"));
        ServletRegistration.Dynamic api = context.addServlet("attest-audit-api", AuditApiServlet.class);
        if (api != null) {
            api.addMapping("/audit/api/*");
            api.setServletSecurity(loginRequired);
        }
        ServletRegistration.Dynamic retention = context.addServlet("attest-retention-api", RetentionApiServlet.class);
        if (retention != null) {
            retention.addMapping("/audit/api/holds", "/audit/api/holds/*", "/audit/api/erasures", "/audit/api/erasures/*");
            retention.setServletSecurity(loginRequired);
        }
        ServletRegistration.Dynamic page = context.addServlet("attest-audit-page", AuditPageServlet.class);
        if (page != null) {
            page.addMapping("/audit/*");
            page.setServletSecurity(loginRequired);
        }
    }
}
